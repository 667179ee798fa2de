import type { LrsTarget } from './ports.js';
import type { Statement } from './statement.js';

export type LrsFailureKind = 'network' | 'server' | 'rejected' | 'refused';

/**
 * `message` may quote the remote body (for delivery logs); `cause` is a network error code;
 * `retryAfter` is the LRS's `Retry-After` header (seconds or an HTTP date), when it sent one.
 */
export type LrsResponse =
  | { ok: true; status: number }
  | { ok: false; kind: LrsFailureKind; status: number | null; message: string; cause?: string; retryAfter?: string };

/** The LRS judged the statements themselves invalid: bisecting can isolate the bad ones. */
const REJECTED = new Set([400, 409, 413, 422]);

export const statementsUrl = (endpoint: string) => `${endpoint.replace(/\/+$/, '')}/statements`;
const aboutUrl = (endpoint: string) => `${endpoint.replace(/\/+$/, '')}/about`;

function normalEndpoint(endpoint: string): string {
  try {
    return new URL(endpoint).href.replace(/\/+$/, '');
  } catch {
    return endpoint.trim().replace(/\/+$/, '');
  }
}

/** The same LRS endpoint, written either way (`/xAPI` or `/xAPI/`, host case). */
export const sameEndpoint = (a: string, b: string) => normalEndpoint(a) === normalEndpoint(b);

function headers(target: LrsTarget): Record<string, string> {
  const basic = Buffer.from(`${target.username}:${target.password}`).toString('base64');
  return { Authorization: `Basic ${basic}`, 'X-Experience-API-Version': target.version, 'Content-Type': 'application/json' };
}

async function call(url: string, init: RequestInit, timeoutMs: number): Promise<LrsResponse> {
  let res: Response;
  try {
    res = await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
  } catch (err) {
    const cause = (err as { cause?: { code?: string; message?: string } }).cause;
    const code = cause?.code && /^[A-Z0-9_]{2,40}$/.test(cause.code) ? cause.code : (err as Error).name === 'TimeoutError' ? 'TIMEOUT' : undefined;
    const message = `${(err as Error).message}${cause ? `: ${cause.code ?? cause.message}` : ''}`;
    return { ok: false, kind: 'network', status: null, message, ...(code ? { cause: code } : {}) };
  }
  const text = (await res.text().catch(() => '')).slice(0, 2000);
  if (res.ok) return { ok: true, status: res.status };
  const kind: LrsFailureKind = res.status >= 500 ? 'server' : REJECTED.has(res.status) ? 'rejected' : 'refused';
  const retryAfter = res.headers.get('retry-after')?.slice(0, 64);
  return { ok: false, kind, status: res.status, message: `HTTP ${res.status}${text ? `: ${text}` : ''}`, ...(retryAfter ? { retryAfter } : {}) };
}

/** @see https://github.com/adlnet/xAPI-Spec/blob/master/xAPI-Communication.md#213-post-statements */
export function createLrsClient(options: { timeoutMs: number }) {
  return {
    postStatements(target: LrsTarget, statements: Statement[]): Promise<LrsResponse> {
      return call(statementsUrl(target.endpoint), { method: 'POST', headers: headers(target), body: JSON.stringify(statements) }, options.timeoutMs);
    },
    /** GET /about (reachable, speaks xAPI), then an authenticated statements query (credentials). */
    async testConnection(target: LrsTarget): Promise<LrsResponse> {
      const about = await call(aboutUrl(target.endpoint), { headers: { 'X-Experience-API-Version': target.version } }, options.timeoutMs);
      if (!about.ok) return about;
      return call(`${statementsUrl(target.endpoint)}?limit=1`, { headers: headers(target) }, options.timeoutMs);
    },
  };
}

export type LrsClient = ReturnType<typeof createLrsClient>;
