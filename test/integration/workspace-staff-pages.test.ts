import { expect } from 'chai';
import { buildProgramForm } from '../support/factories.js';
import { startTestTool, type TestTool } from '../support/test-tool.js';
import type { ToolSession } from '../support/tool-session.js';
import { buildWorkspace, signInWith, workspaceDepsOf } from '../support/workspace-world.js';

/** Every staff page of a program, as a workspace admin (no LMS anywhere) opens them. */
const PAGES = [
  '',
  '/settings',
  '/matching',
  '/matching/settings',
  '/circles',
  '/circle-progress',
  '/prompts',
  '/prompts/library',
  '/prompts/library/new',
  '/skills',
  '/survey',
  '/packages',
  '/notifications',
  '/participants.csv',
];

describe('a workspace program through every staff page', function () {
  this.timeout(120_000);
  let tool: TestTool;
  let admin: ToolSession;
  let programPath: string;

  before(async () => {
    tool = await startTestTool();
    admin = await signInWith(tool.app.express, (await buildWorkspace(workspaceDepsOf(tool))).url);
    const made = await admin.post('/staff/programs', buildProgramForm(), '/staff/programs/new');
    expect(made.status, made.text).to.equal(303);
    programPath = new URL(made.headers.location!, 'https://tool.test').pathname;
  });
  after(async () => {
    await tool.close();
  });

  it('when workspace staff open each staff page of their program, then each answers as for LMS staff', async () => {
    const statuses: Record<string, number> = {};
    for (const page of PAGES) statuses[page] = (await admin.get(`${programPath}${page}`)).status;
    const failing = Object.entries(statuses).filter(([, status]) => status !== 200);
    expect(failing, JSON.stringify(failing)).to.deep.equal([]);
  });

  it('when a workspace admin opens the LRS page, then it speaks of the workspace, not of an LMS', async () => {
    const page = await admin.get('/staff/lrs');
    expect(page.status).to.equal(200);
    expect(page.text).to.contain('All programs of this workspace');
    expect(page.text).not.to.contain('platform (deployment)');
  });

  it('when workspace staff deliver the program as a SCORM package, then it is created and downloads', async () => {
    const created = await admin.post(
      `${programPath}/packages`,
      { kind: 'scorm12', label: 'Corporate LMS', expiresOn: '', allowedOrigins: '' },
      `${programPath}/packages`,
    );
    expect(created.status, created.text).to.equal(303);
    const packages = await tool.db
      .selectFrom('delivery_packages')
      .select(['id', 'home_page'])
      .where('program_id', '=', programPath.split('/').pop()!)
      .execute();
    expect(packages).to.have.length(1);
    const zip = await admin.get(`${programPath}/packages/${packages[0]!.id}/download`);
    expect(zip.status).to.equal(200);
  });
});
