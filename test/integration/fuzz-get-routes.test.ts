import { expect } from 'chai';
import request from 'supertest';
import { tamperedToken } from '../support/attack-world.js';
import { CRAFTED_IDS, pathWith, routesOf } from '../support/fuzz-variants.js';
import { buildFuzzWorld, type FuzzWorld } from '../support/fuzz-world.js';
import { TestPlatform } from '../support/test-platform.js';
import { startTestTool, type TestTool } from '../support/test-tool.js';

/** Query strings a page may get from a crafted link: raw, so nothing is re-encoded on the way. */
function queriesFor(token: string): Array<[string, string]> {
  const s = encodeURIComponent(token);
  return [
    ['no session', ''],
    ['a made-up session', 's=not.a.token'],
    ['a tampered session', `s=${encodeURIComponent(tamperedToken(token, { courseRole: 'staff', userId: '00000000-0000-0000-0000-000000000000' }))}`],
    ['two sessions', `s=${s}&s=${s}`],
    ['NUL and a lone surrogate in every known parameter', `s=${s}&notice=%00&q=%ED%A0%80&page=%00&completed=%00`],
    ['broken percent-encoding', `s=${s}&notice=%E0%A4%A&q=%`],
    ['prototype keys', `s=${s}&__proto__=1&constructor=x&notice[__proto__]=1`],
    ['a 10 kB parameter (Node refuses headers over 16 kB itself)', `s=${s}&notice=${'x'.repeat(10_000)}`],
  ];
}

describe('fuzz: every GET route, crafted links', function () {
  this.timeout(240_000);
  let tool: TestTool;
  let moodle: TestPlatform;
  let fuzz: FuzzWorld;

  before(async () => {
    tool = await startTestTool();
    moodle = await TestPlatform.start('moodle');
    await tool.app.registry.registerPlatform(moodle.manualRegistration);
    fuzz = await buildFuzzWorld(tool, moodle);
  });
  after(async () => {
    await tool?.close();
    await moodle?.close();
  });

  it('when any GET route gets crafted ids or query strings, then it never answers 5xx', async () => {
    const routes = routesOf(tool.app.express, 'get');
    expect(routes.length, 'GET routes found in the router stack').to.be.greaterThan(30);
    const failures: string[] = [];
    let sent = 0;
    for (const route of routes) {
      const token = route.path.startsWith('/staff/') ? fuzz.staffAuth.s : fuzz.memberAuth.s;
      const paths = [pathWith(route, fuzz.idFor), ...route.params.flatMap((param) =>
        CRAFTED_IDS.map((bad) => pathWith(route, (p) => (p === param ? bad : fuzz.idFor(p)))))];
      const tries = [...queriesFor(token).map(([name, query]) => [name, `${paths[0]}?${query}`]),
        ...paths.slice(1).map((p) => ['crafted id', `${p}?s=${encodeURIComponent(token)}`])];
      for (const [name, url] of tries) {
        const res = await request(tool.app.express).get(url!);
        sent++;
        if (res.status >= 500) failures.push(`${route.path} (${name}): ${res.status} ${res.text.replace(/\s+/g, ' ').slice(0, 120)}`);
      }
    }
    expect(sent, 'requests sent').to.be.within(200, 3000);
    expect(failures).to.deep.equal([]);
  });
});
