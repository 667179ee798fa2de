import { setTimeout as sleep } from 'node:timers/promises';
import { expect } from 'chai';
import { ROTATION_QUEUE } from '../../src/jobs/rotation-jobs.js';
import { buildMatchingWorld, buildProfileForm, matchingSuite } from '../support/matching-world.js';

describe('rotation plans applied in the background (pg-boss)', () => {
  const suite = matchingSuite({ JOBS_ENABLED: 'true' });

  it('when a rotation plan is due, then the daily job moves every mentee to a new mentor and sets the next date', async function () {
    this.timeout(90_000);
    const world = await buildMatchingWorld(suite.tool, suite.moodle, { ana: 'mentor', cy: 'mentor', bo: 'mentee', di: 'mentee' });
    for (const key of ['ana', 'cy', 'bo', 'di']) await world.fillProfile(key, buildProfileForm());
    expect((await world.approve()).status).to.equal(303);
    const before = (await world.circles()).map((c) => `${c.mentors.join()}|${c.others.join()}`).sort();
    const today = new Date().toISOString().slice(0, 10);
    const saved = await world.staff.post(world.staffPath('/circles/rotation'), { everyWeeks: '4', nextOn: today }, world.staffPath('/circles'));
    expect(saved.status).to.equal(303);
    expect(await suite.tool.app.jobs!.send(ROTATION_QUEUE)).to.be.a('string');
    const deadline = Date.now() + 60_000;
    let plan = await suite.tool.db.selectFrom('rotation_plans').selectAll().where('program_id', '=', world.programId).executeTakeFirstOrThrow();
    while (!plan.last_rotated_at && Date.now() < deadline) {
      await sleep(250);
      plan = await suite.tool.db.selectFrom('rotation_plans').selectAll().where('program_id', '=', world.programId).executeTakeFirstOrThrow();
    }
    expect(plan.last_rotated_at, 'the job ran').to.be.instanceOf(Date);
    expect(plan.next_on).to.equal(new Date(Date.parse(`${today}T00:00:00Z`) + 28 * 86_400_000).toISOString().slice(0, 10));
    const after = (await world.circles()).filter((c) => c.status === 'active').map((c) => `${c.mentors.join()}|${c.others.join()}`).sort();
    expect(after).to.have.length(2);
    expect(after.filter((pair) => before.includes(pair))).to.deep.equal([]);
  });
});
