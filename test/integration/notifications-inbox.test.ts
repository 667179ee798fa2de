import { expect } from 'chai';
import request from 'supertest';
import {
  buildNotifyWorld, drain, emailOf, mailSettings, useToolWithSmtp, type NotifyWorld,
} from '../support/smtp-notify-world.js';

const yesterday = () => new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
const meetingForm = (date: string, overrides: Record<string, string> = {}) => ({
  date, time: '10:00', durationMinutes: '60', mode: 'in_person', place: 'Room 4', ...overrides,
});
const SETTINGS = mailSettings();

describe('notification inbox, mail settings and digests', function () {
  this.timeout(120_000);
  const env = useToolWithSmtp();
  let world: NotifyWorld;

  beforeEach(async () => {
    world = await buildNotifyWorld(env, ['mentor', 'mentee', 'mentee'], 'Europe/Berlin');
  });

  const schedule = async (date: string, overrides: Record<string, string> = {}) => {
    const res = await world.post(world.members[0]!, '/meetings', meetingForm(date, overrides));
    expect(res.status, res.text).to.equal(303);
    return /\/meetings\/([0-9a-f-]{36})/.exec(res.headers.location!)![1]!;
  };
  const participantIdOf = async (i: number) => (await env.tool.db.selectFrom('circle_members as m')
    .innerJoin('participants as p', 'p.id', 'm.participant_id').select('m.participant_id')
    .where('m.circle_id', '=', world.circleId).where('p.user_id', '=', world.userIdOf(world.members[i]!))
    .executeTakeFirstOrThrow()).participant_id;
  const mailsTo = (i: number) => env.smtp.to(emailOf(world, world.members[i]!));
  const rowsOf = (i: number) => env.tool.db.selectFrom('notifications').selectAll()
    .where('user_id', '=', world.userIdOf(world.members[i]!)).orderBy('created_at').execute();

  it('when a member chose the weekly digest for meetings, then two meetings arrive as one digest mail, once', async () => {
    const mentee = world.members[1]!;
    const saved = await mentee.post('/notifications/settings', { ...SETTINGS, meeting: 'digest' }, '/notifications/settings');
    expect(saved.status, saved.text).to.equal(303);
    await schedule('2027-05-03');
    await schedule('2027-05-10');
    await drain(env);
    expect(mailsTo(1).filter((m) => m.parsed.subject?.startsWith('Meeting')), 'no single meeting mails').to.have.length(0);
    expect(mailsTo(2).filter((m) => m.parsed.subject?.startsWith('Meeting'))).to.have.length(2);

    expect(await env.tool.app.notifications.dispatcher!.sendDigests()).to.be.greaterThan(0);
    await env.tool.app.notifications.dispatcher!.sendDigests();
    const digests = mailsTo(1).filter((m) => m.parsed.subject?.startsWith('Your mentoring week'));
    expect(digests, 'one digest').to.have.length(1);
    expect(digests[0]!.parsed.subject).to.equal('Your mentoring week: 2 updates');
    const text = digests[0]!.parsed.text!;
    expect(text).to.contain('Mon, 3 May 2027, 10:00 (Europe/Berlin)').and.to.contain('Mon, 10 May 2027, 10:00 (Europe/Berlin)');
    expect(digests[0]!.raw).to.match(/List-Unsubscribe-Post: List-Unsubscribe=One-Click/);
    expect((await rowsOf(1)).filter((r) => r.topic === 'meeting_scheduled').map((r) => r.mail_status)).to.deep.equal(['sent', 'sent']);
  });

  it('when a learner opens the inbox, then the home page counts unread, opening one reads it and leads to its page', async () => {
    await schedule('2027-06-01');
    const mentee = world.members[1]!;
    const home = await mentee.get('/home');
    expect(home.text).to.contain('Notifications').and.to.contain('2 new');
    const staffHome = await world.staff.get('/home');
    expect(staffHome.text).not.to.contain('inbox-line');
    const inbox = await mentee.get('/notifications');
    expect(inbox.status).to.equal(200);
    expect(inbox.text).to.contain(`You are in a mentoring circle: ${world.circleName}`).and.to.contain(`Meeting scheduled: ${world.circleName}`);
    const meetingRow = (await rowsOf(1)).find((r) => r.topic === 'meeting_scheduled')!;
    const opened = await mentee.get(`/notifications/${meetingRow.id}`);
    expect(opened.status).to.equal(303);
    expect(opened.headers.location).to.match(new RegExp(`^/programs/${world.programId}/circles/${world.circleId}/meetings/[0-9a-f-]{36}\\?s=`));
    expect((await mentee.get('/home')).text).to.contain('1 new');
    const read = await mentee.post('/notifications/read', {}, '/notifications');
    expect(read.status).to.equal(303);
    expect((await mentee.get('/home')).text).to.contain('nothing new');
  });

  it('when staff remind those with an incomplete profile, then only people without a circle hear, at most once a day', async () => {
    const page = await world.staff.get(`/staff/programs/${world.programId}/notifications`);
    expect(page.text).to.contain('1 participant(s) without a circle have not completed their profile');
    const remindPath = `/staff/programs/${world.programId}/notifications/remind`;
    const learner = await world.members[1]!.post(remindPath, {}, '/notifications');
    expect(learner.status).to.equal(403);
    const sent = await world.staff.post(remindPath, {}, `/staff/programs/${world.programId}/notifications`);
    expect(sent.headers.location).to.contain('notice=reminded');
    const reminders = await env.tool.db.selectFrom('notifications').select('user_id').where('topic', '=', 'profile_reminder')
      .where('program_id', '=', world.programId).execute();
    expect(reminders.map((r) => r.user_id)).to.deep.equal([world.userIdOf(world.outsider)]);
    const again = await world.staff.post(remindPath, {}, `/staff/programs/${world.programId}/notifications`);
    expect(again.headers.location).to.contain('notice=none-due');
    await drain(env);
    const mail = env.smtp.to(emailOf(world, world.outsider)).filter((m) => m.parsed.subject?.startsWith('Please finish your profile'));
    expect(mail).to.have.length(1);
    expect((await world.outsider.get('/notifications')).text).to.contain('Please finish your profile');
  });

  it('when someone opens another person\'s notification or sends bad settings, then they get a clear 4xx and nothing changes', async () => {
    await schedule('2027-06-01');
    const theirs = (await rowsOf(2))[0]!;
    const attacker = world.members[1]!;
    const res = await attacker.get(`/notifications/${theirs.id}`);
    expect(res.status).to.equal(404);
    expect(res.text).to.contain('no such notification');
    expect((await rowsOf(2))[0]!.read_at, 'still unread').to.equal(null);
    const outsider = await world.outsider.get(`/notifications/${theirs.id}`);
    expect(outsider.status).to.equal(404);
    expect((await attacker.get('/notifications/not-a-uuid')).status).to.equal(404);

    const bad = await attacker.post('/notifications/settings', { ...SETTINGS, meeting: 'hourly', prompt: '' }, '/notifications/settings');
    expect(bad.status).to.equal(422);
    expect(bad.text).to.contain('id="meeting-error"').and.to.contain('id="prompt-error"');
    const prefs = await env.tool.db.selectFrom('notification_preferences').selectAll()
      .where('user_id', '=', world.userIdOf(attacker)).execute();
    expect(prefs).to.have.length(0);
    const staffPage = await attacker.get(`/staff/programs/${world.programId}/notifications`);
    expect(staffPage.status).to.equal(403);
    const otherCourse = await buildNotifyWorld(env, ['mentor', 'mentee']);
    const foreign = await otherCourse.staff.get(`/staff/programs/${world.programId}/notifications`);
    expect(foreign.status, 'another course\'s staff').to.equal(404);
    const foreignItem = await otherCourse.members[0]!.get(`/notifications/${theirs.id}`);
    expect(foreignItem.status).to.equal(404);
    const noSession = await request(env.tool.app.express).get('/notifications');
    expect(noSession.status, 'no session, no inbox').to.be.within(400, 403);
  });

  it('when a member has no e-mail from the LMS, then the notification stays in their inbox, and no private text is in any notification', async () => {
    await env.tool.db.updateTable('users').set({ email: null }).where('id', '=', world.userIdOf(world.members[2]!)).execute();
    const id = await schedule(yesterday(), { notes: 'SECRET-NOTES about a colleague', agenda: 'Plan' });
    const feedback = await world.post(world.members[1]!, `/meetings/${id}/feedback`, {
      toParticipantId: await participantIdOf(0), rating: '4', comment: 'SECRET-FEEDBACK you helped',
    });
    expect(feedback.status, feedback.text).to.equal(303);
    await drain(env);
    const rows = await rowsOf(2);
    expect(rows.find((r) => r.topic === 'meeting_scheduled')!.mail_status).to.equal('no_address');
    const inbox = await world.members[2]!.get('/notifications');
    expect(inbox.text).to.contain('not e-mailed (the LMS shares no e-mail address)');
    const settings = await world.members[2]!.get('/notifications/settings');
    expect(settings.text).to.contain('does not share your e-mail address');
    const all = await env.tool.db.selectFrom('notifications').select('facts').where('program_id', '=', world.programId).execute();
    const stored = JSON.stringify(all);
    const mailed = [0, 1, 2].flatMap(mailsTo).map((m) => m.raw).join('\n');
    for (const secret of ['SECRET-NOTES', 'SECRET-FEEDBACK']) {
      expect(stored, `${secret} is not stored in notifications`).not.to.contain(secret);
      expect(mailed, `${secret} is not mailed`).not.to.contain(secret);
    }
  });
});
