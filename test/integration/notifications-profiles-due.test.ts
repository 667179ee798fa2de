import { expect } from 'chai';
import { createProfileDeadlineStore } from '../../src/db/repositories/profile-deadline-repository.js';
import { remindBeforeProfilesDue } from '../../src/jobs/profile-deadline-job.js';
import { createLogger } from '../../src/shared/logger.js';
import {
  buildNotifyWorld,
  drain,
  emailOf,
  mailSettings,
  useToolWithSmtp,
  type NotifyWorld,
} from '../support/smtp-notify-world.js';
import type { ToolSession } from '../support/tool-session.js';

const SUBJECT = 'Your profile is due by';
const day = (offset: number, from = new Date()) =>
  new Date(from.getTime() + offset * 86_400_000).toISOString().slice(0, 10);
/** A time of the given day, as the job's clock reads it. */
const at = (date: string, time = '09:00') => new Date(`${date}T${time}:00Z`);

describe('notifications: the automatic reminder before profiles are due', function () {
  this.timeout(120_000);
  const env = useToolWithSmtp();
  let world: NotifyWorld;

  beforeEach(async () => {
    world = await buildNotifyWorld(env, ['mentor', 'mentee']);
  });

  const queue = () => `/staff/programs/${world.programId}/notifications`;
  const setDue = (dueOn: string, session: ToolSession = world.staff, fromPage = queue()) =>
    session.post(`${queue()}/profiles-due`, { dueOn }, fromPage);
  const rows = () =>
    env.tool.db
      .selectFrom('notifications')
      .select(['user_id', 'mail_status'])
      .where('program_id', '=', world.programId)
      .where('topic', '=', 'profile_due')
      .execute();
  const storedDeadlines = () =>
    env.tool.db
      .selectFrom('profile_deadlines')
      .selectAll()
      .where('program_id', '=', world.programId)
      .execute();
  /**
   * The job's work with time where the test puts it; how many of this program it reminded (the
   * run's shared database may hold other programs with a due date).
   */
  const runJobAt = async (now: Date) => {
    const before = (await rows()).length;
    await remindBeforeProfilesDue({
      deadlines: createProfileDeadlineStore(env.tool.db),
      clock: { now: () => now },
      logger: createLogger('silent'),
    });
    return (await rows()).length - before;
  };
  const dueMails = (session: ToolSession) =>
    env.smtp.to(emailOf(world, session)).filter((m) => m.parsed.subject?.startsWith(SUBJECT));

  it('when staff set a due date, then the incomplete are reminded 3 days before, once per person and date', async () => {
    const dueOn = day(10);
    const saved = await setDue(dueOn);
    expect(saved.status, saved.text).to.equal(303);
    const page = await world.staff.get(queue());
    expect(page.text)
      .to.contain(`Profiles are due by <strong>${dueOn}</strong>`)
      .and.to.contain(`From ${day(7)} (3 days before)`);
    const checklist = await world.staff.get(`/staff/programs/${world.programId}`);
    expect(checklist.text).to.contain(
      `Due by ${dueOn}: those not finished are reminded automatically on ${day(7)}.`,
    );

    expect(await runJobAt(at(day(6), '23:59')), 'four days before').to.equal(0);
    expect(await runJobAt(at(day(7), '00:30'))).to.equal(1);
    expect(await runJobAt(at(day(7), '01:30')), 'the next hour').to.equal(0);
    expect(await runJobAt(at(dueOn, '22:00')), 'on the day').to.equal(0);
    expect(await runJobAt(at(day(11))), 'after the day').to.equal(0);
    const written = await rows();
    expect(
      written.map((r) => r.user_id),
      'only the one without a circle and profile',
    ).to.deep.equal([world.userIdOf(world.outsider)]);
    await drain(env);
    expect(dueMails(world.outsider)).to.have.length(1);
    expect(dueMails(world.outsider)[0]!.parsed.text).to.contain('and yours is not complete yet');
    for (const member of world.members) expect(dueMails(member)).to.have.length(0);
    expect((await world.staff.get(queue())).text).to.contain('1 reminded so far');

    const later = day(20);
    expect((await setDue(later)).status).to.equal(303);
    expect(await runJobAt(at(day(17))), 'a new date reminds again').to.equal(1);
    expect(await runJobAt(at(day(18)))).to.equal(0);
    expect(await rows()).to.have.length(2);
  });

  it('when the person turned deadline mail off, then the reminder reaches the inbox only', async () => {
    const saved = await world.outsider.post(
      '/notifications/settings',
      mailSettings({ deadline: 'off' }),
      '/notifications/settings',
    );
    expect(saved.status, saved.text).to.equal(303);
    await setDue(day(5));
    expect(await runJobAt(at(day(3)))).to.equal(1);
    await drain(env);
    expect(dueMails(world.outsider)).to.have.length(0);
    expect((await rows())[0]!.mail_status).to.equal('off');
    expect((await world.outsider.get('/notifications')).text).to.contain(SUBJECT);
  });

  it('when staff reminded by hand within the day, then the automatic reminder waits a day', async () => {
    await world.staff.post(`${queue()}/remind`, {}, queue());
    await setDue(day(3));
    expect(await runJobAt(new Date(Date.now() + 3_600_000))).to.equal(0);
    expect(await runJobAt(new Date(Date.now() + 25 * 3_600_000))).to.equal(1);
  });

  it('when the date is in the past or not a date, then staff see why and nothing is saved', async () => {
    const past = await setDue(day(-1));
    expect(past.status).to.equal(422);
    expect(past.text).to.contain('Choose today or a later day.').and.to.contain('id="dueOn-error"');
    const bad = await setDue('<b>soon</b>');
    expect(bad.status).to.equal(422);
    expect(bad.text).to.contain('Enter the date as YYYY-MM-DD.').and.not.to.contain('<b>soon</b>');
    expect(await storedDeadlines()).to.have.length(0);
    await setDue(day(4));
    const cleared = await setDue('');
    expect(cleared.headers.location).to.contain('notice=due-cleared');
    expect((await world.staff.get(queue())).text).to.contain('No date set.');
  });

  it('when a learner, or staff of another course, set the date, then they are refused and nothing changes', async () => {
    const learner = await setDue(day(4), world.outsider, `/programs/${world.programId}`);
    expect(learner.status).to.equal(403);
    const other = await buildNotifyWorld(env, ['mentor', 'mentee']);
    const foreign = await setDue(
      day(4),
      other.staff,
      `/staff/programs/${other.programId}/notifications`,
    );
    expect(foreign.status, "another course's staff").to.equal(404);
    expect(await storedDeadlines()).to.have.length(0);
    expect(await runJobAt(at(day(2)))).to.equal(0);
  });
});
