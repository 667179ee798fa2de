import type { ComputedScore } from '../mentoring/grades/grade-rule.js';
import { AGS_SCOPE } from '../mentoring/grades/grade-eligibility.js';
import { isAppError } from '../shared/errors.js';
import type { ServiceTokens } from './service-token.js';

/** @see https://www.imsglobal.org/spec/lti-ags/v2p0#score-publish-service */
export const SCORE_MEDIA_TYPE = 'application/vnd.ims.lis.v1.score+json';

/** A score as queued: all but the `timestamp`, which the queue assigns (strictly increasing). */
export interface QueuedScoreMessage {
  userId: string;
  scoreGiven?: number;
  scoreMaximum: number;
  activityProgress: ComputedScore['activityProgress'];
  gradingProgress: ComputedScore['gradingProgress'];
  comment: string;
}

export function scoreMessageOf(score: ComputedScore, subject: string): QueuedScoreMessage {
  return {
    userId: subject,
    ...(score.scoreGiven === null ? {} : { scoreGiven: score.scoreGiven }),
    scoreMaximum: score.scoreMaximum,
    activityProgress: score.activityProgress, gradingProgress: score.gradingProgress,
    comment: score.comment,
  };
}

export type ScorePostResult =
  | { kind: 'sent' }
  /** Network error, timeout, 429, 5xx, or no token: try later (`retryAfterMs` from the LMS). */
  | { kind: 'retry'; reason: string; retryAfterMs: number | null }
  /** The LMS refused this score (unknown user, closed line item…): retrying will not help. */
  | { kind: 'refused'; reason: string };

/** `{lineitem}/scores`: the path gets the segment, the query (Moodle's `type_id`) stays. */
export function scoresUrlOf(lineItemUrl: string): string {
  const url = new URL(lineItemUrl);
  url.pathname = `${url.pathname.replace(/\/+$/, '')}/scores`;
  return url.toString();
}

function retryAfterMsOf(header: string | null, now: number): number | null {
  if (!header) return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(header);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

/**
 * Assignment and Grade Services 2.0, score publish service only: the tool posts to line items the
 * launch named and asks for nothing but the score scope (Moodle's "grade sync only" grants no
 * more).
 */
export function createAgsClient(tokens: ServiceTokens, now: () => number) {
  return {
    async postScore(
      platform: { issuer: string; clientId: string }, lineItemUrl: string,
      message: QueuedScoreMessage & { timestamp: string },
    ): Promise<ScorePostResult> {
      let token: string;
      try {
        token = await tokens.get(platform.issuer, platform.clientId, [AGS_SCOPE.score]);
      } catch (err) {
        const reason = isAppError(err) ? err.message : `no token: ${(err as Error).message}`;
        return { kind: 'retry', reason, retryAfterMs: null };
      }
      let response: Response;
      try {
        response = await fetch(scoresUrlOf(lineItemUrl), {
          method: 'POST', body: JSON.stringify(message), signal: AbortSignal.timeout(15_000),
          headers: {
            authorization: `Bearer ${token}`, 'content-type': SCORE_MEDIA_TYPE,
            accept: 'application/json',
          },
        });
      } catch (err) {
        const reason = `grade service unreachable: ${(err as Error).message}`;
        return { kind: 'retry', reason, retryAfterMs: null };
      }
      const body = (await response.text().catch(() => '')).slice(0, 300);
      if (response.ok) return { kind: 'sent' };
      const reason = `HTTP ${response.status}${body ? `: ${body}` : ''}`;
      // 401: the cached token may have been revoked; a later attempt fetches a fresh one.
      if (response.status === 429 || response.status >= 500 || response.status === 401) {
        const retryAfterMs = retryAfterMsOf(response.headers.get('retry-after'), now());
        return { kind: 'retry', reason, retryAfterMs };
      }
      return { kind: 'refused', reason };
    },
  };
}

export type AgsClient = ReturnType<typeof createAgsClient>;
