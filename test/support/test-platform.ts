import { randomBytes, randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import express from 'express';
import { SignJWT, exportJWK, generateKeyPair, type CryptoKey, type JWK } from 'jose';
import { buildClaims, TOKEN_LIFETIME_SECONDS, type Flavour, type LaunchSpec } from './platform-claims.js';

interface SigningKey {
  kid: string;
  privateKey: CryptoKey;
  publicJwk: JWK;
}

async function newSigningKey(): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const kid = randomBytes(8).toString('hex');
  return { kid, privateKey, publicJwk: { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' } };
}

/** How a test bends the id_token the platform signs (for the attack cases). */
export interface TokenTamper {
  claims?: (claims: Record<string, unknown>) => void;
  /** Sign with a key the platform does not publish, under this kid. */
  signWithUnpublishedKey?: { kid?: string };
  iatOffsetSeconds?: number;
  expOffsetSeconds?: number;
  alg?: 'RS256' | 'HS256';
}

interface PendingLogin {
  spec: LaunchSpec;
  tamper: TokenTamper;
}

export interface ToolRegistration {
  clientId: string;
  deploymentId: string;
  redirectUris: string[];
  initiateLoginUri: string;
  jwksUri: string;
  request: Record<string, unknown>;
}

/**
 * A real LTI 1.3 platform for tests: RS256 keys, JWKS, OpenID configuration, the platform side
 * of Dynamic Registration and of the OIDC login (authorization endpoint answering form_post).
 */
export class TestPlatform {
  readonly registrations: ToolRegistration[] = [];
  readonly registrationToken = randomBytes(16).toString('hex');
  clientId: string;
  deploymentId: string;
  private readonly pending = new Map<string, PendingLogin>();
  private unpublishedKey: SigningKey | undefined;

  private constructor(
    readonly flavour: Flavour,
    readonly url: string,
    readonly issuer: string,
    private readonly server: Server,
    private readonly key: SigningKey,
  ) {
    this.clientId = `${flavour}-client-${randomBytes(4).toString('hex')}`;
    this.deploymentId = flavour === 'moodle' ? String(1 + (randomBytes(1)[0]! % 50)) : `${randomBytes(3).toString('hex')}:${randomBytes(8).toString('hex')}`;
  }

  static async start(flavour: Flavour, options: { issuer?: string } = {}): Promise<TestPlatform> {
    const key = await newSigningKey();
    const app = express();
    const server = await new Promise<Server>((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    // Canvas cloud uses one issuer for all its tenants; Moodle's issuer is the site URL.
    const issuer = options.issuer ?? (flavour === 'canvas' ? 'https://canvas.instructure.com' : url);
    const platform = new TestPlatform(flavour, url, issuer, server, key);
    platform.routes(app);
    return platform;
  }

  get openidConfigurationUrl(): string {
    return `${this.url}/.well-known/openid-configuration`;
  }

  /** What the tool stores when an operator registers this platform by hand (CLI). */
  get manualRegistration() {
    return {
      issuer: this.issuer,
      clientId: this.clientId,
      name: `${this.flavour} test platform`,
      productFamily: this.flavour,
      authEndpoint: `${this.url}/auth`,
      tokenEndpoint: `${this.url}/token`,
      jwksUri: `${this.url}/jwks`,
      deploymentIds: [this.deploymentId],
      registeredVia: 'cli' as const,
    };
  }

  /** The third-party login initiation the LMS sends when a user clicks the activity. */
  loginInitiation(spec: LaunchSpec, tamper: TokenTamper = {}): Record<string, string> {
    const loginHint = randomUUID();
    this.pending.set(loginHint, { spec, tamper });
    const params: Record<string, string> = {
      iss: this.issuer,
      login_hint: loginHint,
      target_link_uri: spec.targetLinkUri,
      lti_message_hint: this.flavour === 'moodle' ? JSON.stringify({ cmid: 2, launchid: `ltilaunch1_${loginHint.slice(0, 8)}` }) : loginHint,
      client_id: this.clientId,
      lti_deployment_id: spec.deploymentId,
    };
    if (this.flavour === 'canvas') params.canvas_region = 'us-east-1';
    return params;
  }

  async signIdToken(claims: Record<string, unknown>, tamper: TokenTamper = {}): Promise<string> {
    let key = this.key;
    if (tamper.signWithUnpublishedKey) {
      this.unpublishedKey ??= await newSigningKey();
      key = { ...this.unpublishedKey, kid: tamper.signWithUnpublishedKey.kid ?? this.unpublishedKey.kid };
    }
    const now = Math.floor(Date.now() / 1000);
    const iat = now + (tamper.iatOffsetSeconds ?? 0);
    const exp = iat + TOKEN_LIFETIME_SECONDS[this.flavour] + (tamper.expOffsetSeconds ?? 0);
    return new SignJWT({ ...claims, iat, exp })
      .setProtectedHeader({ alg: 'RS256', kid: key.kid, typ: 'JWT' })
      .sign(key.privateKey);
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }

  private routes(app: express.Express): void {
    app.use(express.json());
    app.use(express.urlencoded({ extended: false }));
    app.get('/.well-known/openid-configuration', (_req, res) => {
      res.json({
        issuer: this.issuer,
        authorization_endpoint: `${this.url}/auth`,
        token_endpoint: `${this.url}/token`,
        jwks_uri: `${this.url}/jwks`,
        registration_endpoint: `${this.url}/register`,
        scopes_supported: ['openid', 'https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly'],
        response_types_supported: ['id_token'],
        subject_types_supported: ['public', 'pairwise'],
        id_token_signing_alg_values_supported: ['RS256'],
        token_endpoint_auth_methods_supported: ['private_key_jwt'],
        claims_supported: ['iss', 'sub', 'name', 'given_name', 'family_name', 'email'],
        'https://purl.imsglobal.org/spec/lti-platform-configuration': {
          product_family_code: this.flavour,
          version: this.flavour === 'moodle' ? '4.5.6' : 'cloud',
          messages_supported: [{ type: 'LtiResourceLinkRequest' }, { type: 'LtiDeepLinkingRequest' }],
        },
      });
    });
    app.get('/jwks', (_req, res) => {
      res.json({ keys: [this.key.publicJwk] });
    });
    app.post('/register', (req, res) => {
      if (req.get('authorization') !== `Bearer ${this.registrationToken}`) return void res.status(401).json({ error: 'invalid_token' });
      const body = req.body as Record<string, unknown>;
      const toolConfig = body['https://purl.imsglobal.org/spec/lti-tool-configuration'] as Record<string, unknown> | undefined;
      const redirectUris = body.redirect_uris as string[] | undefined;
      if (!toolConfig || !Array.isArray(redirectUris) || typeof body.initiate_login_uri !== 'string' || typeof body.jwks_uri !== 'string') {
        return void res.status(400).json({ error: 'invalid_client_metadata' });
      }
      this.registrations.push({ clientId: this.clientId, deploymentId: this.deploymentId, redirectUris, initiateLoginUri: body.initiate_login_uri, jwksUri: body.jwks_uri, request: body });
      res.json({ ...body, client_id: this.clientId, 'https://purl.imsglobal.org/spec/lti-tool-configuration': { ...toolConfig, deployment_id: this.deploymentId } });
    });
    // OIDC authorization endpoint: checks the tool's auth request, answers with an auto-submitting form.
    app.all('/auth', async (req, res) => {
      const q = { ...req.query, ...req.body } as Record<string, string>;
      const pending = this.pending.get(q.login_hint ?? '');
      const problems = [
        q.scope !== 'openid' && 'scope', q.response_type !== 'id_token' && 'response_type', q.response_mode !== 'form_post' && 'response_mode',
        q.prompt !== 'none' && 'prompt', q.client_id !== this.clientId && 'client_id', !q.nonce && 'nonce', !q.state && 'state', !pending && 'login_hint',
      ].filter(Boolean);
      if (problems.length || !pending) return void res.status(400).json({ error: 'invalid_request', problems });
      const claims = buildClaims(this.flavour, this.issuer, this.clientId, pending.spec, this.url);
      claims.nonce = q.nonce;
      pending.tamper.claims?.(claims);
      const idToken = await this.signIdToken(claims, pending.tamper);
      res.type('html').send(
        `<form id="f" method="post" action="${q.redirect_uri}"><input type="hidden" name="id_token" value="${idToken}"><input type="hidden" name="state" value="${q.state}"></form><script>document.getElementById('f').submit()</script>`,
      );
    });
  }
}
