import { once } from 'node:events';
import { mkdirSync, readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import { chromium, type Browser, type Page } from 'playwright-core';
import { seedOutcomes } from '../support/analytics/outcome-fixture.js';
import { CHROMIUM } from '../support/cross-site-browser.js';
import { stopServer } from '../support/listening-tool.js';
import { buildScaleWorld, countingSuite, type ScaleWorld } from '../support/scale/scale-world.js';

const SHOTS = '/tmp/shots-analytics';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--no-first-run',
];

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
    await seedOutcomes(suite.tool.db, world.programId, {
      weeksAgo: 8,
      diversityDrivesMeetings: true,
    });
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

  for (const [name, prefix, path] of [
    ['program', 'program', () => world.staffPath('/dashboard')],
    ['course', 'course', () => '/staff/dashboard'],
  ] as const) {
    it(`when staff click PNG under each chart of the ${name} dashboard, then a 2x PNG of that chart downloads`, async () => {
      const page = await browser.newPage({
        viewport: { width: 1000, height: 900 },
        acceptDownloads: true,
      });
      // Console errors, a CSP refusal among them (the browser's own favicon probe aside).
      const refused: string[] = [];
      page.on('console', (m) => {
        const where = m.location().url;
        if (m.type() === 'error' && !where.endsWith('/favicon.ico'))
          refused.push(`${m.text()} ${where}`);
      });
      try {
        await page.goto(`${url}${path()}?s=${encodeURIComponent(world.staff.token)}`, {
          timeout: 60_000,
        });
        const buttons = await page.locator('button[data-chart-png]').all();
        expect(buttons.length).to.equal(await page.locator('svg.chart-svg').count());
        expect(buttons.length).to.be.greaterThan(0);
        for (const button of buttons) {
          const chart = await button.getAttribute('data-chart-png');
          const svg = await button.evaluate((b) => {
            const s = b.closest('.dash-figure')!.querySelector('svg.chart-svg')!;
            return {
              width: Number(s.getAttribute('width')),
              height: Number(s.getAttribute('height')),
            };
          });
          const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
          expect(download.suggestedFilename()).to.equal(`${prefix}-${chart}.png`);
          await download.saveAs(`${SHOTS}/${prefix}-${chart}.png`);
          const png = readFileSync(`${SHOTS}/${prefix}-${chart}.png`);
          expect([...png.subarray(0, 8)]).to.deep.equal([
            0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a,
          ]);
          const size = { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
          expect(Math.abs(size.width - 2 * svg.width), `${chart} width`).to.be.at.most(1);
          expect(Math.abs(size.height - 2 * svg.height), `${chart} height`).to.be.at.most(1);
          expect(await inkOf(page, png), `${chart} is drawn`).to.be.greaterThan(0.01);
        }
        expect(refused, 'console errors').to.deep.equal([]);
      } finally {
        await page.close();
      }
    });
  }

  for (const width of [1000, 390]) {
    for (const [name, path] of [
      ['program', () => world.staffPath('/dashboard')],
      ['course', () => '/staff/dashboard'],
    ] as const) {
      it(`when the ${name} dashboard is ${width} px wide, then nothing overflows sideways and every chart shows`, async () => {
        const page = await browser.newPage({ viewport: { width, height: 900 } });
        try {
          await page.goto(`${url}${path()}?s=${encodeURIComponent(world.staff.token)}`, {
            timeout: 60_000,
          });
          await page.screenshot({ path: `${SHOTS}/${name}-${width}.png`, fullPage: true });
          const cards = await page.locator('section.card').all();
          for (const [i, card] of cards.entries())
            await card.screenshot({ path: `${SHOTS}/${name}-${width}-${i}.png` });
          const sizes = await page.evaluate(() => ({
            scroll: document.documentElement.scrollWidth,
            charts: [...document.querySelectorAll('svg.chart-svg')].map(
              (s) => s.getBoundingClientRect().width,
            ),
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

/** Share of the PNG's pixels that are not white, read back in the page (it is no blank canvas). */
async function inkOf(page: Page, png: Buffer): Promise<number> {
  return page.evaluate(async (b64) => {
    const image = new Image();
    image.src = `data:image/png;base64,${b64}`;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = image.naturalWidth;
    canvas.height = image.naturalHeight;
    const context = canvas.getContext('2d')!;
    context.drawImage(image, 0, 0);
    const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
    let ink = 0;
    for (let i = 0; i < data.length; i += 4)
      if (data[i]! + data[i + 1]! + data[i + 2]! < 720) ink += 1;
    return ink / (data.length / 4);
  }, png.toString('base64'));
}
