import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import type { Logger } from '../../shared/logger.js';
import type { FrameOrigins } from './frame-origins.js';

const SAFE_REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/** Request id (kept from a proxy's X-Request-Id when sane), one JSON log line per request. */
export function requestContext(logger: Logger) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const incoming = req.get('x-request-id');
    req.id = incoming && SAFE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
    res.setHeader('X-Request-Id', req.id);
    const started = process.hrtime.bigint();
    const path = req.path;
    res.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      const level = res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info';
      logger[level]({ reqId: req.id, method: req.method, path, status: res.statusCode, ms: Math.round(ms * 10) / 10 }, 'request');
    });
    next();
  };
}

const CSP = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; form-action *";

/** Static files and the published xAPI profile may be cached; they carry nothing of a session. */
const isPublic = (path: string) => path.startsWith('/public/') || path === '/xapi/profile';

/**
 * Pages are framed by the LMS: only the registered platforms' pages may frame them. Session tokens
 * travel in URLs (pages, redirects, CSV, .ics), so nothing else may be stored by a cache, and no
 * Referer carries them away.
 */
export function securityHeaders(frameOrigins: FrameOrigins) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    if (!isPublic(req.path)) res.setHeader('Cache-Control', 'no-store');
    // Dynamic Registration adds a platform: the next page it frames must already be allowed.
    if (req.path === '/lti/register') res.on('finish', () => frameOrigins.invalidate());
    const ancestors = ["'self'", ...(await frameOrigins.current())].join(' ');
    res.setHeader('Content-Security-Policy', `${CSP}; frame-ancestors ${ancestors}`);
    next();
  };
}
