import { expect } from 'chai';
import { LtiBrowser } from '../support/lti-browser.js';
import { launchAs } from '../support/tool-session.js';
import { buildLaunch, learner } from '../support/factories.js';
import { sharedDatabase } from '../support/hooks.js';
import { runEntryPoint } from '../support/run-process.js';
import { TestPlatform } from '../support/test-platform.js';
import { startTestTool, TEST_ENCRYPTION_KEY, type TestTool } from '../support/test-tool.js';

describe('platform CLI (npm run platform)', function () {
  this.timeout(120_000);
  let tool: TestTool;
  let platform: TestPlatform;
  const cli = (...args: string[]) =>
    runEntryPoint('src/lti/cli/platform-cli.ts', args, { DATABASE_URL: sharedDatabase().url, LTI_ENCRYPTION_KEY: TEST_ENCRYPTION_KEY, LOG_LEVEL: 'silent' });

  before(async () => {
    tool = await startTestTool();
    platform = await TestPlatform.start('moodle');
  });
  after(async () => {
    await tool.close();
    await platform.close();
  });

  it('when an operator adds, lists, extends and removes a platform, then launches follow what the CLI says', async () => {
    const reg = platform.manualRegistration;
    const added = await cli('add', '--issuer', reg.issuer, '--client-id', reg.clientId, '--auth-endpoint', reg.authEndpoint,
      '--token-endpoint', reg.tokenEndpoint, '--jwks-uri', reg.jwksUri, '--deployment-id', platform.deploymentId, '--product', 'moodle');
    expect(added.code, added.stderr).to.equal(0);
    expect(added.stdout).to.contain('Registered.');

    const listed = await cli('list', '--json');
    const registration = (JSON.parse(listed.stdout) as Array<{ id: string; clientId: string; deploymentIds: string[] }>).find((r) => r.clientId === reg.clientId)!;
    expect(registration.deploymentIds).to.deep.equal([platform.deploymentId]);

    const ok = await new LtiBrowser(tool.app.express).launch(platform, buildLaunch(platform, { user: learner() }));
    expect(ok.response.status, ok.response.text).to.equal(303);

    expect((await cli('add-deployment', registration.id, 'second')).code).to.equal(0);
    const second = await new LtiBrowser(tool.app.express).launch(platform, buildLaunch(platform, { user: learner(), deploymentId: 'second' }));
    expect(second.response.status).to.equal(303);

    expect((await cli('remove-deployment', registration.id, 'second')).code).to.equal(0);
    const gone = await new LtiBrowser(tool.app.express).launch(platform, buildLaunch(platform, { user: learner(), deploymentId: 'second' }));
    expect(gone.response.status).to.equal(403);

    const removed = await cli('remove', registration.id);
    expect(removed.code, removed.stderr).to.equal(0);
    const refused = await new LtiBrowser(tool.app.express).launch(platform, buildLaunch(platform, { user: learner() }));
    expect(refused.response.status).to.equal(400);
    expect(refused.response.text).to.contain('UNKNOWN_PLATFORM');
  });

  it('when an operator revokes a person\'s sessions or rotates a key, then the page links end and the new kid is published beside the old', async () => {
    const other = await TestPlatform.start('canvas');
    try {
      const registration = await tool.app.registry.registerPlatform(other.manualRegistration);
      const user = learner();
      const session = await launchAs(tool.app.express, other, user);
      expect((await session.get('/home')).status).to.equal(200);
      const revoked = await cli('revoke-sessions', registration.id, other.deploymentId, '--subject', user.sub);
      expect(revoked.code, revoked.stderr).to.equal(0);
      expect(revoked.stdout).to.contain('Ended 1 live session');
      const after = await session.get('/home');
      expect(after.status).to.equal(401);
      expect(after.text).to.contain('SESSION_REVOKED');

      const before = await tool.app.keys.jwks();
      const oldKid = (await tool.app.keys.forRegistration(other.issuer, other.clientId)).kid;
      const rotated = await cli('rotate-key', registration.id, '--overlap-hours', '24');
      expect(rotated.code, rotated.stderr).to.equal(0);
      const kids = (await tool.app.keys.jwks()).keys.map((k) => k.kid);
      expect(kids).to.include(oldKid);
      expect(kids.length).to.equal(before.keys.length + 1);
    } finally {
      await other.close();
    }
  });

  it('when arguments are wrong, then it explains and exits 2', async () => {
    const missing = await cli('add', '--issuer', 'https://lms.example.edu');
    expect(missing.code).to.equal(2);
    expect(missing.stderr).to.contain('--client-id is required');
    const unknown = await cli('remove', 'not-an-id');
    expect(unknown.code).to.equal(2);
    expect(unknown.stderr).to.contain('No registration with id not-an-id');
  });
});
