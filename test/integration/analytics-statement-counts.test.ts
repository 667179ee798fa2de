import { expect } from 'chai';
import { seedOutcomes } from '../support/analytics/outcome-fixture.js';
import { buildScaleWorld, countingSuite } from '../support/scale/scale-world.js';

/**
 * The dashboards run a number of SQL statements that does not grow with the program: no query
 * per circle or per person. Counted at 10 and at 60 people, circles and their history included.
 */
describe('dashboard statement counts stay the same as a program grows', function () {
  this.timeout(300_000);
  const suite = countingSuite();

  async function countsFor(size: { mentors: number; mentees: number }) {
    const world = await buildScaleWorld(suite, size);
    expect((await world.approve()).status).to.equal(303);
    await seedOutcomes(suite.tool.db, world.programId, { weeksAgo: 6, diversityDrivesMeetings: true });
    const counts: Record<string, number> = {};
    const pages = { dashboard: world.staffPath('/dashboard'), 'funnel csv': world.staffPath('/dashboard/funnel.csv'), course: '/staff/dashboard' };
    for (const [name, path] of Object.entries(pages)) {
      await world.staff.get(path);
      const { statements, res } = await world.countGet(world.staff, path);
      expect(res.status, `${name}: ${res.text.slice(0, 300)}`).to.equal(200);
      counts[name] = statements;
    }
    return counts;
  }

  let small: Record<string, number>;
  let large: Record<string, number>;
  before(async () => {
    small = await countsFor({ mentors: 2, mentees: 8 });
    large = await countsFor({ mentors: 12, mentees: 48 });
    process.stdout.write(`      statements (10 vs 60 people): ${JSON.stringify(small)} ${JSON.stringify(large)}\n`);
  });

  for (const name of ['dashboard', 'funnel csv', 'course']) {
    it(`when the program has six times the people, then "${name}" runs the same number of statements`, () => {
      expect(large[name], name).to.equal(small[name]);
      expect(large[name], name).to.be.below(15);
    });
  }
});
