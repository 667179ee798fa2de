import { expect } from 'chai';
import request from 'supertest';
import {
  buildNotifyWorld, calendarOf, drain, emailOf, useToolWithSmtp, type NotifyWorld,
} from '../support/smtp-notify-world.js';

const meetingForm = (overrides: Record<string, string> = {}) => ({
  date: '2027-03-10', time: '18:30', durationMinutes: '45', mode: 'virtual', place: 'https://video.example/room',
  agenda: 'Goals and next steps', notes: 'PRIVATE-NOTES talked about a difficult colleague', ...overrides,
});

describe('notification mail through a real SMTP server', function () {
  this.timeout(120_000);
  const env = useToolWithSmtp();
  let world: NotifyWorld;

  beforeEach(async () => {
    world = await buildNotifyWorld(env, ['mentor', 'mentee', 'mentee']);
  });

  const schedule = async (overrides: Record<string, string> = {}) => {
    const res = await world.post(world.members[0]!, '/meetings', meetingForm(overrides));
    expect(res.status, res.text).to.equal(303);
    return /\/meetings\/([0-9a-f-]{36})/.exec(res.headers.location!)![1]!;
  };
  const mailsOf = (i: number, about = 'Meeting') =>
    env.smtp.to(emailOf(world, world.members[i]!)).filter((m) => m.parsed.subject?.startsWith(about));

  it('when a mentor schedules a meeting, then each other member gets one mail with an invitation in the circle\'s zone, and a change updates the same event', async () => {
    const id = await schedule();
    await drain(env);
    await drain(env);
    expect(mailsOf(0), 'the organizer of the meeting is not mailed').to.have.length(0);
    for (const i of [1, 2]) {
      const mails = mailsOf(i);
      expect(mails, `member ${i} gets exactly one mail`).to.have.length(1);
      const mail = mails[0]!;
      expect(mail.parsed.subject).to.equal(`Meeting scheduled: ${world.circleName}`);
      expect(mail.parsed.text).to.contain('Wed, 10 Mar 2027, 18:30 (Asia/Kolkata)');
      expect(mail.parsed.text, 'the link goes back through the LMS').to.contain(`${env.canvas.url}/courses/`);
      const { calendar, event } = calendarOf(mail);
      expect(calendar.getFirstPropertyValue('method')).to.equal('REQUEST');
      expect(event.uid).to.equal(`meeting-${id}@tool.test`);
      expect(event.sequence).to.equal(0);
      expect(event.startDate.zone.tzid).to.equal('Asia/Kolkata');
      expect(event.startDate.toJSDate().toISOString()).to.equal('2027-03-10T13:00:00.000Z');
      const attendees = event.attendees.map((a) => String(a.getFirstValue()).replace(/^mailto:/i, '').toLowerCase());
      expect(attendees).to.have.members([0, 1, 2].map((m) => emailOf(world, world.members[m]!).toLowerCase()));
    }

    const changed = await world.post(world.members[1]!, `/meetings/${id}`, meetingForm({ time: '19:00' }));
    expect(changed.status, changed.text).to.equal(303);
    const notesOnly = await world.post(world.members[1]!, `/meetings/${id}`, meetingForm({ time: '19:00', notes: 'PRIVATE-NOTES more' }));
    expect(notesOnly.status).to.equal(303);
    await drain(env);
    const update = mailsOf(0);
    expect(update, 'one mail for the change; none for a change of the private notes').to.have.length(1);
    expect(update[0]!.parsed.subject).to.equal(`Meeting changed: ${world.circleName}`);
    const { event } = calendarOf(update[0]!);
    expect(event.uid, 'the same event').to.equal(`meeting-${id}@tool.test`);
    expect(event.sequence, 'a higher SEQUENCE replaces the older copy').to.equal(1);
    expect(event.startDate.toJSDate().toISOString()).to.equal('2027-03-10T13:30:00.000Z');
    expect(mailsOf(1), 'who changed it is not mailed').to.have.length(1);
    const everything = [0, 1, 2].flatMap((i) => mailsOf(i, '')).map((m) => m.raw).join('\n');
    expect(everything, 'private notes never travel').not.to.contain('PRIVATE-NOTES');
  });

  it('when a member cancels a coming meeting, then the others get a CANCEL of the same event; a started one or an outsider cannot', async () => {
    const id = await schedule();
    await drain(env);
    const outsider = await world.post(world.outsider, `/meetings/${id}/cancel`, {});
    expect(outsider.status).to.be.within(403, 404);
    const cancelled = await world.post(world.members[1]!, `/meetings/${id}/cancel`, {});
    expect(cancelled.status, cancelled.text).to.equal(303);
    expect(cancelled.headers.location).to.contain('notice=meeting-cancelled');
    expect(await env.tool.db.selectFrom('circle_meetings').select('id').where('id', '=', id).execute()).to.have.length(0);
    await drain(env);
    for (const i of [0, 2]) {
      const mails = mailsOf(i, 'Meeting cancelled');
      expect(mails, `member ${i}`).to.have.length(1);
      const { calendar, event } = calendarOf(mails[0]!);
      expect(calendar.getFirstPropertyValue('method')).to.equal('CANCEL');
      expect(event.uid).to.equal(`meeting-${id}@tool.test`);
      expect(event.sequence, 'above every invitation sent before').to.equal(1);
      expect(mails[0]!.parsed.text).to.contain('Wed, 10 Mar 2027, 18:30 (Asia/Kolkata)');
    }
    expect(mailsOf(1, 'Meeting cancelled'), 'who cancelled is not mailed').to.have.length(0);
    const past = await schedule({ date: new Date(Date.now() - 86_400_000).toISOString().slice(0, 10) });
    const late = await world.post(world.members[1]!, `/meetings/${past}/cancel`, {});
    expect(late.status).to.equal(409);
    expect(late.text).to.contain('cannot be cancelled');
    expect(await env.tool.db.selectFrom('circle_meetings').select('id').where('id', '=', past).execute()).to.have.length(1);
  });

  it('when the one-click unsubscribe is posted without a session, then that kind is mailed no more and still reaches the inbox', async () => {
    await schedule();
    await drain(env);
    const mail = mailsOf(1)[0]!;
    const head = mail.raw.slice(0, mail.raw.indexOf('\r\n\r\n')).replace(/\r\n[ \t]+/g, ' ');
    expect(head).to.match(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click$/m);
    const url = new URL(/^List-Unsubscribe: <([^>]+)>$/m.exec(head)![1]!);
    expect(url.origin).to.equal('https://tool.test');
    const tampered = await request(env.tool.app.express).post(`${url.pathname}?t=${url.searchParams.get('t')!.slice(0, -2)}xx`)
      .type('form').send('List-Unsubscribe=One-Click');
    expect(tampered.status).to.equal(400);
    expect(tampered.text).to.contain('unsubscribe link is incomplete or was altered');
    const prefsOf = () => env.tool.db.selectFrom('notification_preferences').select(['kind', 'mode'])
      .where('user_id', '=', world.userIdOf(world.members[1]!)).execute();
    expect(await prefsOf()).to.have.length(0);

    const page = await request(env.tool.app.express).get(url.pathname + url.search);
    expect(page.status).to.equal(200);
    expect(page.text).to.contain('Unsubscribe').and.to.contain('Meetings');
    expect(await prefsOf(), 'opening the link (a mail scanner) changes nothing').to.have.length(0);
    const res = await request(env.tool.app.express).post(url.pathname + url.search).type('form').send('List-Unsubscribe=One-Click');
    expect(res.status).to.equal(200);
    expect(await prefsOf()).to.deep.equal([{ kind: 'meeting', mode: 'off' }]);

    await schedule({ date: '2027-03-17' });
    await drain(env);
    expect(mailsOf(1), 'no second meeting mail after unsubscribing').to.have.length(1);
    expect(mailsOf(2)).to.have.length(2);
    const inbox = await world.members[1]!.get('/notifications');
    expect(inbox.status).to.equal(200);
    expect((inbox.text.match(/Meeting scheduled/g) ?? []).length).to.equal(2);
    expect(inbox.text).to.contain('not e-mailed (your settings)');
  });

  it('when the SMTP server is down, then nothing is lost and each mail goes once it is back', async () => {
    env.smtp.refuse(421);
    await schedule();
    expect(await drain(env)).to.equal(0);
    const rows = () => env.tool.db.selectFrom('notifications').select(['mail_status', 'attempts', 'last_error'])
      .where('circle_id', '=', world.circleId).execute();
    const waiting = await rows();
    expect(waiting, 'three "you are in a circle" and two meeting mails').to.have.length(5);
    expect(waiting.every((r) => r.mail_status === 'pending')).to.equal(true);
    expect(waiting.some((r) => r.attempts === 1 && /421/.test(r.last_error ?? '')), JSON.stringify(waiting)).to.equal(true);
    env.smtp.accept();
    const deadline = Date.now() + 60_000;
    while ((await rows()).some((r) => r.mail_status !== 'sent') && Date.now() < deadline) {
      await drain(env);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect((await rows()).map((r) => r.mail_status)).to.deep.equal(['sent', 'sent', 'sent', 'sent', 'sent']);
    for (const i of [1, 2]) expect(mailsOf(i), 'each mail once').to.have.length(1);
    for (const i of [0, 1, 2]) expect(mailsOf(i, 'You are in a mentoring circle')).to.have.length(1);
  });

  it('when the server refuses a mailbox for good, then the mail is marked failed and staff see it counted', async () => {
    env.smtp.refuse(550);
    await schedule();
    await drain(env);
    env.smtp.accept();
    const page = await world.staff.get(`/staff/programs/${world.programId}/notifications`);
    expect(page.status, page.text).to.equal(200);
    const failed = await env.tool.db.selectFrom('notifications').select('topic').where('program_id', '=', world.programId)
      .where('mail_status', '=', 'failed').execute();
    expect(failed.filter((r) => r.topic === 'meeting_scheduled')).to.have.length(2);
    expect(page.text).to.contain(`0 waiting, ${failed.length} failed.`);
    const learner = await world.members[1]!.get(`/staff/programs/${world.programId}/notifications`);
    expect(learner.status).to.equal(403);
  });
});
