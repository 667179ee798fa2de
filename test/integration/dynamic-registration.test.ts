import { expect } from 'chai';
import request from 'supertest';
import { LtiBrowser } from '../support/lti-browser.js';
import { buildLaunch, instructor, learner } from '../support/factories.js';
import { TestPlatform } from '../support/test-platform.js';
import { startTestTool, type TestTool } from '../support/test-tool.js';

const TOOL_CONFIG = 'https://purl.imsglobal.org/spec/lti-tool-configuration';
/** The test platform lives on 127.0.0.1: only an operator's opt-in lets registration reach it. */
// These files register from one address more often in a minute than an LMS admin would.
const SAME_MACHINE = { REGISTRATION_ALLOW_PRIVATE_HOSTS: 'true', RATE_LIMIT_REGISTER_PER_MINUTE: '1000' };

/**
 * The test Canvas answers under Canvas cloud's issuer from 127.0.0.1, which Dynamic Registration
 * must refuse (see the attack tests); a self-hosted Canvas with its own URL as `lti_iss` is fine.
 */
async function startPlatform(flavour: 'moodle' | 'canvas'): Promise<TestPlatform> {
  const platform = await TestPlatform.start(flavour);
  if (flavour === 'canvas') Object.defineProperty(platform, 'issuer', { value: platform.url });
  return platform;
}

function registerUrl(platform: TestPlatform, token = platform.registrationToken): string {
  return `/lti/register?${new URLSearchParams({ openid_configuration: platform.openidConfigurationUrl, registration_token: token })}`;
}

for (const flavour of ['moodle', 'canvas'] as const) {
  describe(`dynamic registration from ${flavour}`, () => {
    let tool: TestTool;
    let platform: TestPlatform;

    before(async () => {
      tool = await startTestTool(SAME_MACHINE);
      platform = await startPlatform(flavour);
    });
    after(async () => {
      await tool.close();
      await platform.close();
    });

    it('when the LMS opens the registration URL, then the tool registers itself and tells the LMS to close', async () => {
      const res = await request(tool.app.express).get(registerUrl(platform));
      expect(res.status, res.text).to.equal(200);
      expect(res.text).to.contain('/public/js/registration-close.js');
      const script = await request(tool.app.express).get('/public/js/registration-close.js');
      expect(script.text).to.contain("subject: 'org.imsglobal.lti.close'");

      const sent = platform.registrations[0]!.request;
      const base = tool.config.publicUrl;
      expect(sent.initiate_login_uri).to.equal(`${base}/lti/login`);
      expect(sent.redirect_uris).to.deep.equal([`${base}/lti/launch`]);
      expect(sent.jwks_uri).to.equal(`${base}/lti/keys`);
      expect(sent.token_endpoint_auth_method).to.equal('private_key_jwt');
      const messages = (sent[TOOL_CONFIG] as { messages: Array<{ type: string; placements?: string[] }> }).messages;
      expect(messages.map((m) => m.type)).to.deep.equal(['LtiResourceLinkRequest', 'LtiDeepLinkingRequest']);
      if (flavour === 'canvas') {
        expect(messages[1]!.placements).to.include('assignment_selection');
        expect((sent[TOOL_CONFIG] as Record<string, unknown>)['https://canvas.instructure.com/lti/privacy_level']).to.equal('public');
      }

      const [registration] = (await tool.app.registry.list()).filter((r) => r.clientId === platform.clientId);
      expect(registration).to.include({ issuer: platform.issuer, clientId: platform.clientId, status: 'active', registeredVia: 'dynamic' });
      expect(registration!.deploymentIds).to.deep.equal([platform.deploymentId]);
    });

    it('when registered, then learners and instructors can launch at once', async () => {
      for (const user of [learner(), instructor()]) {
        const browser = new LtiBrowser(tool.app.express);
        const { response } = await browser.launch(platform, buildLaunch(platform, { user }));
        expect(response.status, response.text).to.equal(303);
      }
    });

    it('when the tool publishes its keys, then they are RS256 JWKs the platform can verify with', async () => {
      const res = await request(tool.app.express).get('/lti/keys');
      expect(res.status).to.equal(200);
      expect(res.body.keys).to.have.length.greaterThan(0);
      for (const key of res.body.keys) expect(key).to.include({ kty: 'RSA', alg: 'RS256', use: 'sig' });
    });

    it('when the registration token is wrong, then the admin sees why and nothing is stored', async () => {
      const before = (await tool.app.registry.list()).length;
      const res = await request(tool.app.express).get(registerUrl(platform, 'wrong-token'));
      expect(res.status).to.equal(400);
      expect(res.text).to.contain('REGISTRATION_REFUSED_BY_PLATFORM');
      expect((await tool.app.registry.list()).length).to.equal(before);
    });
  });
}

describe('dynamic registration, bad input and approval', () => {
  let tool: TestTool;
  let platform: TestPlatform;

  before(async () => {
    tool = await startTestTool({ ...SAME_MACHINE, REGISTRATION_APPROVAL: 'manual' });
    platform = await TestPlatform.start('moodle');
  });
  after(async () => {
    await tool.close();
    await platform.close();
  });

  it('when openid_configuration is missing, then a 400 page explains it', async () => {
    const res = await request(tool.app.express).get('/lti/register');
    expect(res.status).to.equal(400);
    expect(res.text).to.contain('REGISTRATION_PARAMS_INVALID');
  });

  it('when the configuration URL does not answer, then a 400 page names the problem', async () => {
    const res = await request(tool.app.express).get('/lti/register?openid_configuration=http%3A%2F%2F127.0.0.1%3A9%2Fnothing');
    expect(res.status).to.equal(400);
    expect(res.text).to.contain('REGISTRATION_PLATFORM_UNREACHABLE');
  });

  it('when the operator requires approval, then the registration waits and launches are refused until activated', async () => {
    const res = await request(tool.app.express).get(registerUrl(platform));
    expect(res.status).to.equal(200);
    expect(res.text).to.contain('approves new registrations by hand');
    const registration = (await tool.app.registry.list()).find((r) => r.clientId === platform.clientId)!;
    expect(registration.status).to.equal('pending');

    const refused = await new LtiBrowser(tool.app.express).launch(platform, buildLaunch(platform, { user: learner() }));
    expect(refused.response.status).to.equal(403);
    expect(refused.response.text).to.contain('PLATFORM_PENDING');

    await tool.app.registry.setStatus(registration.id, 'active');
    const accepted = await new LtiBrowser(tool.app.express).launch(platform, buildLaunch(platform, { user: learner() }));
    expect(accepted.response.status, accepted.response.text).to.equal(303);
  });
});
