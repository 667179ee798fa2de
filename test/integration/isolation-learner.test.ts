import { expect } from 'chai';
import { buildLaunch, buildProgramForm, instructor, learner } from '../support/factories.js';
import { LtiBrowser } from '../support/lti-browser.js';
import { buildUser, ROLE } from '../support/platform-claims.js';
import { TestPlatform } from '../support/test-platform.js';
import { startTestTool, type TestTool } from '../support/test-tool.js';
import type { ToolSession } from '../support/tool-session.js';
import { authFrom, claimsOf, createProgram, enter, expectUnchanged, freshContext, inCourse, participantIdOf, send, staffProbes, TOOL_ORIGIN, type Probe } from '../support/attack-world.js';

/** A learner tries staff pages, other courses' programs, and other learners' data. */
describe('isolation: what a learner can reach', () => {
  let tool: TestTool;
  let moodle: TestPlatform;
  let staff: ToolSession;
  let me: ToolSession;
  let otherCourse: ToolSession;
  let myProgram: string;
  let notMyProgram: string;
  let foreignProgram: string;
  let oliveId: string;
  let auth: { s: string; _csrf: string };
  const course = freshContext('learner-course');
  const olive = buildUser({ sub: 'olive', name: 'Olive Otherlearner', email: 'olive.other@example.test', roles: [ROLE.learner] });

  before(async () => {
    tool = await startTestTool();
    moodle = await TestPlatform.start('moodle');
    await tool.app.registry.registerPlatform(moodle.manualRegistration);
    staff = await enter(tool.app.express, moodle, instructor(), course);
    myProgram = await createProgram(staff, { title: 'Program I am in', confidentiality: 'What is said here is only for the members of this program.' });
    me = await enter(tool.app.express, moodle, learner('me'), course);
    oliveId = await participantIdOf(tool.db, myProgram, await enter(tool.app.express, moodle, olive, course));
    notMyProgram = await createProgram(staff, { title: 'Program opened after my launch', confidentiality: 'Secret norms of the second program, shared only with its members.' });
    otherCourse = await enter(tool.app.express, moodle, instructor(), freshContext('elsewhere'));
    foreignProgram = await createProgram(otherCourse, { title: 'Program of another course' });
    auth = await authFrom(me, `/programs/${myProgram}`);
  });
  after(async () => {
    await tool.close();
    await moodle.close();
  });

  it('when a learner opens or posts to any staff route of their own course, then it answers 403 and nothing changes', async () => {
    const probes: Probe[] = [
      ...staffProbes(myProgram, oliveId, claimsOf(otherCourse.token).courseId),
      { method: 'GET', path: '/staff/programs/new' },
      { method: 'POST', path: '/staff/programs', fields: buildProgramForm({ title: 'Made by a learner' }) },
      { method: 'GET', path: '/deep-linking' },
      { method: 'POST', path: '/deep-linking', fields: { items: `${myProgram}:hub` } },
    ];
    await expectUnchanged(tool.db, [staff, otherCourse], async () => {
      for (const probe of probes) {
        const res = await send(tool.app.express, me, auth, probe);
        expect(res.status, `${probe.method} ${probe.path}`).to.equal(403);
        expect(res.text).to.contain('STAFF_ONLY').and.not.to.contain('olive.other@example.test');
      }
    });
  });

  it('when a learner opens or offers to mentor in another course\'s program, then it answers 404 and nothing changes', async () => {
    await expectUnchanged(tool.db, [staff, otherCourse], async () => {
      const page = await me.get(`/programs/${foreignProgram}`);
      expect(page.status).to.equal(404);
      expect(page.text).not.to.contain('Program of another course');
      const post = await send(tool.app.express, me, auth, { method: 'POST', path: `/programs/${foreignProgram}/nominate`, fields: {} });
      expect(post.status).to.equal(404);
    });
  });

  it('when a learner opens a program of their course they are not in, then it is refused without showing the program', async () => {
    await expectUnchanged(tool.db, [staff], async () => {
      const page = await me.get(`/programs/${notMyProgram}`);
      expect(page.status).to.be.oneOf([403, 404]);
      expect(page.text).not.to.contain('Program opened after my launch').and.not.to.contain('Secret norms');
      const post = await send(tool.app.express, me, auth, { method: 'POST', path: `/programs/${notMyProgram}/nominate`, fields: {} });
      expect(post.status).to.be.oneOf([403, 404]);
    });
  });

  it('when a learner looks at every page they can reach, then no other learner\'s name or email is on it', async () => {
    for (const path of ['/home', `/programs/${myProgram}`, `/programs/${notMyProgram}`]) {
      const res = await me.get(path);
      expect(res.text, path).not.to.contain('Olive').and.not.to.contain('olive.other@example.test');
    }
    const staffView = await staff.get(`/staff/programs/${myProgram}`);
    expect(staffView.text, 'the names are there for staff, so the probe above can fail').to.contain('Olive Otherlearner');
  });

  it('when a learner launches a Deep Linking request, then it is refused with 403 and no request is stored', async () => {
    await expectUnchanged(tool.db, [staff], async () => {
      const { response } = await new LtiBrowser(tool.app.express).launch(moodle, buildLaunch(moodle, { user: learner(), ...inCourse(course), messageType: 'LtiDeepLinkingRequest' }));
      expect(response.status).to.equal(403);
      expect(response.text).to.contain('DEEP_LINKING_STAFF_ONLY');
    });
  });

  it('when a staff session without a Deep Linking request opens or posts the picker, then it answers 400 and nothing is sent', async () => {
    const staffAuth = await authFrom(staff, '/staff/programs/new');
    await expectUnchanged(tool.db, [staff], async () => {
      const page = await staff.get('/deep-linking');
      expect(page.status).to.equal(400);
      expect(page.text).to.contain('DEEP_LINK_MISSING');
      const post = await send(tool.app.express, staff, staffAuth, { method: 'POST', path: '/deep-linking', fields: { items: `${myProgram}:hub` } });
      expect(post.status).to.equal(400);
      expect(post.text).not.to.contain('id_token').and.not.to.contain('JWT');
    });
  });

  it('when a Deep Linking answer was already sent, then sending it again is refused', async () => {
    const picker = await enter(tool.app.express, moodle, instructor(), course, { messageType: 'LtiDeepLinkingRequest' });
    const pickerAuth = await authFrom(picker, '/deep-linking');
    const answer: Probe = { method: 'POST', path: '/deep-linking', fields: { items: `${myProgram}:hub` } };
    const first = await send(tool.app.express, picker, pickerAuth, answer);
    expect(first.status, first.text).to.equal(200);
    const again = await send(tool.app.express, picker, pickerAuth, answer);
    expect(again.status).to.equal(409);
    expect(again.text).to.contain('DEEP_LINK_USED').and.not.to.contain('name="JWT"');
  });

  it('when a link in course B names course A\'s program (e.g. a custom parameter set by B\'s teacher), then the learner lands on B\'s home and joins nothing in A', async () => {
    await expectUnchanged(tool.db, [otherCourse], async () => {
      const launched = await enter(tool.app.express, moodle, learner(), course, { custom: { mc_program: foreignProgram, mc_activity: 'hub' } });
      expect(new URL(launched.landing, TOOL_ORIGIN).pathname).to.equal('/home');
      const home = await launched.get('/home');
      expect(home.text).not.to.contain('Program of another course');
    });
  });
});
