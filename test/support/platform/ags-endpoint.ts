import express from 'express';
import type { Flavour } from '../platform-claims.js';
import type { AccessTokens } from './access-tokens.js';
import type { Roster } from './roster.js';

export const SCORE_MEDIA_TYPE = 'application/vnd.ims.lis.v1.score+json';
export const SCORE_SCOPE = 'https://purl.imsglobal.org/spec/lti-ags/scope/score';
const ACTIVITY = ['Initialized', 'Started', 'InProgress', 'Submitted', 'Completed'];
const GRADING = ['FullyGraded', 'Pending', 'PendingManual', 'Failed', 'NotReady'];

/** One POST {lineitem}/scores as the platform saw it. */
export interface ScorePostRecord {
  at: Date;
  lineItem: string;
  contextId: string;
  body: Record<string, unknown>;
  status: number;
  error?: string;
}

export interface GradebookEntry {
  userId: string;
  scoreGiven: number | null;
  scoreMaximum: number | null;
  activityProgress: string;
  gradingProgress: string;
  timestamp: string;
  comment: string | null;
}

/**
 * The platform's grade service state: the gradebook (latest score per line item and user), every
 * post, and the failures a test orders (an outage, throttling).
 */
export class AgsService {
  readonly posts: ScorePostRecord[] = [];
  /** Accepted scores in the order they arrived. */
  readonly accepted: Array<GradebookEntry & { lineItem: string }> = [];
  private readonly book = new Map<string, Map<string, GradebookEntry>>();
  /** While true, every score post gets a 503 (the grade service is down). */
  outage = false;
  private throttled = 0;
  private retryAfterSeconds = 0;

  /** The next `count` score posts get 429 Too Many Requests with this Retry-After. */
  throttleNext(count: number, retryAfterSeconds = 1): void {
    this.throttled = count;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  /** The gradebook column of a line item (its URL as the launch claim gave it). */
  gradebook(lineItemUrl: string): GradebookEntry[] {
    return [...(this.book.get(new URL(lineItemUrl).pathname)?.values() ?? [])];
  }

  takeThrottle(): number | null {
    if (this.throttled <= 0) return null;
    this.throttled -= 1;
    return this.retryAfterSeconds;
  }

  record(lineItem: string, entry: GradebookEntry): 'recorded' | 'stale' {
    const column = this.book.get(lineItem) ?? new Map<string, GradebookEntry>();
    this.book.set(lineItem, column);
    const before = column.get(entry.userId);
    if (before && Date.parse(before.timestamp) >= Date.parse(entry.timestamp)) return 'stale';
    column.set(entry.userId, entry);
    this.accepted.push({ ...entry, lineItem });
    return 'recorded';
  }
}

/** What the AGS endpoint needs to know of its platform (the TestPlatform). */
export interface AgsHost {
  readonly flavour: Flavour;
  readonly features: { ags: boolean };
  readonly accessTokens: AccessTokens;
  readonly ags: AgsService;
  roster(contextId: string): Roster;
}

class ScoreRefusal extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

/** The checks Moodle's and Canvas's score endpoints make. @see https://www.imsglobal.org/spec/lti-ags/v2p0#score-service-media-type-and-schema */
function checkScore(host: AgsHost, contextId: string, body: Record<string, unknown>): GradebookEntry {
  const { userId, scoreGiven, scoreMaximum, activityProgress, gradingProgress, timestamp, comment } = body;
  if (typeof timestamp !== 'string' || Number.isNaN(Date.parse(timestamp))) throw new ScoreRefusal(400, 'timestamp missing or invalid');
  if (typeof activityProgress !== 'string' || !ACTIVITY.includes(activityProgress)) throw new ScoreRefusal(400, 'activityProgress missing or invalid');
  if (typeof gradingProgress !== 'string' || !GRADING.includes(gradingProgress)) throw new ScoreRefusal(400, 'gradingProgress missing or invalid');
  if (scoreGiven !== undefined && (typeof scoreGiven !== 'number' || scoreGiven < 0)) throw new ScoreRefusal(400, 'scoreGiven invalid');
  if (scoreGiven !== undefined && (typeof scoreMaximum !== 'number' || scoreMaximum <= 0)) throw new ScoreRefusal(400, 'scoreGiven without scoreMaximum');
  const member = host.roster(contextId).members().find((m) => m.user.sub === userId);
  if (typeof userId !== 'string' || !member || member.status !== 'Active') {
    throw new ScoreRefusal(host.flavour === 'moodle' ? 400 : 404, `unknown user ${String(userId)}`);
  }
  return {
    userId, scoreGiven: (scoreGiven as number | undefined) ?? null, scoreMaximum: (scoreMaximum as number | undefined) ?? null,
    activityProgress, gradingProgress, timestamp, comment: typeof comment === 'string' ? comment : null,
  };
}

function answerScore(host: AgsHost, req: express.Request, res: express.Response): void {
  const contextId = String(req.params.contextId);
  const lineItem = req.path.replace(/\/scores$/, '');
  const record: ScorePostRecord = { at: new Date(), lineItem, contextId, body: req.body as Record<string, unknown>, status: 200 };
  host.ags.posts.push(record);
  const refuse = (status: number, error: string, headers: Record<string, string> = {}) =>
    void res.status((record.status = status)).set(headers).json({ error: (record.error = error) });
  if (!host.features.ags) return refuse(404, 'not_found');
  const auth = host.accessTokens.check(req.get('authorization'), SCORE_SCOPE);
  if (!auth.ok) return refuse(auth.status, auth.error);
  if (host.ags.outage) return refuse(503, 'grade service unavailable');
  const throttle = host.ags.takeThrottle();
  if (throttle !== null) return refuse(429, 'too many requests', { 'retry-after': String(throttle) });
  if (!req.is(SCORE_MEDIA_TYPE)) return refuse(415, `content-type must be ${SCORE_MEDIA_TYPE}`);
  try {
    const entry = checkScore(host, contextId, record.body ?? {});
    if (host.ags.record(lineItem, entry) === 'stale') return refuse(400, 'Refusing score with an earlier timestamp');
    res.status(host.flavour === 'moodle' ? 200 : 204).end();
  } catch (err) {
    if (!(err instanceof ScoreRefusal)) throw err;
    refuse(err.status, err.message);
  }
}

export function mountAgsEndpoint(app: express.Express, host: AgsHost): void {
  const json = express.json({ type: SCORE_MEDIA_TYPE });
  const handler = (req: express.Request, res: express.Response) => answerScore(host, req, res);
  app.post('/mod/lti/services.php/:contextId/lineitems/:itemId/lineitem/scores', json, handler);
  app.post('/api/lti/courses/:contextId/line_items/:itemId/scores', json, handler);
}
