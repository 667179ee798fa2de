import type { Server } from 'node:http';
import { expect } from 'chai';
import { buildProgramForm, instructor, learner } from '../support/factories.js';
import { serveToolKeys, stopServer } from '../support/listening-tool.js';
import { TestPlatform } from '../support/test-platform.js';
import { startTestTool, type TestTool } from '../support/test-tool.js';
import type { ToolSession } from '../support/tool-session.js';
import { authFrom, claimsOf, courseState, createProgram, enter, EVIL_ORIGIN, expectUnchanged, freshContext, participantIdOf, postForm, TOOL_ORIGIN } from '../support/attack-world.js';

type Auth = { s: string; _csrf: string };

interface Write {
  name: string;
  path: string;
  fields: Record<string, string | string[]>;
  /** This session's own auth, and the auth of another live session of the same kind. */
  auth: Auth;
  otherAuth: Auth;
}

/** Every state-changing form, sent with a missing, foreign or cross-origin token, then as the tool's own page sends it. */
describe('CSRF: every state-changing form', () => {
  let tool: TestTool;
  let moodle: TestPlatform;
  let server: Server;
  let staff: ToolSession;
  let elsewhere: ToolSession;
  let writes: Write[];
  const course = freshContext('csrf');

  before(async () => {
    tool = await startTestTool();
    moodle = await TestPlatform.start('moodle');
    await tool.app.registry.registerPlatform(moodle.manualRegistration);
    server = await serveToolKeys(tool, [moodle]);
    const teacher = instructor();
    staff = await enter(tool.app.express, moodle, teacher, course);
    elsewhere = await enter(tool.app.express, moodle, teacher, freshContext('csrf-target'));
    const programId = await createProgram(staff);
    const member = await enter(tool.app.express, moodle, learner(), course);
    const otherMember = await enter(tool.app.express, moodle, learner(), course);
    const picker = await enter(tool.app.express, moodle, teacher, course, { messageType: 'LtiDeepLinkingRequest' });
    const otherPicker = await enter(tool.app.express, moodle, teacher, course, { messageType: 'LtiDeepLinkingRequest' });
    const admin = `/staff/programs/${programId}`;
    const participant = `${admin}/participants/${await participantIdOf(tool.db, programId, member)}`;
    const staffAuth = await authFrom(staff, admin);
    const otherStaffAuth = await authFrom(await enter(tool.app.express, moodle, teacher, course), admin);
    const asStaff = { auth: staffAuth, otherAuth: otherStaffAuth };
    // In the order they are accepted at the end: the nomination must exist before it is decided.
    writes = [
      { name: 'offer to mentor', path: `/programs/${programId}/nominate`, fields: {}, auth: await authFrom(member, `/programs/${programId}`), otherAuth: await authFrom(otherMember, `/programs/${programId}`) },
      { name: 'decide a nomination', path: `${participant}/nomination`, fields: { decision: 'approve' }, ...asStaff },
      { name: 'change a role', path: `${participant}/role`, fields: { role: 'both' }, ...asStaff },
      { name: 'save settings', path: `${admin}/settings`, fields: buildProgramForm({ title: 'Renamed by the form' }), ...asStaff },
      { name: 'sync the roster', path: `${admin}/roster/sync`, fields: {}, ...asStaff },
      { name: 'copy to another course', path: `${admin}/duplicate`, fields: { targetCourseId: claimsOf(elsewhere.token).courseId }, ...asStaff },
      { name: 'create a program', path: '/staff/programs', fields: buildProgramForm({ title: 'Created by the form' }), ...asStaff },
      { name: 'answer deep linking', path: '/deep-linking', fields: { items: `${programId}:hub` }, auth: await authFrom(picker, '/deep-linking'), otherAuth: await authFrom(otherPicker, '/deep-linking') },
    ];
  });
  after(async () => {
    await stopServer(server);
    await tool.close();
    await moodle.close();
  });

  /** Sends each write with this variation and expects 403 CSRF_FAILED with nothing changed. */
  async function expectAllRefused(vary: (w: Write) => { fields: Record<string, string | string[]>; headers: Record<string, string> }): Promise<void> {
    await expectUnchanged(tool.db, [staff, elsewhere], async () => {
      for (const write of writes) {
        const { fields, headers } = vary(write);
        const res = await postForm(tool.app.express, write.path, fields, headers);
        expect(res.status, write.name).to.equal(403);
        expect(res.text, write.name).to.contain('CSRF_FAILED');
      }
    });
  }

  it('when a form comes without its _csrf field, then it is refused with 403 and nothing is saved', async () => {
    await expectAllRefused((w) => ({ fields: { ...w.fields, s: w.auth.s }, headers: { Origin: TOOL_ORIGIN } }));
  });

  it('when a form carries an empty or made-up _csrf, then it is refused with 403 and nothing is saved', async () => {
    await expectAllRefused((w) => ({ fields: { ...w.fields, s: w.auth.s, _csrf: '' }, headers: {} }));
    await expectAllRefused((w) => ({ fields: { ...w.fields, s: w.auth.s, _csrf: 'A'.repeat(w.auth._csrf.length) }, headers: {} }));
    await expectAllRefused((w) => ({ fields: { ...w.fields, s: w.auth.s, _csrf: [w.auth._csrf, w.auth._csrf] }, headers: {} }));
  });

  it('when a form carries the _csrf of another live session of the same person or course, then it is refused with 403', async () => {
    await expectAllRefused((w) => ({ fields: { ...w.fields, s: w.auth.s, _csrf: w.otherAuth._csrf }, headers: { Origin: TOOL_ORIGIN } }));
    await expectAllRefused((w) => ({ fields: { ...w.fields, s: w.auth.s }, headers: { 'X-CSRF-Token': w.otherAuth._csrf } }));
  });

  it('when a form with the right token is posted from a foreign Origin, then it is refused with 403', async () => {
    await expectAllRefused((w) => ({ fields: { ...w.fields, ...w.auth }, headers: { Origin: EVIL_ORIGIN } }));
    await expectAllRefused((w) => ({ fields: { ...w.fields, ...w.auth }, headers: { Origin: 'http://tool.test.evil.example' } }));
  });

  it('when the Origin is "null" (a sandboxed frame) and the token is missing, then it is refused with 403', async () => {
    await expectAllRefused((w) => ({ fields: { ...w.fields, s: w.auth.s }, headers: { Origin: 'null' } }));
  });

  it('when each form is sent as the tool\'s own page sends it, then it is accepted and its change is saved', async () => {
    for (const write of writes) {
      const before = await Promise.all([courseState(tool.db, staff), courseState(tool.db, elsewhere)]);
      const res = await postForm(tool.app.express, write.path, { ...write.fields, ...write.auth }, { Origin: TOOL_ORIGIN });
      expect(res.status, `${write.name}: ${res.text.slice(0, 300)}`).to.be.oneOf([200, 303]);
      const after = await Promise.all([courseState(tool.db, staff), courseState(tool.db, elsewhere)]);
      expect(after, `${write.name} changed something`).not.to.deep.equal(before);
    }
  });
});
