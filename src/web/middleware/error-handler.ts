import type { NextFunction, Request, Response } from 'express';
import { isAppError } from '../../shared/errors.js';
import type { Logger } from '../../shared/logger.js';
import type { RenderView } from '../views.js';

export function wantsJson(req: Request): boolean {
  if (req.path.startsWith('/api/')) return true;
  const accept = req.get('accept') ?? '';
  return accept.includes('application/json') && !accept.includes('text/html');
}

function relaunchUrl(params: unknown): string | null {
  if (!params || typeof params !== 'object') return null;
  return `/lti/login?${new URLSearchParams(params as Record<string, string>).toString()}`;
}

/**
 * The one place errors become responses: AppError → its status with a page (or JSON for API
 * calls); anything else → 500 without details, logged with the request id.
 */
export function errorHandler(render: RenderView, logger: Logger) {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  return (err: unknown, req: Request, res: Response, _next: NextFunction): void => {
    const bodyTooLarge = (err as { type?: string }).type === 'entity.too.large';
    const badBody = (err as { type?: string }).type === 'entity.parse.failed';
    let status = 500;
    let code = 'INTERNAL_ERROR';
    let message = 'Something went wrong on our side. It has been logged.';
    let data: Record<string, unknown> = {};
    if (isAppError(err)) {
      ({ status, code, message, data } = err);
    } else if (bodyTooLarge || badBody) {
      status = bodyTooLarge ? 413 : 400;
      code = bodyTooLarge ? 'BODY_TOO_LARGE' : 'BODY_MALFORMED';
      message = bodyTooLarge ? 'The request is too large.' : 'The request body could not be read.';
    }
    const log = { reqId: req.id, code, status, path: req.path, ...(status >= 500 ? { err } : { cause: data.cause }) };
    if (status >= 500) logger.error(log, 'request failed');
    else logger.warn(log, 'request refused');
    if (res.headersSent) return;
    res.status(status);
    if (wantsJson(req)) {
      res.json({ error: { code, message, requestId: req.id } });
      return;
    }
    res.type('html').send(
      render('errors/error', {
        title: status >= 500 ? 'Something went wrong' : 'This page cannot be shown',
        status,
        code,
        message,
        advice: typeof data.advice === 'string' ? data.advice : null,
        relaunchUrl: code === 'COOKIES_BLOCKED' ? relaunchUrl(data.relaunchParams) : null,
        requestId: req.id,
      }),
    );
  };
}
