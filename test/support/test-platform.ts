import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import express from 'express';
import { membershipsUrl, type Flavour, type LaunchSpec } from './platform-claims.js';
import { AccessTokens } from './platform/access-tokens.js';
import { launchSpecForItem, mountDeepLinkReturn, postDeepLinkForm, type ContentItem, type DeepLinkRequestRecord, type DeepLinkResponseRecord } from './platform/deep-linking.js';
import { newSigningKey, type SigningKey } from './platform/keys.js';
import { OidcLogin, type TokenTamper } from './platform/oidc-login.js';
import { AgsService, mountAgsEndpoint } from './platform/ags-endpoint.js';
import { mountNrpsEndpoint, type NrpsRequestRecord } from './platform/nrps-endpoint.js';
import { mountRegistrationRoutes, type ToolRegistration } from './platform/registration-routes.js';
import { Roster } from './platform/roster.js';
import { offeredScopes, type PlatformFeatures } from './platform/scopes.js';
import { mountTokenEndpoint, type TokenErrorCode, type TokenRequestRecord } from './platform/token-endpoint.js';

export type { ToolRegistration } from './platform/registration-routes.js';
export type { ContentItem, DeepLinkRequestRecord, DeepLinkResponseRecord } from './platform/deep-linking.js';
export type { NrpsRequestRecord } from './platform/nrps-endpoint.js';
export type { TokenErrorCode, TokenRequestRecord } from './platform/token-endpoint.js';
export type { TokenTamper } from './platform/oidc-login.js';
export { Roster, type MemberStatus } from './platform/roster.js';

/** The test tool's launch URL (PUBLIC_URL https://tool.test), as an LMS admin types it in by hand. */
export const TEST_TOOL_REDIRECT_URIS = ['https://tool.test/lti/launch'] as const;

export interface PlatformOptions {
  issuer?: string;
  /** Offer Names and Role Provisioning Services (default true). */
  nrps?: boolean;
  /** Offer Assignment and Grade Services (default: Moodle yes, Canvas no, as the launches we captured). */
  ags?: boolean;
  /** Offer only these AGS scopes (claim and token endpoint), e.g. Moodle's "grade sync only". */
  agsScopes?: string[];
  /**
   * Also serve the LMS over https at `https://<host>:<port>` for a real browser (the issuer and
   * the auth endpoint); the tool's back-channel (keys, tokens, services) stays on `url`.
   */
  site?: { host: string; port: number; key: string; cert: string };
}

/**
 * A real LTI 1.3 platform for tests: RS256 keys, JWKS, OpenID configuration, Dynamic Registration,
 * the OIDC login (authorization endpoint answering form_post), and the LTI Advantage services a tool
 * calls back: OAuth2 token endpoint (private_key_jwt), NRPS memberships, Deep Linking return.
 */
export class TestPlatform {
  readonly registrations: ToolRegistration[] = [];
  readonly registrationToken = randomBytes(16).toString('hex');
  clientId: string;
  deploymentId: string;
  /** Where the platform fetches the tool's public keys (token assertions, deep-linking responses). */
  toolJwksUrl: string | undefined;
  readonly accessTokens = new AccessTokens();
  readonly tokenRequests: TokenRequestRecord[] = [];
  /** When set, POST /token refuses every request with this OAuth2 error. */
  failTokenRequests: TokenErrorCode | undefined;
  /** Page size when the tool sends no `limit` (Canvas's API default is 10; Moodle sends everything). */
  nrpsPageSize: number | undefined;
  /** Offer `rel="differences"` links on the last membership page. */
  nrpsDifferences = false;
  readonly nrpsRequests: NrpsRequestRecord[] = [];
  /** Assignment and Grade Services: the gradebook, every score post, outages and throttling. */
  readonly ags = new AgsService();
  readonly deepLinkRequests: DeepLinkRequestRecord[] = [];
  readonly deepLinkResponses: DeepLinkResponseRecord[] = [];
  /** The redirect URIs entered when the tool was registered by hand (none until then). */
  private byHandRedirectUris: string[] = [];
  /** Where a browser reaches the LMS (the https site when there is one). */
  siteUrl: string;
  /** Like Moodle, accept each lti_message_hint once only (default: reusable). */
  singleUseMessageHints = false;
  private siteServer: Server | undefined;
  private readonly rosters = new Map<string, Roster>();
  private readonly login: OidcLogin;

  private constructor(
    readonly flavour: Flavour,
    readonly url: string,
    readonly issuer: string,
    readonly features: PlatformFeatures,
    private readonly server: Server,
    private readonly key: SigningKey,
  ) {
    this.login = new OidcLogin(this, key);
    this.siteUrl = url;
    this.clientId = `${flavour}-client-${randomBytes(4).toString('hex')}`;
    this.deploymentId = flavour === 'moodle' ? String(1 + (randomBytes(1)[0]! % 50)) : `${randomBytes(3).toString('hex')}:${randomBytes(8).toString('hex')}`;
    this.nrpsPageSize = flavour === 'canvas' ? 10 : undefined;
  }

  static async start(flavour: Flavour, options: PlatformOptions = {}): Promise<TestPlatform> {
    const key = await newSigningKey();
    const app = express();
    const server = await new Promise<Server>((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    // Canvas cloud uses one issuer for all its tenants; Moodle's issuer is the site URL.
    const siteUrl = options.site ? `https://${options.site.host}:${options.site.port}` : url;
    const issuer = options.issuer ?? (flavour === 'canvas' ? 'https://canvas.instructure.com' : siteUrl);
    const features = { nrps: options.nrps ?? true, ags: options.ags ?? flavour === 'moodle', agsScopes: options.agsScopes };
    const platform = new TestPlatform(flavour, url, issuer, features, server, key);
    platform.routes(app);
    if (options.site) {
      const { key: tlsKey, cert, port } = options.site;
      platform.siteServer = createHttpsServer({ key: tlsKey, cert }, app).listen(port, '127.0.0.1');
      platform.siteUrl = siteUrl;
    }
    return platform;
  }

  get openidConfigurationUrl(): string {
    return `${this.url}/.well-known/openid-configuration`;
  }

  get tokenEndpointUrl(): string {
    return `${this.url}/token`;
  }

  get offeredScopes(): string[] {
    return offeredScopes(this.features);
  }

  get publicJwk() {
    return this.key.publicJwk;
  }

  /** This platform's private signing key, for tests where it plays a malicious registered platform. */
  get signingKey(): SigningKey {
    return this.key;
  }

  /** The redirect_uris the tool registered: by Dynamic Registration, else by hand. */
  registeredRedirectUris(): string[] {
    return [...this.registrations.flatMap((r) => r.redirectUris), ...this.byHandRedirectUris];
  }

  /** The LMS admin's half of a registration by hand: the tool's redirect URIs typed into the LMS. */
  registerToolByHand(redirectUris: readonly string[]): this {
    this.byHandRedirectUris = [...redirectUris];
    return this;
  }

  /**
   * What the tool stores when an operator registers this platform by hand (CLI). Reading it is
   * the registration by hand on both sides: unless a test entered others, the platform takes the
   * test tool's launch URL as the tool's redirect URI, as the LMS admin would.
   */
  get manualRegistration() {
    if (!this.byHandRedirectUris.length) this.registerToolByHand(TEST_TOOL_REDIRECT_URIS);
    return {
      issuer: this.issuer,
      clientId: this.clientId,
      name: `${this.flavour} test platform`,
      productFamily: this.flavour,
      authEndpoint: `${this.siteUrl}/auth`,
      tokenEndpoint: this.tokenEndpointUrl,
      jwksUri: `${this.url}/jwks`,
      deploymentIds: [this.deploymentId],
      registeredVia: 'cli' as const,
    };
  }

  /** The course's membership as NRPS serves it (created empty on first use). */
  roster(contextId: string): Roster {
    let roster = this.rosters.get(contextId);
    if (!roster) this.rosters.set(contextId, (roster = new Roster(contextId)));
    return roster;
  }

  /** The context_memberships_url launches in this course carry. */
  membershipsUrl(contextId: string): string {
    return membershipsUrl(this.flavour, this.url, contextId);
  }

  /** Makes every access token issued so far expired. */
  expireAccessTokens(): void {
    this.accessTokens.expireAll();
  }

  /** Posts the tool's auto-submitting deep-linking form to this platform, as the browser would. */
  submitDeepLinkForm(toolHtml: string) {
    return postDeepLinkForm(this, toolHtml);
  }

  /** The launch of a deep-linked item once placed in the course. */
  launchSpecForItem(item: ContentItem, spec: LaunchSpec): LaunchSpec {
    return launchSpecForItem(this.flavour, item, spec);
  }

  /** The third-party login initiation the LMS sends when a user clicks the activity. */
  loginInitiation(spec: LaunchSpec, tamper: TokenTamper = {}): Record<string, string> {
    return this.login.initiation(spec, tamper);
  }

  signIdToken(claims: Record<string, unknown>, tamper: TokenTamper = {}): Promise<string> {
    return this.login.sign(claims, tamper);
  }

  async close(): Promise<void> {
    for (const server of [this.server, this.siteServer]) {
      server?.closeAllConnections();
      if (server) await new Promise((resolve) => server.close(resolve));
    }
  }

  private routes(app: express.Express): void {
    app.use(express.json());
    app.use(express.urlencoded({ extended: false }));
    mountRegistrationRoutes(app, this);
    mountTokenEndpoint(app, this);
    mountNrpsEndpoint(app, this);
    mountAgsEndpoint(app, this);
    mountDeepLinkReturn(app, this);
    this.login.mount(app);
  }
}
