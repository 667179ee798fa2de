import type { Request, Response } from 'express';
import { AppError } from '../../shared/errors.js';
import type { CourseScope } from '../../mentoring/programs/ports.js';
import type { Session } from '../session.js';

export function sessionOf(res: Response): Session {
  return res.locals.session as Session;
}

export function scopeOf(res: Response): CourseScope {
  const s = sessionOf(res);
  return { tenantId: s.tenantId, courseId: s.courseId, userId: s.userId };
}

/** A tool URL carrying the session (and optional extra query parameters). */
export function urlFor(res: Response, path: string, extra: Record<string, string> = {}): string {
  return `${path}?${new URLSearchParams({ s: res.locals.sessionToken as string, ...extra }).toString()}`;
}

/** Post/redirect/get, keeping the session in the URL. */
export function redirectTo(res: Response, path: string, extra: Record<string, string> = {}): void {
  res.redirect(303, urlFor(res, path, extra));
}

export function bodyOf(req: Request): Record<string, unknown> {
  const { s: _s, _csrf, ...rest } = (req.body ?? {}) as Record<string, unknown>;
  return rest;
}

export const param = (req: Request, name: string): string => String(req.params[name] ?? '');

/** Ids in URLs are UUIDs; anything else cannot name a row. */
export const isUuid = (value: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);

/** The message for a `?notice=` code; own keys only, so `constructor` or `__proto__` name nothing. */
export function noticeFrom(req: Request, notices: Record<string, string>): string | null {
  const code = typeof req.query.notice === 'string' ? req.query.notice : '';
  return Object.hasOwn(notices, code) ? notices[code]! : null;
}

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
