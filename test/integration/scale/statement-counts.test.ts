import { expect } from 'chai';
import { buildScaleWorld, countingSuite, type ScaleWorld } from '../../support/scale/scale-world.js';

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
    // The second visit is counted: a first one may seed defaults once (prompts, skills) or check
    // the schema once per process.
    const staffGet = async (name: string, rest: string, query?: Record<string, string>) => {
      await world.staff.get(world.staffPath(rest), query);
      const { statements, res } = await world.countGet(world.staff, world.staffPath(rest), query);
      expect(res.status, `${name}: ${res.text.slice(0, 300)}`).to.equal(200);
      counts[name] = statements;
    };
    const propose = await world.countPost(world.staff, world.staffPath('/matching/propose'), {}, world.staffPath('/matching'));
    expect(propose.res.status, propose.res.text).to.equal(303);
    counts.propose = propose.statements;
    const approve = await world.countPost(world.staff, world.staffPath('/matching/approve'), { proposalId: await world.draftId() }, world.staffPath('/matching'));
    expect(approve.res.status, approve.res.text).to.equal(303);
    counts.approve = approve.statements;
    await staffGet('participants', '');
    await staffGet('participants search', '', { q: 'Person 0000' });
    await staffGet('circles admin', '/circles');
    suite.counter.trace.length = 0;
    await staffGet('prompt overview', '/prompts');
    if (process.env.SCALE_TRACE) process.stdout.write(`${suite.counter.trace.join('\n')}\n\n`);
    await world.people.bo!.session.get('/home');
    const home = await world.countGet(world.people.bo!.session, '/home');
    expect(home.res.status).to.equal(200);
    counts['learner home'] = home.statements;
    return { counts, world };
  }

  let small: { counts: Record<string, number>; world: ScaleWorld };
  let large: { counts: Record<string, number>; world: ScaleWorld };
  before(async () => {
    small = await countsFor({ mentors: 2, mentees: 8 });
    large = await countsFor({ mentors: 10, mentees: 40 });
    process.stdout.write(`      statements (10 vs 50 people): ${JSON.stringify(small.counts)} ${JSON.stringify(large.counts)}\n`);
  });

  for (const name of ['propose', 'approve', 'participants', 'participants search', 'circles admin', 'prompt overview', 'learner home']) {
    it(`when the program has five times the people, then "${name}" runs the same number of statements`, () => {
      expect(large.counts[name], name).to.equal(small.counts[name]);
    });
  }
});
