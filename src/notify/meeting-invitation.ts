import type { MeetingFacts, MemberFacts } from '../mentoring/notifications/messages.js';
import { calendarText, escapeText, localStamp, paramValue, utcStamp } from './ical-text.js';
import { vtimezoneLines } from './vtimezone.js';

export interface InvitationInput {
  meeting: MeetingFacts;
  method: 'REQUEST' | 'CANCEL';
  circleName: string;
  programTitle: string;
  timeZone: string;
  members: MemberFacts[];
  /** The tool's mail sender: the organizer of every circle meeting it announces. */
  organizer: { name: string; email: string };
  /** The tool's public host: with the meeting id it makes a UID that never changes. */
  host: string;
}

const attendee = (m: MemberFacts) =>
  `ATTENDEE;CN=${paramValue(m.name ?? m.email!)};ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;`
  + `RSVP=FALSE:mailto:${m.email}`;

/**
 * An iTIP invitation (RFC 5546): the same UID as the meeting page's download, SEQUENCE the
 * meeting's change count (calendars replace the older copy), times in the circle's zone with its
 * VTIMEZONE, an ATTENDEE per member the LMS shared an e-mail of. Never the private notes.
 * @see https://www.rfc-editor.org/rfc/rfc5546#section-3.2.2
 */
export function meetingInvitationText(input: InvitationInput): string {
  const { meeting, timeZone, method } = input;
  const start = new Date(meeting.startsAt);
  const end = new Date(start.getTime() + meeting.durationMinutes * 60_000);
  const description = [
    `${input.programTitle}: ${input.circleName}.`,
    `${meeting.durationMinutes} minutes, ${meeting.mode === 'virtual' ? 'virtual' : 'in person'}.`,
    meeting.agenda ? `Agenda:\n${meeting.agenda}` : null,
  ].filter(Boolean).join('\n\n');
  const lines = [
    'BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Mentoring Circles//Meetings//EN',
    'CALSCALE:GREGORIAN', `METHOD:${method}`,
    ...vtimezoneLines(timeZone, start),
    'BEGIN:VEVENT',
    `UID:meeting-${meeting.id}@${input.host}`,
    `SEQUENCE:${meeting.sequence}`,
    `DTSTAMP:${utcStamp(new Date(meeting.updatedAt))}`,
    `DTSTART;TZID=${timeZone}:${localStamp(start, timeZone)}`,
    `DTEND;TZID=${timeZone}:${localStamp(end, timeZone)}`,
    `SUMMARY:${escapeText(`Mentoring: ${input.circleName}`)}`,
    `DESCRIPTION:${escapeText(description)}`,
    ...(meeting.place ? [`LOCATION:${escapeText(meeting.place)}`] : []),
    `ORGANIZER;CN=${paramValue(input.organizer.name)}:mailto:${input.organizer.email}`,
    ...input.members.filter((m) => m.email).map(attendee),
    `STATUS:${method === 'CANCEL' ? 'CANCELLED' : 'CONFIRMED'}`,
    'END:VEVENT', 'END:VCALENDAR',
  ];
  return calendarText(lines);
}
