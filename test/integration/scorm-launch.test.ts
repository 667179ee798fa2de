import { expect } from 'chai';
import type { Browser, Frame, Page } from 'playwright-core';
import { ScormWorld, type StaffCourse } from '../support/scorm-world.js';

/**
 * A SCORM package in a real SCORM runtime: scorm-again as the LMS's API on a host page, which
 * frames the launcher from the unzipped package, which frames the tool. Headless Chromium.
 */
describe('SCORM package launch in a SCORM runtime', function () {
  this.timeout(180_000);
  let world: ScormWorld;
  let browser: Browser;
  let course: StaffCourse;
  before(async () => {
    world = await ScormWorld.start();
    browser = await world.browser();
    course = await world.staffCourse();
  });
  after(async () => {
    await browser?.close();
    await world?.close();
  });

  async function open(url: string): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1000, height: 800 } });
    await page.goto(url);
    return page;
  }

  /** The frame the tool's answer to the launch landed in (the shell, or a refusal page). */
  async function toolFrame(page: Page, pathPart: string): Promise<Frame> {
    const deadline = Date.now() + 60_000;
    for (;;) {
      const frame = page.frames().find((f) => f.url().startsWith(world.toolUrl) && f.url().includes(pathPart));
      if (frame) return frame;
      if (Date.now() > deadline) throw new Error(`no tool frame ${pathPart}: ${page.frames().map((f) => f.url()).join(', ')}`);
      await page.waitForTimeout(200);
    }
  }

  it('when a learner opens a SCORM 1.2 package, then the tool opens on the program in the frame and the attempt is incomplete', async () => {
    const pkg = await world.createPackage(course, { kind: 'scorm12', allowedOrigins: world.lms.origin });
    world.lms.addPackage('smoke', pkg.zip);
    const page = await open(world.lms.hostUrl('smoke', 'scorm12', { id: 'emp-1001', name: 'Lovelace, Ada' }, 'smoke'));
    const program = await toolFrame(page, `/programs/${course.programId}`);
    await program.waitForSelector('h1', { timeout: 60_000 });
    const commits = world.lms.commits.get('smoke') ?? [];
    expect(commits.at(-1)?.data).to.include({ 'cmi.core.lesson_status': 'incomplete' });
    const user = await world.tool.db.selectFrom('users').select(['name', 'given_name', 'family_name', 'subject'])
      .where('subject', '=', `package:${pkg.id}:emp-1001`).executeTakeFirstOrThrow();
    expect(user).to.include({ name: 'Ada Lovelace', given_name: 'Ada', family_name: 'Lovelace' });
    await page.close();
  });
});
