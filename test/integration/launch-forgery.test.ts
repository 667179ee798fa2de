import { expect } from 'chai';
import { decodeJwt } from 'jose';
import { buildLaunch, learner } from '../support/factories.js';
import { LtiBrowser, type LaunchOptions } from '../support/lti-browser.js';
import type { ForgedAlg } from '../support/platform/forged-tokens.js';
import { TestPlatform } from '../support/test-platform.js';
import { startTestTool, type TestTool } from '../support/test-tool.js';

const DEPLOYMENT = 'https://purl.imsglobal.org/spec/lti/claim/deployment_id';

/**
 * Hostile id_tokens, each arriving through a real login (right state and nonce), so only the
 * token's signature or audience can make the tool refuse it.
 * @see https://www.imsglobal.org/spec/security/v1p0/#authentication-response-validation
 */
describe('forged id_tokens', () => {
  let tool: TestTool;
  let platform: TestPlatform;
  /** Another platform registered with the tool: its key is real and published, but not this issuer's. */
  let attacker: TestPlatform;

  before(async () => {
    tool = await startTestTool();
    platform = await TestPlatform.start('moodle');
    attacker = await TestPlatform.start('moodle');
    for (const p of [platform, attacker]) await tool.app.registry.registerPlatform(p.manualRegistration);
  });
  after(async () => {
    await tool.close();
    await Promise.all([platform.close(), attacker.close()]);
  });

  /** What a launch would record: people, courses, enrolments, sessions, xAPI events. */
  const snapshot = async () => ({
    users: await tool.db.selectFrom('users').selectAll().orderBy('id').execute(),
    courses: await tool.db.selectFrom('courses').select(['id', 'updated_at']).orderBy('id').execute(),
    enrolments: await tool.db.selectFrom('enrolments').selectAll().orderBy('id').execute(),
    sessions: await tool.db.selectFrom('tool_sessions').select('sid').orderBy('sid').execute(),
    outbox: await tool.db.selectFrom('xapi_outbox').select('id').orderBy('id').execute(),
  });

  async function expectRefused(code: string, options: LaunchOptions, from = platform): Promise<void> {
    const before = await snapshot();
    const { response } = await new LtiBrowser(tool.app.express).launch(from, buildLaunch(from, { user: learner() }), options);
    expect(response.status, response.text.slice(0, 400)).to.equal(401);
    expect(/<code>([A-Z_]+)<\/code>/.exec(response.text)?.[1]).to.equal(code);
    expect(await snapshot()).to.deep.equal(before);
  }

  it('when the same launch is signed properly, then it is accepted (the forgeries below differ only in the token)', async () => {
    const { response } = await new LtiBrowser(tool.app.express).launch(platform, buildLaunch(platform, { user: learner() }));
    expect(response.status, response.text.slice(0, 400)).to.equal(303);
  });

  const forgeries: Array<[ForgedAlg, string]> = [
    ['none', 'alg "none" (no signature) under the platform\'s kid'],
    ['HS256-with-public-pem', 'HS256 keyed with the platform\'s public key as PEM'],
    ['HS256-with-public-jwk', 'HS256 keyed with the platform\'s public JWK'],
  ];
  for (const [forge, how] of forgeries) {
    it(`when the id_token is ${how}, then SIGNATURE_INVALID and nothing is recorded`, async () => {
      await expectRefused('SIGNATURE_INVALID', { tamper: { forge } });
    });
  }

  it('when the id_token is signed with another registered platform\'s key under its own kid, then KEY_UNKNOWN and nothing is recorded', async () => {
    await expectRefused('KEY_UNKNOWN', { tamper: { signWithKey: { key: attacker.signingKey } } });
  });

  it('when the id_token is signed with another registered platform\'s key under this platform\'s kid, then SIGNATURE_INVALID and nothing is recorded', async () => {
    await expectRefused('SIGNATURE_INVALID', { tamper: { signWithKey: { key: attacker.signingKey, kid: platform.signingKey.kid } } });
  });

  describe('an id_token for another registration of the same issuer (Canvas cloud shares one issuer)', () => {
    let canvasA: TestPlatform;
    let canvasB: TestPlatform;
    before(async () => {
      [canvasA, canvasB] = await Promise.all([TestPlatform.start('canvas'), TestPlatform.start('canvas')]);
      for (const p of [canvasA, canvasB]) await tool.app.registry.registerPlatform(p.manualRegistration);
    });
    after(() => Promise.all([canvasA.close(), canvasB.close()]));

    // Canvas cloud signs every client id's tokens with the same keys, so only the audience tells them apart.
    it('when a login for client A is answered with a token the LMS signed for client B, then AUDIENCE_INVALID and nothing is recorded', async () => {
      expect(canvasA.issuer).to.equal(canvasB.issuer);
      const swap = async (form: { id_token: string }) => {
        const claims = decodeJwt(form.id_token) as Record<string, unknown>;
        form.id_token = await canvasA.signIdToken({ ...claims, aud: canvasB.clientId, azp: canvasB.clientId, [DEPLOYMENT]: canvasB.deploymentId });
      };
      await expectRefused('AUDIENCE_INVALID', { alterForm: swap }, canvasA);
    });
  });
});
