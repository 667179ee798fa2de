import { randomBytes } from 'node:crypto';
import { createLocalJWKSet, exportJWK, generateKeyPair, type CryptoKey, type JSONWebKeySet, type JWK, type JWTVerifyGetKey } from 'jose';

export interface SigningKey {
  kid: string;
  privateKey: CryptoKey;
  publicJwk: JWK;
}

export async function newSigningKey(): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const kid = randomBytes(8).toString('hex');
  return { kid, privateKey, publicJwk: { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' } };
}

/**
 * The tool's public keys, fetched over HTTP on every use (as a platform must to follow key
 * rotation); throws with the reason when the keyset cannot be had.
 */
export async function fetchToolKeys(jwksUrl: string | undefined): Promise<JWTVerifyGetKey> {
  if (!jwksUrl) throw new Error('no tool JWKS URL is configured (set platform.toolJwksUrl)');
  const response = await fetch(jwksUrl, { headers: { accept: 'application/json' }, signal: AbortSignal.timeout(5000) });
  if (!response.ok) throw new Error(`the tool's JWKS at ${jwksUrl} answered ${response.status}`);
  return createLocalJWKSet((await response.json()) as JSONWebKeySet);
}
