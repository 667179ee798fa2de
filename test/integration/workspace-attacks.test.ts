import { expect } from 'chai';
import request from 'supertest';
import { buildProgramForm, instructor, learner } from '../support/factories.js';
import { TestPlatform } from '../support/test-platform.js';
import { startTestTool, type TestTool } from '../support/test-tool.js';
import type { ToolSession } from '../support/tool-session.js';
import { authFrom, createProgram, enter, freshContext, postForm } from '../support/attack-world.js';
import {
  buildWorkspace,
  claimsOf,
  pathOf,
  signInWith,
  workspaceDepsOf,
} from '../support/workspace-world.js';

const linkOf = (html: string) =>
  /data-sign-in-link>(https:\/\/tool\.test\/workspaces\/[^<]+)</.exec(html)?.[1];

describe('workspace staff and their links, attacked with valid sessions of others', function () {
  this.timeout(120_000);
  let tool: TestTool;
  let moodle: TestPlatform;
  let adminA: ToolSession;
  let adminB: ToolSession;

  const counts = async () => ({
    people: Number(
      (
        await tool.db
          .selectFrom('workspace_people')
          .select((e) => e.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    ),
    links: Number(
      (
        await tool.db
          .selectFrom('workspace_sign_in_links')
          .select((e) => e.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    ),
  });

  before(async () => {
    tool = await startTestTool();
    moodle = await TestPlatform.start('moodle');
    await tool.app.registry.registerPlatform(moodle.manualRegistration);
    const deps = workspaceDepsOf(tool);
    adminA = await signInWith(tool.app.express, (await buildWorkspace(deps)).url);
    adminB = await signInWith(tool.app.express, (await buildWorkspace(deps)).url);
  });
  after(async () => {
    await tool.close();
    await moodle.close();
  });

  it('when an admin invites staff, then the page shows a one-time link that signs them in as staff, not admin', async () => {
    const page = await adminA.post(
      '/staff/workspace/people',
      { name: 'Sam Staff', email: 'Sam@Example.org', role: 'staff' },
      '/staff/workspace',
    );
    expect(page.status, page.text).to.equal(200);
    const url = linkOf(page.text);
    expect(url, page.text).to.be.a('string');
    const staff = await signInWith(tool.app.express, url!);
    expect(claimsOf(staff)).to.include({
      tenantId: claimsOf(adminA).tenantId,
      tenantAdmin: false,
      tenantKind: 'workspace',
    });
    const list = await staff.get('/staff/workspace');
    expect(list.text)
      .to.contain('sam@example.org')
      .and.to.contain('Only workspace administrators invite staff.');
    expect(list.text).not.to.contain('Invite and show the sign-in link');

    const before = await counts();
    const refused = await staff.post(
      '/staff/workspace/people',
      { name: 'Eve', email: 'eve@example.org' },
      '/staff/programs/new',
    );
    expect(refused.status).to.equal(403);
    expect(refused.text).to.contain('WORKSPACE_ADMIN_ONLY');
    const ownLink = await staff.post(
      `/staff/workspace/people/${claimsOf(staff).userId}/link`,
      {},
      '/staff/programs/new',
    );
    expect(ownLink.status).to.equal(403);
    expect(await counts()).to.deep.equal(before);
  });

  it('when an invitation is invalid or repeats an address, then the form says why and nothing is written', async () => {
    const before = await counts();
    const bad = await adminA.post(
      '/staff/workspace/people',
      { name: '', email: 'not-an-address' },
      '/staff/workspace',
    );
    expect(bad.status).to.equal(422);
    expect(bad.text).to.contain('id="invite-error"').and.to.contain('value="not-an-address"');
    await adminA.post(
      '/staff/workspace/people',
      { name: 'Once', email: 'once@example.org' },
      '/staff/workspace',
    );
    const twice = await adminA.post(
      '/staff/workspace/people',
      { name: 'Twice', email: 'ONCE@example.org' },
      '/staff/workspace',
    );
    expect(twice.status).to.equal(409);
    expect(twice.text).to.contain('already staff of this workspace');
    const after = await counts();
    expect(after.people - before.people).to.equal(1);
  });

  it("when workspace A's link is opened under workspace B's id, then it is unknown there and stays unused", async () => {
    const link = await buildWorkspace(workspaceDepsOf(tool));
    const forged = pathOf(link.url).replace(link.person.tenantId, claimsOf(adminB).tenantId);
    expect((await request(tool.app.express).get(forged)).status).to.equal(404);
    const used = await request(tool.app.express).post(forged).type('form').send({});
    expect(used.status).to.equal(404);
    expect(used.text).to.contain('SIGN_IN_LINK_UNKNOWN');
    const row = await tool.db
      .selectFrom('workspace_sign_in_links')
      .select('used_at')
      .where('tenant_id', '=', link.person.tenantId)
      .executeTakeFirstOrThrow();
    expect(row.used_at).to.equal(null);
  });

  it('when one link is used twice at once, then exactly one sign-in wins', async () => {
    const link = await buildWorkspace(workspaceDepsOf(tool));
    const use = () => request(tool.app.express).post(pathOf(link.url)).type('form').send({});
    const statuses = (await Promise.all([use(), use(), use()])).map((r) => r.status).sort();
    expect(statuses).to.deep.equal([303, 410, 410]);
    const sessions = await tool.db
      .selectFrom('tool_sessions')
      .select('sid')
      .where('tenant_id', '=', link.person.tenantId)
      .execute();
    expect(sessions).to.have.length(1);
  });

  it('when another site posts a sign-in link, then it is refused and the link stays usable', async () => {
    const link = await buildWorkspace(workspaceDepsOf(tool));
    const forged = await request(tool.app.express)
      .post(pathOf(link.url))
      .set('Origin', 'https://evil.test')
      .type('form')
      .send({});
    expect(forged.status).to.equal(403);
    expect(forged.text).to.contain('SIGN_IN_CROSS_SITE');
    const own = await request(tool.app.express)
      .post(pathOf(link.url))
      .set('Origin', 'https://tool.test')
      .type('form')
      .send({});
    expect(own.status).to.equal(303);
  });

  it("when A's admin aims at B's program and B's people, then nothing of B is reachable or changed", async () => {
    const made = await adminB.post('/staff/programs', buildProgramForm(), '/staff/programs/new');
    const programPath = new URL(made.headers.location!, 'https://tool.test').pathname;
    expect((await adminA.get(programPath)).status).to.equal(404);
    expect((await adminA.get(`${programPath}/matching`)).status).to.equal(404);
    const before = await counts();
    const resend = await adminA.post(
      `/staff/workspace/people/${claimsOf(adminB).userId}/link`,
      {},
      '/staff/workspace',
    );
    expect(resend.status).to.equal(404);
    expect(resend.text).to.contain('WORKSPACE_PERSON_UNKNOWN');
    expect(await counts()).to.deep.equal(before);
  });

  it('when LMS people call workspace actions, then a learner is refused as non-staff and staff are told it is for workspaces', async () => {
    const course = freshContext('workspace-attack');
    const teacher = await enter(tool.app.express, moodle, instructor(), course);
    const programId = await createProgram(teacher);
    const student = await enter(tool.app.express, moodle, learner(), course);
    const auth = await authFrom(student, `/programs/${programId}`);
    const before = await counts();
    const mallory = { name: 'Mallory', email: 'm@example.org', role: 'admin' };
    const byLearner = await postForm(tool.app.express, '/staff/workspace/people', {
      ...mallory,
      ...auth,
    });
    expect(byLearner.status).to.equal(403);
    expect(byLearner.text).to.contain('STAFF_ONLY');
    expect((await teacher.get('/staff/workspace')).status).to.equal(409);
    const byTeacher = await teacher.post(
      '/staff/workspace/people',
      { name: 'Mallory', email: 'm@example.org' },
      '/staff/programs/new',
    );
    expect(byTeacher.status).to.equal(409);
    expect(byTeacher.text).to.contain('WORKSPACE_ONLY');
    expect(await counts()).to.deep.equal(before);
  });

  it('when workspace staff open an LMS-only feature, then the page says it is not available in a workspace', async () => {
    const made = await adminA.post('/staff/programs', buildProgramForm(), '/staff/programs/new');
    const programPath = new URL(made.headers.location!, 'https://tool.test').pathname;
    const grades = await adminA.get(`${programPath}/grades`);
    expect(grades.status).to.equal(409);
    expect(grades.text)
      .to.contain('NOT_IN_WORKSPACE')
      .and.to.contain('not available in a standalone workspace');
    const sync = await adminA.post(`${programPath}/roster/sync`, {}, programPath);
    expect(sync.status).to.equal(409);
    const admin = await adminA.get(programPath);
    expect(admin.text).not.to.contain('/grades?');
    expect(admin.text).to.contain('A workspace has no LMS roster');
  });
});
