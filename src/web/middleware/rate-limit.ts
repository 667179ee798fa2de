import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { RateLimitConfig } from '../../config/limits-config.js';
import type { RateLimitStore } from '../../db/repositories/rate-limit-repository.js';
import type { Clock } from '../../shared/clock.js';
import { AppError } from '../../shared/errors.js';
import type { Logger } from '../../shared/logger.js';
import type { SessionSigner } from '../session.js';
import { createWindowCounter } from './window-counter.js';

const WINDOW_MS = 60_000;
/** Each instance sweeps old windows at most this often, in the background of a counted request. */
const PURGE_EVERY_MS = 5 * 60_000;
const PURGE_BATCH = 1000;
/** Form posts are counted on these paths (every method but the safe ones). */
export const FORM_POST_PATHS = ['/staff', '/programs', '/home', '/deep-linking'];
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

const REFUSALS = {
  RATE_LIMITED: [
    429,
    'Too many requests came from here in a short time.',
    'Wait until the time given, then try again; if a whole class works at once, ask the tool '
      + 'operator to raise the RATE_LIMIT_* settings.',
  ],
} as const satisfies Record<string, readonly [number, string, string]>;

function rateLimited(retryAfterSeconds: number, until: Date): AppError {
  const [status, reason, advice] = REFUSALS.RATE_LIMITED;
  const when = `${until.toISOString().slice(11, 19)} UTC`;
  const seconds = `${retryAfterSeconds} second${retryAfterSeconds === 1 ? '' : 's'}`;
  const wait = `Try again in ${seconds} (after ${when}).`;
  return new AppError('RATE_LIMITED', status, `${reason} ${wait}`, { advice, retryAfterSeconds });
}

export type Verdict =
  | { allowed: true }
  | { allowed: false; retryAfterSeconds: number; until: Date };

export interface RateLimiterDeps {
  store: RateLimitStore;
  clock: Clock;
  logger: Logger;
}

/**
 * Fixed one-minute windows counted in the database, so every instance sees the same totals
 * (batched below half the limit: `createWindowCounter`).
 */
export function createRateLimiter(deps: RateLimiterDeps) {
  let lastPurge = 0;
  const count = createWindowCounter(deps);

  function sweep(now: number): void {
    if (now - lastPurge < PURGE_EVERY_MS) return;
    lastPurge = now;
    deps.store
      .purgeBefore(new Date(now - 2 * WINDOW_MS), PURGE_BATCH)
      .catch((err: unknown) => deps.logger.warn({ err }, 'rate-limit windows not purged'));
  }

  return async function take(bucket: string, key: string, limit: number): Promise<Verdict> {
    const now = deps.clock.now().getTime();
    const start = Math.floor(now / WINDOW_MS) * WINDOW_MS;
    const hits = await count(bucket, key, start, limit);
    sweep(now);
    if (hits <= limit) return { allowed: true };
    const until = new Date(start + WINDOW_MS);
    const retryAfterSeconds = Math.max(1, Math.ceil((until.getTime() - now) / 1000));
    return { allowed: false, retryAfterSeconds, until };
  };
}

export type RateLimiter = ReturnType<typeof createRateLimiter>;
type KeyOf = (req: Request) => Promise<string | null> | string | null;

/** Counts a request under `bucket` by `keyOf` (null: not counted); over the limit → 429. */
export function limitBy(
  take: RateLimiter,
  bucket: string,
  limit: number,
  keyOf: KeyOf,
): RequestHandler {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    try {
      const key = await keyOf(req);
      if (key === null) return next();
      const verdict = await take(bucket, key, limit);
      if (verdict.allowed) return next();
      res.set('Retry-After', String(verdict.retryAfterSeconds));
      next(rateLimited(verdict.retryAfterSeconds, verdict.until));
    } catch (err) {
      next(err);
    }
  };
}

/** The client address as express sees it: the socket's, or X-Forwarded-For with TRUST_PROXY. */
const addressOf = (req: Request): string => req.ip ?? req.socket.remoteAddress ?? 'unknown';
const isFormPost = (req: Request): boolean => !SAFE_METHODS.has(req.method);
const postAddressOf = (req: Request): string | null => (isFormPost(req) ? addressOf(req) : null);

/** Where session-auth finds the token; read here too, since the limit runs before the routers. */
function sessionTokenOf(req: Request): string | null {
  const fromQuery = req.query.s;
  if (typeof fromQuery === 'string' && fromQuery) return fromQuery;
  const fromBody = (req.body as Record<string, unknown> | undefined)?.s;
  if (typeof fromBody === 'string' && fromBody) return fromBody;
  const auth = req.get('authorization');
  return auth?.startsWith('Bearer ') ? auth.slice('Bearer '.length) : null;
}

export interface RateLimitsDeps extends RateLimiterDeps {
  limits: RateLimitConfig;
  signer: SessionSigner;
}

/**
 * The tool's limits: logins and registrations per client address; form posts per address and
 * per tenant. The tenant is taken from a verified session only (a forged or expired token is not
 * counted here: the route's own session check refuses it).
 */
export function createRateLimits(deps: RateLimitsDeps) {
  const take = createRateLimiter(deps);
  const tenantOf = async (req: Request): Promise<string | null> => {
    const token = isFormPost(req) ? sessionTokenOf(req) : null;
    if (!token) return null;
    return deps.signer.verify(token).then((s) => s.tenantId, () => null);
  };
  return {
    login: limitBy(take, 'login', deps.limits.loginPerMinute, addressOf),
    register: limitBy(take, 'register', deps.limits.registerPerMinute, addressOf),
    posts: [
      limitBy(take, 'posts', deps.limits.postsPerMinute, postAddressOf),
      limitBy(take, 'tenant-posts', deps.limits.tenantPostsPerMinute, tenantOf),
    ],
  };
}
