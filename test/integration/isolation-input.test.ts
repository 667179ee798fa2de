import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import { expect } from 'chai';
import { SignJWT } from 'jose';
import request from 'supertest';
import { instructor, learner } from '../support/factories.js';
import { serveToolKeys, stopServer } from '../support/listening-tool.js';
import { buildUser, ROLE } from '../support/platform-claims.js';
import { TestPlatform } from '../support/test-platform.js';
import { startTestTool, type TestTool } from '../support/test-tool.js';
import type { ToolSession } from '../support/tool-session.js';
import { authFrom, claimsOf, createProgram, enter, expectUnchanged, freshContext, participantIdOf, send, staffProbes, tamperedToken, type Probe } from '../support/attack-world.js';

const MALFORMED = ['not-a-uuid', "' or 1=1 --", `${'a'.repeat(4000)}`, '../settings', '\u0000', '00000000-0000-0000-0000-000000000000', "1dce2b2c-9b3c-4b59-b957-9410c74c952e' OR '1'='1"];

/** Crafted ids, crafted session tokens, and crafted names: refused or shown as text, never a 500. */
describe('isolation: crafted ids, tokens and names', () => {
  let tool: TestTool;
  let server: Server;
  let moodle: TestPlatform;
  let staff: ToolSession;
  let member: ToolSession;
  let programId: string;
  let participantId: string;
  let staffAuth: { s: string; _csrf: string };
  let memberAuth: { s: string; _csrf: string };
  const course = freshContext('crafted');

  before(async () => {
    tool = await startTestTool();
    moodle = await TestPlatform.start('moodle');
    await tool.app.registry.registerPlatform(moodle.manualRegistration);
    server = await serveToolKeys(tool, [moodle]);
    staff = await enter(tool.app.express, moodle, instructor(), course);
    programId = await createProgram(staff);
    member = await enter(tool.app.express, moodle, learner(), course);
    participantId = await participantIdOf(tool.db, programId, member);
    staffAuth = await authFrom(staff, `/staff/programs/${programId}`);
    memberAuth = await authFrom(member, `/programs/${programId}`);
  });
  after(async () => {
    await stopServer(server);
    await tool.close();
    await moodle.close();
  });

  /** Every route that takes an id, with the crafted value in each id position. */
  function probesWith(bad: string): { session: ToolSession; auth: typeof staffAuth; probe: Probe }[] {
    const id = encodeURIComponent(bad);
    const asStaff = [...staffProbes(id, participantId, claimsOf(staff.token).courseId), ...staffProbes(programId, id, claimsOf(staff.token).courseId).filter((p) => p.path.includes('/participants/'))];
    const asMember: Probe[] = [{ method: 'GET', path: `/programs/${id}` }, { method: 'POST', path: `/programs/${id}/nominate`, fields: {} }];
    return [...asStaff.map((probe) => ({ session: staff, auth: staffAuth, probe })), ...asMember.map((probe) => ({ session: member, auth: memberAuth, probe }))];
  }

  it('when ids are malformed, injected or absent, then every route answers 404 and nothing changes', async () => {
    await expectUnchanged(tool.db, [staff], async () => {
      for (const bad of MALFORMED) {
        for (const { session, auth, probe } of probesWith(bad)) {
          const res = await send(tool.app.express, session, auth, probe);
          expect(res.status, `${probe.method} ${probe.path.slice(0, 120)}`).to.equal(404);
        }
      }
    });
  });

  it('when the copy target or the picked activity is crafted, then it answers 404 and nothing changes', async () => {
    const picker = await enter(tool.app.express, moodle, instructor(), course, { messageType: 'LtiDeepLinkingRequest' });
    const pickerAuth = await authFrom(picker, '/deep-linking');
    await expectUnchanged(tool.db, [staff], async () => {
      for (const bad of MALFORMED) {
        const copy = await send(tool.app.express, staff, staffAuth, { method: 'POST', path: `/staff/programs/${programId}/duplicate`, fields: { targetCourseId: bad } });
        expect(copy.status, `copy to ${bad.slice(0, 40)}`).to.equal(404);
        for (const items of [`${bad}:hub`, `${programId}:${bad}`, [`${programId}:hub`, `${bad}:hub`]]) {
          const res = await send(tool.app.express, picker, pickerAuth, { method: 'POST', path: '/deep-linking', fields: { items } });
          expect(res.status, `items ${String(items).slice(0, 60)}`).to.equal(404);
        }
      }
    });
  });

  it('when the participant filters are crafted, then the page answers 200 listing only what matches', async () => {
    for (const q of ["' or 1=1 --", '%', '_', '\\', 'x'.repeat(5000)]) {
      const res = await staff.get(`/staff/programs/${programId}`, { q });
      expect(res.status, q.slice(0, 20)).to.equal(200);
      if (q.length < 100) expect(res.text, q).to.contain('No participants match this filter');
    }
    for (const query of [{ role: "mentor' OR '1'='1" }, { status: 'active; drop table participants' }] as Record<string, string>[]) {
      expect((await staff.get(`/staff/programs/${programId}`, query)).status).to.equal(200);
    }
  });

  it('when the session token is tampered with, forged or missing, then every route answers 401', async () => {
    const other = await enter(tool.app.express, moodle, instructor(), freshContext('other'));
    const { courseId } = claimsOf(other.token);
    const [header, payload] = staff.token.split('.');
    const forged = [
      tamperedToken(staff.token, { courseId }),
      tamperedToken(staff.token, { tenantId: randomUUID() }),
      tamperedToken(member.token, { courseRole: 'staff' }),
      `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${payload}.`,
      await new SignJWT(claimsOf(staff.token) as unknown as Record<string, unknown>).setProtectedHeader({ alg: 'HS256' }).setExpirationTime('1h').sign(new TextEncoder().encode('guessed-secret')),
      `${header}.${payload}`,
      'garbage',
    ];
    const probes: Probe[] = [...staffProbes(programId, participantId, courseId), { method: 'GET', path: '/home' }, { method: 'GET', path: `/programs/${programId}` }, { method: 'GET', path: '/deep-linking' }];
    await expectUnchanged(tool.db, [staff, other], async () => {
      for (const token of forged) {
        for (const probe of probes) {
          const res = probe.method === 'GET' ? await request(tool.app.express).get(probe.path).query({ s: token }) : await request(tool.app.express).post(probe.path).type('form').send({ ...probe.fields, s: token, _csrf: staffAuth._csrf });
          expect(res.status, `${probe.method} ${probe.path} with ${token.slice(0, 30)}`).to.equal(401);
        }
      }
      for (const probe of probes) {
        const res = probe.method === 'GET' ? await request(tool.app.express).get(probe.path) : await request(tool.app.express).post(probe.path).type('form').send({ ...probe.fields, _csrf: staffAuth._csrf });
        expect(res.status, `${probe.method} ${probe.path} without a session`).to.equal(401);
      }
    });
  });

  it('when names and emails carry HTML or spreadsheet formulas, then the admin page shows them as text and the CSV defuses them', async () => {
    const evilLaunch = buildUser({ sub: 'evil-launch', name: '<img src=x onerror=alert(1)>', email: 'img@example.test', roles: [ROLE.learner] });
    await enter(tool.app.express, moodle, evilLaunch, course);
    const formulas = ['=HYPERLINK("http://evil.example","click")', '+SUM(1,2)', '-2+3', '@SUM(A1)'];
    moodle.roster(course).set([
      buildUser({ sub: 'evil-nrps', name: '<script>alert(2)</script>', email: '"><svg onload=alert(3)>@example.test', roles: [ROLE.learner] }),
      ...formulas.map((name, i) => buildUser({ sub: `formula-${i}`, name, email: i === 0 ? '=cmd|\' /C calc\'!A0@example.test' : `f${i}@example.test`, roles: [ROLE.learner] })),
    ]);
    const synced = await staff.post(`/staff/programs/${programId}/roster/sync`, {}, `/staff/programs/${programId}`);
    expect(synced.headers.location).to.contain('notice=synced');

    const admin = await staff.get(`/staff/programs/${programId}`);
    expect(admin.text).to.contain('&lt;img src').and.to.contain('&lt;script&gt;alert(2)&lt;/script&gt;').and.to.contain('&lt;svg onload');
    expect(admin.text).not.to.contain('<img src=x').and.not.to.contain('<script>alert').and.not.to.contain('<svg');

    const csv = await staff.get(`/staff/programs/${programId}/participants.csv`);
    expect(csv.headers['content-type']).to.match(/^text\/csv/);
    expect(csv.headers['content-disposition']).to.match(/^attachment/);
    const cells = csv.text.split(/\r\n/).flatMap((line) => line.match(/"(?:[^"]|"")*"/g) ?? []);
    expect(cells).to.include('"<img src=x onerror=alert(1)>"').and.to.include('"<script>alert(2)</script>"');
    expect(cells).to.include.members(['"\'=HYPERLINK(""http://evil.example"",""click"")"', '"\'+SUM(1,2)"', '"\'-2+3"', '"\'@SUM(A1)"', '"\'=cmd|\' /C calc\'!A0@example.test"']);
    expect(cells.filter((c) => /^"[=+\-@]/.test(c)), 'no cell starts like a formula').to.deep.equal([]);
  });

  it('when the picked activity or a link\'s mc_activity is a name every JS object has, then it is not an activity: 404 in the picker, the hub at launch', async () => {
    for (const activity of ['constructor', '__proto__', 'toString']) {
      const picker = await enter(tool.app.express, moodle, instructor(), course, { messageType: 'LtiDeepLinkingRequest' });
      const res = await send(tool.app.express, picker, await authFrom(picker, '/deep-linking'), { method: 'POST', path: '/deep-linking', fields: { items: `${programId}:${activity}` } });
      expect(res.status, `picker ${activity}`).to.equal(404);
      const launched = await enter(tool.app.express, moodle, learner(), course, { custom: { mc_program: programId, mc_activity: activity }, resourceLink: { id: `proto-${activity}`, title: 'Crafted' } });
      expect(claimsOf(launched.token).activity, `launch ${activity}`).to.equal('hub');
    }
  });

  it('when the notice query names a property every JS object has, then the admin page shows no notice and never fails', async () => {
    for (const notice of ['hasOwnProperty', '__defineGetter__', 'constructor', '__proto__', 'toString']) {
      const res = await staff.get(`/staff/programs/${programId}`, { notice });
      expect(res.status, notice).to.equal(200);
      expect(res.text, notice).not.to.contain('role="status"');
    }
  });

  it('when a participant who left the course offers to mentor with their old session, then it is refused and nothing changes', async () => {
    const leaver = await enter(tool.app.express, moodle, learner(), course);
    const leaverAuth = await authFrom(leaver, `/programs/${programId}`);
    moodle.roster(course).set([]);
    const synced = await staff.post(`/staff/programs/${programId}/roster/sync`, {}, `/staff/programs/${programId}`);
    expect(synced.headers.location).to.contain('notice=synced');
    const row = () => tool.db.selectFrom('participants').select(['status', 'mentor_nomination']).where('program_id', '=', programId).where('user_id', '=', claimsOf(leaver.token).userId).executeTakeFirstOrThrow();
    expect(await row()).to.deep.equal({ status: 'inactive', mentor_nomination: 'none' });
    expect((await leaver.get(`/programs/${programId}`)).status, 'the page is already refused').to.equal(403);
    const res = await send(tool.app.express, leaver, leaverAuth, { method: 'POST', path: `/programs/${programId}/nominate`, fields: {} });
    expect(res.status).to.be.oneOf([403, 404, 409]);
    expect(await row()).to.deep.equal({ status: 'inactive', mentor_nomination: 'none' });
  });
});
