import { expect } from 'chai';
import { mkdirSync } from 'node:fs';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { createRequire } from 'node:module';
import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM } from '../support/cross-site-browser.js';
import { stopServer } from '../support/listening-tool.js';
import {
  buildNotifyWorld, drain, emailOf, useToolWithSmtp, type NotifyWorld,
} from '../support/smtp-notify-world.js';

const SHOTS = '/tmp/shots-notify';
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

describe('notification pages in a 1000 px LMS frame and on a 390 px phone', function () {
  this.timeout(180_000);
  const env = useToolWithSmtp();
  let world: NotifyWorld;
  let server: Server;
  let base: string;
  let browser: Browser;
  let diagnosis: unknown;

  before(async () => {
    mkdirSync(SHOTS, { recursive: true });
    world = await buildNotifyWorld(env, ['mentor', 'mentee', 'mentee'], 'America/Mexico_City');
    const res = await world.post(world.members[0]!, '/meetings', {
      date: '2027-04-02', time: '16:00', durationMinutes: '45', mode: 'virtual', place: 'https://video.example/a-very-long-room-name-that-should-wrap-on-a-phone',
    });
    expect(res.status).to.equal(303);
    await drain(env);
    diagnosis = await env.tool.db.selectFrom('notifications').select(['topic', 'mail_status', 'attempts', 'last_error', 'next_attempt_at'])
      .where('circle_id', '=', world.circleId).execute();
    server = env.tool.app.express.listen(0, '127.0.0.1');
    await once(server, 'listening');
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await chromium.launch({
      executablePath: CHROMIUM, timeout: 60_000,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
    });
  });
  after(async () => {
    await browser?.close();
    if (server) await stopServer(server);
  });

  const unsubscribeUrl = () => {
    const mail = env.smtp.to(emailOf(world, world.members[1]!)).find((m) => m.parsed.subject?.startsWith('Meeting'));
    if (!mail) throw new Error(`no meeting mail: ${JSON.stringify(diagnosis)}`);
    const head = mail.raw.slice(0, mail.raw.indexOf('\r\n\r\n')).replace(/\r\n[ \t]+/g, ' ');
    const url = new URL(/^List-Unsubscribe: <([^>]+)>$/m.exec(head)![1]!);
    return `${url.pathname}${url.search}`;
  };

  it('when the inbox, mail settings, staff counts and unsubscribe page are shown, then they fit both widths and axe finds nothing serious', async () => {
    const s = (session: { token: string }) => `s=${encodeURIComponent(session.token)}`;
    const meeting = await env.tool.db.selectFrom('circle_meetings').select('id').where('circle_id', '=', world.circleId)
      .executeTakeFirstOrThrow();
    const pages = [
      { name: 'meeting', path: `${world.path(`/meetings/${meeting.id}`)}?${s(world.members[1]!)}` },
      { name: 'inbox', path: `/notifications?${s(world.members[1]!)}` },
      { name: 'settings', path: `/notifications/settings?${s(world.members[1]!)}` },
      { name: 'home', path: `/home?${s(world.members[1]!)}` },
      { name: 'queue', path: `/staff/programs/${world.programId}/notifications?${s(world.staff)}` },
      { name: 'unsubscribe', path: unsubscribeUrl() },
    ];
    for (const width of [1000, 390]) {
      const page = await browser.newPage({ viewport: { width, height: 800 }, bypassCSP: true });
      for (const p of pages) {
        const response = await page.goto(`${base}${p.path}`);
        expect(response?.status(), p.name).to.equal(200);
        await page.screenshot({ path: `${SHOTS}/${p.name}-${width}.png`, fullPage: true });
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(overflow, `${p.name} at ${width} px scrolls sideways`).to.be.at.most(0);
        await page.addScriptTag({ path: AXE });
        const found = await page.evaluate(async () => {
          const axe = (window as unknown as { axe: { run: () => Promise<{ violations: Array<{ id: string; impact: string }> }> } }).axe;
          return (await axe.run()).violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id);
        });
        expect(found, `${p.name} at ${width} px`).to.deep.equal([]);
      }
      await page.close();
    }
  });
});
