import { expect } from 'chai';
import ICAL from 'ical.js';
import { meetingInvitationText, type InvitationInput } from '../../../src/notify/meeting-invitation.js';

const input = (overrides: Partial<InvitationInput> = {}): InvitationInput => ({
  meeting: {
    id: '7d1c6f9e-0000-4000-8000-000000000001', startsAt: '2027-03-20T13:30:00.000Z', durationMinutes: 45,
    mode: 'virtual', place: 'https://video.example/room?id=7,8;9', agenda: 'Goals; blockers, next steps',
    sequence: 2, updatedAt: '2027-03-01T10:00:00.000Z',
  },
  method: 'REQUEST', circleName: 'Circle, one', programTitle: 'Leaders', timeZone: 'America/New_York',
  members: [
    { userId: 'a', name: 'Mona "M" Mentor', email: 'mona@example.test', role: 'mentor' },
    { userId: 'b', name: 'Mel Mentee', email: null, role: 'mentee' },
    { userId: 'c', name: 'Ünï Cödé with a very long name that goes on and on past the fold', email: 'uni@example.test', role: 'mentee' },
  ],
  organizer: { name: 'Mentoring Circles', email: 'mentoring@tool.test' }, host: 'tool.test',
  ...overrides,
});

function parse(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  for (const tz of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(tz);
  return { calendar, event: new ICAL.Event(calendar.getFirstSubcomponent('vevent')!) };
}

describe('meeting invitation (.ics for mail)', () => {
  for (const [zone, local] of [['America/New_York', '09:30'], ['Asia/Kolkata', '19:00'], ['Australia/Sydney', '00:30'], ['Europe/London', '13:30']] as const) {
    it(`when the circle is in ${zone}, then DTSTART names the zone, its VTIMEZONE gives the right instant`, () => {
      const text = meetingInvitationText(input({ timeZone: zone }));
      expect(text).to.contain(`DTSTART;TZID=${zone}:`).and.to.contain(`T${local.replace(':', '')}00`);
      const { event, calendar } = parse(text);
      expect(calendar.getFirstPropertyValue('method')).to.equal('REQUEST');
      expect(event.startDate.zone.tzid).to.equal(zone);
      expect(event.startDate.toJSDate().toISOString()).to.equal('2027-03-20T13:30:00.000Z');
      expect(event.endDate.toJSDate().toISOString()).to.equal('2027-03-20T14:15:00.000Z');
    });
  }

  it('when members have e-mail, then each is an ATTENDEE, the organizer is the tool, UID and SEQUENCE are stable', () => {
    const text = meetingInvitationText(input());
    const lines = text.split('\r\n');
    expect(lines.every((l) => Buffer.byteLength(l) <= 75)).to.equal(true);
    const { event } = parse(text);
    expect(event.uid).to.equal('meeting-7d1c6f9e-0000-4000-8000-000000000001@tool.test');
    expect(event.sequence).to.equal(2);
    expect(event.attendees.map((a) => a.getFirstValue())).to.deep.equal(['mailto:mona@example.test', 'mailto:uni@example.test']);
    expect(event.attendees[0]!.getParameter('cn')).to.equal('Mona M Mentor');
    expect(event.organizer).to.equal('mailto:mentoring@tool.test');
    expect(event.location).to.equal('https://video.example/room?id=7,8;9');
    expect(event.summary).to.equal('Mentoring: Circle, one');
  });

  it('when the meeting is cancelled, then METHOD is CANCEL and STATUS CANCELLED with the same UID', () => {
    const { calendar, event } = parse(meetingInvitationText(input({ method: 'CANCEL' })));
    expect(calendar.getFirstPropertyValue('method')).to.equal('CANCEL');
    expect(event.component.getFirstPropertyValue('status')).to.equal('CANCELLED');
    expect(event.uid).to.equal('meeting-7d1c6f9e-0000-4000-8000-000000000001@tool.test');
  });
});
