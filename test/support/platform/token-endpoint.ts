import express from 'express';
import { decodeJwt, jwtVerify } from 'jose';
import type { Flavour } from '../platform-claims.js';
import { ACCESS_TOKEN_LIFETIME_SECONDS, type AccessTokens } from './access-tokens.js';
import { fetchToolKeys } from './keys.js';

const JWT_BEARER = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

export type TokenErrorCode = 'invalid_request' | 'invalid_client' | 'invalid_grant' | 'unauthorized_client' | 'unsupported_grant_type' | 'invalid_scope' | 'server_error' | 'temporarily_unavailable';

/** One POST /token as the platform saw it. */
export interface TokenRequestRecord {
  at: Date;
  /** The assertion's `iss`, when it could be read. */
  clientId: string | undefined;
  jti: string | undefined;
  requestedScopes: string[];
  status: number;
  /** Set when refused. */
  error?: TokenErrorCode;
  errorDescription?: string;
  /** Set when granted. */
  grantedScopes?: string[];
  accessToken?: string;
}

/** What the token endpoint needs to know of its platform (the TestPlatform). */
export interface TokenHost {
  readonly flavour: Flavour;
  readonly issuer: string;
  readonly clientId: string;
  readonly tokenEndpointUrl: string;
  readonly offeredScopes: string[];
  readonly toolJwksUrl: string | undefined;
  readonly failTokenRequests: TokenErrorCode | undefined;
  readonly tokenRequests: TokenRequestRecord[];
  readonly accessTokens: AccessTokens;
}

class TokenRefusal extends Error {
  constructor(readonly code: TokenErrorCode, message: string) {
    super(message);
  }
}

const STATUS: Partial<Record<TokenErrorCode, number>> = { invalid_client: 401, server_error: 500, temporarily_unavailable: 503 };

/** Moodle grants what it can of the request; Canvas refuses a request naming any scope it does not offer. */
function grantScopes(host: TokenHost, requested: string[]): string[] {
  const unknown = requested.filter((s) => !host.offeredScopes.includes(s));
  const granted = requested.filter((s) => host.offeredScopes.includes(s));
  if (!requested.length) throw new TokenRefusal('invalid_scope', 'no scope requested');
  if (!granted.length || (host.flavour === 'canvas' && unknown.length)) throw new TokenRefusal('invalid_scope', `scope not offered: ${unknown.join(' ')}`);
  return granted;
}

async function verifyAssertion(host: TokenHost, assertion: string): Promise<{ jti: string }> {
  try {
    const { payload } = await jwtVerify(assertion, await fetchToolKeys(host.toolJwksUrl), {
      algorithms: ['RS256'],
      issuer: host.clientId,
      subject: host.clientId,
      audience: [host.tokenEndpointUrl, host.issuer],
      requiredClaims: ['exp', 'iat', 'jti'],
      maxTokenAge: '5m',
      clockTolerance: 5,
    });
    return { jti: String(payload.jti) };
  } catch (err) {
    throw new TokenRefusal('invalid_client', `client assertion refused: ${(err as Error).message}`);
  }
}

/**
 * OAuth2 client_credentials grant with a `private_key_jwt` client assertion.
 * @see https://www.imsglobal.org/spec/security/v1p0/#using-json-web-tokens-with-oauth-2-0-client-credentials-grant
 * @see https://www.rfc-editor.org/rfc/rfc7523#section-3
 */
async function grantToken(host: TokenHost, form: Record<string, string | undefined>, record: TokenRequestRecord): Promise<Record<string, unknown>> {
  if (host.failTokenRequests) throw new TokenRefusal(host.failTokenRequests, 'the test made the token endpoint fail');
  if (form.grant_type !== 'client_credentials') throw new TokenRefusal('unsupported_grant_type', `grant_type ${form.grant_type ?? '(none)'}`);
  if (form.client_assertion_type !== JWT_BEARER || !form.client_assertion) throw new TokenRefusal('invalid_request', `client_assertion_type must be ${JWT_BEARER} with a client_assertion`);
  const { jti } = await verifyAssertion(host, form.client_assertion);
  if (!host.accessTokens.firstUseOfJti(host.clientId, jti)) throw new TokenRefusal('invalid_grant', `jti ${jti} was already used`);
  const granted = grantScopes(host, record.requestedScopes);
  const token = host.accessTokens.issue(host.clientId, granted);
  Object.assign(record, { grantedScopes: granted, accessToken: token.token });
  return { access_token: token.token, token_type: 'Bearer', expires_in: ACCESS_TOKEN_LIFETIME_SECONDS, scope: granted.join(' ') };
}

function readableClaims(assertion: string | undefined): { clientId?: string; jti?: string } {
  try {
    const claims = decodeJwt(assertion ?? '');
    return { clientId: typeof claims.iss === 'string' ? claims.iss : undefined, jti: typeof claims.jti === 'string' ? claims.jti : undefined };
  } catch {
    return {};
  }
}

export function mountTokenEndpoint(app: express.Express, host: TokenHost): void {
  app.post('/token', async (req, res) => {
    const form = (req.body ?? {}) as Record<string, string | undefined>;
    const { clientId, jti } = readableClaims(form.client_assertion);
    const record: TokenRequestRecord = { at: new Date(), clientId, jti, requestedScopes: (form.scope ?? '').split(' ').filter(Boolean), status: 200 };
    host.tokenRequests.push(record);
    res.set('cache-control', 'no-store');
    try {
      res.json(await grantToken(host, form, record));
    } catch (err) {
      if (!(err instanceof TokenRefusal)) throw err;
      Object.assign(record, { status: STATUS[err.code] ?? 400, error: err.code, errorDescription: err.message });
      res.status(record.status).json({ error: err.code, error_description: err.message });
    }
  });
}
