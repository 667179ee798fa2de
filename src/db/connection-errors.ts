/**
 * SQLSTATE classes and driver messages that mean "the database is not reachable right now"
 * (restart, failover, network), as opposed to a bad query.
 * @see https://www.postgresql.org/docs/current/errcodes-appendix.html
 */
const UNAVAILABLE_SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300']);
const UNAVAILABLE_NODE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH']);
const UNAVAILABLE_MESSAGES = [
  'Connection terminated',
  'timeout exceeded when trying to connect',
  'Client has encountered a connection error',
  'the database system is',
];

function isUnavailableHere(err: { code?: unknown; message?: unknown }): boolean {
  const code = typeof err.code === 'string' ? err.code : '';
  if (UNAVAILABLE_SQLSTATES.has(code) || code.startsWith('08') || UNAVAILABLE_NODE_CODES.has(code)) return true;
  const message = typeof err.message === 'string' ? err.message : '';
  return UNAVAILABLE_MESSAGES.some((m) => message.includes(m));
}

/**
 * True when `err`, or an error it wraps (`cause`, Sequelize's `parent`/`original`, the attempts
 * of an AggregateError), says the database connection is down.
 */
export function isDatabaseUnavailable(err: unknown, depth = 0): boolean {
  if (!err || typeof err !== 'object' || depth > 5) return false;
  // An outbound HTTP call (LRS, NRPS) refused is the other server's outage, not ours.
  if (err instanceof TypeError && err.message === 'fetch failed') return false;
  const e = err as { code?: unknown; message?: unknown; cause?: unknown; parent?: unknown; original?: unknown; errors?: unknown };
  if (isUnavailableHere(e)) return true;
  const inner = [e.cause, e.parent, e.original, ...(Array.isArray(e.errors) ? e.errors : [])];
  return inner.some((i) => i !== err && isDatabaseUnavailable(i, depth + 1));
}
