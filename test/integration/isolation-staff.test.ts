import { expect } from 'chai';
import { buildProgramForm, instructor, learner } from '../support/factories.js';
import { buildUser, ROLE } from '../support/platform-claims.js';
import { TestPlatform } from '../support/test-platform.js';
import { startTestTool, type TestTool } from '../support/test-tool.js';
import type { ToolSession } from '../support/tool-session.js';
import { authFrom, claimsOf, createProgram, enter, expectUnchanged, freshContext, nominate, participantIdOf, send, staffProbes, TOOL_ORIGIN } from '../support/attack-world.js';

/** Staff of course A try course B's program, roster and participants by id, on the same platform. */
describe('isolation: staff of one course against another course', () => {
  let tool: TestTool;
  let moodle: TestPlatform;
  let staffA: ToolSession;
  let staffC: ToolSession;
  let staffB: ToolSession;
  let programA: string;
  let programB: string;
  let participantA: string;
  let participantB: string;
  let auth: { s: string; _csrf: string };
  const courseA = freshContext('iso-a');
  const bLearner = buildUser({ sub: 'b-learner', name: 'Beatrix Bystander', email: 'beatrix.b@example.test', roles: [ROLE.learner] });

  before(async () => {
    tool = await startTestTool();
    moodle = await TestPlatform.start('moodle');
    await tool.app.registry.registerPlatform(moodle.manualRegistration);
    const teacher = instructor();
    const courseB = freshContext('iso-b');
    staffA = await enter(tool.app.express, moodle, teacher, courseA);
    staffC = await enter(tool.app.express, moodle, teacher, freshContext('iso-c'));
    staffB = await enter(tool.app.express, moodle, instructor(), courseB);
    programA = await createProgram(staffA, { title: 'Program of course A' });
    programB = await createProgram(staffB, { title: 'Program of course B' });
    const learnerA = await enter(tool.app.express, moodle, learner(), courseA);
    await nominate(learnerA, programA);
    participantA = await participantIdOf(tool.db, programA, learnerA);
    const learnerB = await enter(tool.app.express, moodle, bLearner, courseB);
    await nominate(learnerB, programB);
    participantB = await participantIdOf(tool.db, programB, learnerB);
    auth = await authFrom(staffA, `/staff/programs/${programA}`);
  });
  after(async () => {
    await tool.close();
    await moodle.close();
  });

  const targetC = () => claimsOf(staffC.token).courseId;

  it('when staff of course A use course B\'s program id on every staff route, then each answers 404 and nothing changes', async () => {
    await expectUnchanged(tool.db, [staffA, staffB, staffC], async () => {
      for (const probe of staffProbes(programB, participantB, targetC())) {
        const res = await send(tool.app.express, staffA, auth, probe);
        expect(res.status, `${probe.method} ${probe.path}`).to.equal(404);
        expect(res.text).not.to.contain('Program of course B').and.not.to.contain('Beatrix');
      }
    });
    const b = await tool.db.selectFrom('participants').select(['program_role', 'mentor_nomination']).where('id', '=', participantB).executeTakeFirstOrThrow();
    expect(b).to.deep.equal({ program_role: 'mentee', mentor_nomination: 'nominated' });
  });

  it('when course B\'s participant id is put under course A\'s program id, then role and nomination answer 404 and nothing changes', async () => {
    await expectUnchanged(tool.db, [staffA, staffB], async () => {
      for (const probe of staffProbes(programA, participantB, targetC()).filter((p) => p.path.includes('/participants/'))) {
        const res = await send(tool.app.express, staffA, auth, probe);
        expect(res.status, `${probe.method} ${probe.path}`).to.equal(404);
      }
    });
  });

  it('when course A\'s participant id is put under course B\'s program id, then it answers 404 too', async () => {
    await expectUnchanged(tool.db, [staffA, staffB], async () => {
      for (const probe of staffProbes(programB, participantA, targetC()).filter((p) => p.path.includes('/participants/'))) {
        expect((await send(tool.app.express, staffA, auth, probe)).status, probe.path).to.equal(404);
      }
    });
  });

  it('when staff of course A open course B\'s program as a participant page, then they end on a 404', async () => {
    const res = await staffA.get(`/programs/${programB}`);
    expect(res.status).to.equal(303);
    const followed = await staffA.get(new URL(res.headers.location!, TOOL_ORIGIN).pathname);
    expect(followed.status).to.equal(404);
    expect(followed.text).not.to.contain('Program of course B');
  });

  it('when staff of course A offer to mentor in course B\'s program, then it answers 404 and nothing changes', async () => {
    await expectUnchanged(tool.db, [staffA, staffB], async () => {
      const res = await send(tool.app.express, staffA, auth, { method: 'POST', path: `/programs/${programB}/nominate`, fields: {} });
      expect(res.status).to.equal(404);
    });
  });

  it('when staff copy their own program into a course of another teacher by id, then it is refused and that course stays empty of it', async () => {
    await expectUnchanged(tool.db, [staffA, staffB], async () => {
      const res = await send(tool.app.express, staffA, auth, { method: 'POST', path: `/staff/programs/${programA}/duplicate`, fields: { targetCourseId: claimsOf(staffB.token).courseId } });
      expect(res.status).to.equal(404);
    });
  });

  it('when staff of course A look at their own pages, then nothing of course B shows: not its program, not its people', async () => {
    for (const path of ['/home', `/staff/programs/${programA}`, `/staff/programs/${programA}/participants.csv`, `/staff/programs/${programA}/settings`]) {
      const res = await staffA.get(path);
      expect(res.status, path).to.equal(200);
      expect(res.text, path).not.to.contain('Program of course B').and.not.to.contain('Beatrix').and.not.to.contain('beatrix.b@example.test');
    }
    const search = await staffA.get(`/staff/programs/${programA}`, { q: 'beatrix.b@example.test' });
    expect(search.text).to.contain('No participants match this filter').and.not.to.contain('Beatrix Bystander');
  });

  it('when staff of course A place course B\'s program through Deep Linking, then it answers 404 and the request stays open', async () => {
    const picker = await enter(tool.app.express, moodle, instructor(), courseA, { messageType: 'LtiDeepLinkingRequest' });
    const before = await tool.db.selectFrom('deep_link_requests').select('used_at').where('id', '=', claimsOf(picker.token).deepLinkRequestId!).executeTakeFirstOrThrow();
    const res = await picker.post('/deep-linking', { items: `${programB}:hub` }, '/deep-linking');
    expect(res.status).to.equal(404);
    expect(res.text).not.to.contain('Program of course B');
    const after = await tool.db.selectFrom('deep_link_requests').select('used_at').where('id', '=', claimsOf(picker.token).deepLinkRequestId!).executeTakeFirstOrThrow();
    expect(after).to.deep.equal(before).and.to.deep.equal({ used_at: null });
  });

  it('when the create and settings forms carry course B\'s ids in extra fields, then they are ignored and only course A changes', async () => {
    const b = claimsOf(staffB.token);
    const smuggled = { id: programB, tenantId: b.tenantId, tenant_id: b.tenantId, courseId: b.courseId, course_id: b.courseId, duplicatedFrom: programB };
    await expectUnchanged(tool.db, [staffB, staffC], async () => {
      const created = await send(tool.app.express, staffA, auth, { method: 'POST', path: '/staff/programs', fields: buildProgramForm({ title: 'Smuggled create', ...smuggled }) });
      expect(created.status, created.text).to.equal(303);
      const saved = await send(tool.app.express, staffA, auth, { method: 'POST', path: `/staff/programs/${programA}/settings`, fields: buildProgramForm({ title: 'Smuggled settings', ...smuggled }) });
      expect(saved.status, saved.text).to.equal(303);
    });
    const titles = await tool.db.selectFrom('programs').select(['title', 'course_id', 'duplicated_from']).where('title', 'like', 'Smuggled%').orderBy('title').execute();
    expect(titles).to.deep.equal([
      { title: 'Smuggled create', course_id: claimsOf(staffA.token).courseId, duplicated_from: null },
      { title: 'Smuggled settings', course_id: claimsOf(staffA.token).courseId, duplicated_from: null },
    ]);
  });

  it('when staff of course A send the same requests with their own ids, then each is accepted (the probes above fail only on the ids)', async () => {
    const probes = staffProbes(programA, participantA, targetC()).sort((a, b) => Number(a.path.endsWith('/role')) - Number(b.path.endsWith('/role')));
    for (const probe of probes) {
      const res = await send(tool.app.express, staffA, auth, probe);
      expect(res.status, `${probe.method} ${probe.path}: ${res.text.slice(0, 300)}`).to.be.oneOf([200, 303]);
    }
    const a = await tool.db.selectFrom('participants').select(['program_role', 'mentor_nomination']).where('id', '=', participantA).executeTakeFirstOrThrow();
    expect(a).to.deep.equal({ program_role: 'mentor', mentor_nomination: 'approved' });
  });
});
