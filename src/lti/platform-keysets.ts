import { createRemoteJWKSet, jwtVerify, type JWTPayload } from 'jose';
import type { Clock } from '../shared/clock.js';
import { refusal, type RefusalCode } from './launch-refusals.js';

export interface KeysetOptions {
  clock: Clock;
  tokenMaxAgeSeconds: number;
  clockSkewSeconds: number;
  /** Tests shorten it; a kid the cached keyset lacks refetches at most once per cooldown. */
  cooldownMs?: number;
}

export interface TokenVerifier {
  /** Verifies an id_token's RS256 signature, issuer, audience and times; refusal on failure. */
  verify(idToken: string, expected: { issuer: string; clientId: string; jwksUri: string }): Promise<JWTPayload>;
}

/** jose error codes → the tool's refusal codes. */
const JOSE_CODES: Record<string, RefusalCode> = {
  ERR_JWKS_NO_MATCHING_KEY: 'KEY_UNKNOWN',
  ERR_JWS_SIGNATURE_VERIFICATION_FAILED: 'SIGNATURE_INVALID',
  ERR_JOSE_ALG_NOT_ALLOWED: 'SIGNATURE_INVALID',
  ERR_JOSE_NOT_SUPPORTED: 'SIGNATURE_INVALID',
  ERR_JWKS_MULTIPLE_MATCHING_KEYS: 'SIGNATURE_INVALID',
  ERR_JWT_EXPIRED: 'TOKEN_EXPIRED',
  ERR_JWS_INVALID: 'ID_TOKEN_MALFORMED',
  ERR_JWT_INVALID: 'ID_TOKEN_MALFORMED',
  ERR_JWKS_TIMEOUT: 'KEYSET_UNREACHABLE',
  ERR_JWKS_INVALID: 'KEYSET_UNREACHABLE',
};

const CLAIM_CODES: Record<string, RefusalCode> = {
  iss: 'ISSUER_MISMATCH',
  aud: 'AUDIENCE_INVALID',
  iat: 'TOKEN_FROM_FUTURE',
  nbf: 'TOKEN_FROM_FUTURE',
};

export function refusalFromJose(err: unknown): RefusalCode {
  const { code, claim } = (err ?? {}) as { code?: string; claim?: string };
  if (code === 'ERR_JWT_CLAIM_VALIDATION_FAILED') return CLAIM_CODES[claim ?? ''] ?? 'CLAIMS_INVALID';
  if (code && JOSE_CODES[code]) return JOSE_CODES[code];
  // fetch() of the keyset failed (DNS, refused, TLS) or answered non-2xx.
  return 'KEYSET_UNREACHABLE';
}

/**
 * Platform keysets fetched once and cached (jose's remote JWKS: refetched on an unknown kid, at
 * most once per cooldown), so a launch normally costs no request to the platform.
 * @see https://www.imsglobal.org/spec/security/v1p0/#authentication-response-validation
 */
export function createTokenVerifier(options: KeysetOptions): TokenVerifier {
  const keysets = new Map<string, ReturnType<typeof createRemoteJWKSet>>();
  const keysetOf = (uri: string) => {
    let keyset = keysets.get(uri);
    if (!keyset) {
      keyset = createRemoteJWKSet(new URL(uri), {
        cooldownDuration: options.cooldownMs ?? 30_000,
        cacheMaxAge: 10 * 60_000,
        timeoutDuration: 5_000,
      });
      keysets.set(uri, keyset);
    }
    return keyset;
  };
  return {
    async verify(idToken, expected) {
      try {
        const { payload } = await jwtVerify(idToken, keysetOf(expected.jwksUri), {
          algorithms: ['RS256'],
          issuer: expected.issuer,
          audience: expected.clientId,
          maxTokenAge: options.tokenMaxAgeSeconds + options.clockSkewSeconds,
          clockTolerance: options.clockSkewSeconds,
          currentDate: options.clock.now(),
        });
        return payload;
      } catch (err) {
        const code = refusalFromJose(err);
        throw refusal(code, { cause: (err as Error).message });
      }
    },
  };
}
