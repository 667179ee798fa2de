import { expect } from 'chai';
import { sql } from 'kysely';
import { buildProgramForm } from '../../support/factories.js';
import {
  buildScaleWorld,
  countingSuite,
  type ScaleWorld,
} from '../../support/scale/scale-world.js';

/**
 * Every page and action runs a number of SQL statements that does not grow with the program:
 * the same counts for a program of 10 people and one of 50 (circles included).
 */
describe('statement counts stay the same as a program grows', function () {
  this.timeout(240_000);
  const suite = countingSuite();

  async function countsFor(size: { mentors: number; mentees: number }) {
    const world = await buildScaleWorld(suite, size);
    const counts: Record<string, number> = {};
    const traces: Record<string, string[]> = {};
    // The second visit is counted: a first one may seed defaults once (prompts, skills) or check
    // the schema once per process.
    const staffGet = async (name: string, rest: string, query?: Record<string, string>) => {
      await world.staff.get(world.staffPath(rest), query);
      const { statements, trace, res } = await world.countGet(
        world.staff,
        world.staffPath(rest),
        query,
      );
      expect(res.status, `${name}: ${res.text.slice(0, 300)}`).to.equal(200);
      counts[name] = statements;
      traces[name] = trace;
    };
    const propose = await world.countPost(
      world.staff,
      world.staffPath('/matching/propose'),
      {},
      world.staffPath('/matching'),
    );
    expect(propose.res.status, propose.res.text).to.equal(303);
    counts.propose = propose.statements;
    traces.propose = propose.trace;
    const approve = await world.countPost(
      world.staff,
      world.staffPath('/matching/approve'),
      { proposalId: await world.draftId() },
      world.staffPath('/matching'),
    );
    expect(approve.res.status, approve.res.text).to.equal(303);
    counts.approve = approve.statements;
    traces.approve = approve.trace;
    await staffGet('participants', '');
    await staffGet('participants search', '', { q: 'Person 0000' });
    await staffGet('circles admin', '/circles');
    await staffGet('prompt overview', '/prompts');
    await world.people.bo!.session.get('/home');
    const home = await world.countGet(world.people.bo!.session, '/home');
    expect(home.res.status).to.equal(200);
    counts['learner home'] = home.statements;
    traces['learner home'] = home.trace;
    return { counts, traces, world };
  }

  type Counted = {
    counts: Record<string, number>;
    traces: Record<string, string[]>;
    world: ScaleWorld;
  };
  let small: Counted;
  let large: Counted;
  before(async () => {
    small = await countsFor({ mentors: 2, mentees: 8 });
    large = await countsFor({ mentors: 10, mentees: 40 });
    process.stdout.write(
      `      statements (10 vs 50 people): ${JSON.stringify(small.counts)} ${JSON.stringify(large.counts)}\n`,
    );
  });

  for (const name of [
    'propose',
    'approve',
    'participants',
    'participants search',
    'circles admin',
    'prompt overview',
    'learner home',
  ]) {
    it(`when the program has five times the people, then "${name}" runs the same number of statements`, () => {
      expect(
        large.counts[name],
        `${name}: ${large.traces[name]!.join(', ')} vs ${small.traces[name]!.join(', ')}`,
      ).to.equal(small.counts[name]);
    });
  }

  it('when a learner is in circles of three programs instead of one, then their home runs the same number of statements', async () => {
    const world = large.world;
    const bo = world.people.bo!;
    const home = async () => {
      await bo.session.get('/home');
      return (await world.countGet(bo.session, '/home')).statements;
    };
    const before = await home();
    const db = suite.tool.db;
    const program = await db
      .selectFrom('programs')
      .select(['tenant_id', 'course_id'])
      .where('id', '=', world.programId)
      .executeTakeFirstOrThrow();
    for (const title of ['Second program', 'Third program']) {
      const created = await world.staff.post(
        '/staff/programs',
        buildProgramForm({ title }),
        '/staff/programs/new',
      );
      expect(created.status, created.text.slice(0, 300)).to.equal(303);
      const programId = new URL(created.headers.location!, 'http://tool.test').pathname
        .split('/')
        .pop()!;
      await sql`insert into participants (tenant_id, program_id, user_id, program_role) values (${program.tenant_id}, ${programId}, ${bo.userId}, 'mentee')`.execute(
        db,
      );
      await sql`with c as (insert into circles (tenant_id, program_id, name, capacity, started_on) values (${program.tenant_id}, ${programId}, ${`${title} circle`}, 2, '2027-01-11') returning id)
        insert into circle_members (tenant_id, circle_id, participant_id, role)
        select ${program.tenant_id}, c.id, pa.id, 'mentee' from c, participants pa where pa.program_id = ${programId} and pa.user_id = ${bo.userId}`.execute(
        db,
      );
    }
    const page = await bo.session.get('/home');
    expect(page.text).to.contain('Second program').and.to.contain('Third program');
    expect(await home()).to.equal(before);
  });
});
