import type { Request } from 'express';
import { AppError } from '../../shared/errors.js';
import { isUuid, param } from './route-helpers.js';

/** Route parameters that must be UUIDs; anything else cannot name a row of this course (404). */
export function uuidParams<K extends string>(req: Request, ...names: K[]): Record<K, string> {
  const values = {} as Record<K, string>;
  for (const name of names) {
    const value = param(req, name);
    if (!isUuid(value)) throw new AppError('NOT_FOUND', 404, 'There is no such page in this course.', { cause: { [name]: value } });
    values[name] = value;
  }
  return values;
}

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
