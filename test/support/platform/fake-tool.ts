import { randomBytes, randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { decodeJwt, SignJWT, type JWTPayload } from 'jose';
import type { LaunchSpec } from '../platform-claims.js';
import { TEST_TOOL_REDIRECT_URIS, type TestPlatform } from '../test-platform.js';
import type { ContentItem, DeepLinkRequestRecord } from './deep-linking.js';
import { newSigningKey, type SigningKey } from './keys.js';

/**
 * A stand-in for the tool in the platform's own tests: its key pair, its JWKS served over real
 * HTTP at /lti/keys, and the JWTs a tool signs (client assertions, deep-linking responses).
 */
export class FakeTool {
  private constructor(readonly jwksUrl: string, private readonly key: SigningKey, private readonly server: Server) {}

  static async start(): Promise<FakeTool> {
    const key = await newSigningKey();
    const app = express();
    app.get('/lti/keys', (_req, res) => void res.json({ keys: [key.publicJwk] }));
    const server = await new Promise<Server>((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    return new FakeTool(`http://127.0.0.1:${(server.address() as AddressInfo).port}/lti/keys`, key, server);
  }

  /** Registers this tool on the platform by hand: its keyset and its launch URL as redirect URI. */
  connect(platform: TestPlatform, redirectUris: readonly string[] = TEST_TOOL_REDIRECT_URIS): TestPlatform {
    platform.toolJwksUrl = this.jwksUrl;
    return platform.registerToolByHand(redirectUris);
  }

  /** Signs with the published key, or with an unpublished one under the published kid (a forgery). */
  async sign(claims: JWTPayload, options: { forged?: boolean } = {}): Promise<string> {
    const key = options.forged ? { ...(await newSigningKey()), kid: this.key.kid } : this.key;
    return new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: key.kid, typ: 'JWT' }).sign(key.privateKey);
  }

  /** RFC 7523 client assertion as ltijs builds it; `claims` overrides or (undefined) removes claims. */
  clientAssertion(platform: TestPlatform, claims: JWTPayload = {}, options: { forged?: boolean } = {}): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    const base: JWTPayload = { iss: platform.clientId, sub: platform.clientId, aud: platform.tokenEndpointUrl, iat: now, exp: now + 60, jti: randomUUID() };
    return this.sign({ ...base, ...claims }, options);
  }

  async requestToken(platform: TestPlatform, form: Record<string, string>): Promise<{ status: number; body: Record<string, string> }> {
    const fields = { grant_type: 'client_credentials', client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer', ...form };
    const res = await fetch(platform.tokenEndpointUrl, { method: 'POST', body: new URLSearchParams(fields) });
    return { status: res.status, body: (await res.json()) as Record<string, string> };
  }

  /** A signed LtiDeepLinkingResponse answering this request; `claims` overrides any claim. */
  deepLinkingResponse(platform: TestPlatform, request: DeepLinkRequestRecord, items: ContentItem[], claims: JWTPayload = {}): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    return this.sign({
      iss: platform.clientId,
      aud: platform.issuer,
      iat: now,
      exp: now + 600,
      nonce: randomBytes(12).toString('hex'),
      'https://purl.imsglobal.org/spec/lti/claim/message_type': 'LtiDeepLinkingResponse',
      'https://purl.imsglobal.org/spec/lti/claim/version': '1.3.0',
      'https://purl.imsglobal.org/spec/lti/claim/deployment_id': request.deploymentId,
      'https://purl.imsglobal.org/spec/lti-dl/claim/data': request.settings.data,
      'https://purl.imsglobal.org/spec/lti-dl/claim/content_items': items,
      ...claims,
    });
  }

  /** The auto-submitting form a tool answers, with the action escaped as Handlebars writes it. */
  static deepLinkForm(returnUrl: string, jwt: string): string {
    return `<form id="dl" action="${returnUrl.replaceAll('&', '&amp;').replaceAll('=', '&#x3D;')}" method="POST"><input type="hidden" name="JWT" value="${jwt}" /></form><script>document.getElementById('dl').submit()</script>`;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }
}

/** The id_token claims the platform signs for this launch, fetched through its real authorization endpoint. */
export async function launchClaims(platform: TestPlatform, spec: LaunchSpec): Promise<Record<string, unknown>> {
  const { login_hint: loginHint, lti_message_hint: messageHint } = platform.loginInitiation(spec);
  const query = {
    scope: 'openid', response_type: 'id_token', response_mode: 'form_post', prompt: 'none', client_id: platform.clientId, nonce: randomUUID(), state: 's',
    login_hint: loginHint!, lti_message_hint: messageHint!, redirect_uri: spec.targetLinkUri,
  };
  const html = await (await fetch(`${platform.url}/auth?${new URLSearchParams(query)}`)).text();
  const idToken = /name="id_token" value="([^"]+)"/.exec(html)?.[1];
  if (!idToken) throw new Error(`No id_token in ${html.slice(0, 200)}`);
  return decodeJwt(idToken) as Record<string, unknown>;
}
