import { expect } from 'chai';
import { instructor, learner } from '../support/factories.js';
import { TestPlatform } from '../support/test-platform.js';
import { startTestTool, type TestTool } from '../support/test-tool.js';
import type { ToolSession } from '../support/tool-session.js';
import { authFrom, claimsOf, createProgram, enter, expectUnchanged, nominate, participantIdOf, send, staffProbes } from '../support/attack-world.js';

interface Tenant {
  name: string;
  platform: TestPlatform;
  staff: ToolSession;
  learner: ToolSession;
  programId: string;
  participantId: string;
  auth: { s: string; _csrf: string };
  learnerAuth: { s: string; _csrf: string };
}

/** Course "101" on two Moodles and on two Canvas tenants sharing Canvas's one issuer, with the same user subjects everywhere. */
describe('isolation: the same course id on different platforms and tenants', () => {
  let tool: TestTool;
  const tenants: Tenant[] = [];

  before(async () => {
    tool = await startTestTool();
    for (const [name, flavour] of [['Moodle X', 'moodle'], ['Moodle Y', 'moodle'], ['Canvas one', 'canvas'], ['Canvas two', 'canvas']] as const) {
      const platform = await TestPlatform.start(flavour);
      await tool.app.registry.registerPlatform(platform.manualRegistration);
      const staff = await enter(tool.app.express, platform, instructor('same-teacher'), '101');
      const programId = await createProgram(staff, { title: `Program of ${name}` });
      const learnerSession = await enter(tool.app.express, platform, learner('same-learner'), '101');
      const learnerAuth = await authFrom(learnerSession, `/programs/${programId}`);
      await nominate(learnerSession, programId);
      const participantId = await participantIdOf(tool.db, programId, learnerSession);
      tenants.push({ name, platform, staff, learner: learnerSession, programId, participantId, learnerAuth, auth: await authFrom(staff, `/staff/programs/${programId}`) });
    }
  });
  after(async () => {
    await tool.close();
    for (const t of tenants) await t.platform.close();
  });

  const pairs = () => tenants.flatMap((me) => tenants.filter((other) => other !== me).map((other) => [me, other] as const));

  it('when the two Canvas tenants share one issuer, then they still are different tenants with different users and courses', () => {
    const [one, two] = tenants.slice(2).map((t) => claimsOf(t.staff.token));
    expect(tenants[2]!.platform.issuer).to.equal(tenants[3]!.platform.issuer);
    expect(one!.tenantId).not.to.equal(two!.tenantId);
    expect(one!.courseId).not.to.equal(two!.courseId);
    expect(one!.userId).not.to.equal(two!.userId);
  });

  it('when staff of each course "101" open the tool, then they see only their own platform\'s program', async () => {
    for (const me of tenants) {
      const home = await me.staff.get('/home');
      expect(home.status).to.equal(200);
      expect(home.text, me.name).to.contain(`Program of ${me.name}`);
      for (const other of tenants.filter((t) => t !== me)) expect(home.text, `${me.name} sees ${other.name}`).not.to.contain(`Program of ${other.name}`);
    }
  });

  it('when learners of each course "101" open the tool, then they see only their own platform\'s program', async () => {
    for (const me of tenants) {
      const home = await me.learner.get('/home');
      expect(home.status).to.equal(200);
      expect(home.text, me.name).to.contain(`Program of ${me.name}`);
      for (const other of tenants.filter((t) => t !== me)) expect(home.text).not.to.contain(`Program of ${other.name}`);
    }
  });

  it('when staff use another platform\'s program and participant ids on every staff route, then each answers 404 and nothing changes', async () => {
    await expectUnchanged(tool.db, tenants.map((t) => t.staff), async () => {
      for (const [me, other] of pairs()) {
        for (const probe of staffProbes(other.programId, other.participantId, claimsOf(other.staff.token).courseId)) {
          const res = await send(tool.app.express, me.staff, me.auth, probe);
          expect(res.status, `${me.name} → ${other.name}: ${probe.method} ${probe.path}`).to.equal(404);
          expect(res.text).not.to.contain(`Program of ${other.name}`);
        }
      }
    });
  });

  it('when staff copy their program into the other platform\'s course "101" by its id, then it is refused', async () => {
    await expectUnchanged(tool.db, tenants.map((t) => t.staff), async () => {
      for (const [me, other] of pairs()) {
        const probe = { method: 'POST' as const, path: `/staff/programs/${me.programId}/duplicate`, fields: { targetCourseId: claimsOf(other.staff.token).courseId } };
        expect((await send(tool.app.express, me.staff, me.auth, probe)).status, `${me.name} → ${other.name}`).to.equal(404);
      }
    });
  });

  it('when learners open or offer to mentor in another platform\'s program, then it answers 404 and nothing changes', async () => {
    await expectUnchanged(tool.db, tenants.map((t) => t.staff), async () => {
      for (const [me, other] of pairs()) {
        const page = await me.learner.get(`/programs/${other.programId}`);
        expect(page.status, `${me.name} → ${other.name}`).to.equal(404);
        expect(page.text).not.to.contain(`Program of ${other.name}`);
        const post = await send(tool.app.express, me.learner, me.learnerAuth, { method: 'POST', path: `/programs/${other.programId}/nominate`, fields: {} });
        expect(post.status, `${me.name} → ${other.name}`).to.equal(404);
      }
    });
  });
});
