import { expect } from 'chai';
import { sql } from 'kysely';
import request from 'supertest';
import { Cmi5World, type Cmi5Course } from '../support/cmi5-world.js';
import { decodeHtml } from '../support/html.js';

const verbs = (statements: Array<Record<string, any>>) =>
  statements.map((s) => String(s.verb.id).split('/').pop());
const text = (html: string) => decodeHtml(html.replace(/<[^>]*>/g, ' ')).replace(/\s+/g, ' ');

describe('the cmi5 AU when a launch goes wrong', function () {
  this.timeout(120_000);
  let world: Cmi5World;
  let course: Cmi5Course;

  before(async () => {
    world = await Cmi5World.start();
  });
  after(async () => {
    await world.close();
  });
  beforeEach(async () => {
    course = await world.course();
  });

  const rows = async () =>
    (
      await sql<{ n: number }>`select count(*)::int as n from cmi5_sessions
    where package_id = ${course.packageId}`.execute(world.tool.db)
    ).rows[0]!.n;
  const learners = async () =>
    (
      await sql<{ n: number }>`select count(*)::int as n from package_learners
    where package_id = ${course.packageId}`.execute(world.tool.db)
    ).rows[0]!.n;

  it("when the launch URL is opened a second time, then the fetch gives the spec's error and the page says to launch again, sending nothing", async () => {
    const first = await world.launch(course, 'learner-2001');
    expect(first.response.status).to.equal(303);
    const url = first.url;
    const again = await request(world.tool.app.express).get(url);
    expect(again.status).to.equal(409);
    expect(text(again.text))
      .to.contain('This launch was already opened once')
      .and.contain('open the activity again');
    expect(again.text).to.contain('CMI5_TOKEN_USED');
    expect(first.lms.fetchCalls).to.equal(2);
    expect(verbs(first.lms.statements)).to.deep.equal(['initialized']);
    expect(await rows()).to.equal(1);
  });

  it('when the LMS wrote no LMS.LaunchData, then the learner reads why, no statement is sent and nobody is admitted', async () => {
    const launch = await world.launch(course, 'learner-2002', { withoutLaunchData: true });
    expect(launch.response.status).to.equal(502);
    expect(text(launch.response.text))
      .to.contain("did not provide this launch's cmi5 launch data (LMS.LaunchData)")
      .and.contain('cmi5 section 10');
    expect(launch.lms.statements).to.deep.equal([]);
    expect(launch.lms.violations).to.deep.equal([]);
    expect(world.lms.finish(launch.lms).map((v) => v.requirement)).to.include('7.1.1.0-1');
    expect(await learners()).to.equal(0);
    expect(await rows()).to.equal(0);
  });

  it("when the LMS session expired before the launch, then the fetch's error-code 1 gives a clear page", async () => {
    const { url, session } = await world.lms.launch({
      auUrl: course.au.url,
      publisherId: course.au.id,
      learner: 'learner-2003',
    });
    world.lms.expire(session);
    const launch = await world.follow(url, session);
    expect(launch.response.status).to.equal(409);
    expect(launch.response.text).to.contain('CMI5_TOKEN_USED');
    expect(session.statements).to.deep.equal([]);
    expect(await learners()).to.equal(0);
  });

  it('when the token expires during the session, then nothing more is sent, in order or not, and the exit page says so', async () => {
    const { lms, learner } = await world.launch(course, 'learner-2004');
    world.lms.expire(lms);
    await world.complete(course, learner!, 'learner-2004');
    await learner!.get(`/programs/${course.programId}`);
    await waitFor(
      async () =>
        (
          await sql<{ lost: Date | null }>`select lost_at as lost from cmi5_sessions
      where package_id = ${course.packageId}`.execute(world.tool.db)
        ).rows[0]?.lost != null,
    );
    expect(world.lms.refusals.some((r) => r.includes('expired token'))).to.equal(true);
    const exitUrl = await exitUrlOf(learner!);
    const page = await world.get(exitUrl);
    expect(page.status).to.equal(200);
    expect(text(page.text))
      .to.contain('Your LMS ended this visit')
      .and.contain('open the activity again from Corporate LXP');
    const exit = await world.exit(exitUrl);
    expect(exit.status).to.equal(200);
    expect(text(exit.text)).to.contain('Your LMS ended this visit');
    expect(verbs(lms.statements)).to.deep.equal(['initialized']);
    expect(lms.violations).to.deep.equal([]);
  });

  async function exitUrlOf(
    learner: NonNullable<Awaited<ReturnType<Cmi5World['launch']>>['learner']>,
  ): Promise<URL> {
    const link = /href="([^"]*\/cmi5\/sessions\/[^"]+)"/.exec(
      (await learner.get(`/programs/${course.programId}`)).text,
    );
    return new URL(decodeHtml(link![1]!));
  }

  async function waitFor(condition: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
    const end = Date.now() + timeoutMs;
    while (!(await condition())) {
      if (Date.now() > end) throw new Error('condition not met in time');
      await new Promise((r) => setTimeout(r, 50));
    }
  }
});
