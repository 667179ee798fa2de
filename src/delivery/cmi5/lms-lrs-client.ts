import {
  OutboundError,
  requestOutbound,
  type OutboundRequest,
} from '../../lti/outbound-request.js';

/**
 * The few requests an AU makes to the LMS (cmi5 8.2, 10, 11), server-side: the token is fetched
 * and used here and never reaches a page. Every host is resolved and checked (outbound-guard).
 */
export type LmsCallFailure =
  'unreachable' | 'refused' | 'malformed' | 'token-used' | 'token-denied' | 'unauthorized';

export class LmsCallError extends Error {
  constructor(
    readonly failure: LmsCallFailure,
    readonly detail: string,
  ) {
    super(`cmi5 LMS call failed: ${failure} (${detail})`);
  }
}

export interface LmsClientOptions {
  allowPrivateHosts: boolean;
  timeoutMs: number;
}

const LIMITS = { maxBytes: 256 * 1024 };

async function send(
  url: URL,
  init: Omit<OutboundRequest, 'allowPrivateHosts' | 'timeoutMs' | 'maxBytes'>,
  o: LmsClientOptions,
) {
  try {
    return await requestOutbound(url, {
      ...init,
      ...LIMITS,
      allowPrivateHosts: o.allowPrivateHosts,
      timeoutMs: o.timeoutMs,
    });
  } catch (err) {
    const failure = err instanceof OutboundError ? err.failure : 'unreachable';
    throw new LmsCallError('unreachable', failure);
  }
}

const parse = (body: string): unknown => {
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
};

/** POSTs the fetch URL once (8.2.1); the spec's error-code 1 is a used or expired token (8.2.3). */
export async function fetchAuthToken(fetchUrl: URL, o: LmsClientOptions): Promise<string> {
  const res = await send(fetchUrl, { method: 'POST', headers: { 'Content-Length': '0' } }, o);
  const body = parse(res.body) as Record<string, unknown> | undefined;
  if (res.status !== 200 || !body)
    throw new LmsCallError('malformed', `fetch answered ${res.status}`);
  if (typeof body['auth-token'] === 'string' && body['auth-token']) return body['auth-token'];
  const code = String(body['error-code'] ?? '');
  throw new LmsCallError(
    code === '1' ? 'token-used' : code === '2' ? 'token-denied' : 'malformed',
    `fetch error-code ${code || 'none'}`,
  );
}

export interface LrsSession {
  endpoint: string;
  token: string;
}

function xapiUrl(lrs: LrsSession, resource: string, query: Record<string, string>): URL {
  const url = new URL(resource, lrs.endpoint.endsWith('/') ? lrs.endpoint : `${lrs.endpoint}/`);
  for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
  return url;
}

const xapiHeaders = (lrs: LrsSession) => ({
  Authorization: `Basic ${lrs.token}`,
  'X-Experience-API-Version': '1.0.3',
  'Content-Type': 'application/json',
});

function failOn(status: number, what: string): never {
  throw new LmsCallError(
    status === 401 || status === 403 ? 'unauthorized' : 'refused',
    `${what} answered ${status}`,
  );
}

/** GETs a JSON document (State or Agent Profile); null when the LRS has none (404). */
export async function getDocument(
  lrs: LrsSession,
  resource: string,
  query: Record<string, string>,
  o: LmsClientOptions,
) {
  const res = await send(
    xapiUrl(lrs, resource, query),
    { method: 'GET', headers: xapiHeaders(lrs) },
    o,
  );
  if (res.status === 404) return null;
  if (res.status !== 200) failOn(res.status, resource);
  const doc = parse(res.body);
  if (!doc || typeof doc !== 'object' || Array.isArray(doc))
    throw new LmsCallError('malformed', `${resource} is not a JSON object`);
  return doc as Record<string, unknown>;
}

/** POSTs one statement with its own id (a retry of the same statement is no duplicate). */
export async function postStatement(
  lrs: LrsSession,
  statement: { id: string },
  o: LmsClientOptions,
): Promise<void> {
  const url = xapiUrl(lrs, 'statements', {});
  const res = await send(
    url,
    { method: 'POST', headers: xapiHeaders(lrs), body: JSON.stringify([statement]) },
    o,
  );
  // 409: a statement with this id is stored already (our earlier try got through).
  if (res.status >= 300 && res.status !== 409) failOn(res.status, 'statements');
}
