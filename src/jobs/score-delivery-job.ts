import { randomUUID } from 'node:crypto';
import type { AgsClient, QueuedScoreMessage } from '../lti/ags-client.js';
import type { DueScore, ScoreStore } from '../db/repositories/score-store.js';
import type { Clock } from '../shared/clock.js';
import type { Logger } from '../shared/logger.js';
import type { JobRunner } from './job-runner.js';

export const SCORE_DELIVERY_QUEUE = 'score-delivery';
const NEXT_TICK = 'next-tick';
/** First pause after a network error, 429 or 5xx; doubles per attempt up to RETRY_MAX_MS. */
const RETRY_BASE_MS = 5_000;
const RETRY_MAX_MS = 15 * 60_000;
const LEASE_MS = 120_000;
const BATCH = 100;

export interface ScoreDispatcher {
  /** Sends what is due, platform after platform; returns how many scores were sent. */
  drain(): Promise<number>;
}

export function backoffMs(attempts: number, retryAfterMs: number | null): number {
  const doubled = Math.min(RETRY_MAX_MS, RETRY_BASE_MS * 2 ** Math.min(20, attempts));
  return Math.min(RETRY_MAX_MS, Math.max(doubled, retryAfterMs ?? 0));
}

/**
 * Delivers the score queue: one delivery at a time per platform (a lease across instances), one
 * line item's scores after another. The first retryable failure pauses the whole platform (an LMS
 * that throttles or is down is not hammered); a refusal marks only that score, for staff to see.
 */
interface DispatcherDeps {
  store: ScoreStore;
  ags: AgsClient;
  clock: Clock;
  logger: Logger;
}

export function createScoreDispatcher(deps: DispatcherDeps): ScoreDispatcher {
  const holder = randomUUID();
  const { store, ags, clock, logger } = deps;

  async function sendOne(s: DueScore): Promise<'sent' | 'refused' | Date> {
    const queued = s.score as unknown as QueuedScoreMessage;
    const message = { ...queued, timestamp: s.scoreTimestamp.toISOString() };
    const platform = { issuer: s.issuer, clientId: s.clientId };
    const result = await ags.postScore(platform, s.lineItemUrl, message);
    switch (result.kind) {
      case 'sent':
        await store.markSent(s, clock.now());
        return 'sent';
      case 'refused':
        logger.warn({ seq: s.seq, reason: result.reason }, 'score refused by the LMS');
        await store.markRefused(s, result.reason);
        return 'refused';
      case 'retry': {
        const next = new Date(clock.now().getTime() + backoffMs(s.attempts, result.retryAfterMs));
        logger.warn({ seq: s.seq, reason: result.reason, next }, 'score delivery paused');
        await store.markRetry(s, next, result.reason);
        return next;
      }
    }
  }

  async function drainPlatform(platformId: string): Promise<number> {
    if (!(await store.lease(platformId, holder, clock.now(), LEASE_MS))) return 0;
    let sent = 0;
    let pausedUntil: Date | null = null;
    try {
      // Stop well inside the lease: another instance may take the platform once it runs out.
      const until = clock.now().getTime() + LEASE_MS / 2;
      const due = async () =>
        (clock.now().getTime() < until ? store.dueBatch(platformId, clock.now(), BATCH) : []);
      for (let batch = await due(); batch.length && !pausedUntil; batch = await due()) {
        for (const s of batch) {
          const outcome = await sendOne(s);
          if (outcome instanceof Date) {
            pausedUntil = outcome;
            break;
          }
          if (outcome === 'sent') sent += 1;
        }
      }
    } finally {
      await store.release(platformId, holder, pausedUntil);
    }
    return sent;
  }

  return {
    async drain() {
      let sent = 0;
      for (const platformId of await store.duePlatforms(clock.now())) {
        sent += await drainPlatform(platformId);
      }
      return sent;
    },
  };
}

/** pg-boss ticks like the xAPI delivery: each queues the next; a cron restarts a lost chain. */
export async function startScoreDelivery(
  runner: JobRunner, dispatcher: ScoreDispatcher, pollSeconds: number,
) {
  const next = { startAfterSeconds: pollSeconds, singletonKey: NEXT_TICK };
  const tick = () => runner.send(SCORE_DELIVERY_QUEUE, {}, next);
  await runner.work(SCORE_DELIVERY_QUEUE, async () => {
    await tick();
    await dispatcher.drain();
  }, {
    policy: 'short', pollingIntervalSeconds: Math.max(0.5, pollSeconds / 2), expireInSeconds: 300,
  });
  await runner.schedule(SCORE_DELIVERY_QUEUE, '* * * * *');
  await runner.send(SCORE_DELIVERY_QUEUE, {}, { singletonKey: NEXT_TICK });
}
