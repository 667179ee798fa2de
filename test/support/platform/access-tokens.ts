import { randomBytes } from 'node:crypto';

export const ACCESS_TOKEN_LIFETIME_SECONDS = 3600;

export interface IssuedToken {
  token: string;
  clientId: string;
  scopes: string[];
  expiresAt: number;
}

export type BearerCheck = { ok: true; token: IssuedToken } | { ok: false; status: 401 | 403; error: 'invalid_token' | 'insufficient_scope'; description: string };

/** The platform's OAuth2 access tokens: issued by POST /token, presented as `Bearer` to the services. */
export class AccessTokens {
  private readonly issued = new Map<string, IssuedToken>();
  private readonly seenJtis = new Set<string>();

  issue(clientId: string, scopes: string[]): IssuedToken {
    const token: IssuedToken = { token: randomBytes(24).toString('base64url'), clientId, scopes, expiresAt: Date.now() + ACCESS_TOKEN_LIFETIME_SECONDS * 1000 };
    this.issued.set(token.token, token);
    return token;
  }

  /** False when this client already used the jti (RFC 7523 §3 item 7: a replayed assertion). */
  firstUseOfJti(clientId: string, jti: string): boolean {
    const key = `${clientId} ${jti}`;
    if (this.seenJtis.has(key)) return false;
    this.seenJtis.add(key);
    return true;
  }

  /** Makes every token issued so far expired, as if an hour had passed. */
  expireAll(): void {
    for (const token of this.issued.values()) token.expiresAt = 0;
  }

  /** @see https://www.rfc-editor.org/rfc/rfc6750#section-3.1 */
  check(authorization: string | undefined, scope: string): BearerCheck {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
    if (!match) return { ok: false, status: 401, error: 'invalid_token', description: 'no Bearer access token' };
    const token = this.issued.get(match[1]!);
    if (!token) return { ok: false, status: 401, error: 'invalid_token', description: 'unknown access token' };
    if (token.expiresAt <= Date.now()) return { ok: false, status: 401, error: 'invalid_token', description: 'access token expired' };
    if (!token.scopes.includes(scope)) return { ok: false, status: 403, error: 'insufficient_scope', description: `the token lacks ${scope}` };
    return { ok: true, token };
  }
}
