import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * The key in a cmi5 session's exit URL (the learner's "Back to the course" link): the capability
 * that stands in for the session token on that page. Only its sha256 is stored.
 */
export const newExitKey = () => randomBytes(24).toString('base64url');

export const hashExitKey = (key: string) => createHash('sha256').update(key).digest('hex');

/** The exit page's key, checked against the stored hash in constant time. */
export function exitKeyMatches(hash: string, key: string): boolean {
  const a = Buffer.from(hash, 'hex');
  const b = Buffer.from(hashExitKey(key), 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}
