import { expect } from 'chai';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { CrossSiteWorld } from '../support/cross-site-browser.js';
import { instructor } from '../support/factories.js';
import { TestPlatform } from '../support/test-platform.js';
import { startTestTool, type TestTool } from '../support/test-tool.js';
import { launchAs, type ToolSession } from '../support/tool-session.js';

const WAIT_MS = 45_000;
/** Moodle's "Select content" dialog. */
const DIALOG = { width: 800, height: 600 };

/**
 * Creating a program from the LMS's content selection: a short first step (name, type, dates) and
 * the picker's button fit the dialog; the other settings start from the defaults.
 */
describe('the program\'s short first step in the LMS\'s content dialog', function () {
  this.timeout(120_000);
  let world: CrossSiteWorld | undefined;
  let context: BrowserContext | undefined;
  let tool: TestTool;
  let moodle: TestPlatform;
  let staff: ToolSession;

  before(async () => {
    tool = await startTestTool();
    moodle = await TestPlatform.start('moodle');
    await tool.app.registry.registerPlatform(moodle.manualRegistration);
  });
  beforeEach(async () => {
    staff = await launchAs(tool.app.express, moodle, instructor(), { context: { id: `c-${Math.random().toString(36).slice(2, 8)}`, title: 'Leading Teams', label: 'LEAD' } });
  });
  after(async () => {
    await context?.close();
    await world?.close();
    await tool.close();
    await moodle.close();
  });

  it('when staff open the new program form, then it asks only name, type and dates', async () => {
    const form = await staff.get('/staff/programs/new');
    expect(form.status).to.equal(200);
    for (const field of ['name="title"', 'name="programTypes"', 'name="startsOn"', 'name="endsOn"', 'name="step" value="first"']) {
      expect(form.text).to.contain(field);
    }
    for (const later of ['name="purpose"', 'name="cadence"', 'name="circleSizeMin"', 'name="matchingMode"', 'name="confidentiality"']) {
      expect(form.text).not.to.contain(later);
    }
  });

  it('when staff send the first step, then the program is created with the defaults for the rest', async () => {
    const res = await staff.post('/staff/programs', {
      step: 'first', title: 'Peer circles', programTypes: ['group'], startsOn: '2027-02-01', endsOn: '2027-05-31',
    }, '/staff/programs/new');
    expect(res.status, res.text.slice(0, 500)).to.equal(303);
    const { tenantId, courseId } = JSON.parse(Buffer.from(staff.token.split('.')[1]!, 'base64url').toString()) as { tenantId: string; courseId: string };
    const program = await tool.db.selectFrom('programs').selectAll().where('tenant_id', '=', tenantId).where('course_id', '=', courseId).executeTakeFirstOrThrow();
    expect(program).to.include({ title: 'Peer circles', starts_on: '2027-02-01', ends_on: '2027-05-31', virtual: false, matching_mode: 'admin_approved' });
    expect(program.program_types).to.deep.equal(['group']);
  });

  it('when the first step has an error, then it stays the short form with the error and nothing is saved', async () => {
    const res = await staff.post('/staff/programs', { step: 'first', title: '', programTypes: ['group'], startsOn: '2027-02-01', endsOn: '2027-05-31' }, '/staff/programs/new');
    expect(res.status).to.equal(422);
    expect(res.text).to.contain('name="step" value="first"').and.to.contain('id="title-error"');
    expect(res.text).not.to.contain('name="confidentiality"');
  });

  const bottomOf = async (locator: Locator) => {
    const box = await locator.boundingBox({ timeout: WAIT_MS });
    return box!.y + box!.height;
  };

  async function contentSelection(): Promise<Page> {
    const w = (world = await CrossSiteWorld.start());
    context = await w.browser('allowed');
    const page = context.pages()[0] ?? (await context.newPage());
    await page.setViewportSize(DIALOG);
    // The teacher's "Select content" opens the tool top-level here: the dialog's size is what matters.
    await page.goto(`${w.platform.siteUrl}/mod/lti/launch.php?id=${w.newActivity('LtiDeepLinkingRequest')}&nostorage=1`, { timeout: WAIT_MS });
    await page.waitForURL((url) => url.origin === w.toolUrl && url.pathname === '/deep-linking', { timeout: WAIT_MS });
    return page;
  }

  it('when a teacher creates a program from the content dialog (800 × 600), then the first step and "Add to the course" fit without scrolling', async () => {
    const page = await contentSelection();
    await page.getByRole('link', { name: 'Create a mentoring program' }).click();
    const create = page.getByRole('button', { name: 'Create the program' });
    await page.screenshot({ path: '/tmp/mc-program-first-step.png' });
    expect(await bottomOf(create), 'create button bottom').to.be.at.most(DIALOG.height);
    await create.click();
    await page.waitForURL((url) => url.pathname === '/deep-linking' && url.searchParams.has('created'), { timeout: WAIT_MS });
    const add = page.getByRole('button', { name: 'Add to the course' });
    await page.screenshot({ path: '/tmp/mc-picker.png' });
    expect(await bottomOf(add), 'add button bottom').to.be.at.most(DIALOG.height);
  });
});
