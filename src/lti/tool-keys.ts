import { createPrivateKey, type KeyObject } from 'node:crypto';
import type { LtijsProvider } from 'ltijs';
import { AppError } from '../shared/errors.js';

export interface ToolSigningKey {
  kid: string;
  privateKey: KeyObject;
  /** Where the tool asks for OAuth2 access tokens, and the audience of its client assertion. */
  tokenEndpoint: string;
  tokenAudience: string;
}

export interface ToolKeys {
  forRegistration(issuer: string, clientId: string): Promise<ToolSigningKey>;
}

/**
 * The key pair ltijs generated for each registration: its public half is served at /lti/keys, so
 * the tool signs deep-linking responses and service client assertions with the private half.
 */
export function createToolKeys(provider: LtijsProvider): ToolKeys {
  const cache = new Map<string, ToolSigningKey>();
  return {
    async forRegistration(issuer, clientId) {
      const cacheKey = `${issuer}\n${clientId}`;
      const cached = cache.get(cacheKey);
      if (cached) return cached;
      const platform = await provider.getPlatform(issuer, clientId);
      if (!platform) throw new AppError('UNKNOWN_PLATFORM', 404, 'This LMS is not registered with the tool.');
      const tokenEndpoint = await platform.platformAccessTokenEndpoint();
      const key: ToolSigningKey = {
        kid: await platform.platformKid(),
        privateKey: createPrivateKey(await platform.platformPrivateKey()),
        tokenEndpoint,
        tokenAudience: (await platform.platformAuthorizationServer()) || tokenEndpoint,
      };
      cache.set(cacheKey, key);
      return key;
    },
  };
}
