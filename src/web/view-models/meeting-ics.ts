import ical, { ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import type { Meeting } from '../../mentoring/circle-life/meeting-ports.js';
import { toLocal } from '../../shared/zoned-time.js';

export interface InvitationInput {
  meeting: Meeting;
  circleName: string;
  programTitle: string;
  timeZone: string;
  /** The tool's public host: with the meeting id it makes a UID that never changes for this meeting. */
  host: string;
}

/**
 * An RFC 5545 invitation for one meeting. Times are written in UTC (`…Z`), which every calendar
 * shows in its own zone without needing a VTIMEZONE block; the circle's zone is named in the
 * description. SEQUENCE follows the meeting's changes so a new download replaces the old copy.
 * Private notes are never included. @see https://www.rfc-editor.org/rfc/rfc5545#section-3.6.1
 */
export function meetingInvitation({ meeting, circleName, programTitle, timeZone, host }: InvitationInput): string {
  const local = toLocal(meeting.startsAt, timeZone);
  const description = [
    `${programTitle}: ${circleName}.`,
    `Planned for ${local.date} ${local.time} (${timeZone}), ${meeting.durationMinutes} minutes, ${meeting.mode === 'virtual' ? 'virtual' : 'in person'}.`,
    meeting.agenda ? `Agenda:\n${meeting.agenda}` : null,
  ].filter(Boolean).join('\n\n');
  const calendar = ical({ prodId: '//Mentoring Circles//Meetings//EN', method: ICalCalendarMethod.PUBLISH });
  calendar.createEvent({
    id: `meeting-${meeting.id}@${host}`,
    sequence: meeting.sequence,
    stamp: meeting.updatedAt,
    start: meeting.startsAt,
    end: new Date(meeting.startsAt.getTime() + meeting.durationMinutes * 60_000),
    summary: `Mentoring: ${circleName}`,
    description,
    location: meeting.place ?? null,
    status: ICalEventStatus.CONFIRMED,
  });
  return calendar.toString();
}
