import { expect } from 'chai';
import { sql } from 'kysely';
import request from 'supertest';
import { Cmi5World, type Cmi5Course } from '../support/cmi5-world.js';
import { decodeHtml } from '../support/html.js';

const verbs = (statements: Array<Record<string, any>>) =>
  statements.map((s) => String(s.verb.id).split('/').pop());

/**
 * Attacks on the cmi5 launch and exit, each with a valid package or session of the attacker's own.
 */
describe('the cmi5 AU under attack', function () {
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

  const snapshot = async () => ({
    sessions: (
      await sql`select id, terminated_at, completed_at from cmi5_sessions where package_id = ${course.packageId} order by id`.execute(
        world.tool.db,
      )
    ).rows,
    learners: (
      await sql`select learner_key from package_learners where package_id = ${course.packageId}`.execute(
        world.tool.db,
      )
    ).rows,
  });

  /** A launch URL the LMS made, with one parameter changed by the attacker. */
  async function tampered(change: (url: URL) => void) {
    const { url, session } = await world.lms.launch({
      auUrl: course.au.url,
      publisherId: course.au.id,
      learner: 'victim',
    });
    const target = new URL(url);
    change(target);
    return {
      session,
      res: await request(world.tool.app.express).get(target.pathname + target.search),
    };
  }

  it("when the AU url's key is altered or belongs to another package, then nothing is fetched or admitted", async () => {
    const other = await world.course();
    const before = await snapshot();
    const altered = await tampered((u) =>
      u.searchParams.set('k', `${u.searchParams.get('k')!.slice(0, -2)}xx`),
    );
    expect(altered.res.status).to.equal(401);
    expect(altered.res.text).to.contain('PACKAGE_LAUNCH_ALTERED');
    const foreignKey = new URL(other.au.url).searchParams.get('k')!;
    const foreign = await tampered((u) => u.searchParams.set('k', foreignKey));
    expect(foreign.res.status).to.equal(401);
    expect(
      altered.session.fetchCalls + foreign.session.fetchCalls,
      'the token was not spent',
    ).to.equal(0);
    expect(await snapshot()).to.deep.equal(before);
  });

  it('when a launch parameter is missing or malformed, then a 400 names it and nothing is fetched', async () => {
    for (const [name, value] of [
      ['actor', '{"account":{}}'],
      ['registration', 'not-a-uuid'],
      ['fetch', 'file:///etc/passwd'],
    ] as const) {
      const { res, session } = await tampered((u) => u.searchParams.set(name, value));
      expect(res.status, name).to.equal(400);
      expect(res.text).to.contain('PACKAGE_LAUNCH_INVALID');
      expect(session.fetchCalls).to.equal(0);
    }
  });

  it('when the package lists its LMS and the launch names another fetch URL or LRS, then it is refused before any call', async () => {
    const listed = await world.course({ allowedOrigins: 'https://lxp.example.com' });
    const { url, session } = await world.lms.launch({
      auUrl: listed.au.url,
      publisherId: listed.au.id,
      learner: 'someone',
    });
    const res = await request(world.tool.app.express).get(
      new URL(url).pathname + new URL(url).search,
    );
    expect(res.status).to.equal(403);
    expect(res.text).to.contain('PACKAGE_ORIGIN_NOT_ALLOWED');
    expect(session.fetchCalls).to.equal(0);
  });

  it('when staff disable the package, then a launch is refused without spending the LMS token', async () => {
    const page = `/staff/programs/${course.programId}/packages`;
    expect(
      (await course.staff.post(`${page}/${course.packageId}/disable`, {}, page)).status,
    ).to.equal(303);
    const { lms, response } = await world.launch(course, 'learner-3001');
    expect(response.status).to.equal(403);
    expect(response.text).to.contain('PACKAGE_DISABLED');
    expect(lms.fetchCalls).to.equal(0);
  });

  it("when one learner uses another's exit page without its key, or twice, then nothing is sent out of turn", async () => {
    const victim = await world.launch(course, 'learner-victim');
    const attacker = await world.launch(course, 'learner-attacker');
    const exitOf = async (s: typeof victim) =>
      new URL(
        decodeHtml(
          /href="([^"]*\/cmi5\/sessions\/[^"]+)"/.exec(
            (await s.learner!.get(`/programs/${course.programId}`)).text,
          )![1]!,
        ),
      );
    const [victimExit, attackerExit] = [await exitOf(victim), await exitOf(attacker)];
    const forged = new URL(victimExit.pathname, victimExit);
    forged.searchParams.set('key', attackerExit.searchParams.get('key')!);
    const before = await snapshot();
    expect((await world.get(forged)).status).to.equal(404);
    expect((await world.exit(forged)).status).to.equal(404);
    expect((await world.exit(new URL(victimExit.pathname, victimExit))).status).to.equal(404);
    expect(await snapshot()).to.deep.equal(before);
    expect(verbs(victim.lms.statements)).to.deep.equal(['initialized']);
    expect((await world.exit(attackerExit)).status).to.equal(303);
    const twice = await world.exit(attackerExit);
    expect(twice.status, 'a second press goes back to the LMS again').to.equal(303);
    expect(verbs(attacker.lms.statements)).to.deep.equal(['initialized', 'terminated']);
    expect(world.lms.finish(attacker.lms)).to.deep.equal([]);
  });
});
