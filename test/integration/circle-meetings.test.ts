import { expect } from 'chai';
import ICAL from 'ical.js';
import { buildCircleWorld, useToolAndCanvas, type CircleWorld } from '../support/circle-life-world.js';

const meetingForm = (overrides: Record<string, string> = {}) => ({
  date: '2027-03-10', time: '09:30', durationMinutes: '45', mode: 'virtual', place: 'https://video.example/room?id=7,8;9',
  agenda: 'Goals, blockers; next steps\nThen: a long second line that goes on well past the seventy-five octet limit — ünïcödé included',
  notes: 'Private: talked about a difficult colleague', ...overrides,
});
const yesterday = () => new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);

describe('meetings of a circle', () => {
  const env = useToolAndCanvas();
  let world: CircleWorld;

  beforeEach(async () => {
    world = await buildCircleWorld(env.tool, env.canvas, ['mentor', 'mentee'], { timeZone: 'America/New_York' });
  });

  const schedule = async (overrides: Record<string, string> = {}) => {
    const res = await world.post(world.members[1]!, '/meetings', meetingForm(overrides));
    expect(res.status, res.text).to.equal(303);
    return /\/meetings\/([0-9a-f-]{36})/.exec(res.headers.location!)![1]!;
  };

  it('when a member schedules a meeting in the circle\'s zone, then it is stored in UTC across the DST change and meeting_scheduled is recorded', async () => {
    const winter = await schedule();
    const summer = await schedule({ date: '2027-03-20' });
    const rows = await env.tool.db.selectFrom('circle_meetings').select(['id', 'starts_at']).where('circle_id', '=', world.circleId).execute();
    expect(rows.find((r) => r.id === winter)!.starts_at.toISOString()).to.equal('2027-03-10T14:30:00.000Z');
    expect(rows.find((r) => r.id === summer)!.starts_at.toISOString()).to.equal('2027-03-20T13:30:00.000Z');
    const events = await world.events('meeting_scheduled');
    expect(events.map((e) => e.data).find((d) => d.meetingId === winter)).to.deep.equal({ meetingId: winter, startsAt: '2027-03-10T14:30:00.000Z', durationMinutes: 45 });
    const page = await world.members[0]!.get(world.path());
    expect(page.text).to.contain('Wed, 10 Mar 2027, 09:30').and.to.contain('Sat, 20 Mar 2027, 09:30');
  });

  it('when the .ics is downloaded, then it parses as RFC 5545 with UTC times, a stable UID, escaped text, CRLF and folded lines, and no private notes', async () => {
    const id = await schedule();
    const res = await world.members[0]!.get(world.path(`/meetings/${id}/invite.ics`));
    expect(res.status).to.equal(200);
    expect(res.headers['content-type']).to.match(/^text\/calendar/);
    expect(res.headers['content-disposition']).to.contain('attachment').and.to.contain('.ics');
    const text = res.text;
    expect(text.replace(/\r\n/g, '')).not.to.match(/[\r\n]/);
    const lines = text.split('\r\n');
    expect(lines.every((l) => Buffer.byteLength(l) <= 75), 'no line over 75 octets').to.equal(true);
    expect(lines.some((l) => l.startsWith(' ')), 'long lines are folded').to.equal(true);
    expect(text).to.contain('DTSTART:20270310T143000Z').and.to.contain('DTEND:20270310T151500Z').and.not.to.contain('difficult colleague');

    const vevent = new ICAL.Component(ICAL.parse(text)).getFirstSubcomponent('vevent')!;
    const event = new ICAL.Event(vevent);
    expect(event.uid).to.equal(`meeting-${id}@tool.test`);
    expect(event.startDate.toJSDate().toISOString()).to.equal('2027-03-10T14:30:00.000Z');
    expect(event.location).to.equal('https://video.example/room?id=7,8;9');
    expect(event.description).to.contain(meetingForm().agenda).and.to.contain('2027-03-10 09:30 (America/New_York)');
    expect(vevent.getFirstPropertyValue('sequence')).to.equal(0);

    const changed = await world.post(world.members[0]!, `/meetings/${id}`, meetingForm({ time: '10:00', notes: 'Updated notes' }));
    expect(changed.status, changed.text).to.equal(303);
    const again = new ICAL.Event(new ICAL.Component(ICAL.parse((await world.members[1]!.get(world.path(`/meetings/${id}/invite.ics`))).text)).getFirstSubcomponent('vevent')!);
    expect(again.uid, 'UID stays for the same meeting').to.equal(event.uid);
    expect(again.sequence).to.equal(1);
    expect(again.startDate.toJSDate().toISOString()).to.equal('2027-03-10T15:00:00.000Z');
  });

  it('when a local time does not exist (clocks spring forward), then the time is flagged and nothing is saved', async () => {
    const res = await world.post(world.members[0]!, '/meetings', meetingForm({ date: '2027-03-14', time: '02:30' }));
    expect(res.status).to.equal(422);
    expect(res.text).to.contain('id="time-error"').and.to.contain('does not exist on 2027-03-14 in America/New_York');
    const bad = await world.post(world.members[0]!, '/meetings', meetingForm({ durationMinutes: '2', mode: 'phone', time: '9am' }));
    expect(bad.text).to.contain('id="durationMinutes-error"').and.to.contain('id="mode-error"').and.to.contain('id="time-error"');
    const both = await world.post(world.members[0]!, '/meetings', meetingForm({ date: '2027-03-14', time: '02:30', durationMinutes: '2' }));
    expect(both.text, 'every problem at once').to.contain('id="durationMinutes-error"').and.to.contain('(the clocks change)');
    expect(await env.tool.db.selectFrom('circle_meetings').select('id').where('circle_id', '=', world.circleId).execute()).to.have.length(0);
    expect(await world.events('meeting_scheduled')).to.have.length(0);
  });

  it('when members mark who attended a past meeting, then each newly marked member has one meeting_attended event', async () => {
    const [mentor, mentee] = world.members as [CircleWorld['staff'], CircleWorld['staff']];
    const id = await schedule({ date: yesterday(), time: '10:00' });
    const [mentorP, menteeP] = await Promise.all(['mentor', 'mentee'].map(async (role) => (await env.tool.db.selectFrom('circle_members').select('participant_id')
      .where('circle_id', '=', world.circleId).where('role', '=', role as 'mentor').executeTakeFirstOrThrow()).participant_id));
    expect((await world.post(mentee, `/meetings/${id}/attendance`, { attendees: [mentorP!, menteeP!] })).status).to.equal(303);
    await world.post(mentor, `/meetings/${id}/attendance`, { attendees: [mentorP!] });
    await world.post(mentor, `/meetings/${id}/attendance`, { attendees: [mentorP!, menteeP!] });
    const attended = await world.events('meeting_attended');
    expect(attended.map((e) => e.actorUserId).sort()).to.deep.equal([world.userIdOf(mentor), world.userIdOf(mentee)].sort());
    expect(attended[0]!.data).to.deep.equal({ meetingId: id, durationMinutes: 45 });
    expect((await mentor.get(world.path())).text).to.contain('attended by Mona Mentor, Mel Mentee 1');
  });

  it('when attendance is sent for a meeting still to come, or names an outsider, then it is refused inline', async () => {
    const id = await schedule();
    const outsiderP = (await env.tool.db.selectFrom('participants').select('id').where('program_id', '=', world.programId).where('user_id', '=', world.userIdOf(world.outsider)).executeTakeFirstOrThrow()).id;
    const early = await world.post(world.members[0]!, `/meetings/${id}/attendance`, { attendees: outsiderP });
    expect(early.status).to.equal(422);
    expect(early.text).to.contain('once the meeting has started');
    const past = await schedule({ date: yesterday() });
    const stranger = await world.post(world.members[0]!, `/meetings/${past}/attendance`, { attendees: outsiderP });
    expect(stranger.status).to.equal(422);
    expect(stranger.text).to.contain('Choose people of this circle.');
    expect(await world.events('meeting_attended')).to.have.length(0);
  });
});
