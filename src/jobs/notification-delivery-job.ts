import type {
  DueNotification, NotificationDeliveryStore,
} from '../db/repositories/notification-delivery-repository.js';
import type { Mailer } from '../notify/mailer.js';
import { composeDigest, composeMail, type ComposeDeps } from '../notify/mail-compose.js';
import type { Clock } from '../shared/clock.js';
import type { Logger } from '../shared/logger.js';
import type { JobRunner } from './job-runner.js';

export const NOTIFY_DELIVERY_QUEUE = 'notification-delivery';
export const NOTIFY_DIGEST_QUEUE = 'notification-digest';
const NEXT_TICK = 'next-tick';
const BATCH = 20;
const LEASE_MS = 5 * 60_000;
const RETRY_MAX_MS = 6 * 3_600_000;

export interface NotificationDispatcher {
  /** Mails what is due now; returns how many were sent. */
  drain(): Promise<number>;
  /** Sends every waiting weekly digest; returns how many people got one. */
  sendDigests(): Promise<number>;
}

/** Doubles per attempt from the base, capped at six hours: an outage loses nothing. */
export const notifyBackoffMs = (attempts: number, baseSeconds: number) =>
  Math.min(RETRY_MAX_MS, baseSeconds * 1000 * 2 ** Math.min(20, attempts));

interface Deps {
  store: NotificationDeliveryStore;
  mailer: Mailer;
  compose: ComposeDeps;
  clock: Clock;
  logger: Logger;
  retryBaseSeconds: number;
}

export function createNotificationDispatcher(deps: Deps): NotificationDispatcher {
  const { store, mailer, clock, logger } = deps;
  const later = (attempts: number) =>
    new Date(clock.now().getTime() + notifyBackoffMs(attempts, deps.retryBaseSeconds));

  /** 'down' stops the drain: a server that is down is not asked again for every mail. */
  async function sendOne(n: DueNotification): Promise<'sent' | 'failed' | 'retry' | 'down'> {
    const outcome = await mailer.send(composeMail(n, deps.compose));
    switch (outcome.kind) {
      case 'sent':
        await store.markSent(n.id, clock.now());
        return 'sent';
      case 'refused':
        logger.warn({ id: n.id, reason: outcome.reason }, 'notification mail refused');
        await store.markFailed(n.id, outcome.reason);
        return 'failed';
      case 'retry':
        logger.warn({ id: n.id, reason: outcome.reason }, 'notification mail delayed');
        await store.markRetry(n.id, later(n.attempts), outcome.reason);
        return outcome.serverDown ? 'down' : 'retry';
    }
  }

  return {
    async drain() {
      let sent = 0;
      for (let batch = await store.claimDue(clock.now(), LEASE_MS, BATCH); batch.length;
        batch = await store.claimDue(clock.now(), LEASE_MS, BATCH)) {
        for (const [i, n] of batch.entries()) {
          const outcome = await sendOne(n);
          if (outcome === 'sent') sent += 1;
          if (outcome !== 'down') continue;
          // The rest waits as long as the one that failed: the server is not hammered.
          await store.release(batch.slice(i + 1).map((m) => m.id), later(n.attempts));
          return sent;
        }
      }
      return sent;
    },
    async sendDigests() {
      let people = 0;
      // Rows of a failed digest stay waiting (leased for a while): the next run sends them.
      for (let rows = await store.claimDigests(clock.now(), LEASE_MS, BATCH); rows.length;
        rows = await store.claimDigests(clock.now(), LEASE_MS, BATCH)) {
        for (const person of groupByPerson(rows)) {
          const outcome = await mailer.send(composeDigest(person, deps.compose));
          if (outcome.kind === 'sent') {
            await store.markDigestSent(person.map((n) => n.id), clock.now());
            people += 1;
          } else logger.warn({ reason: outcome.reason }, 'digest mail not sent');
        }
      }
      return people;
    },
  };
}

function groupByPerson(rows: DueNotification[]): DueNotification[][] {
  const people = new Map<string, DueNotification[]>();
  for (const n of rows) {
    const key = `${n.tenantId}/${n.userId}`;
    people.set(key, [...(people.get(key) ?? []), n]);
  }
  return [...people.values()];
}

/** Like the score delivery: each tick queues the next; a cron restarts a lost chain. */
export async function startNotificationJobs(
  runner: JobRunner, dispatcher: NotificationDispatcher, digestCron: string, pollSeconds: number,
) {
  const next = { startAfterSeconds: pollSeconds, singletonKey: NEXT_TICK };
  await runner.work(NOTIFY_DELIVERY_QUEUE, async () => {
    await runner.send(NOTIFY_DELIVERY_QUEUE, {}, next);
    await dispatcher.drain();
  }, {
    policy: 'short', pollingIntervalSeconds: Math.max(0.5, pollSeconds / 2), expireInSeconds: 600,
  });
  await runner.schedule(NOTIFY_DELIVERY_QUEUE, '* * * * *');
  await runner.send(NOTIFY_DELIVERY_QUEUE, {}, { singletonKey: NEXT_TICK });
  await runner.work(NOTIFY_DIGEST_QUEUE, async () => void (await dispatcher.sendDigests()), {
    policy: 'singleton', expireInSeconds: 1800,
  });
  await runner.schedule(NOTIFY_DIGEST_QUEUE, digestCron);
}
