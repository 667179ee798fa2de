import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { expect } from 'chai';
import express, { type RequestHandler } from 'express';
import request from 'supertest';
import type { Db } from '../../src/db/connection.js';
import { buildLaunch, learner } from '../support/factories.js';
import { LtiBrowser } from '../support/lti-browser.js';
import { TestPlatform } from '../support/test-platform.js';
import { startTestTool, type TestTool } from '../support/test-tool.js';

const TOOL_CONFIG = 'https://purl.imsglobal.org/spec/lti-tool-configuration';

/** A server the attacker runs: answers what each test sets, and records every request. */
class HostileServer {
  readonly requests: Array<{ method: string; path: string; authorization: string | undefined }> = [];
  handler: RequestHandler = (_req, res) => void res.status(404).end();

  private constructor(readonly url: string, private readonly server: Server) {}

  static async start(): Promise<HostileServer> {
    const app = express();
    let hostile: HostileServer | undefined;
    app.use((req, res, next) => {
      hostile!.requests.push({ method: req.method, path: req.path, authorization: req.get('authorization') });
      hostile!.handler(req, res, next);
    });
    const server = await new Promise<Server>((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    hostile = new HostileServer(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, server);
    return hostile;
  }

  /** An OpenID configuration whose issuer is this server (it passes the issuer check). */
  configuration(overrides: Record<string, unknown> = {}): Record<string, unknown> {
    return {
      issuer: this.url,
      authorization_endpoint: `${this.url}/auth`,
      token_endpoint: `${this.url}/token`,
      jwks_uri: `${this.url}/jwks`,
      registration_endpoint: `${this.url}/register`,
      ...overrides,
    };
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }
}

// This file registers from one address more often in a minute than an LMS admin would.
const MANY_ATTEMPTS = { RATE_LIMIT_REGISTER_PER_MINUTE: '1000' };

const registerPath = (configUrl: string, token = 'hostile-token') =>
  `/lti/register?${new URLSearchParams({ openid_configuration: configUrl, registration_token: token })}`;

async function registrationTables(db: Db) {
  const platforms = await db.selectFrom('lti_registrations').selectAll().orderBy('id').execute();
  const deployments = await db.selectFrom('lti_deployments').selectAll().orderBy('id').execute();
  return { platforms, deployments };
}

describe('dynamic registration attacks', () => {
  let tool: TestTool;
  let moodle: TestPlatform;
  let hostile: HostileServer;

  before(async () => {
    tool = await startTestTool({ ...MANY_ATTEMPTS, REGISTRATION_ALLOW_PRIVATE_HOSTS: 'true' });
    moodle = await TestPlatform.start('moodle');
    hostile = await HostileServer.start();
    const res = await request(tool.app.express).get(registerPath(moodle.openidConfigurationUrl, moodle.registrationToken));
    expect(res.status, res.text).to.equal(200);
  });
  beforeEach(() => {
    hostile.requests.length = 0;
  });
  after(async () => {
    await tool.close();
    await moodle.close();
    await hostile.close();
  });

  it('when a stranger publishes a configuration naming a registered LMS as issuer, then it is refused and the LMS registration is untouched', async () => {
    hostile.handler = (req, res) => {
      if (req.path === '/register') return void res.json({ client_id: moodle.clientId, [TOOL_CONFIG]: { deployment_id: 'evil' } });
      res.json(hostile.configuration({ issuer: moodle.issuer }));
    };
    const before = await registrationTables(tool.db);
    const res = await request(tool.app.express).get(registerPath(`${hostile.url}/.well-known/openid-configuration`));
    expect(res.status).to.equal(400);
    expect(res.text).to.contain('REGISTRATION_ISSUER_MISMATCH');
    expect(hostile.requests.map((r) => r.path)).to.deep.equal(['/.well-known/openid-configuration']);
    expect(await registrationTables(tool.db)).to.deep.equal(before);
  });

  it('when Canvas cloud\'s issuer is served from another site, then the registration is refused before anything is posted', async () => {
    const canvas = await TestPlatform.start('canvas');
    try {
      const before = await registrationTables(tool.db);
      const res = await request(tool.app.express).get(registerPath(canvas.openidConfigurationUrl, canvas.registrationToken));
      expect(res.status).to.equal(400);
      expect(res.text).to.contain('REGISTRATION_ISSUER_MISMATCH');
      expect(canvas.registrations).to.have.length(0);
      expect(await registrationTables(tool.db)).to.deep.equal(before);
    } finally {
      await canvas.close();
    }
  });

  it('when the LMS hands out a client_id already registered, then the existing registration is neither replaced nor changed', async () => {
    const before = await registrationTables(tool.db);
    const res = await request(tool.app.express).get(registerPath(moodle.openidConfigurationUrl, moodle.registrationToken));
    expect(res.status).to.equal(409);
    expect(res.text).to.contain('REGISTRATION_ALREADY_EXISTS');
    expect(await registrationTables(tool.db)).to.deep.equal(before);
  });

  it('when the same LMS registers a second client, then it is added beside the first and both launch', async () => {
    const first = { clientId: moodle.clientId, deploymentId: moodle.deploymentId };
    const [existing] = (await registrationTables(tool.db)).platforms.filter((p) => p.client_id === first.clientId);
    moodle.clientId = `${first.clientId}-second`;
    moodle.deploymentId = `${first.deploymentId}0`;
    try {
      const res = await request(tool.app.express).get(registerPath(moodle.openidConfigurationUrl, moodle.registrationToken));
      expect(res.status, res.text).to.equal(200);
      const ofIssuer = (await tool.app.registry.list()).filter((r) => r.issuer === moodle.issuer);
      expect(ofIssuer.map((r) => r.clientId).sort()).to.deep.equal([first.clientId, moodle.clientId].sort());
      const [after] = (await registrationTables(tool.db)).platforms.filter((p) => p.client_id === first.clientId);
      expect(after).to.deep.equal(existing);
      const second = await new LtiBrowser(tool.app.express).launch(moodle, buildLaunch(moodle, { user: learner() }));
      expect(second.response.status, second.response.text).to.equal(303);
    } finally {
      Object.assign(moodle, first);
    }
    const again = await new LtiBrowser(tool.app.express).launch(moodle, buildLaunch(moodle, { user: learner() }));
    expect(again.response.status, again.response.text).to.equal(303);
  });

  it('when the configuration URL redirects elsewhere, then the redirect is not followed', async () => {
    hostile.handler = (req, res) => {
      if (req.path === '/start') return void res.redirect(302, `${hostile.url}/.well-known/openid-configuration`);
      res.json(hostile.configuration());
    };
    const before = await registrationTables(tool.db);
    const res = await request(tool.app.express).get(registerPath(`${hostile.url}/start`));
    expect(res.status).to.equal(400);
    expect(res.text).to.contain('REGISTRATION_REDIRECT_REFUSED');
    expect(hostile.requests.map((r) => r.path)).to.deep.equal(['/start']);
    expect(await registrationTables(tool.db)).to.deep.equal(before);
  });

  it('when the registration endpoint answers an error with a body, then the body never reaches the page', async () => {
    hostile.handler = (req, res) => {
      if (req.path === '/register') return void res.status(400).type('html').send('<script>steal()</script> SECRET-REMOTE-TEXT');
      res.json(hostile.configuration());
    };
    const res = await request(tool.app.express).get(registerPath(`${hostile.url}/.well-known/openid-configuration`));
    expect(res.status).to.equal(400);
    expect(res.text).to.contain('REGISTRATION_REFUSED_BY_PLATFORM').and.contain('HTTP 400');
    expect(res.text).not.to.contain('SECRET-REMOTE-TEXT');
    expect(res.text).not.to.contain('steal()');
  });

  it('when the configuration is huge, then it is refused without being read to the end', async () => {
    hostile.handler = (_req, res) => void res.json(hostile.configuration({ padding: 'x'.repeat(2 * 1024 * 1024) }));
    const res = await request(tool.app.express).get(registerPath(`${hostile.url}/.well-known/openid-configuration`));
    expect(res.status).to.equal(400);
    expect(res.text).to.contain('REGISTRATION_RESPONSE_TOO_LARGE');
    expect(hostile.requests.map((r) => r.path)).to.deep.equal(['/.well-known/openid-configuration']);
  });

  it('when the token holds +, / and = characters, then both requests carry it exactly as issued', async () => {
    const token = 'eyJ0+eXAi/Oi.J-KV1_Q~==';
    hostile.handler = (req, res) => {
      if (req.path === '/register') return void res.json({ client_id: `plus-${randomUUID()}` });
      res.json(hostile.configuration());
    };
    const res = await request(tool.app.express).get(registerPath(`${hostile.url}/.well-known/openid-configuration`, token));
    expect(res.status, res.text).to.equal(200);
    expect(hostile.requests.map((r) => r.authorization)).to.deep.equal([`Bearer ${token}`, `Bearer ${token}`]);
  });

  it('when the token holds a space or a line break, then it is refused and nothing is fetched', async () => {
    for (const token of ['two words', 'line\r\nX-Injected: 1']) {
      const res = await request(tool.app.express).get(registerPath(`${hostile.url}/.well-known/openid-configuration`, token));
      expect(res.status).to.equal(400);
      expect(res.text).to.contain('REGISTRATION_TOKEN_INVALID');
    }
    expect(hostile.requests).to.have.length(0);
  });
});

describe('dynamic registration to internal addresses', () => {
  let tool: TestTool;
  let hostile: HostileServer;

  before(async () => {
    tool = await startTestTool(MANY_ATTEMPTS);
    hostile = await HostileServer.start();
    hostile.handler = (_req, res) => void res.json(hostile.configuration());
  });
  after(async () => {
    await tool.close();
    await hostile.close();
  });

  it('when private hosts are not allowed and the configuration URL is on loopback, then nothing is fetched', async () => {
    const port = new URL(hostile.url).port;
    const before = await registrationTables(tool.db);
    for (const host of ['127.0.0.1', 'localhost', '[::ffff:127.0.0.1]', '0.0.0.0']) {
      const res = await request(tool.app.express).get(registerPath(`http://${host}:${port}/.well-known/openid-configuration`));
      expect(res.status, host).to.equal(400);
      expect(res.text, host).to.contain('REGISTRATION_HOST_FORBIDDEN');
    }
    expect(hostile.requests).to.have.length(0);
    expect(await registrationTables(tool.db)).to.deep.equal(before);
  });
});
