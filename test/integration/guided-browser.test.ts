import path from 'node:path';
import { mkdirSync } from 'node:fs';
import type { Server } from 'node:http';
import { expect } from 'chai';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM } from '../support/cross-site-browser.js';
import { freePort } from '../support/database-server.js';
import { buildLaunch, instructor } from '../support/factories.js';
import { stopServer } from '../support/listening-tool.js';
import { LtiBrowser } from '../support/lti-browser.js';
import {
  buildMatchingWorld,
  buildProfileForm,
  matchingSuite,
  type MatchingWorld,
} from '../support/matching-world.js';

const WAIT_MS = 60_000;
const SHOTS = '/tmp/shots-guided';
const WIDTHS = [
  { width: 1000, height: 700 },
  { width: 390, height: 844 },
];
const TOOL = 'https://tool.test';
const ALL_WEEK = ['mon', 'tue', 'wed', 'thu', 'fri'].flatMap((d) =>
  [7, 9, 11, 13, 15, 17, 19].map((h) => `${d}-${String(h).padStart(2, '0')}`),
);
/** 4 mentors in India, the UK, Mexico and Japan; 10 mentees in 10 countries. */
const MENTORS = {
  ana: ['India', 'Asia/Kolkata'],
  ben: ['United Kingdom', 'Europe/London'],
  cruz: ['Mexico', 'America/Mexico_City'],
  dai: ['Japan', 'Asia/Tokyo'],
};
const MENTEES = {
  eli: ['Brazil', 'America/Sao_Paulo'],
  fay: ['Kenya', 'Africa/Nairobi'],
  gus: ['Germany', 'Europe/Berlin'],
  hal: ['Canada', 'America/Toronto'],
  ivy: ['Australia', 'Australia/Sydney'],
  jon: ['Egypt', 'Africa/Cairo'],
  kim: ['South Korea', 'Asia/Seoul'],
  lea: ['France', 'Europe/Paris'],
  mo: ['Nigeria', 'Africa/Lagos'],
  nia: ['Vietnam', 'Asia/Ho_Chi_Minh'],
};
const SKILLS = ['Delegation', 'Negotiation', 'Giving feedback', 'Strategic thinking'];

/**
 * The guided pages in headless Chromium at an LMS frame's 1000 px and a 390 px phone: screenshots
 * to look at, axe with no serious or critical finding, the frame told its height, and the clicks
 * from "add activity" to a matched cohort counted.
 */
describe('guided pages in a browser (1000 px frame, 390 px phone)', function () {
  this.timeout(300_000);
  const suite = matchingSuite();
  let world: MatchingWorld;
  let server: Server;
  let browser: Browser;
  let context: BrowserContext;
  const clicks: Array<{ step: string; before: number; after: number }> = [];

  before(async () => {
    mkdirSync(SHOTS, { recursive: true });
    const port = await freePort();
    server = suite.tool.app.express.listen(port, '127.0.0.1');
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--no-first-run',
      ],
      timeout: WAIT_MS,
    });
    // The browser believes it is on the tool's public origin (forms' Origin matches); the test server answers.
    context = await browser.newContext({ timezoneId: 'Asia/Kolkata' });
    await context.route(`${TOOL}/__test/axe.min.js`, (route) =>
      route.fulfill({
        path: path.join(process.cwd(), 'node_modules/axe-core/axe.min.js'),
        contentType: 'text/javascript',
      }),
    );
    await context.route(`${TOOL}/**`, async (route) => {
      if (route.request().url().includes('/__')) return route.fallback();
      const url = new URL(route.request().url());
      await route.fulfill({
        response: await route.fetch({
          url: `http://127.0.0.1:${port}${url.pathname}${url.search}`,
          maxRedirects: 0,
        }),
      });
    });
    world = await buildMatchingWorld(
      suite.tool,
      suite.moodle,
      {
        ...Object.fromEntries(Object.keys(MENTORS).map((k) => [k, 'mentor'])),
        ...Object.fromEntries(Object.keys(MENTEES).map((k) => [k, 'mentee'])),
        zed: 'mentee',
      },
      { programTypes: ['group'], circleSizeMax: '4' },
    );
    for (const [i, [key, [country, zone]]] of Object.entries(MENTORS).entries()) {
      await world.fillProfile(
        key,
        buildProfileForm({
          geography: country!,
          timeZone: zone!,
          availability: ALL_WEEK,
          strengths: [SKILLS[i]!, SKILLS[(i + 1) % 4]!],
          capacity: '3',
        }),
      );
    }
    for (const [i, [key, [country, zone]]] of Object.entries(MENTEES).entries()) {
      await world.fillProfile(
        key,
        buildProfileForm({
          geography: country!,
          timeZone: zone!,
          availability: ALL_WEEK,
          growthSkills: [SKILLS[i % 4]!],
          division: i % 2 ? 'Finance' : 'Sales',
        }),
      );
    }
  });
  after(async () => {
    await context?.close();
    await browser?.close();
    if (server) await stopServer(server);
    if (clicks.length) {
      console.log('\n  Clicks from "add activity" to a matched cohort (staff):');
      for (const c of clicks)
        console.log(`    ${c.step.padEnd(58)} before ${c.before}  after ${c.after}`);
      const sum = (k: 'before' | 'after') => clicks.reduce((n, c) => n + c[k], 0);
      console.log(`    ${'total'.padEnd(58)} before ${sum('before')}  after ${sum('after')}\n`);
    }
  });

  const at = (token: string, p: string) => `${TOOL}${p}${p.includes('?') ? '&' : '?'}s=${token}`;

  async function axeFindings(page: Page): Promise<string[]> {
    // From the page's own origin: the tool's CSP allows only its own scripts, and stays on.
    await page.addScriptTag({ url: `${TOOL}/__test/axe.min.js` });
    const violations = await page.evaluate(async () => {
      const result = await (
        window as unknown as {
          axe: {
            run: (
              d: Document,
            ) => Promise<{
              violations: Array<{ id: string; impact: string; nodes: Array<{ target: string[] }> }>;
            }>;
          };
        }
      ).axe.run(document);
      return result.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        where: v.nodes
          .slice(0, 3)
          .map((n) => n.target.join(' '))
          .join(', '),
      }));
    });
    return violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id} (${v.impact}) at ${v.where}`);
  }

  /** Opens a page at both widths: a screenshot of each, no serious or critical axe finding, no sideways scroll. */
  async function check(name: string, url: string, page?: Page): Promise<Page> {
    const p = page ?? (await context.newPage());
    for (const size of WIDTHS) {
      await p.setViewportSize(size);
      await p.goto(url, { timeout: WAIT_MS, waitUntil: 'load' });
      await p.screenshot({ path: `${SHOTS}/${name}-${size.width}.png`, fullPage: true });
      expect(await axeFindings(p), `${name} at ${size.width} px`).to.deep.equal([]);
      const overflow = await p.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(overflow, `${name} scrolls sideways at ${size.width} px`).to.be.at.most(1);
    }
    return p;
  }

  it('when a teacher adds the activity, then creating the program takes three clicks and the roster comes in by itself', async () => {
    const browserLti = new LtiBrowser(suite.tool.app.express);
    const { response } = await browserLti.launch(
      suite.moodle,
      buildLaunch(suite.moodle, {
        user: instructor(),
        context: { id: `dl-${Date.now()}`, title: 'Leading Teams', label: 'LEAD' },
        messageType: 'LtiDeepLinkingRequest',
      }),
    );
    const token = new URL(response.headers.location!, TOOL).searchParams.get('s')!;
    const page = await context.newPage();
    await page.setViewportSize(WIDTHS[0]!);
    await page.goto(at(token, '/deep-linking'), { timeout: WAIT_MS });
    await page.getByRole('link', { name: 'Create a mentoring program' }).click();
    await page.getByRole('button', { name: 'Create the program' }).click();
    await page.getByRole('button', { name: 'Add to the course' }).waitFor({ timeout: WAIT_MS });
    const returned = page.waitForRequest(
      (r) => r.method() === 'POST' && !r.url().startsWith(TOOL),
      { timeout: WAIT_MS },
    );
    await page.getByRole('button', { name: 'Add to the course' }).click();
    await returned;
    await page.close();
    clicks.push({
      step: 'Picker: create a program, create it, add it to the course',
      before: 3,
      after: 3,
    });
    clicks.push({
      step: 'LMS: open the activity (lands on the program page)',
      before: 1,
      after: 1,
    });
    clicks.push({ step: 'Bring in the roster (now done on creation)', before: 1, after: 0 });
  });

  it('when staff follow the next step, then proposing and approving the circles take three clicks from the program page', async () => {
    const token = world.staff.token;
    const page = await check('staff-program', at(token, world.staffPath()));
    await page.setViewportSize(WIDTHS[0]!);
    await page.goto(at(token, world.staffPath()), { timeout: WAIT_MS });
    await page.getByRole('button', { name: 'Propose matches' }).click();
    await page
      .getByRole('heading', { name: 'Review the proposed circles' })
      .waitFor({ timeout: WAIT_MS });
    await check('match-review', page.url(), page);
    await page.setViewportSize(WIDTHS[0]!);
    await page.goto(at(token, world.staffPath('/matching')), { timeout: WAIT_MS });
    await page.locator('summary', { hasText: 'Approve and form the circles' }).click();
    await page.getByRole('button', { name: 'Yes, form the circles' }).click();
    await page.getByText('Approved: the circles are formed.').waitFor({ timeout: WAIT_MS });
    const circles = await world.circles();
    expect(circles.length).to.be.at.least(4);
    expect(circles.flatMap((c) => c.others)).to.have.length(10);
    clicks.push({
      step: 'Program page → Matching → Propose (now: the next-step button)',
      before: 2,
      after: 1,
    });
    clicks.push({ step: 'Approve (now: approve, then confirm)', before: 1, after: 2 });
    await page.close();
  });

  it('when staff move someone to another circle, then the move asks for confirmation before it happens', async () => {
    const token = world.staff.token;
    const page = await check('circles-admin', at(token, world.staffPath('/circles')));
    await page.setViewportSize(WIDTHS[0]!);
    await page.goto(at(token, world.staffPath('/circles')), { timeout: WAIT_MS });
    const mover = world.people.fay!;
    const before = (await world.circles()).find((c) => c.others.includes(mover.name))!;
    await page.getByRole('link', { name: `Move ${mover.name}`, exact: true }).click();
    await page.getByRole('heading', { name: `Move ${mover.name}` }).waitFor({ timeout: WAIT_MS });
    const confirm = page.getByRole('button', { name: `Yes, move ${mover.name}` }).first();
    expect(await confirm.isVisible(), 'the move waits for a confirmation').to.equal(false);
    await page.locator('summary', { hasText: 'Move here' }).first().click();
    await confirm.waitFor({ state: 'visible', timeout: WAIT_MS });
    await page.screenshot({ path: `${SHOTS}/circle-move-confirm-1000.png`, fullPage: true });
    expect(await axeFindings(page), 'the open confirmation').to.deep.equal([]);
    expect(await world.circles(), 'nothing moves before the confirmation').to.deep.include(before);
    await confirm.click();
    await page.getByText('Moved. The earlier membership').waitFor({ timeout: WAIT_MS });
    const after = (await world.circles()).find((c) => c.others.includes(mover.name))!;
    expect(after.id).not.to.equal(before.id);
    await page.close();
  });

  it('when learners open their pages, then each reads right at both widths, the time zone is guessed, the frame learns its height', async () => {
    const zed = world.people.zed!.session.token;
    await check('learner-profile-stage', at(zed, `/programs/${world.programId}`));
    const form = await check('profile-form', at(zed, `/programs/${world.programId}/profile`));
    expect(await form.locator('#timeZone').inputValue()).to.equal('Asia/Kolkata');
    // On a phone the week is a list of days with hour buttons, one step of the form at a time.
    await form.getByRole('link', { name: '3. When you are free' }).click();
    await form.getByRole('heading', { name: /When you are free/ }).waitFor({ timeout: WAIT_MS });
    expect(await form.locator('#step-about').isHidden()).to.equal(true);
    const slot = await form.locator('.availability-grid .slot').first().boundingBox();
    expect(slot!.height).to.be.at.least(44);
    await form.screenshot({ path: `${SHOTS}/profile-availability-390.png`, fullPage: true });
    await form.close();
    const eli = world.people.eli!;
    const circle = (await world.circles()).find((c) => c.others.includes(eli.name))!;
    const base = `/programs/${world.programId}/circles/${circle.id}`;
    await eli.session.post(
      `${base}/meetings`,
      { zone: 'mine', date: '2027-03-10', time: '18:00', durationMinutes: '60', mode: 'virtual' },
      `${base}/meetings/new`,
    );
    await check('learner-circle-stage', at(eli.session.token, `/programs/${world.programId}`));
    await check('your-match', at(eli.session.token, `/programs/${world.programId}/match`));
    await check('circle-page', at(eli.session.token, base));
    await check('meeting-form', at(eli.session.token, `${base}/meetings/new`));
    const parent = await context.newPage();
    await parent.route(`${TOOL}/__lms-frame`, (route) =>
      route.fulfill({
        contentType: 'text/html',
        body: `<!doctype html><script>window.sizes=[];addEventListener('message',e=>{if(e.data&&e.data.subject==='lti.frameResize')window.sizes.push(e.data.height)})</script><iframe width="1000" height="300" src="${at(eli.session.token, base)}"></iframe>`,
      }),
    );
    await parent.goto(`${TOOL}/__lms-frame`, { timeout: WAIT_MS });
    await parent.waitForFunction(
      () => (window as unknown as { sizes: number[] }).sizes.some((h) => h > 600),
      undefined,
      { timeout: WAIT_MS },
    );
    await parent.close();
  });
});
