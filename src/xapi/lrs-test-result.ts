import type { LrsResponse } from './lrs-client.js';

export interface LrsTestResult {
  ok: boolean;
  /** The HTTP status, when the LRS answered. */
  status: number | null;
  /** Our own words only: the remote body never reaches the page (it could carry anything). */
  message: string;
}

function refusalReason(status: number): string {
  if (status === 401 || status === 403) return 'the LRS refused the key and secret';
  if (status === 404) return 'there is no xAPI LRS at this address (check the endpoint)';
  if (status >= 500) return 'the LRS reported an error on its side';
  return 'the LRS gave an unexpected answer';
}

/** A connection test's outcome as a status and a short, safe reason. */
export function testResultOf(res: LrsResponse): LrsTestResult {
  if (res.ok) return { ok: true, status: res.status, message: 'Connected: the LRS answered and accepted the key and secret.' };
  if (res.status === null) {
    const cause = res.cause ? ` (${res.cause})` : '';
    return { ok: false, status: null, message: `The LRS could not be reached${cause}: check the endpoint and the network.` };
  }
  return { ok: false, status: res.status, message: `HTTP ${res.status}: ${refusalReason(res.status)}.` };
}
