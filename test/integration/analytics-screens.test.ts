import { once } from 'node:events';
import { mkdirSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import { chromium, type Browser } from 'playwright-core';
import { seedOutcomes } from '../support/analytics/outcome-fixture.js';
import { CHROMIUM } from '../support/cross-site-browser.js';
import { stopServer } from '../support/listening-tool.js';
import { buildScaleWorld, countingSuite, type ScaleWorld } from '../support/scale/scale-world.js';

const SHOTS = '/tmp/shots-analytics';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'];

/** The dashboards in Chromium: readable in a 1000 px LMS frame and on a 390 px phone. */
describe('dashboards in a browser', function () {
  this.timeout(300_000);
  const suite = countingSuite();
  let world: ScaleWorld;
  let server: Server;
  let url: string;
  let browser: Browser;

  before(async () => {
    world = await buildScaleWorld(suite, { mentors: 24, mentees: 24 });
    expect((await world.approve()).status).to.equal(303);
    await seedOutcomes(suite.tool.db, world.programId, { weeksAgo: 8, diversityDrivesMeetings: true });
    server = suite.tool.app.express.listen(0, '127.0.0.1');
    await once(server, 'listening');
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, timeout: 60_000 });
    mkdirSync(SHOTS, { recursive: true });
  });
  after(async () => {
    await browser?.close();
    if (server) await stopServer(server);
  });

  for (const width of [1000, 390]) {
    for (const [name, path] of [['program', () => world.staffPath('/dashboard')], ['course', () => '/staff/dashboard']] as const) {
      it(`when the ${name} dashboard is ${width} px wide, then nothing overflows sideways and every chart shows`, async () => {
        const page = await browser.newPage({ viewport: { width, height: 900 } });
        try {
          await page.goto(`${url}${path()}?s=${encodeURIComponent(world.staff.token)}`, { timeout: 60_000 });
          await page.screenshot({ path: `${SHOTS}/${name}-${width}.png`, fullPage: true });
          const cards = await page.locator('section.card').all();
          for (const [i, card] of cards.entries()) await card.screenshot({ path: `${SHOTS}/${name}-${width}-${i}.png` });
          const sizes = await page.evaluate(() => ({
            scroll: document.documentElement.scrollWidth,
            charts: [...document.querySelectorAll('svg.chart-svg')].map((s) => s.getBoundingClientRect().width),
          }));
          expect(sizes.scroll, 'page width').to.be.at.most(width);
          expect(sizes.charts.length).to.be.greaterThan(0);
          for (const w of sizes.charts) expect(w).to.be.greaterThan(200);
        } finally {
          await page.close();
        }
      });
    }
  }
});
