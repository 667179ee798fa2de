import { createPrivateKey, createPublicKey, generateKeyPair, randomUUID, type KeyObject } from 'node:crypto';
import { promisify } from 'node:util';
import type { StoredToolKey, ToolKeyRepository } from '../db/repositories/tool-key-repository.js';
import type { Clock } from '../shared/clock.js';
import { AppError } from '../shared/errors.js';
import type { SecretBox } from '../shared/secret-box.js';
import type { RegistrationStore } from './ports.js';

const generateRsa = promisify(generateKeyPair);
/** 2048-bit RSA for RS256, as the 1EdTech Security Framework asks; generated off the event loop. */
const MODULUS_BITS = 2048;
const CACHE_MS = 5 * 60 * 1000;

export interface ToolSigningKey {
  kid: string;
  privateKey: KeyObject;
  /** Where the tool asks for OAuth2 access tokens, and the audience of its client assertion. */
  tokenEndpoint: string;
  tokenAudience: string;
}

export interface PublicJwk extends Record<string, unknown> {
  kid: string;
  kty: string;
  alg: 'RS256';
  use: 'sig';
}

export interface ToolKeys {
  forRegistration(issuer: string, clientId: string): Promise<ToolSigningKey>;
  /** Makes the registration's first key unless it has one (idempotent). */
  ensureKey(registrationId: string): Promise<void>;
  /** A new current key; the replaced one stays in the JWKS for `overlapHours` (platforms cache it). */
  rotate(registrationId: string, overlapHours: number): Promise<string>;
  /** The tool's JWKS: every published public key. */
  jwks(): Promise<{ keys: PublicJwk[] }>;
}

export interface ToolKeysDeps {
  store: ToolKeyRepository;
  registrations: RegistrationStore;
  box: SecretBox;
  clock: Clock;
}

export function publicJwkOf(publicKey: KeyObject, kid: string): PublicJwk {
  const { kty, n, e } = publicKey.export({ format: 'jwk' });
  return { kty: kty ?? 'RSA', n, e, kid, alg: 'RS256', use: 'sig' };
}

async function newKey(box: SecretBox, registrationId: string) {
  const { privateKey } = await generateRsa('rsa', { modulusLength: MODULUS_BITS });
  const kid = randomUUID();
  const pem = privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
  const publicJwk = publicJwkOf(createPublicKey(privateKey), kid);
  return { kid, registrationId, privateKey: box.seal(pem), publicJwk, origin: 'generated' as const };
}

/**
 * The tool's RS256 keys, one current key per registration (as ltijs kept them, so platforms that
 * cached our JWKS keep working), sealed at rest with the secret box.
 * @see https://www.imsglobal.org/spec/security/v1p0/#h_key-management
 */
export function createToolKeys(deps: ToolKeysDeps): ToolKeys {
  const cache = new Map<string, { key: ToolSigningKey; until: number }>();
  const open = (stored: StoredToolKey) => createPrivateKey(deps.box.open(stored.privateKey));
  return {
    async forRegistration(issuer, clientId) {
      const cacheKey = `${issuer}\n${clientId}`;
      const cached = cache.get(cacheKey);
      if (cached && cached.until > deps.clock.now().getTime()) return cached.key;
      const registration = await deps.registrations.find(issuer, clientId);
      const stored = registration && (await deps.store.current(registration.id));
      if (!registration || !stored) {
        throw new AppError('UNKNOWN_PLATFORM', 404, 'This LMS is not registered with the tool.');
      }
      const key: ToolSigningKey = {
        kid: stored.kid,
        privateKey: open(stored),
        tokenEndpoint: registration.tokenEndpoint,
        tokenAudience: registration.authorizationServer || registration.tokenEndpoint,
      };
      cache.set(cacheKey, { key, until: deps.clock.now().getTime() + CACHE_MS });
      return key;
    },

    async ensureKey(registrationId) {
      if (await deps.store.current(registrationId)) return;
      await deps.store.add(await newKey(deps.box, registrationId), deps.clock.now(), null);
    },

    async rotate(registrationId, overlapHours) {
      const key = await newKey(deps.box, registrationId);
      const now = deps.clock.now();
      await deps.store.add(key, now, new Date(now.getTime() + overlapHours * 3600_000));
      cache.clear();
      return key.kid;
    },

    async jwks() {
      const keys = await deps.store.published(deps.clock.now());
      return { keys: keys.map((k) => k.publicJwk as PublicJwk) };
    },
  };
}
