import type { Request } from 'express';
import { AppError } from '../../shared/errors.js';
import { isUuid } from './route-helpers.js';

export { uuidParams } from './route-helpers.js';

/** A form field that must be a UUID (a person or circle picked from a list). */
export function uuidField(body: Record<string, unknown>, name: string, what: string): string {
  const value = String(body[name] ?? '');
  if (!isUuid(value)) throw new AppError('FIELD_INVALID', 422, `Choose ${what} from the list.`, { cause: { [name]: value } });
  return value;
}

/** Renders the same page again with an error for known, user-fixable refusals; rethrows the rest. */
export function refusalMessage(err: unknown, codes: readonly string[]): string {
  const code = (err as { code?: string }).code;
  if (err instanceof AppError && code && codes.includes(code)) return err.message;
  throw err;
}
