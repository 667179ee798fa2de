import { expect } from 'chai';
import { buildLaunch } from '../support/factories.js';
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
  const platform = await TestPlatform.start(...args);
  platform.toolJwksUrl = tool.jwksUrl;
  return platform;
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
