import { SignJWT } from 'jose';
import { z } from 'zod';
import type { Clock } from '../shared/clock.js';
import { AppError } from '../shared/errors.js';
import type { ToolKeys } from './tool-keys.js';

export const SCOPE = {
  nrps: 'https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly',
} as const;

const tokenResponse = z.object({ access_token: z.string().min(1), expires_in: z.coerce.number().positive().optional(), scope: z.string().optional() });

export interface ServiceTokens {
  get(issuer: string, clientId: string, scopes: string[]): Promise<string>;
}

/**
 * OAuth2 client_credentials with a signed JWT client assertion (RFC 7523), cached until shortly
 * before it expires. @see https://www.imsglobal.org/spec/security/v1p0/#using-json-web-tokens-with-oauth-2-0-client-credentials-grant
 */
export function createServiceTokens(keys: ToolKeys, clock: Clock): ServiceTokens {
  const cache = new Map<string, { token: string; expiresAt: number }>();
  return {
    async get(issuer, clientId, scopes) {
      const cacheKey = [issuer, clientId, ...[...scopes].sort()].join('\n');
      const now = clock.now().getTime();
      const cached = cache.get(cacheKey);
      if (cached && cached.expiresAt > now) return cached.token;
      const key = await keys.forRegistration(issuer, clientId);
      const assertion = await new SignJWT({})
        .setProtectedHeader({ alg: 'RS256', kid: key.kid, typ: 'JWT' })
        .setIssuer(clientId).setSubject(clientId).setAudience(key.tokenAudience)
        .setIssuedAt(Math.floor(now / 1000)).setExpirationTime(Math.floor(now / 1000) + 300).setJti(crypto.randomUUID())
        .sign(key.privateKey);
      const body = new URLSearchParams({
        grant_type: 'client_credentials',
        client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
        client_assertion: assertion,
        scope: scopes.join(' '),
      });
      const response = await fetch(key.tokenEndpoint, { method: 'POST', body, headers: { accept: 'application/json' }, signal: AbortSignal.timeout(15_000) });
      const text = await response.text();
      const parsed = response.ok ? tokenResponse.safeParse(safeJson(text)) : undefined;
      if (!parsed?.success) {
        throw new AppError('SERVICE_TOKEN_REFUSED', 502, `The LMS refused the tool an access token (HTTP ${response.status}).`, { cause: text.slice(0, 300) });
      }
      const lifetimeMs = (parsed.data.expires_in ?? 3600) * 1000;
      cache.set(cacheKey, { token: parsed.data.access_token, expiresAt: now + lifetimeMs - Math.min(60_000, lifetimeMs / 2) });
      return parsed.data.access_token;
    },
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
