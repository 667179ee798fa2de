/**
 * An HS256 key imported once: jose would otherwise import raw bytes again on every sign and
 * verify (measured: about a third of the cost of a token).
 */
export function hmacKey(raw: Uint8Array<ArrayBuffer>): Promise<CryptoKey> {
  return crypto.subtle.importKey('raw', raw, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']);
}
