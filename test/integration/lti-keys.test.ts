import { generateKeyPairSync } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import { sql } from 'kysely';
import { createLocalJWKSet, jwtVerify, SignJWT } from 'jose';
import request from 'supertest';
import { createLtijsProvider } from '../../bench/bare-ltijs-provider.js';
import { createPlatformRepository } from '../../src/db/repositories/platform-repository.js';
import { createToolKeyRepository } from '../../src/db/repositories/tool-key-repository.js';
import { createToolKeys } from '../../src/lti/tool-keys.js';
import { createSecretBox } from '../../src/shared/secret-box.js';
import { sharedDatabase } from '../support/hooks.js';
import { buildLaunch, learner } from '../support/factories.js';
import { LtiBrowser } from '../support/lti-browser.js';
import { TestPlatform } from '../support/test-platform.js';
import { startTestTool, TEST_ENCRYPTION_KEY, type TestTool } from '../support/test-tool.js';

type Jwks = { keys: Array<{ kid: string; n: string; alg: string; use: string }> };

async function jwksOf(tool: TestTool): Promise<Jwks> {
  const res = await request(tool.app.express).get('/lti/keys');
  expect(res.status).to.equal(200);
  return res.body as Jwks;
}

async function signedWith(tool: TestTool, issuer: string, clientId: string): Promise<string> {
  const key = await tool.app.keys.forRegistration(issuer, clientId);
  return new SignJWT({ purpose: 'check' })
    .setProtectedHeader({ alg: 'RS256', kid: key.kid })
    .setIssuer(clientId)
    .sign(key.privateKey);
}

/** The longest gap between ticks of a 1 ms timer while `work` runs (how long the loop stood still). */
async function longestStall(work: () => Promise<unknown>): Promise<number> {
  let last = performance.now();
  let longest = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
  }, 1);
  try {
    await new Promise((resolve) => setTimeout(resolve, 5));
    last = performance.now();
    await work();
    await new Promise((resolve) => setTimeout(resolve, 5));
    return Math.max(longest, performance.now() - last);
  } finally {
    clearInterval(timer);
  }
}

/** Serves the platform's keyset and counts how often the tool fetched it. */
async function countingKeyset(platform: TestPlatform): Promise<{ url: string; count: () => number; close(): void }> {
  let fetched = 0;
  const server: Server = createServer(async (_req, res) => {
    fetched += 1;
    const body = await (await fetch(`${platform.url}/jwks`)).text();
    res.writeHead(200, { 'content-type': 'application/json' }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/jwks`, count: () => fetched, close: () => server.close() };
}

describe('the tool\'s own LTI keys and the platforms\' keysets', () => {
  let tool: TestTool;
  before(async () => {
    tool = await startTestTool();
  });
  after(async () => {
    await tool.close();
  });

  it('when a platform is registered, then its RS256 key is published at /lti/keys and signs what the tool sends', async () => {
    const platform = await TestPlatform.start('moodle');
    try {
      await tool.app.registry.registerPlatform(platform.manualRegistration);
      const token = await signedWith(tool, platform.issuer, platform.clientId);
      const jwks = await jwksOf(tool);
      const { protectedHeader } = await jwtVerify(token, createLocalJWKSet(jwks as never));
      const published = jwks.keys.find((k) => k.kid === protectedHeader.kid)!;
      expect(published).to.include({ alg: 'RS256', use: 'sig' });
      expect(JSON.stringify(jwks)).not.to.match(/"(d|p|q|dp|dq|qi)":/);
    } finally {
      await platform.close();
    }
  });

  it('when a registration runs, then the event loop never stalls as it would for a synchronous key', async function () {
    this.timeout(120_000);
    const platform = await TestPlatform.start('canvas');
    try {
      const duringRegistration = await longestStall(() => tool.app.registry.registerPlatform(platform.manualRegistration));
      // What ltijs did on every registration, measured side by side in the same run.
      const duringSyncKey = await longestStall(async () => {
        generateKeyPairSync('rsa', { modulusLength: 4096 });
      });
      expect(duringRegistration, `stall ${duringRegistration} ms vs ${duringSyncKey} ms`).to.be.below(duringSyncKey / 4);
    } finally {
      await platform.close();
    }
  });

  it('when two registrations of the same issuer and client race, then one wins and the other replaces nothing', async () => {
    const platform = await TestPlatform.start('canvas');
    try {
      const input = { ...platform.manualRegistration, registeredVia: 'dynamic' as const };
      const [a, b] = await Promise.all([
        tool.app.registry.registerNewPlatform(input),
        tool.app.registry.registerNewPlatform({ ...input, jwksUri: 'https://attacker.example/jwks' }),
      ]);
      expect([a, b].filter(Boolean)).to.have.length(1);
      const stored = (await tool.app.registry.list()).filter((r) => r.issuer === input.issuer && r.clientId === input.clientId);
      expect(stored).to.have.length(1);
      expect(stored[0]!.jwksUri).to.equal((a ?? b)!.jwksUri);
      expect(await tool.app.registry.registerNewPlatform(input)).to.equal(undefined);
    } finally {
      await platform.close();
    }
  });

  it('when a key is rotated, then old and new kid are published until the overlap ends, and the new one signs', async () => {
    const platform = await TestPlatform.start('moodle');
    const { db } = sharedDatabase();
    let now = new Date();
    const registrations = createPlatformRepository(db);
    const keys = createToolKeys({
      store: createToolKeyRepository(db), registrations, clock: { now: () => now },
      box: createSecretBox(TEST_ENCRYPTION_KEY, 'tool-keys'),
    });
    try {
      const reg = await tool.app.registry.registerPlatform(platform.manualRegistration);
      const oldKid = (await keys.forRegistration(platform.issuer, platform.clientId)).kid;
      const newKid = await keys.rotate(reg.id, 24);
      expect(newKid).not.to.equal(oldKid);
      expect((await keys.forRegistration(platform.issuer, platform.clientId)).kid).to.equal(newKid);
      const kids = (await keys.jwks()).keys.map((k) => k.kid);
      expect(kids).to.include.members([oldKid, newKid]);
      now = new Date(now.getTime() + 25 * 3600_000);
      const later = (await keys.jwks()).keys.map((k) => k.kid);
      expect(later).to.include(newKid);
      expect(later).not.to.include(oldKid);
    } finally {
      await platform.close();
    }
  });

  it('when learners launch again and again, then the platform keyset is fetched once, not per launch', async () => {
    const platform = await TestPlatform.start('moodle');
    const keyset = await countingKeyset(platform);
    try {
      await tool.app.registry.registerPlatform({ ...platform.manualRegistration, jwksUri: keyset.url });
      for (let i = 0; i < 4; i += 1) {
        const browser = new LtiBrowser(tool.app.express);
        const { response } = await browser.launch(platform, buildLaunch(platform, { user: learner() }));
        expect(response.status, response.text).to.equal(303);
      }
      expect(keyset.count()).to.equal(1);
    } finally {
      keyset.close();
      await platform.close();
    }
  });
});

describe('registrations made under ltijs carry over to the tool\'s own keys', () => {
  it('when ltijs made the key, then the same kid and modulus are published and the tool signs with it', async function () {
    this.timeout(120_000);
    const platform = await TestPlatform.start('moodle');
    const { db, url } = sharedDatabase();
    const tablesBefore = await publicTables();
    const ltijs = await createLtijsProvider({
      databaseUrl: url, poolSize: 1, encryptionKey: TEST_ENCRYPTION_KEY,
      cookies: { secure: false, sameSite: 'Lax' }, tokenMaxAgeSeconds: 60, sessionMode: 'ltijs',
    });
    let tool: TestTool | undefined;
    try {
      const reg = platform.manualRegistration;
      await ltijs.registerPlatform({
        url: reg.issuer, clientId: reg.clientId, name: reg.name, authenticationEndpoint: reg.authEndpoint,
        accesstokenEndpoint: reg.tokenEndpoint, authorizationServer: `${platform.url}/oauth-audience`,
        authConfig: { method: 'JWK_SET', key: reg.jwksUri },
      });
      const made = await ltijs.getPlatform(reg.issuer, reg.clientId);
      if (!made) throw new Error('ltijs did not register the platform');
      const ltijsKid = await made.platformKid();
      await createPlatformRepository(db).save({ ...reg, status: 'active' }, reg.deploymentIds);

      tool = await startTestTool();
      const jwks = await jwksOf(tool);
      const carried = jwks.keys.find((k) => k.kid === ltijsKid);
      expect(carried, 'ltijs kid in the JWKS').to.exist;
      const token = await signedWith(tool, reg.issuer, reg.clientId);
      const { protectedHeader } = await jwtVerify(token, createLocalJWKSet(jwks as never));
      expect(protectedHeader.kid).to.equal(ltijsKid);
      const key = await tool.app.keys.forRegistration(reg.issuer, reg.clientId);
      expect(key.tokenAudience).to.equal(`${platform.url}/oauth-audience`);
    } finally {
      await tool?.close();
      await ltijs.close({ silent: true });
      await platform.close();
      // ltijs's own tables are not part of the tool's schema: leave the shared database as it was.
      for (const table of (await publicTables()).filter((t) => !tablesBefore.includes(t))) {
        await sql`drop table if exists ${sql.table(table)} cascade`.execute(db);
      }
    }
  });
});

async function publicTables(): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`
    select table_name as name from information_schema.tables where table_schema = 'public'`
    .execute(sharedDatabase().db);
  return rows.map((r) => r.name);
}
