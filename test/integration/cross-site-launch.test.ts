import { expect } from 'chai';
import type { BrowserContext, Frame, Page } from 'playwright-core';
import { CrossSiteWorld } from '../support/cross-site-browser.js';

const WAIT_MS = 45_000;

/**
 * A real Chromium, the LMS (Moodle 4.5's activity page, platform storage by postMessage) at
 * https://lms.test and the tool at https://tool.test: the tool runs in the LMS's frame, where a
 * browser that blocks third-party cookies keeps none of the tool's cookies.
 */
describe('launches in the LMS frame with third-party cookies blocked (real Chromium, two https sites)', function () {
  this.timeout(120_000);
  let world: CrossSiteWorld;
  const contexts: BrowserContext[] = [];

  before(async () => {
    world = await CrossSiteWorld.start();
  });
  after(async () => {
    await Promise.all(contexts.map((c) => c.close()));
    await world?.close();
  });

  async function openActivity(cookies: 'blocked' | 'allowed', storage: 'on' | 'frame' | 'drop' | 'none') {
    const context = await world.browser(cookies);
    contexts.push(context);
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(world.activityUrl(world.newActivity(), storage), { timeout: WAIT_MS });
    return { context, page };
  }

  /** The tool's frame once it shows a page of its own (a landing page or an error page). */
  async function toolPageIn(page: Page): Promise<Frame> {
    const frame = page.frame({ name: 'contentframe' })!;
    await frame.waitForFunction(
      (origin) => location.origin === origin && !location.pathname.startsWith('/lti/') || !!document.querySelector('[role=alert]'),
      world.toolUrl, { timeout: WAIT_MS },
    );
    return frame;
  }

  const errorCodeOf = async (frame: Frame) => (await frame.locator('.meta code').first().textContent({ timeout: 1000 }).catch(() => null));

  it('when third-party cookies are allowed and the LMS offers no storage, then the cookie launch lands in the frame (control)', async () => {
    const { page } = await openActivity('allowed', 'none');
    const frame = await toolPageIn(page);
    expect(await errorCodeOf(frame)).to.equal(null);
    expect(new URL(frame.url()).origin).to.equal(world.toolUrl);
  });

  it('when third-party cookies are blocked and the LMS offers no storage, then the cookie launch is refused with COOKIES_BLOCKED (control)', async () => {
    const { page } = await openActivity('blocked', 'none');
    const frame = await toolPageIn(page);
    expect(await errorCodeOf(frame)).to.equal('COOKIES_BLOCKED');
  });

  it('when third-party cookies are blocked and the LMS offers platform storage, then the launch lands on the tool\'s page in the frame', async () => {
    const { page } = await openActivity('blocked', 'on');
    const frame = await toolPageIn(page);
    expect(await errorCodeOf(frame)).to.equal(null);
    expect(new URL(frame.url()).origin).to.equal(world.toolUrl);
    expect(new URL(frame.url()).pathname).not.to.match(/^\/lti\//);
  });

  it('when only a named storage frame answers (lti_storage_target=post_message_forwarding, as Canvas), then the launch lands in the frame', async () => {
    const { page } = await openActivity('blocked', 'frame');
    const frame = await toolPageIn(page);
    expect(await errorCodeOf(frame)).to.equal(null);
    expect(new URL(frame.url()).origin).to.equal(world.toolUrl);
  });

  it('when the storage keeps nothing, then the frame offers a new launch from the LMS in a new window, which lands there', async () => {
    const { context, page } = await openActivity('blocked', 'drop');
    const frame = await toolPageIn(page);
    expect(await errorCodeOf(frame)).to.equal('COOKIES_BLOCKED');
    const link = frame.locator('a.button[target=_blank]');
    const href = await link.getAttribute('href');
    expect(href).to.match(new RegExp(`^${world.platform.siteUrl}/mod/lti/launch\\.php\\?id=\\d+$`));
    expect(await frame.content()).not.to.contain('lti_message_hint');
    const [popup] = await Promise.all([context.waitForEvent('page', { timeout: WAIT_MS }), link.click()]);
    await popup.waitForURL((url) => url.origin === world.toolUrl && !url.pathname.startsWith('/lti/'), { timeout: WAIT_MS });
    expect(await popup.locator('[role=alert]').count()).to.equal(0);
  });
});
