import { expect } from 'chai';
import {
  buildNotifyWorld,
  drain,
  emailOf,
  mailSettings,
  useToolWithSmtp,
  type NotifyWorld,
} from '../support/smtp-notify-world.js';
import type { ToolSession } from '../support/tool-session.js';
import { createSurveyEndSweep } from '../../src/db/repositories/survey-open-notifications.js';
import { notifySurveysOpenAtEnd } from '../../src/jobs/survey-open-job.js';
import { createLogger } from '../../src/shared/logger.js';

const SUBJECT = 'The close-out survey is open';

describe('notifications: the close-out survey is open', function () {
  this.timeout(120_000);
  const env = useToolWithSmtp();
  let world: NotifyWorld;

  beforeEach(async () => {
    world = await buildNotifyWorld(env, ['mentor', 'mentee', 'mentee']);
  });

  const staffSurvey = () => `/staff/programs/${world.programId}/survey`;
  /** Posts with the form auth of a page the session may see (its own). */
  const openAs = (session: ToolSession, fromPage: string) =>
    session.post(`${staffSurvey()}/open`, {}, fromPage);
  const surveyMails = (session: ToolSession) =>
    env.smtp.to(emailOf(world, session)).filter((m) => m.parsed.subject?.startsWith(SUBJECT));
  const rows = () =>
    env.tool.db
      .selectFrom('notifications')
      .select(['user_id', 'mail_status'])
      .where('program_id', '=', world.programId)
      .where('topic', '=', 'survey_open')
      .execute();
  const everyone = () => [...world.members, world.outsider];

  it('when staff open the survey early, then every participant hears once, by mail and in the inbox', async () => {
    const opened = await world.staff.post(`${staffSurvey()}/open`, {}, staffSurvey());
    expect(opened.status, opened.text).to.equal(303);
    const again = await world.staff.post(`${staffSurvey()}/open`, {}, staffSurvey());
    expect(again.status).to.equal(303);
    const written = await rows();
    expect(written.map((r) => r.user_id).sort()).to.deep.equal(
      everyone().map(world.userIdOf).sort(),
    );
    expect(written.map((r) => r.mail_status)).to.deep.equal(written.map(() => 'pending'));
    await drain(env);
    await drain(env);
    for (const person of everyone()) {
      const mails = surveyMails(person);
      expect(mails, 'one mail each').to.have.length(1);
      expect(mails[0]!.parsed.subject).to.contain(': ');
      expect(mails[0]!.parsed.text).to.contain('The close-out survey of');
      expect(mails[0]!.raw).to.match(/List-Unsubscribe-Post: List-Unsubscribe=One-Click/);
    }
    expect((await world.members[1]!.get('/notifications')).text).to.contain(SUBJECT);
    const staffId = world.userIdOf(world.staff);
    expect(
      written.map((r) => r.user_id),
      'staff are not participants',
    ).not.to.include(staffId);
  });

  it('when a participant turned survey mail off, then it stays in their inbox only', async () => {
    const mentee = world.members[1]!;
    const saved = await mentee.post(
      '/notifications/settings',
      mailSettings({ survey: 'off' }),
      '/notifications/settings',
    );
    expect(saved.status, saved.text).to.equal(303);
    await world.staff.post(`${staffSurvey()}/open`, {}, staffSurvey());
    await drain(env);
    expect(surveyMails(mentee)).to.have.length(0);
    expect(surveyMails(world.members[2]!)).to.have.length(1);
    const mine = (await rows()).find((r) => r.user_id === world.userIdOf(mentee))!;
    expect(mine.mail_status).to.equal('off');
    expect((await mentee.get('/notifications')).text).to.contain(SUBJECT);
  });

  it('when a learner, or staff of another course, try to open the survey, then they are refused and nobody is mailed', async () => {
    const learner = await openAs(world.members[1]!, `/programs/${world.programId}`);
    expect(learner.status).to.equal(403);
    const other = await buildNotifyWorld(env, ['mentor', 'mentee']);
    const foreign = await openAs(other.staff, `/staff/programs/${other.programId}/survey`);
    expect(foreign.status, "another course's staff").to.equal(404);
    const opening = await env.tool.db
      .selectFrom('survey_openings')
      .select('program_id')
      .where('program_id', '=', world.programId)
      .execute();
    expect(opening).to.have.length(0);
    expect(await rows()).to.have.length(0);
    await drain(env);
    for (const person of everyone()) expect(surveyMails(person)).to.have.length(0);
  });

  it('when the program reaches its last day, then the daily job tells each participant once, even after an early opening', async () => {
    // A last day no other program of the run's shared database has.
    const endsOn = `20${40 + Math.floor(Math.random() * 50)}-0${1 + Math.floor(Math.random() * 9)}-1${Math.floor(Math.random() * 9)}`;
    await env.tool.db
      .updateTable('programs')
      .set({ ends_on: endsOn })
      .where('id', '=', world.programId)
      .execute();
    const runAt = (date: string, daysLater = 0) =>
      notifySurveysOpenAtEnd({
        sweep: createSurveyEndSweep(env.tool.db),
        logger: createLogger('silent'),
        clock: { now: () => new Date(Date.parse(`${date}T05:40:00Z`) + daysLater * 86_400_000) },
      });
    expect(await runAt(endsOn, -1), 'the day before').to.equal(0);
    const outsider = () =>
      env.tool.db
        .updateTable('participants')
        .where('program_id', '=', world.programId)
        .where('user_id', '=', world.userIdOf(world.outsider));
    await outsider().set({ status: 'inactive' }).execute();
    await world.staff.post(`${staffSurvey()}/open`, {}, staffSurvey());
    expect(await rows()).to.have.length(3);
    await outsider().set({ status: 'active' }).execute();
    expect(await runAt(endsOn), 'only the one who (re)joined after the opening').to.equal(1);
    expect(await runAt(endsOn, 1), 'the next day').to.equal(0);
    expect(await runAt(endsOn, 3), 'days later').to.equal(0);
    await drain(env);
    for (const person of everyone()) expect(surveyMails(person)).to.have.length(1);
  });
});
