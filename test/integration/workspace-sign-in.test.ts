import { expect } from 'chai';
import request from 'supertest';
import { buildProgramForm } from '../support/factories.js';
import { decodeHtml } from '../support/html.js';
import { sharedDatabase } from '../support/hooks.js';
import { runEntryPoint } from '../support/run-process.js';
import { startTestTool, TEST_ENCRYPTION_KEY, type TestTool } from '../support/test-tool.js';
import {
  buildWorkspace,
  claimsOf,
  pathOf,
  signInWith,
  workspaceDepsOf,
} from '../support/workspace-world.js';
import type { DomainEvent } from '../../src/mentoring/events.js';
import { profileDocument, type ProfileTemplate } from '../../src/xapi/profile/profile-document.js';
import { matchingTemplates } from '../../src/xapi/profile/template-checker.js';
import { buildStatement } from '../../src/xapi/statement-builders.js';
import type { StatementSnapshot } from '../../src/xapi/snapshot.js';

const templates = profileDocument().templates as ProfileTemplate[];

describe('standalone workspaces: created from the CLI, staff signed in by one-time links', function () {
  this.timeout(120_000);
  let tool: TestTool;
  const cli = (...args: string[]) =>
    runEntryPoint('src/lti/cli/platform-cli.ts', ['workspace', ...args], {
      DATABASE_URL: sharedDatabase().url,
      LTI_ENCRYPTION_KEY: TEST_ENCRYPTION_KEY,
      LOG_LEVEL: 'silent',
      PUBLIC_URL: 'https://tool.test',
    });

  before(async () => {
    tool = await startTestTool();
  });
  after(async () => {
    await tool.close();
  });

  it('when an operator creates a workspace, then its admin signs in by the printed link and runs a program like LTI staff', async () => {
    const created = await cli(
      'create',
      'Acme Learning',
      '--admin',
      'Ada Admin',
      '--email',
      'Ada@Example.org',
    );
    expect(created.code, created.stderr).to.equal(0);
    const url = /(https:\/\/tool\.test\/workspaces\/\S+)/.exec(created.stdout)?.[1];
    expect(url, created.stdout).to.be.a('string');
    expect(created.stdout).to.contain('Ada Admin <ada@example.org> (admin)');

    const confirm = await request(tool.app.express).get(pathOf(url!));
    expect(confirm.status).to.equal(200);
    expect(confirm.headers['cache-control']).to.equal('no-store');
    expect(confirm.headers['referrer-policy']).to.equal('no-referrer');
    expect(decodeHtml(confirm.text)).to.contain('Ada Admin').and.to.contain('Acme Learning');
    const staff = await signInWith(tool.app.express, url!);
    const claims = claimsOf(staff);
    expect(claims).to.include({ tenantAdmin: true, tenantKind: 'workspace' });
    const tenant = await tool.db
      .selectFrom('tenants')
      .selectAll()
      .where('id', '=', claims.tenantId)
      .executeTakeFirstOrThrow();
    expect(tenant).to.include({
      kind: 'workspace',
      name: 'Acme Learning',
      home_page: `https://tool.test/workspaces/${claims.tenantId}`,
    });

    const home = await staff.get('/home');
    expect(home.status).to.equal(200);
    expect(home.text).to.contain('/staff/workspace?');
    const made = await staff.post('/staff/programs', buildProgramForm(), '/staff/programs/new');
    expect(made.status, made.text).to.equal(303);
    const programPath = new URL(made.headers.location!, 'https://tool.test').pathname;
    const saved = await staff.post(
      `${programPath}/settings`,
      buildProgramForm({ title: 'Acme mentoring 2027' }),
      `${programPath}/settings`,
    );
    expect(saved.status, saved.text).to.equal(303);
    const admin = await staff.get(programPath);
    expect(admin.status).to.equal(200);
    expect(admin.text).to.contain('Acme mentoring 2027').and.to.contain('workspace');
    expect((await staff.get(`${programPath}/matching`)).status).to.equal(200);
    expect((await staff.get(`${programPath}/matching/settings`)).status).to.equal(200);
    expect((await staff.get('/staff/lrs')).status).to.equal(200);

    const listed = await cli('list', '--json');
    const mine = (JSON.parse(listed.stdout) as Array<{ tenantId: string; people: number }>).find(
      (w) => w.tenantId === claims.tenantId,
    );
    expect(mine).to.include({ people: 1 });
  });

  it('when a workspace person acts, then the xAPI actor is an account under the workspace home page, with no LTI deployment', async () => {
    const link = await buildWorkspace(workspaceDepsOf(tool));
    const staff = await signInWith(tool.app.express, link.url);
    const { tenantId, userId } = claimsOf(staff);
    const row = await tool.db
      .selectFrom('xapi_outbox')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('event_type', '=', 'launched')
      .executeTakeFirstOrThrow();
    const stored = row.event as unknown as DomainEvent & { occurredAt: string };
    const event = { ...stored, occurredAt: new Date(stored.occurredAt) };
    const statement = buildStatement(event, row.snapshot as unknown as StatementSnapshot, {
      pseudonymKey: 'k',
    });
    expect(matchingTemplates(statement, templates).map((t) => t.id.split('/').pop())).to.deep.equal(
      ['launched'],
    );
    const subject = (
      await tool.db
        .selectFrom('users')
        .select('subject')
        .where('tenant_id', '=', tenantId)
        .where('id', '=', userId)
        .executeTakeFirstOrThrow()
    ).subject;
    expect(statement.actor).to.deep.include({
      account: { homePage: `https://tool.test/workspaces/${tenantId}`, name: subject },
    });
    expect(subject).to.match(/^workspace:[0-9a-f-]{36}$/);
    expect(JSON.stringify(statement))
      .not.to.contain('lti-deployment')
      .and.not.to.contain('@example.org');
    expect(statement.context!.contextActivities!.grouping![0]!.id).to.contain(
      encodeURIComponent(`https://tool.test/workspaces/${tenantId}`),
    );
  });

  it('when the operator invites and signs someone out, then the link works once and their sessions end', async () => {
    const first = await buildWorkspace(workspaceDepsOf(tool));
    const tenantId = first.person.tenantId;
    const invited = await cli(
      'invite',
      tenantId,
      '--name',
      'Sam Staff',
      '--email',
      'sam@example.org',
    );
    expect(invited.code, invited.stderr).to.equal(0);
    expect(invited.stdout).to.contain('Sam Staff <sam@example.org> (staff)');
    const url = /(https:\/\/tool\.test\/workspaces\/\S+)/.exec(invited.stdout)![1]!;
    const sam = await signInWith(tool.app.express, url);
    expect(claimsOf(sam)).to.include({ tenantId, tenantAdmin: false });
    expect((await sam.get('/home')).status).to.equal(200);
    const out = await cli('sign-out', tenantId, '--email', 'SAM@example.org');
    expect(out.code, out.stderr).to.equal(0);
    expect(out.stdout).to.contain('Ended 1 live session(s)');
    const ended = await sam.get('/home');
    expect(ended.status).to.equal(401);
    expect(ended.text).to.contain('SESSION_REVOKED').and.to.contain('new sign-in link');
  });

  it('when the operator names no workspace, an LMS tenant or a bad address, then the CLI says so and exits 2', async () => {
    const unknown = await cli(
      'sign-in-link',
      '00000000-0000-4000-8000-000000000000',
      '--email',
      'a@b.org',
    );
    expect(unknown.code).to.equal(2);
    expect(unknown.stderr).to.contain('There is no workspace with this id.');
    const lms = await tool.app.registry.registerPlatform({
      issuer: 'https://cli-lms.test',
      clientId: 'tool',
      name: 'CLI LMS',
      productFamily: null,
      authEndpoint: 'https://cli-lms.test/auth',
      tokenEndpoint: 'https://cli-lms.test/token',
      jwksUri: 'https://cli-lms.test/jwks',
      deploymentIds: ['1'],
      registeredVia: 'cli',
    });
    const lti = await tool.db
      .selectFrom('lti_deployments')
      .select('id')
      .where('platform_id', '=', lms.id)
      .executeTakeFirstOrThrow();
    const refused = await cli('invite', lti.id, '--name', 'X', '--email', 'x@example.org');
    expect(refused.code).to.equal(2);
    expect(refused.stderr).to.contain('for standalone workspaces');
    const bad = await cli('create', 'Acme', '--admin', 'Ada', '--email', 'not-an-address');
    expect(bad.code).to.equal(2);
    expect(bad.stderr).to.contain('e-mail address is not valid');
    const missing = await cli('create', 'Acme', '--admin', 'Ada');
    expect(missing.code).to.equal(2);
  });

  it('when a link is used twice, expired, mistyped or replaced, then each gets its own clear page and no session', async () => {
    let offsetMs = 0;
    const clock = { now: () => new Date(Date.now() + offsetMs) };
    const clocked = await startTestTool({}, clock);
    try {
      const deps = workspaceDepsOf(clocked, clock);
      const first = await buildWorkspace(deps);
      await signInWith(clocked.app.express, first.url);
      const again = await request(clocked.app.express)
        .post(pathOf(first.url))
        .type('form')
        .send({});
      expect(again.status).to.equal(410);
      expect(again.text).to.contain('SIGN_IN_LINK_USED').and.to.contain('already used');
      expect((await request(clocked.app.express).get(pathOf(first.url))).status).to.equal(410);

      const late = await buildWorkspace(deps);
      offsetMs = (clocked.config.workspaces.signInLinkTtlSeconds + 1) * 1000;
      const expired = await request(clocked.app.express)
        .post(pathOf(late.url))
        .type('form')
        .send({});
      expect(expired.status).to.equal(410);
      expect(expired.text).to.contain('SIGN_IN_LINK_EXPIRED');
      offsetMs = 0;

      const mistyped = `${pathOf(late.url).slice(0, -3)}abc`;
      const unknown = await request(clocked.app.express).get(mistyped);
      expect(unknown.status).to.equal(404);
      expect(unknown.text).to.contain('SIGN_IN_LINK_UNKNOWN');
      expect((await request(clocked.app.express).get(`${pathOf(late.url)}x`)).status).to.equal(404);
      expect(
        (await request(clocked.app.express).get('/workspaces/not-a-uuid/sign-in/x')).status,
      ).to.equal(404);

      const replaced = await buildWorkspace(deps);
      const newer = await cli(
        'sign-in-link',
        replaced.person.tenantId,
        '--email',
        replaced.person.email,
      );
      expect(newer.code, newer.stderr).to.equal(0);
      const old = await request(clocked.app.express)
        .post(pathOf(replaced.url))
        .type('form')
        .send({});
      expect(old.status).to.equal(404);
      const sessions = await clocked.db
        .selectFrom('tool_sessions')
        .select('sid')
        .where('tenant_id', 'in', [late.person.tenantId, replaced.person.tenantId])
        .execute();
      expect(sessions).to.deep.equal([]);
    } finally {
      await clocked.close();
    }
  });

  it('when a client opens links too fast, then it is refused with 429 before the database is asked for the link', async () => {
    const limited = await startTestTool(
      { RATE_LIMIT_SIGN_IN_PER_MINUTE: '2' },
      { now: () => new Date(Date.UTC(2031, 0, 1, 9, 0, 30)) },
    );
    try {
      const link = await buildWorkspace(workspaceDepsOf(limited));
      // Another last character than the link's own (a token ending in 'A' made this the real link).
      const path = pathOf(link.url);
      const mistyped = `${path.slice(0, -1)}${path.endsWith('A') ? 'B' : 'A'}`;
      for (let i = 0; i < 2; i += 1)
        expect((await request(limited.app.express).get(mistyped)).status).to.equal(404);
      const refused = await request(limited.app.express)
        .post(pathOf(link.url))
        .type('form')
        .send({});
      expect(refused.status).to.equal(429);
      expect(refused.headers['retry-after']).to.be.a('string');
      const row = await limited.db
        .selectFrom('workspace_sign_in_links')
        .select('used_at')
        .where('tenant_id', '=', link.person.tenantId)
        .executeTakeFirstOrThrow();
      expect(row.used_at).to.equal(null);
    } finally {
      await limited.close();
    }
  });
});
