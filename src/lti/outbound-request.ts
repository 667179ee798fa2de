import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { resolveOutboundHost } from './outbound-guard.js';

export type OutboundFailure =
  | 'forbidden' | 'unresolvable' | 'unreachable' | 'timeout' | 'redirect' | 'too-large';

export class OutboundError extends Error {
  constructor(readonly failure: OutboundFailure, readonly detail: string | null = null) {
    super(`outbound request failed: ${failure}`);
  }
}

export interface OutboundRequest {
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: string;
  allowPrivateHosts: boolean;
  timeoutMs: number;
  maxBytes: number;
}

export interface OutboundResponse {
  status: number;
  body: string;
}

/** Hands the already checked address to the socket, whatever family or `all` it asks for. */
function pinnedLookup(address: string, family: 4 | 6): LookupFunction {
  return (_hostname, options, callback) => {
    type AllCallback = (err: null, all: Array<{ address: string; family: number }>) => void;
    const all = (options as { all?: boolean }).all;
    if (all) (callback as unknown as AllCallback)(null, [{ address, family }]);
    else callback(null, address, family);
  };
}

function readBounded(res: http.IncomingMessage, maxBytes: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    res.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        res.destroy();
        reject(new OutboundError('too-large'));
      } else chunks.push(chunk);
    });
    res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    res.on('error', (err) => reject(err));
  });
}

function send(
  url: URL,
  init: OutboundRequest,
  lookup: LookupFunction,
  signal: AbortSignal,
): Promise<OutboundResponse> {
  const transport = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const options = { method: init.method, headers: init.headers, lookup, signal };
    const req = transport.request(url, options, (res) => {
      const status = res.statusCode ?? 0;
      // Never followed: a redirect could lead past the address check or hand the token on.
      if (status >= 300 && status < 400) {
        res.destroy();
        return reject(new OutboundError('redirect'));
      }
      if (Number(res.headers['content-length'] ?? 0) > init.maxBytes) {
        res.destroy();
        return reject(new OutboundError('too-large'));
      }
      readBounded(res, init.maxBytes).then((body) => resolve({ status, body }), reject);
    });
    req.on('error', (err: NodeJS.ErrnoException) => {
      if (signal.aborted) return reject(new OutboundError('timeout'));
      // Only our own errno code is kept: it tells the admin what failed without any remote text.
      const code = /^E[A-Z_]+$/.test(err.code ?? '') ? err.code! : null;
      reject(err instanceof OutboundError ? err : new OutboundError('unreachable', code));
    });
    req.end(init.body);
  });
}

/**
 * One HTTP request to a host named by a stranger: the host is resolved and checked once (see
 * outbound-guard), redirects are refused, the answer is bounded in time and size.
 */
export async function requestOutbound(url: URL, init: OutboundRequest): Promise<OutboundResponse> {
  const host = await resolveOutboundHost(url.hostname, init.allowPrivateHosts);
  if (!host.ok) throw new OutboundError(host.reason);
  const signal = AbortSignal.timeout(init.timeoutMs);
  try {
    return await send(url, init, pinnedLookup(host.address, host.family), signal);
  } catch (err) {
    if (signal.aborted) throw new OutboundError('timeout');
    throw err instanceof OutboundError ? err : new OutboundError('unreachable');
  }
}
