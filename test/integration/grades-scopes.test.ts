import type { Server } from 'node:http';
import { expect } from 'chai';
import { buildGradeWorld } from '../support/grade-world.js';
import { serveToolKeys, stopServer } from '../support/listening-tool.js';
import { TestPlatform } from '../support/test-platform.js';
import { startTestTool, type TestTool } from '../support/test-tool.js';

const AGS = 'https://purl.imsglobal.org/spec/lti-ags/scope/';

describe('grades back to the LMS: only the scopes the platform grants', () => {
  let tool: TestTool;
  let gradeSyncOnly: TestPlatform;
  let readOnly: TestPlatform;
  let server: Server;

  before(async () => {
    tool = await startTestTool();
    // Moodle's "Use this service for grade sync only": no `lineitem` scope.
    gradeSyncOnly = await TestPlatform.start('moodle', { agsScopes: [`${AGS}lineitem.readonly`, `${AGS}result.readonly`, `${AGS}score`] });
    readOnly = await TestPlatform.start('moodle', { agsScopes: [`${AGS}lineitem.readonly`, `${AGS}result.readonly`] });
    for (const p of [gradeSyncOnly, readOnly]) await tool.app.registry.registerPlatform(p.manualRegistration);
    server = await serveToolKeys(tool, [gradeSyncOnly, readOnly]);
  });
  after(async () => {
    await stopServer(server);
    await tool.close();
    for (const p of [gradeSyncOnly, readOnly]) await p.close();
  });

  it('when Moodle grants grade sync only, then scores reach the launch\'s line item and the tool never asks for lineitem', async () => {
    const world = await buildGradeWorld(tool, gradeSyncOnly);
    await tool.app.grades.dispatcher.drain();
    expect(gradeSyncOnly.ags.gradebook(world.lineItemUrl!).map((e) => e.scoreGiven)).to.deep.equal([0, 0]);
    const asked = gradeSyncOnly.tokenRequests.flatMap((t) => t.requestedScopes);
    expect(asked).to.include(`${AGS}score`);
    expect(asked.filter((s) => s.startsWith(AGS) && s !== `${AGS}score`)).to.deep.equal([]);
    expect(gradeSyncOnly.tokenRequests.every((t) => t.status === 200)).to.equal(true);
  });

  it('when the LMS offers a grade column without the score scope, then nothing is queued and the page says what to switch on', async () => {
    const world = await buildGradeWorld(tool, readOnly);
    expect(await world.scoreRows()).to.deep.equal([]);
    const page = await world.staff.get(world.page);
    expect(page.text).to.contain('does not let the tool write scores to it').and.not.contain('Send scores now');
    const sent = await world.staff.post(`${world.page}/send`, {}, world.page);
    expect(sent.headers.location).to.contain('notice=nothing-sent');
    expect(await world.scoreRows()).to.deep.equal([]);
    expect(readOnly.ags.posts).to.deep.equal([]);
  });
});
