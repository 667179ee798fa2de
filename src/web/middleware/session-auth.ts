import type { NextFunction, Request, Response } from 'express';
import { AppError } from '../../shared/errors.js';
import { sessionRefusal, type Session, type SessionSigner } from '../session.js';

/** Reads the session token from `?s=`, a form field `s`, or `Authorization: Bearer`. */
function tokenOf(req: Request): string | undefined {
  const fromQuery = req.query.s;
  if (typeof fromQuery === 'string' && fromQuery) return fromQuery;
  const fromBody = (req.body as Record<string, unknown> | undefined)?.s;
  if (typeof fromBody === 'string' && fromBody) return fromBody;
  const auth = req.get('authorization');
  if (auth?.startsWith('Bearer ')) return auth.slice('Bearer '.length);
  return undefined;
}

export function requireSession(signer: SessionSigner) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const token = tokenOf(req);
    if (!token) {
      return next(sessionRefusal('SESSION_MISSING'));
    }
    try {
      res.locals.session = await signer.verify(token);
      res.locals.sessionToken = token;
      next();
    } catch (err) {
      next(err);
    }
  };
}

export function requireStaff(_req: Request, res: Response, next: NextFunction): void {
  const session = res.locals.session as Session | undefined;
  if (session?.courseRole !== 'staff') {
    return next(new AppError('STAFF_ONLY', 403, 'This page is for the course\'s instructors and mentoring program staff.'));
  }
  next();
}
