import { createHmac, timingSafeEqual } from 'node:crypto';
import { isKind, type NotificationKind } from '../mentoring/notifications/kinds.js';

/** `all`: every kind (the digest's link). */
export type UnsubscribeScope = NotificationKind | 'all';

export interface UnsubscribeClaim {
  tenantId: string;
  userId: string;
  scope: UnsubscribeScope;
}

export interface UnsubscribeTokens {
  sign(claim: UnsubscribeClaim): string;
  /** The claim, or null for anything not signed by us. */
  verify(token: string): UnsubscribeClaim | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * One-click unsubscribe links (RFC 8058) work without a session: the link itself is the proof,
 * an HMAC over who and what with a key of its own purpose. They do not expire: a mail read
 * months later must still let its reader stop the mail. @see https://www.rfc-editor.org/rfc/rfc8058
 */
export function createUnsubscribeTokens(secret: string): UnsubscribeTokens {
  const key = createHmac('sha256', secret).update('mentoring-circles/unsubscribe/v1').digest();
  const mac = (body: string) => createHmac('sha256', key).update(body).digest('base64url');
  return {
    sign({ tenantId, userId, scope }) {
      const body = Buffer.from(`${tenantId}.${userId}.${scope}`).toString('base64url');
      return `${body}.${mac(body)}`;
    },
    verify(token) {
      const [body, given, extra] = token.split('.');
      if (!body || !given || extra !== undefined || token.length > 300) return null;
      const expected = Buffer.from(mac(body));
      const actual = Buffer.from(given);
      if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) return null;
      const [tenantId, userId, scope] = Buffer.from(body, 'base64url').toString().split('.');
      if (!tenantId || !userId || !scope || !UUID.test(tenantId) || !UUID.test(userId)) return null;
      if (scope !== 'all' && !isKind(scope)) return null;
      return { tenantId, userId, scope };
    },
  };
}
