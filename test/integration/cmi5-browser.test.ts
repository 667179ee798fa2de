import { once } from 'node:events';
import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { expect } from 'chai';
import { chromium, type Browser, type Page } from 'playwright-core';
import { Cmi5World, type Cmi5Course } from '../support/cmi5-world.js';
import { CHROMIUM } from '../support/cross-site-browser.js';
import { stopServer } from '../support/listening-tool.js';

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--no-first-run',
];
const SHOTS = '/tmp/shots-cmi5';
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const verbs = (statements: Array<Record<string, any>>) =>
  statements.map((s) => String(s.verb.id).split('/').pop());

/**
 * A learner in a real Chromium: the LMS opens the AU in the window, the learner returns to the LMS.
 */
describe('a cmi5 launch in a browser', function () {
  this.timeout(180_000);
  let world: Cmi5World;
  let server: Server;
  let browser: Browser;
  let course: Cmi5Course;
  let auUrl: string;

  before(async () => {
    // Listening first (port 0) and handing the app in after: no port is picked and then lost.
    let app: RequestListener = (_req, res) => void res.writeHead(503).end();
    server = createServer((req, res) => app(req, res)).listen(0, '127.0.0.1');
    await once(server, 'listening');
    const { port } = server.address() as AddressInfo;
    world = await Cmi5World.start(`http://127.0.0.1:${port}`);
    app = world.browserTool!.app.express;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, timeout: 60_000 });
    course = await world.course();
    // The zip's AU url names the first instance; the browser reaches the second, on the same
    // database.
    const au = new URL(course.au.url);
    auUrl = `http://127.0.0.1:${port}${au.pathname}${au.search}`;
    mkdirSync(SHOTS, { recursive: true });
  });
  after(async () => {
    await browser?.close();
    await stopServer(server);
    await world.close();
  });

  /** Screenshots at both widths, no sideways scrolling, and (for our pages) nothing serious for axe. */
  async function shoot(page: Page, name: string, axe = true): Promise<void> {
    for (const width of [1000, 390]) {
      await page.setViewportSize({ width, height: 800 });
      await page.screenshot({ path: `${SHOTS}/${name}-${width}.png`, fullPage: true });
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(overflow, `${name} at ${width} px scrolls sideways`).to.be.at.most(0);
      if (!axe) continue;
      await page.addScriptTag({ path: AXE });
      const found = await page.evaluate(async () => {
        type Axe = { run: () => Promise<{ violations: Array<{ id: string; impact: string }> }> };
        const { violations } = await (window as unknown as { axe: Axe }).axe.run();
        return violations
          .filter((v) => ['serious', 'critical'].includes(v.impact))
          .map((v) => v.id);
      });
      expect(found, `${name} at ${width} px`).to.deep.equal([]);
    }
  }

  it('when the LMS opens the launch URL and the learner presses Return to the LMS, then the window ends in the LMS after terminated', async () => {
    const { url, session } = await world.lms.launch({
      auUrl,
      publisherId: course.au.id,
      learner: 'learner-5001',
      learnerName: 'Grace Hopper',
    });
    // bypassCSP only lets the test inject axe; the pages' own CSP is what the learner gets.
    const page = await browser.newPage({ bypassCSP: true });
    await page.goto(url);
    await page.waitForURL(new RegExp(`/programs/${course.programId}\\?s=`));
    expect(await page.content(), 'the token never reaches a page').to.not.contain(session.token);
    await shoot(page, 'program', false);
    await page.getByRole('link', { name: 'Back to the course' }).first().click();
    await page.getByRole('button', { name: 'Return to the LMS' }).waitFor();
    await shoot(page, 'exit');
    await page.getByRole('button', { name: 'Return to the LMS' }).click();
    await page.waitForURL(`${world.lms.origin}/return/${session.key}`);
    expect(await page.textContent('h1')).to.equal('Back in the test LMS');
    expect(verbs(session.statements)).to.deep.equal(['initialized', 'terminated']);
    expect(world.lms.finish(session)).to.deep.equal([]);

    await page.goto(url);
    expect(await page.textContent('h1')).to.contain('cannot be shown');
    expect(await page.textContent('main')).to.contain('This launch was already opened once');
    await shoot(page, 'replayed');
    await page.close();
  });
});
