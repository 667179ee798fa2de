import { expect } from 'chai';
import { buildLaunch, learner } from '../support/factories.js';
import { LtiBrowser } from '../support/lti-browser.js';
import { TestPlatform } from '../support/test-platform.js';
import { startTestTool, type TestTool } from '../support/test-tool.js';

/**
 * The real tool seen through a strict browser: its login cookie must survive the platform's
 * cross-site form_post, which only a `SameSite=None; Secure` cookie on https does.
 */
describe('the tool behind a strict browser: the login cookie on the cross-site form_post', () => {
  const tools: TestTool[] = [];
  let platform: TestPlatform;
  before(async () => {
    platform = await TestPlatform.start('moodle');
  });
  after(async () => {
    await Promise.all(tools.map((t) => t.close()));
    await platform.close();
  });

  async function launchOn(env: Record<string, string>) {
    const tool = await startTestTool(env);
    tools.push(tool);
    await tool.app.registry.registerPlatform(platform.manualRegistration);
    const launchUrl = `${tool.config.publicUrl}/lti/launch`;
    platform.registerToolByHand([launchUrl]);
    const browser = new LtiBrowser(tool.app.express);
    const result = await browser.launch(platform, buildLaunch(platform, { user: learner(), targetLinkUri: launchUrl }));
    return { ...result, browser };
  }

  it('when the tool runs on https (cookie SameSite=None; Secure), then the launch lands', async () => {
    const { response, browser } = await launchOn({ PUBLIC_URL: 'https://tool.test' });
    expect(response.status, response.text.slice(0, 300)).to.equal(303);
    expect(browser.cookies.refused).to.deep.equal([]);
  });

  it('when the tool runs on http (its cookie is Lax), then a browser drops it on the form_post and the tool says COOKIES_BLOCKED', async () => {
    const { response, browser } = await launchOn({ PUBLIC_URL: 'http://tool.test' });
    expect(response.status).to.equal(401);
    expect(response.text).to.contain('<code>COOKIES_BLOCKED</code>');
    expect(browser.cookies.refused.map((r) => r.reason)).to.include('same-site-on-cross-site-post');
  });

  it('when an https tool is forced to COOKIE_POLICY=lax, then the same happens', async () => {
    const { response } = await launchOn({ PUBLIC_URL: 'https://tool.test', COOKIE_POLICY: 'lax' });
    expect(response.status).to.equal(401);
    expect(response.text).to.contain('<code>COOKIES_BLOCKED</code>');
  });
});
