import type { Server } from 'node:http';
import { expect } from 'chai';
import { buildLaunch, buildProgramForm, instructor, learner } from '../support/factories.js';
import { LtiBrowser } from '../support/lti-browser.js';
import { serveToolKeys, stopServer } from '../support/listening-tool.js';
import type { LaunchSpec } from '../support/platform-claims.js';
import { TestPlatform } from '../support/test-platform.js';
import { startTestTool, type TestTool } from '../support/test-tool.js';
import { launchAs, sessionFor, type ToolSession } from '../support/tool-session.js';

describe('adding mentoring to a course with Deep Linking', () => {
  let tool: TestTool;
  let moodle: TestPlatform;
  let canvas: TestPlatform;
  let server: Server;
  const course = { id: 'dl-course', title: 'Leading Teams', label: 'LEAD' };

  before(async () => {
    tool = await startTestTool();
    moodle = await TestPlatform.start('moodle');
    canvas = await TestPlatform.start('canvas');
    for (const p of [moodle, canvas]) await tool.app.registry.registerPlatform(p.manualRegistration);
    server = await serveToolKeys(tool, [moodle, canvas]);
  });
  after(async () => {
    await stopServer(server);
    await tool.close();
    await moodle.close();
    await canvas.close();
  });

  /** An instructor's Deep Linking launch: the tool answers with its picker, inside a session. */
  async function openPicker(platform: TestPlatform, deepLinking: LaunchSpec['deepLinking'] = {}, user = instructor()): Promise<ToolSession> {
    const browser = new LtiBrowser(tool.app.express);
    const { response } = await browser.launch(platform, buildLaunch(platform, { user, context: course, messageType: 'LtiDeepLinkingRequest', deepLinking }));
    expect(response.status, response.text).to.equal(303);
    expect(response.headers.location).to.match(/^\/deep-linking\?s=/);
    return sessionFor(tool.app.express, new URL(response.headers.location!, 'http://tool.test').searchParams.get('s')!);
  }

  async function createProgramFromPicker(picker: ToolSession, title: string): Promise<string> {
    const created = await picker.post('/staff/programs', buildProgramForm({ title, returnTo: 'deep-linking' }), '/staff/programs/new?from=deep-linking');
    expect(created.status, created.text).to.equal(303);
    const back = new URL(created.headers.location!, 'http://tool.test');
    expect(back.pathname).to.equal('/deep-linking');
    return back.searchParams.get('created')!;
  }

  it('when an instructor creates a program from the picker, then the signed response is accepted and launching the link opens that program', async () => {
    const picker = await openPicker(moodle, { data: 'opaque-42', accept_multiple: false });
    const empty = await picker.get('/deep-linking');
    expect(empty.text).to.contain('No mentoring program in this course yet');
    const programId = await createProgramFromPicker(picker, 'Circles for new managers');
    const page = await picker.get('/deep-linking', { created: programId });
    expect(page.text).to.contain('Circles for new managers').and.to.contain('type="radio"');
    const answer = await picker.post('/deep-linking', { items: `${programId}:hub` }, '/deep-linking');
    expect(answer.status, answer.text).to.equal(200);
    const returned = await moodle.submitDeepLinkForm(answer.text);
    expect(returned.response.problems).to.deep.equal([]);
    expect(returned.response.claims?.['https://purl.imsglobal.org/spec/lti-dl/claim/data']).to.equal('opaque-42');
    const [item] = returned.response.contentItems;
    expect(item).to.include({ type: 'ltiResourceLink', title: 'Circles for new managers', url: 'https://tool.test/lti/launch' });
    expect(item!.custom).to.deep.equal({ mc_program: programId, mc_activity: 'hub' });
    expect(item).not.to.have.property('lineItem');

    const spec = moodle.launchSpecForItem(item!, buildLaunch(moodle, { user: learner(), context: course }));
    const { response } = await new LtiBrowser(tool.app.express).launch(moodle, spec);
    expect(response.headers.location).to.match(new RegExp(`^/programs/${programId}\\?s=`));
    const landed = await new LtiBrowser(tool.app.express).agent.get(response.headers.location!);
    expect(landed.status).to.equal(200);
    expect(landed.text).to.contain('Circles for new managers').and.to.contain('Mentee');
  });

  it('when several activities are placed where the LMS accepts several, then each comes back with its program and activity', async () => {
    const picker = await openPicker(moodle, { accept_multiple: true });
    const programId = await createProgramFromPicker(picker, 'Reverse mentoring pilot');
    const answer = await picker.post('/deep-linking', { items: [`${programId}:kickoff`, `${programId}:close_out`] }, '/deep-linking');
    const returned = await moodle.submitDeepLinkForm(answer.text);
    expect(returned.response.problems).to.deep.equal([]);
    expect(returned.response.contentItems.map((i) => i.custom?.mc_activity)).to.deep.equal(['kickoff', 'close_out']);
    const spec = moodle.launchSpecForItem(returned.response.contentItems[0]!, buildLaunch(moodle, { user: learner(), context: course }));
    const { response } = await new LtiBrowser(tool.app.express).launch(moodle, spec);
    const landed = await new LtiBrowser(tool.app.express).agent.get(response.headers.location!);
    expect(landed.text).to.contain('Kick-off');
  });

  it('when the platform granted AGS and staff ask for a grade column, then each item carries a lineItem; without AGS none does', async () => {
    const picker = await openPicker(moodle);
    const programId = await createProgramFromPicker(picker, 'Graded program');
    expect((await picker.get('/deep-linking')).text).to.contain('name="gradeColumn"');
    const answer = await picker.post('/deep-linking', { items: `${programId}:close_out`, gradeColumn: 'on' }, '/deep-linking');
    const returned = await moodle.submitDeepLinkForm(answer.text);
    expect(returned.response.problems).to.deep.equal([]);
    expect(returned.response.contentItems[0]!.lineItem).to.include({ scoreMaximum: 100, resourceId: `${programId}:close_out` });

    const canvasPicker = await openPicker(canvas);
    const canvasProgram = await createProgramFromPicker(canvasPicker, 'Canvas program');
    expect((await canvasPicker.get('/deep-linking')).text).not.to.contain('name="gradeColumn"');
    const canvasAnswer = await canvasPicker.post('/deep-linking', { items: `${canvasProgram}:hub`, gradeColumn: 'on' }, '/deep-linking');
    const canvasReturned = await canvas.submitDeepLinkForm(canvasAnswer.text);
    expect(canvasReturned.response.problems).to.deep.equal([]);
    expect(canvasReturned.response.contentItems[0]).not.to.have.property('lineItem');
  });

  it('when two items are sent where the LMS accepts one, then the tool refuses before signing anything', async () => {
    const picker = await openPicker(canvas, { accept_multiple: false });
    const programId = await createProgramFromPicker(picker, 'One at a time');
    const answer = await picker.post('/deep-linking', { items: [`${programId}:hub`, `${programId}:kickoff`] }, '/deep-linking');
    expect(answer.status).to.equal(400);
    expect(answer.text).to.contain('one activity at a time').and.not.to.contain('name="JWT"');
  });

  it('when the LMS accepts no activity links, then the picker says so instead of offering them', async () => {
    const picker = await openPicker(moodle, { accept_types: ['file', 'html'] });
    const page = await picker.get('/deep-linking');
    expect(page.text).to.contain('does not provide').and.not.to.contain('name="items"');
  });

  it('when the same request is answered twice, then the second answer is refused', async () => {
    const picker = await openPicker(moodle);
    const programId = await createProgramFromPicker(picker, 'Answered once');
    const first = await picker.post('/deep-linking', { items: `${programId}:hub` }, '/deep-linking');
    expect(first.status).to.equal(200);
    const again = await picker.post('/deep-linking', { items: `${programId}:hub` }, '/home');
    expect(again.status).to.equal(409);
  });

  it('when the request is older than the configured age, then the picker refuses it as expired', async () => {
    const picker = await openPicker(moodle);
    const { deepLinkRequestId } = JSON.parse(Buffer.from(picker.token.split('.')[1]!, 'base64url').toString()) as { deepLinkRequestId: string };
    await tool.db.updateTable('deep_link_requests').set({ created_at: new Date(Date.now() - 2 * 3600_000) } as never).where('id', '=', deepLinkRequestId).execute();
    const page = await picker.get('/deep-linking');
    expect(page.status).to.equal(410);
    expect(page.text).to.contain('has expired');
  });

  it('when a staff session without a Deep Linking request opens the picker, then it is refused', async () => {
    const staff = await launchAs(tool.app.express, moodle, instructor(), { context: course });
    const page = await staff.get('/deep-linking');
    expect(page.status).to.equal(400);
    expect(page.text).to.contain('there is none in this session');
  });

  it('when a learner sends a Deep Linking request, then it is refused', async () => {
    const { response } = await new LtiBrowser(tool.app.express).launch(moodle, buildLaunch(moodle, { user: learner(), context: course, messageType: 'LtiDeepLinkingRequest' }));
    expect(response.status).to.equal(403);
    expect(response.text).to.contain('Only the course');
  });

  it('when a picker post names a program of another course, then it is refused and nothing is signed', async () => {
    const other = await openPicker(moodle, {}, instructor());
    const foreign = await createProgramFromPicker(other, 'Someone else\'s');
    const picker = await new LtiBrowser(tool.app.express).launch(moodle, buildLaunch(moodle, { user: instructor(), context: { id: 'elsewhere', title: 'Elsewhere', label: 'E' }, messageType: 'LtiDeepLinkingRequest' }));
    const session = sessionFor(tool.app.express, new URL(picker.response.headers.location!, 'http://tool.test').searchParams.get('s')!);
    const answer = await session.post('/deep-linking', { items: `${foreign}:hub` }, '/staff/programs/new');
    expect(answer.status).to.equal(404);
    expect(answer.text).not.to.contain('name="JWT"');
  });

  it('when a placed link was copied into another course, then staff are told to set the program up there', async () => {
    const picker = await openPicker(moodle);
    const programId = await createProgramFromPicker(picker, 'Original');
    const spec = buildLaunch(moodle, { user: instructor(), context: { id: 'course-copy', title: 'Copy', label: 'C' }, custom: { mc_program: programId, mc_activity: 'hub' } });
    const { response } = await new LtiBrowser(tool.app.express).launch(moodle, spec);
    expect(response.headers.location).to.match(/^\/home\?s=.*&copied=1$/);
    const home = await new LtiBrowser(tool.app.express).agent.get(response.headers.location!);
    expect(home.text).to.contain('copied from another course');
  });
});
