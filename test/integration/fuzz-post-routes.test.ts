import { expect } from 'chai';
import request from 'supertest';
import {
  databaseChecksum, encodeForm, paramVariants, pathWith, routesOf, tablesContaining, variantsFor, type PostRoute, type Variant,
} from '../support/fuzz-variants.js';
import { buildFuzzWorld, type FuzzWorld } from '../support/fuzz-world.js';
import { TestPlatform } from '../support/test-platform.js';
import { startTestTool, type TestTool } from '../support/test-tool.js';

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
  let fuzz: FuzzWorld;

  before(async () => {
    tool = await startTestTool({ RATE_LIMIT_POSTS_PER_MINUTE: '1000000', RATE_LIMIT_TENANT_POSTS_PER_MINUTE: '1000000', RATE_LIMIT_LOGIN_PER_MINUTE: '1000000' });
    moodle = await TestPlatform.start('moodle');
    await tool.app.registry.registerPlatform(moodle.manualRegistration);
    fuzz = await buildFuzzWorld(tool, moodle);
    await visitEveryPage();
  });
  after(async () => {
    await tool?.close();
    await moodle?.close();
  });

  /** Pages seed defaults on first view (skills, the prompt library): done before the snapshots. */
  async function visitEveryPage(): Promise<void> {
    for (const route of routesOf(tool.app.express, 'get')) {
      const session = route.path.startsWith('/staff/') ? fuzz.world.staff : fuzz.world.members[0]!;
      await session.get(pathWith(route, fuzz.idFor));
    }
  }

  function send(v: Variant): request.Test {
    const req = request(tool.app.express).post(v.path).set(v.headers ?? {});
    if (v.json !== undefined) return req.type('json').send(JSON.stringify(v.json));
    if (v.raw !== undefined) return req.send(v.raw);
    return req.type('form').send(encodeForm(v.form ?? {}));
  }

  it('when any POST route gets malformed input, then it never answers 5xx and a refused request changes nothing', async () => {
    const routes = routesOf(tool.app.express, 'post');
    const { staffAuth, memberAuth, otherAuth, idFor } = fuzz;
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
