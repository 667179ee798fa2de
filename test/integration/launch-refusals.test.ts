import { expect } from 'chai';
import request from 'supertest';
import { decodeHtml } from '../support/html.js';
import { LtiBrowser, type LaunchOptions } from '../support/lti-browser.js';
import { buildLaunch, learner } from '../support/factories.js';
import { TestPlatform } from '../support/test-platform.js';
import { startTestTool, type TestTool } from '../support/test-tool.js';
import type { LaunchSpec } from '../support/platform-claims.js';

const LTI = 'https://purl.imsglobal.org/spec/lti/claim/';

describe('refused launches', () => {
  let tool: TestTool;
  let platform: TestPlatform;
  let other: TestPlatform;

  before(async () => {
    tool = await startTestTool();
    platform = await TestPlatform.start('moodle');
    other = await TestPlatform.start('moodle');
    await tool.app.registry.registerPlatform(platform.manualRegistration);
  });
  after(async () => {
    await tool.close();
    await platform.close();
    await other.close();
  });

  async function launchExpectingRefusal(code: string, status: number, options: LaunchOptions = {}, spec?: Partial<LaunchSpec>, from = platform) {
    const browser = new LtiBrowser(tool.app.express);
    const { response } = await browser.launch(from, buildLaunch(from, { user: learner(), ...spec }), options);
    expect(response.status, response.text).to.equal(status);
    expect(response.type).to.equal('text/html');
    expect(response.text).to.contain(`<code>${code}</code>`);
    expect(response.text).not.to.match(/at .*\.(js|ts):\d+/);
    return response;
  }

  it('when the issuer is unknown, then the login is refused with UNKNOWN_PLATFORM', async () => {
    await launchExpectingRefusal('UNKNOWN_PLATFORM', 400, {}, {}, other);
  });

  it('when the client id is unknown for a known issuer, then UNKNOWN_PLATFORM', async () => {
    const browser = new LtiBrowser(tool.app.express);
    const params = { ...platform.loginInitiation(buildLaunch(platform)), client_id: 'someone-else' };
    const res = await browser.agent.post('/lti/login').type('form').send(params);
    expect(res.status).to.equal(400);
    expect(res.text).to.contain('UNKNOWN_PLATFORM');
  });

  it('when the deployment id is not registered for the client (login), then DEPLOYMENT_NOT_REGISTERED', async () => {
    await launchExpectingRefusal('DEPLOYMENT_NOT_REGISTERED', 403, {}, { deploymentId: 'not-registered' });
  });

  it('when the id_token carries an unregistered deployment id, then DEPLOYMENT_NOT_REGISTERED', async () => {
    await launchExpectingRefusal('DEPLOYMENT_NOT_REGISTERED', 403, { tamper: { claims: (c) => void (c[`${LTI}deployment_id`] = 'sneaky') } });
  });

  it('when the token is signed with a key the platform does not publish, then KEY_UNKNOWN', async () => {
    await launchExpectingRefusal('KEY_UNKNOWN', 401, { tamper: { signWithUnpublishedKey: {} } });
  });

  it('when the token claims a published kid but another key signed it, then SIGNATURE_INVALID', async () => {
    const kid = (await (await fetch(`${platform.url}/jwks`)).json() as { keys: Array<{ kid: string }> }).keys[0]!.kid;
    await launchExpectingRefusal('SIGNATURE_INVALID', 401, { tamper: { signWithUnpublishedKey: { kid } } });
  });

  it('when the token has expired, then TOKEN_EXPIRED', async () => {
    await launchExpectingRefusal('TOKEN_EXPIRED', 401, { tamper: { iatOffsetSeconds: -120 } });
  });

  it('when the token is issued in the future, then TOKEN_FROM_FUTURE', async () => {
    await launchExpectingRefusal('TOKEN_FROM_FUTURE', 401, { tamper: { iatOffsetSeconds: 600 } });
  });

  it('when the audience is another client, then AUDIENCE_INVALID', async () => {
    await launchExpectingRefusal('AUDIENCE_INVALID', 401, { tamper: { claims: (c) => void (c.aud = 'another-tool') } });
  });

  it('when the same id_token is posted twice, then the replay is refused with TOKEN_REPLAYED', async () => {
    const browser = new LtiBrowser(tool.app.express);
    const first = await browser.launch(platform, buildLaunch(platform, { user: learner() }));
    expect(first.response.status).to.equal(303);
    const replay = await browser.repost(first.form);
    expect(replay.status).to.equal(401);
    expect(replay.text).to.contain('TOKEN_REPLAYED');
  });

  it('when the nonce is not the one issued for this login, then NONCE_MISMATCH', async () => {
    await launchExpectingRefusal('NONCE_MISMATCH', 401, { tamper: { claims: (c) => void (c.nonce = 'a-nonce-never-issued-by-the-tool') } });
  });

  it('when a valid token from another login is posted with this login\'s state, then NONCE_MISMATCH', async () => {
    const browser = new LtiBrowser(tool.app.express);
    let stolenToken = '';
    await browser.launch(platform, buildLaunch(platform, { user: learner() }), { alterForm: (f) => { stolenToken = f.id_token; f.state = 'dropped'; } });
    const { response } = await browser.launch(platform, buildLaunch(platform, { user: learner() }), { alterForm: (f) => void (f.id_token = stolenToken) });
    expect(response.status).to.equal(401);
    expect(response.text).to.contain('NONCE_MISMATCH');
  });

  it('when the state is altered, then STATE_UNKNOWN', async () => {
    await launchExpectingRefusal('STATE_UNKNOWN', 401, { alterForm: (f) => void (f.state = `${f.state}x`) });
  });

  it('when the state is missing, then STATE_MISSING', async () => {
    await launchExpectingRefusal('STATE_MISSING', 400, { alterForm: (f) => void (f.state = '') });
  });

  it('when the LTI version is wrong, then LTI_VERSION_INVALID', async () => {
    await launchExpectingRefusal('LTI_VERSION_INVALID', 400, { tamper: { claims: (c) => void (c[`${LTI}version`] = '1.1') } });
  });

  it('when the message type is missing, then MESSAGE_TYPE_INVALID', async () => {
    await launchExpectingRefusal('MESSAGE_TYPE_INVALID', 400, { tamper: { claims: (c) => void delete c[`${LTI}message_type`] } });
  });

  it('when the id_token is not a JWT, then ID_TOKEN_MALFORMED', async () => {
    await launchExpectingRefusal('ID_TOKEN_MALFORMED', 400, { alterForm: (f) => void (f.id_token = 'not-a-jwt') });
  });

  it('when the browser blocked the tool\'s cookie in the LMS frame, then it offers a new launch from the LMS in a new window that works', async () => {
    // Moodle deletes a message hint after its first use: a replay of this login could not work.
    platform.singleUseMessageHints = true;
    try {
      const response = await launchExpectingRefusal('COOKIES_BLOCKED', 401, { blockCookies: true });
      const rawHref = /href="([^"]+)" target="_blank"/.exec(response.text)?.[1];
      const href = rawHref && decodeHtml(rawHref);
      expect(href, 'new-window link').to.equal(`${platform.issuer}/mod/lti/launch.php?id=2`);
      expect(response.text).not.to.contain('lti_message_hint');
      // The new window is first-party: the LMS's launch page starts a new login, which succeeds.
      const page = await (await fetch(href!)).text();
      const params = Object.fromEntries([...page.matchAll(/name="([^"]+)" value="([^"]*)"/g)].map((m) => [m[1]!, decodeHtml(m[2]!)]));
      const browser = new LtiBrowser(tool.app.express);
      const login = await browser.agent.post('/lti/login').type('form').send(params);
      expect(login.status, login.text.slice(0, 300)).to.equal(200);
      const authUrl = decodeHtml(/data-auth-url="([^"]+)"/.exec(login.text)![1]!);
      const html = await (await fetch(authUrl)).text();
      const state = /name="state" value="([^"]*)"/.exec(html)![1]!;
      const idToken = /name="id_token" value="([^"]*)"/.exec(html)![1]!;
      const launch = await browser.agent.post('/lti/launch').type('form').send({ id_token: idToken, state });
      expect(launch.status, launch.text).to.equal(303);
    } finally {
      platform.singleUseMessageHints = false;
    }
  });

  it('when an API call has no session, then it gets a JSON 401', async () => {
    const res = await request(tool.app.express).get('/home').set('accept', 'application/json');
    expect(res.status).to.equal(401);
    expect(res.body.error.code).to.equal('SESSION_MISSING');
  });

  it('when the launch POST has no id_token, then ID_TOKEN_MISSING', async () => {
    const res = await request(tool.app.express).post('/lti/launch').type('form').send({ state: 'x' });
    expect(res.status).to.equal(400);
    expect(res.text).to.contain('ID_TOKEN_MISSING');
  });
});
