import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Request } from 'express';

/**
 * LTI platform storage: where third-party cookies are blocked, the login keeps a secret in the
 * platform's storage (postMessage `lti.put_data`) and the launch page reads it back
 * (`lti.get_data`) to prove the browser that posts the id_token is the one that started the login.
 * @see https://www.imsglobal.org/spec/lti-cs-oidc/v0p1
 * @see https://www.imsglobal.org/spec/lti-pm-s/v0p1
 */

/** What the signed login state carries about the storage (claim `ps`). */
export interface StorageBinding {
  /** `lti_storage_target`: the frame in the parent window that answers the storage messages. */
  t: string;
  /** The OIDC auth endpoint's origin: the only targetOrigin, the only origin answers come from. */
  o: string;
  /** sha256 of the secret put in the platform storage. */
  h: string;
}

/** The fields the storage launch page posts back with the id_token and state. */
export const STORAGE_FIELDS = { read: 'mc_storage_read', value: 'mc_storage_value' } as const;

// `_parent` (Moodle, Sakai) or a frame name (Canvas: post_message_forwarding).
const FRAME_NAME = /^[A-Za-z0-9_.-]{1,64}$/;

const sha256 = (value: string) => createHash('sha256').update(value).digest('base64url');

export const storageKey = (jti: string) => `mc_login_${jti}`;

/** The platform's `lti_storage_target` login parameter, when it is a usable frame name. */
export function storageTargetOf(req: Request): string | undefined {
  const fromBody = (req.body as Record<string, unknown> | undefined)?.lti_storage_target;
  const value = fromBody ?? (req.query as Record<string, unknown>).lti_storage_target;
  return typeof value === 'string' && FRAME_NAME.test(value) ? value : undefined;
}

/** A fresh secret for the platform storage, and the binding the state keeps of it. */
export function newStorageBinding(target: string, authEndpoint: string) {
  const value = randomBytes(24).toString('base64url');
  const binding: StorageBinding = { t: target, o: new URL(authEndpoint).origin, h: sha256(value) };
  return { binding, value };
}

export function isStorageBinding(value: unknown): value is StorageBinding {
  const b = value as Partial<StorageBinding> | undefined;
  return typeof b === 'object' && b !== null && typeof b.t === 'string' && FRAME_NAME.test(b.t)
    && typeof b.o === 'string' && typeof b.h === 'string';
}

/** Whether the value read back from the platform storage is the login's secret. */
export function storageValueMatches(binding: StorageBinding, value: string | undefined): boolean {
  if (!value) return false;
  const expected = Buffer.from(binding.h);
  const actual = Buffer.from(sha256(value));
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

/** The launch POST's storage fields: whether the page read the storage, and what it found. */
export function storageReadOf(req: Request): { read: boolean; value: string | undefined } {
  const body = (req.body ?? {}) as Record<string, unknown>;
  const value = body[STORAGE_FIELDS.value];
  return {
    read: body[STORAGE_FIELDS.read] === '1',
    value: typeof value === 'string' && value.length <= 256 ? value : undefined,
  };
}
