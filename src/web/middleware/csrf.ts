import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { AppError } from '../../shared/errors.js';
import type { Logger } from '../../shared/logger.js';
import type { Session } from '../session.js';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export interface Csrf {
  tokenFor(session: Session): string;
  /** After requireSession: exposes `res.locals.formAuth` on reads, checks `_csrf` and Origin on writes. */
  protect(req: Request, res: Response, next: NextFunction): void;
}

/**
 * Synchronizer token bound to the session id, plus an Origin check. The session itself travels in
 * forms (no cookie), but a token per session keeps a forged cross-site post from riding on a
 * leaked or guessed session URL.
 */
export function createCsrf(secret: string, publicUrl: string, logger: Logger): Csrf {
  const key = Buffer.from(hkdfSync('sha256', secret, 'mentoring-circles', 'csrf-v1', 32));
  const toolOrigin = new URL(publicUrl).origin;
  const tokenFor = (session: Session) => createHmac('sha256', key).update(session.sid).digest('base64url');
  // Byte lengths, not string lengths: a multibyte value of the right length in characters would
  // make timingSafeEqual throw.
  const matches = (given: unknown, expected: string) => {
    if (typeof given !== 'string') return false;
    const a = Buffer.from(given);
    const b = Buffer.from(expected);
    return a.length === b.length && timingSafeEqual(a, b);
  };

  return {
    tokenFor,
    protect(req, res, next) {
      const session = res.locals.session as Session;
      const expected = tokenFor(session);
      res.locals.formAuth = { s: res.locals.sessionToken as string, csrf: expected };
      if (!UNSAFE.has(req.method)) return next();
      const origin = req.get('origin');
      const body = req.body as Record<string, unknown> | undefined;
      const given = body?._csrf ?? req.get('x-csrf-token');
      if ((origin && origin !== 'null' && origin !== toolOrigin) || !matches(given, expected)) {
        logger.warn({ reqId: req.id, path: req.path, origin, userId: session.userId, tenantId: session.tenantId }, 'csrf check failed');
        return next(new AppError('CSRF_FAILED', 403, 'This form was not sent from a page of this tool, or it has expired.', { advice: 'Go back, reload the page and send the form again.' }));
      }
      next();
    },
  };
}
