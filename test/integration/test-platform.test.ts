import { expect } from 'chai';
import { buildLaunch, TOOL_LAUNCH_URL } from '../support/factories.js';
import { LtiBrowser } from '../support/lti-browser.js';
import { buildUser, ROLE } from '../support/platform-claims.js';
import { FakeTool, launchClaims } from '../support/platform/fake-tool.js';
import { AGS_SCOPES, NRPS_SCOPE } from '../support/platform/scopes.js';
import { TestPlatform } from '../support/test-platform.js';

const NRPS_CLAIM = 'https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice';
const AGS_CLAIM = 'https://purl.imsglobal.org/spec/lti-ags/claim/endpoint';
const CUSTOM = 'https://purl.imsglobal.org/spec/lti/claim/custom';

let tool: FakeTool;
/** Each suite gets a tool stand-in serving its JWKS over HTTP. */
function useFakeTool(): void {
  before(async () => {
    tool = await FakeTool.start();
  });
  after(() => tool.close());
}

async function startPlatform(...args: Parameters<typeof TestPlatform.start>): Promise<TestPlatform> {
  return tool.connect(await TestPlatform.start(...args));
}

async function tokenFor(platform: TestPlatform, scope = NRPS_SCOPE): Promise<string> {
  const { status, body } = await tool.requestToken(platform, { client_assertion: await tool.clientAssertion(platform), scope });
  expect(status, JSON.stringify(body)).to.equal(200);
  return body.access_token!;
}

describe('test platform: OAuth2 token endpoint (private_key_jwt)', () => {
  useFakeTool();
  let platform: TestPlatform;
  before(async () => {
    platform = await startPlatform('moodle');
  });
  after(() => platform.close());

  it('when the tool presents a good client assertion, then it gets a Bearer token for the scopes asked', async () => {
    const scope = `${NRPS_SCOPE} ${AGS_SCOPES[3]}`;
    const { status, body } = await tool.requestToken(platform, { client_assertion: await tool.clientAssertion(platform), scope });
    expect(status).to.equal(200);
    expect(body).to.include({ token_type: 'Bearer', expires_in: 3600, scope });
    expect(body.access_token).to.be.a('string').with.length.above(20);
    expect(platform.tokenRequests.at(-1)).to.include({ clientId: platform.clientId, status: 200, accessToken: body.access_token });
  });

  it('when the assertion is addressed to the platform issuer, then it is accepted too', async () => {
    const canvas = await startPlatform('canvas', { ags: true });
    const { status } = await tool.requestToken(canvas, { client_assertion: await tool.clientAssertion(canvas, { aud: canvas.issuer }), scope: NRPS_SCOPE });
    await canvas.close();
    expect(status).to.equal(200);
  });

  const refusals = [
    // Times are taken when each test runs: under load the file may run minutes after it is loaded.
    { when: "'s aud is another server", claims: () => ({ aud: 'https://elsewhere.test/token' }), reason: /aud/ },
    { when: ' has expired', claims: () => ({ iat: Math.floor(Date.now() / 1000) - 120, exp: Math.floor(Date.now() / 1000) - 60 }), reason: /exp/ },
    { when: ' was issued in the future', claims: () => ({ iat: Math.floor(Date.now() / 1000) + 120, exp: Math.floor(Date.now() / 1000) + 180 }), reason: /iat/ },
    { when: "'s iss is another client", claims: () => ({ iss: 'someone-else' }), reason: /iss/ },
    { when: ' has no jti', claims: () => ({ jti: undefined }), reason: /jti/ },
  ];
  for (const { when, claims, reason } of refusals) {
    it(`when the assertion${when}, then invalid_client`, async () => {
      const { status, body } = await tool.requestToken(platform, { client_assertion: await tool.clientAssertion(platform, claims()), scope: NRPS_SCOPE });
      expect(status).to.equal(401);
      expect(body.error).to.equal('invalid_client');
      expect(body.error_description).to.match(reason);
    });
  }

  it('when the assertion is signed with a key the tool does not publish, then invalid_client', async () => {
    const { status, body } = await tool.requestToken(platform, { client_assertion: await tool.clientAssertion(platform, {}, { forged: true }), scope: NRPS_SCOPE });
    expect([status, body.error]).to.deep.equal([401, 'invalid_client']);
    expect(body.error_description).to.match(/signature/);
  });

  it('when an assertion is replayed, then the second use gets invalid_grant', async () => {
    const assertion = await tool.clientAssertion(platform);
    expect((await tool.requestToken(platform, { client_assertion: assertion, scope: NRPS_SCOPE })).status).to.equal(200);
    const replay = await tool.requestToken(platform, { client_assertion: assertion, scope: NRPS_SCOPE });
    expect([replay.status, replay.body.error]).to.deep.equal([400, 'invalid_grant']);
  });

  it('when only unknown scopes are asked, then invalid_scope (Moodle grants the known part of a mixed request)', async () => {
    const unknown = await tool.requestToken(platform, { client_assertion: await tool.clientAssertion(platform), scope: 'https://example.test/scope/all' });
    expect([unknown.status, unknown.body.error]).to.deep.equal([400, 'invalid_scope']);
    const mixed = await tool.requestToken(platform, { client_assertion: await tool.clientAssertion(platform), scope: `https://example.test/scope/all ${NRPS_SCOPE}` });
    expect([mixed.status, mixed.body.scope]).to.deep.equal([200, NRPS_SCOPE]);
  });

  it('when Canvas is asked for any scope it does not offer, then invalid_scope', async () => {
    const canvas = await startPlatform('canvas');
    const { status, body } = await tool.requestToken(canvas, { client_assertion: await tool.clientAssertion(canvas), scope: `${NRPS_SCOPE} ${AGS_SCOPES[0]}` });
    await canvas.close();
    expect([status, body.error]).to.deep.equal([400, 'invalid_scope']);
  });

  it('when the grant type or assertion type is wrong, then the matching OAuth2 error', async () => {
    const assertion = await tool.clientAssertion(platform);
    expect((await tool.requestToken(platform, { client_assertion: assertion, scope: NRPS_SCOPE, grant_type: 'password' })).body.error).to.equal('unsupported_grant_type');
    expect((await tool.requestToken(platform, { client_assertion: assertion, scope: NRPS_SCOPE, client_assertion_type: 'basic' })).body.error).to.equal('invalid_request');
  });

  it('when the test makes the endpoint fail, then every request gets that error', async () => {
    platform.failTokenRequests = 'invalid_client';
    const { status, body } = await tool.requestToken(platform, { client_assertion: await tool.clientAssertion(platform), scope: NRPS_SCOPE });
    platform.failTokenRequests = undefined;
    expect([status, body.error]).to.deep.equal([401, 'invalid_client']);
  });
});

describe('test platform: Names and Role Provisioning Services', () => {
  useFakeTool();
  let platform: TestPlatform;
  const users = Array.from({ length: 7 }, (_, i) => buildUser({ sub: `u${i}`, roles: i === 0 ? [ROLE.instructor] : [ROLE.learner] }));
  const get = (url: string, token?: string) => fetch(url, { headers: { accept: 'application/vnd.ims.lti-nrps.v2.membershipcontainer+json', ...(token ? { authorization: `Bearer ${token}` } : {}) } });
  const links = (res: Response) => Object.fromEntries([...(res.headers.get('link') ?? '').matchAll(/<([^>]+)>; rel="(\w+)"/g)].map((m) => [m[2], m[1]]));

  beforeEach(async () => {
    platform = await startPlatform('moodle');
  });
  afterEach(() => platform.close());

  it('when asked without a token, with an unknown one or one lacking the scope, then 401 or 403', async () => {
    const url = platform.membershipsUrl('101');
    expect((await get(url)).status).to.equal(401);
    expect((await get(url, 'made-up')).status).to.equal(401);
    expect((await get(url, await tokenFor(platform, AGS_SCOPES[0]))).status).to.equal(403);
    const token = await tokenFor(platform);
    platform.expireAccessTokens();
    expect((await get(url, token)).status).to.equal(401);
  });

  it('when the tool pages with limit=3 through 7 members, then three pages linked by rel="next"', async () => {
    platform.roster('101').set(users);
    const token = await tokenFor(platform);
    const seen: string[] = [];
    let next: string | undefined = `${platform.membershipsUrl('101')}?limit=3`;
    for (let page = 0; next && page < 10; page++) {
      const res = await get(next, token);
      expect(res.headers.get('content-type')).to.match(/^application\/vnd\.ims\.lti-nrps\.v2\.membershipcontainer\+json/);
      const body = (await res.json()) as { context: { id: string }; members: Array<{ user_id: string; roles: string[]; status: string }> };
      expect(body.context.id).to.equal('101');
      seen.push(...body.members.map((m) => `${m.user_id}:${m.roles.join()}:${m.status}`));
      next = links(res).next;
    }
    expect(platform.nrpsRequests.map((r) => r.memberCount)).to.deep.equal([3, 3, 1]);
    expect(seen).to.deep.equal(users.map((u, i) => `${u.sub}:${i === 0 ? 'Instructor' : 'Learner'}:Active`));
  });

  it('when members join and leave after a full fetch, then the differences URL lists only them', async () => {
    platform.nrpsDifferences = true;
    const roster = platform.roster('101').set(users.slice(0, 3));
    const token = await tokenFor(platform);
    const full = await get(platform.membershipsUrl('101'), token);
    const differences = links(full).differences!;
    expect(differences).to.contain('since=');
    roster.add(users[3]!).remove('u1').deactivate('u2');
    const changes = (await (await get(differences, token)).json()) as { members: Array<{ user_id: string; status: string }> };
    expect(changes.members.map((m) => [m.user_id, m.status])).to.have.deep.members([['u3', 'Active'], ['u1', 'Deleted'], ['u2', 'Inactive']]);
    const after = (await (await get(platform.membershipsUrl('101'), token)).json()) as { members: Array<{ user_id: string; status: string }> };
    expect(after.members.map((m) => [m.user_id, m.status])).to.deep.equal([['u0', 'Active'], ['u2', 'Inactive'], ['u3', 'Active']]);
  });

  it('when two courses launch, then each claim points at its own roster', async () => {
    platform.roster('101').set([users[0]!]);
    platform.roster('202').set([users[1]!, users[2]!]);
    const claims = await launchClaims(platform, buildLaunch(platform, { context: { id: '202', label: 'B', title: 'Course B' } }));
    const url = (claims[NRPS_CLAIM] as { context_memberships_url: string }).context_memberships_url;
    expect(url).to.equal(platform.membershipsUrl('202')).and.to.match(/\/CourseSection\/202\/bindings\/1\/memberships$/);
    expect((claims[CUSTOM] as Record<string, string>).context_memberships_url).to.equal(url);
    const body = (await (await get(url, await tokenFor(platform))).json()) as { context: { title: string }; members: unknown[] };
    expect([body.context.title, body.members.length]).to.deep.equal(['Course B', 2]);
  });

  it('when Canvas is asked without a limit, then pages of 10 with full role URIs', async () => {
    const canvas = await startPlatform('canvas');
    canvas.roster('7').set(Array.from({ length: 12 }, (_, i) => buildUser({ sub: `c${i}`, roles: [ROLE.learner, ROLE.institutionStudent] })));
    const res = await get(canvas.membershipsUrl('7'), await tokenFor(canvas));
    const body = (await res.json()) as { members: Array<{ roles: string[] }> };
    await canvas.close();
    expect(body.members).to.have.length(10);
    expect(body.members[0]!.roles).to.deep.equal([ROLE.learner]);
    expect(links(res).next).to.match(/limit=10&from=10/);
  });

  it('when the platform offers no NRPS, then no claim, no custom URL, no scope, no token for it', async () => {
    const bare = await startPlatform('moodle', { nrps: false });
    const claims = await launchClaims(bare, buildLaunch(bare));
    const config = (await (await fetch(bare.openidConfigurationUrl)).json()) as { scopes_supported: string[] };
    const { body } = await tool.requestToken(bare, { client_assertion: await tool.clientAssertion(bare), scope: NRPS_SCOPE });
    await bare.close();
    expect(claims).not.to.have.property(NRPS_CLAIM);
    expect(claims[CUSTOM]).not.to.have.property('context_memberships_url');
    expect(config.scopes_supported).not.to.include(NRPS_SCOPE);
    expect(body.error).to.equal('invalid_scope');
  });
});

describe('test platform: AGS claim toggle', () => {
  useFakeTool();
  for (const [flavour, ags, expected] of [['moodle', undefined, true], ['canvas', undefined, false], ['moodle', false, false], ['canvas', true, true]] as const) {
    it(`when ${flavour} starts with ags ${String(ags)}, then launches ${expected ? 'carry' : 'do not carry'} the AGS endpoint claim`, async () => {
      const platform = await startPlatform(flavour, ags === undefined ? {} : { ags });
      const claims = await launchClaims(platform, buildLaunch(platform));
      await platform.close();
      expect(Object.hasOwn(claims, AGS_CLAIM)).to.equal(expected);
      if (expected) expect((claims[AGS_CLAIM] as { lineitems: string }).lineitems).to.contain(platform.url);
    });
  }
});

describe('test platform: a strict authorization endpoint', () => {
  useFakeTool();
  for (const flavour of ['moodle', 'canvas'] as const) {
    let platform: TestPlatform;
    before(async () => {
      platform = await startPlatform(flavour);
    });
    after(() => platform.close());

    /** A correct authorization request for a fresh login initiation, with `change` applied. */
    async function authorize(change: Record<string, string | undefined> = {}) {
      const initiation = platform.loginInitiation(buildLaunch(platform));
      const query: Record<string, string | undefined> = {
        scope: 'openid', response_type: 'id_token', response_mode: 'form_post', prompt: 'none', client_id: platform.clientId, nonce: 'n-1', state: 's-1',
        login_hint: initiation.login_hint, lti_message_hint: initiation.lti_message_hint, redirect_uri: TOOL_LAUNCH_URL, ...change,
      };
      const defined = Object.entries(query).filter((e): e is [string, string] => e[1] !== undefined);
      const res = await fetch(`${platform.url}/auth?${new URLSearchParams(defined)}`);
      const text = await res.text();
      return { status: res.status, text, problems: res.ok ? [] : (JSON.parse(text) as { problems: string[] }).problems };
    }

    it(`when ${flavour} gets a correct request, then it answers a form_post to the registered redirect_uri`, async () => {
      const { status, text } = await authorize();
      expect(status).to.equal(200);
      expect(text).to.contain(`action="${TOOL_LAUNCH_URL}"`).and.to.contain('name="id_token"');
    });

    it(`when ${flavour} is asked to post to a redirect_uri the tool did not register, then it refuses and posts nothing`, async () => {
      for (const redirect of ['https://attacker.test/lti/launch', 'https://tool.test/lti/launch/../steal', 'http://tool.test/lti/launch']) {
        const { status, text, problems } = await authorize({ redirect_uri: redirect });
        expect([status, problems], redirect).to.deep.equal([400, ['redirect_uri']]);
        expect(text).not.to.contain('id_token');
      }
    });

    it(`when ${flavour} gets a login_hint or lti_message_hint it did not send, then it refuses`, async () => {
      expect((await authorize({ login_hint: 'someone-else' })).problems).to.include('login_hint');
      expect((await authorize({ lti_message_hint: 'altered' })).problems).to.deep.equal(['lti_message_hint']);
      expect((await authorize({ lti_message_hint: undefined })).problems).to.deep.equal(['lti_message_hint']);
    });

    const wrong: Array<[string, string | undefined]> = [
      ['client_id', 'another-client'], ['scope', 'openid profile'], ['response_type', 'code'], ['response_mode', 'query'], ['prompt', 'login'], ['nonce', undefined], ['state', undefined],
    ];
    for (const [param, value] of wrong) {
      it(`when ${flavour} gets ${param}=${String(value)}, then it refuses naming ${param}`, async () => {
        expect((await authorize({ [param]: value })).problems).to.deep.equal([param]);
      });
    }
  }

  it('when the tool registered dynamically, then only the redirect_uris it sent are accepted', async () => {
    const platform = await TestPlatform.start('moodle');
    const res = await fetch(`${platform.url}/register`, {
      method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${platform.registrationToken}` },
      body: JSON.stringify({ redirect_uris: ['https://dyn.test/lti/launch'], initiate_login_uri: 'https://dyn.test/lti/login', jwks_uri: tool.jwksUrl, 'https://purl.imsglobal.org/spec/lti-tool-configuration': {} }),
    });
    const registered = platform.registeredRedirectUris();
    await platform.close();
    expect(res.status).to.equal(200);
    expect(registered).to.deep.equal(['https://dyn.test/lti/launch']);
  });
});

describe('test platform: the simulated browser sends cookies like a real one', () => {
  let site: import('node:http').Server;
  let app: import('express').Express;
  before(async () => {
    const express = (await import('express')).default;
    app = express();
    app.get('/set', (_req, res) => {
      res.append('set-cookie', ['lax=1; Path=/; SameSite=Lax', 'bare=1; Path=/', 'none=1; Path=/; SameSite=None; Secure', 'noneInsecure=1; Path=/; SameSite=None', 'strict=1; Path=/; SameSite=Strict']);
      res.send('ok');
    });
    app.all('/echo', (req, res) => void res.send(req.headers.cookie ?? ''));
    site = app.listen(0);
  });
  after(() => new Promise((resolve) => site.close(resolve)));

  async function browserAt(origin: string): Promise<LtiBrowser> {
    const browser = new LtiBrowser(app);
    browser.toolOrigin = origin;
    await browser.agent.get('/set');
    return browser;
  }

  it('when the platform\'s form posts cross-site to an https tool, then only the SameSite=None; Secure cookie goes', async () => {
    const browser = await browserAt('https://tool.test');
    expect((await browser.agent.post('/echo')).text).to.equal('none=1');
    expect(browser.cookies.refused.map((r) => `${r.name}:${r.reason}`)).to.include.members([
      'noneInsecure:none-without-secure', 'lax:same-site-on-cross-site-post', 'bare:same-site-on-cross-site-post', 'strict:same-site-on-cross-site-post',
    ]);
  });

  it('when the tool is on http, then its Secure cookies are never stored and nothing goes on the cross-site post', async () => {
    const browser = await browserAt('http://tool.test');
    expect(browser.cookies.names()).to.have.members(['lax', 'bare', 'strict']);
    expect((await browser.agent.post('/echo')).text).to.equal('');
  });

  it('when the browser navigates to the tool at top level, then Lax and unmarked cookies go too, Strict ones do not', async () => {
    const browser = await browserAt('https://tool.test');
    expect((await browser.agent.get('/echo')).text.split('; ')).to.have.members(['lax=1', 'bare=1', 'none=1']);
  });
});
