import type { NextFunction, Request, Response } from 'express';
import { isDatabaseUnavailable } from '../../db/connection-errors.js';
import { AppError, isAppError } from '../../shared/errors.js';
import type { Logger } from '../../shared/logger.js';
import type { RenderView } from '../views.js';

export function wantsJson(req: Request): boolean {
  if (req.path.startsWith('/api/')) return true;
  const accept = req.get('accept') ?? '';
  return accept.includes('application/json') && !accept.includes('text/html');
}

/** COOKIES_BLOCKED: the LMS's own launch of the activity (or its course page) for a new window. */
function newLaunchOf(data: Record<string, unknown>): { url: string; activity: boolean } | null {
  const launch = data.newLaunch as { url?: unknown; kind?: unknown } | undefined;
  if (typeof launch?.url !== 'string') return null;
  return { url: launch.url, activity: launch.kind === 'activity' };
}

/** Failures that are not AppErrors from the start, by code: status, reason and advice. */
const HANDLER_ERRORS = {
  INTERNAL_ERROR: [500, 'Something went wrong on our side. It has been logged.', null],
  BODY_TOO_LARGE: [413, 'The request is too large.', 'Shorten what you typed and send it again.'],
  BODY_MALFORMED: [400, 'The request body could not be read.', 'Go back, reload the page and send the form again.'],
  BODY_UNSUPPORTED: [415, 'The request is in an encoding or character set this tool does not read.', 'Send it as UTF-8, uncompressed or gzip.'],
  DATABASE_UNAVAILABLE: [503, 'Mentoring Circles cannot reach its database at the moment.', 'Try again in a minute.'],
} as const satisfies Record<string, readonly [number, string, string | null]>;

type HandlerErrorCode = keyof typeof HANDLER_ERRORS;

function handlerError(code: HandlerErrorCode): AppError {
  const [status, reason, advice] = HANDLER_ERRORS[code];
  return new AppError(code, status, reason, advice ? { advice } : {});
}

/**
 * The body parsers' refusals (http-errors with a 4xx status: too large, too many fields, bad
 * charset or compression, unparsable) and database outages as one of the codes above; anything
 * else unknown is a 500.
 */
function asAppError(err: unknown): AppError {
  if (isAppError(err)) return err;
  const { status, expose } = (err ?? {}) as { status?: unknown; expose?: unknown };
  if (expose === true && typeof status === 'number' && status >= 400 && status < 500) {
    return handlerError(status === 413 ? 'BODY_TOO_LARGE' : status === 415 ? 'BODY_UNSUPPORTED' : 'BODY_MALFORMED');
  }
  if (isDatabaseUnavailable(err)) return handlerError('DATABASE_UNAVAILABLE');
  return handlerError('INTERNAL_ERROR');
}

/**
 * The one place errors become responses: AppError → its status with a page (or JSON for API
 * calls); anything else → 500 without details, logged with the request id.
 */
export function errorHandler(render: RenderView, logger: Logger) {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  return (err: unknown, req: Request, res: Response, _next: NextFunction): void => {
    const { status, code, message, data } = asAppError(err);
    const unavailable = code === 'DATABASE_UNAVAILABLE';
    // An outage is one known cause: its message is enough, not a stack per request.
    const detail = status >= 500 ? { err: unavailable ? String(err) : err } : { cause: data.cause };
    const log = { reqId: req.id, code, status, path: req.path, ...detail };
    if (status >= 500) logger.error(log, 'request failed');
    else logger.warn(log, 'request refused');
    if (res.headersSent) return;
    if (unavailable) res.setHeader('Retry-After', '30');
    res.status(status);
    if (wantsJson(req)) {
      res.json({ error: { code, message, requestId: req.id } });
      return;
    }
    res.type('html').send(
      render('errors/error', {
        title: unavailable ? 'Temporarily unavailable' : status >= 500 ? 'Something went wrong' : 'This page cannot be shown',
        status,
        code,
        message,
        advice: typeof data.advice === 'string' ? data.advice : null,
        cookiesBlocked: code === 'COOKIES_BLOCKED',
        newLaunch: code === 'COOKIES_BLOCKED' ? newLaunchOf(data) : null,
        requestId: req.id,
      }),
    );
  };
}
