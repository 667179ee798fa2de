import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import request from 'supertest';
import { authFrom, participantIdOf } from '../support/attack-world.js';
import { contractForm, goalForm, meetingForm } from '../support/circle-attack-world.js';
import { buildCircleWorld, type CircleWorld } from '../support/circle-life-world.js';
import {
  databaseChecksum, encodeForm, paramVariants, pathWith, routesOf, tablesContaining, variantsFor, type Auth, type PostRoute, type Variant,
} from '../support/fuzz-variants.js';
import { TestPlatform } from '../support/test-platform.js';
import { startTestTool, type TestTool } from '../support/test-tool.js';
import type { ToolSession } from '../support/tool-session.js';

interface Refusal {
  route: string;
  variant: string;
  status: number;
  detail: string;
}

describe('fuzz: every POST route, malformed every way', function () {
  this.timeout(240_000);
  let tool: TestTool;
  let moodle: TestPlatform;
  let world: CircleWorld;
  let ids: Record<string, string>;
  let staffAuth: Auth;
  let memberAuth: Auth;
  let otherAuth: Auth;

  before(async () => {
    tool = await startTestTool({ RATE_LIMIT_POSTS_PER_MINUTE: '1000000', RATE_LIMIT_TENANT_POSTS_PER_MINUTE: '1000000', RATE_LIMIT_LOGIN_PER_MINUTE: '1000000' });
    moodle = await TestPlatform.start('moodle');
    await tool.app.registry.registerPlatform(moodle.manualRegistration);
    world = await buildCircleWorld(tool, moodle, ['mentor', 'mentee']);
    const [mentor, mentee] = world.members as [ToolSession, ToolSession];
    const menteeId = await participantIdOf(tool.db, world.programId, mentee);
    expect((await world.post(mentee, '/contract', contractForm)).status).to.equal(303);
    const goal = await world.post(mentee, '/goals', goalForm(menteeId));
    expect(goal.status).to.equal(303);
    const goalId = /\/goals\/([0-9a-f-]{36})/.exec(goal.headers.location!)![1]!;
    await world.post(mentee, `/goals/${goalId}/milestones`, { title: 'Step', criteria: 'Done', dueOn: '2027-02-01' });
    expect((await world.post(mentor, '/meetings', meetingForm)).status).to.equal(303);
    staffAuth = await authFrom(world.staff, `/staff/programs/${world.programId}/skills`);
    memberAuth = await authFrom(mentor, `/programs/${world.programId}`);
    otherAuth = await authFrom(mentee, `/programs/${world.programId}`);
    ids = await realIds(world);
  });
  after(async () => {
    await tool?.close();
    await moodle?.close();
  });

  /** The world's own ids for the route parameters it has rows for; a random UUID for the others. */
  async function realIds(w: CircleWorld): Promise<Record<string, string>> {
    const first = async (table: 'circle_goals' | 'circle_meetings') =>
      (await tool.db.selectFrom(table).select('id').where('circle_id', '=', w.circleId).executeTakeFirst())?.id;
    const goalId = await first('circle_goals');
    const milestone = goalId ? await tool.db.selectFrom('goal_milestones').select('id').where('goal_id', '=', goalId).executeTakeFirst() : undefined;
    const skill = await tool.db.selectFrom('program_skills').select('id').where('program_id', '=', w.programId).executeTakeFirst();
    const found: Record<string, string | undefined> = {
      programId: w.programId, circleId: w.circleId, goalId, milestoneId: milestone?.id, meetingId: await first('circle_meetings'),
      skillId: skill?.id, participantId: await participantIdOf(tool.db, w.programId, w.members[1]!),
    };
    return Object.fromEntries(Object.entries(found).filter((e): e is [string, string] => e[1] !== undefined));
  }
  const idFor = (param: string) => (ids[param] ??= param === 'version' ? '1' : randomUUID());

  /** Pages seed defaults on first view (skills, the prompt library): done before the snapshots. */
  async function visitEveryPage(): Promise<void> {
    for (const route of routesOf(tool.app.express, 'get')) {
      const session = route.path.startsWith('/staff/') ? world.staff : world.members[0]!;
      await session.get(pathWith(route, idFor));
    }
  }

  function send(v: Variant): request.Test {
    const req = request(tool.app.express).post(v.path).set(v.headers ?? {});
    if (v.json !== undefined) return req.type('json').send(JSON.stringify(v.json));
    if (v.raw !== undefined) return req.send(v.raw);
    return req.type('form').send(encodeForm(v.form ?? {}));
  }

  it('when any POST route gets malformed input, then it never answers 5xx and a refused request changes nothing', async () => {
    await visitEveryPage();
    const routes = routesOf(tool.app.express, 'post');
    expect(routes.length, 'POST routes found in the router stack').to.be.greaterThan(40);
    const failures: Refusal[] = [];
    let sent = 0;
    let before = await databaseChecksum(tool.db);
    for (const route of routes) {
      const staffRoute = route.path.startsWith('/staff/');
      const auth = staffRoute ? staffAuth : memberAuth;
      const path = pathWith(route, idFor);
      const variants = [...variantsFor(route, path, auth, otherAuth), ...paramVariants(route, auth, idFor)];
      if (staffRoute) variants.push({ name: 'a learner on a staff route', path, form: { ...memberAuth } });
      for (const variant of variants) {
        const res = await send(variant);
        sent++;
        const after = await databaseChecksum(tool.db);
        if (res.status >= 500) failures.push(refusal(route, variant, res, 'a 5xx'));
        else if (res.status >= 400 && JSON.stringify(after) !== JSON.stringify(before)) failures.push(refusal(route, variant, res, changedTables(before, after)));
        before = after;
      }
    }
    expect(sent, 'requests sent').to.be.within(500, 4000);
    expect(failures).to.deep.equal([]);
    expect(await tablesContaining(tool.db, '[object Object]'), 'an object stored as text').to.deep.equal([]);
  });

  function refusal(route: PostRoute, variant: Variant, res: request.Response, what: string): Refusal {
    return { route: route.path, variant: variant.name, status: res.status, detail: `${what}: ${res.text.replace(/\s+/g, ' ').slice(0, 160)}` };
  }
});

function changedTables(before: Record<string, string>, after: Record<string, string>): string {
  return `changed ${Object.keys(after).filter((t) => before[t] !== after[t]).join(', ')}`;
}
