import { setTimeout as sleep } from 'node:timers/promises';
import { expect } from 'chai';
import { buildCircleWorld } from '../support/circle-life-world.js';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.js';
import { TestPlatform } from '../support/test-platform.js';
import { startTestTool, type TestTool } from '../support/test-tool.js';

describe('notification mail: the delivery job (pg-boss)', () => {
  let tool: TestTool;
  let canvas: TestPlatform;
  let smtp: SmtpSink;

  before(async function () {
    this.timeout(600_000);
    smtp = await startSmtpSink();
    tool = await startTestTool({ ...smtp.env, JOBS_ENABLED: 'true' });
    // The run's shared database may hold other suites' unsent notifications: the job sends them
    // first, so the test starts once none is due.
    const due = async () => Number((await tool.db.selectFrom('notifications')
      .select((eb) => eb.fn.countAll<string>().as('n')).where('mail_status', '=', 'pending')
      .where('next_attempt_at', '<=', new Date()).executeTakeFirstOrThrow()).n);
    while ((await due()) > 0) await sleep(500);
    canvas = await TestPlatform.start('canvas');
    await tool.app.registry.registerPlatform(canvas.manualRegistration);
  });
  after(async () => {
    await tool?.close();
    await canvas?.close();
    await smtp?.close();
  });

  it('when a meeting is scheduled, then the job mails the members with no one draining by hand', async function () {
    this.timeout(150_000);
    const world = await buildCircleWorld(tool, canvas, ['mentor', 'mentee']);
    const res = await world.post(world.members[0]!, '/meetings', {
      date: '2027-09-01', time: '09:00', durationMinutes: '30', mode: 'virtual', place: '',
    });
    expect(res.status, res.text).to.equal(303);
    const mentee = await tool.db.selectFrom('users').select('email')
      .where('id', '=', world.userIdOf(world.members[1]!)).executeTakeFirstOrThrow();
    const deadline = Date.now() + 90_000;
    const meetingMails = () => smtp.to(mentee.email!).filter((m) => m.parsed.subject?.startsWith('Meeting scheduled'));
    while (meetingMails().length === 0 && Date.now() < deadline) await sleep(250);
    expect(meetingMails()).to.have.length(1);
  });
});
