import { systemClock, type Clock } from '../shared/clock.js';
import type { Logger } from '../shared/logger.js';
import type { LrsClient, LrsResponse } from './lrs-client.js';
import { createTargetHealth, type ClaimPlan } from './lrs-target-health.js';
import type { DeliveryOutcome, LrsTarget, OutboxEntry, OutboxStore } from './ports.js';
import type { BuildOptions } from './statement-parts.js';
import { buildStatement } from './statement-builders.js';
import type { Statement } from './statement.js';

export interface DispatcherDeps {
  store: OutboxStore;
  client: LrsClient;
  batchSize: number;
  /** Batches in flight at once: the next batch is claimed and built while the LRS stores one. */
  concurrency: number;
  /** Pause of a failing LRS: `baseMs` doubling to `probeMaxMs`; a `Retry-After` up to `maxMs`. */
  retry: { baseMs: number; maxMs: number; probeMaxMs: number };
  buildOptions: BuildOptions;
  logger: Logger;
  clock?: Clock;
  random?: () => number;
}

interface Built {
  entry: OutboxEntry;
  statement: Statement;
}

type Failure = Exclude<LrsResponse, { ok: true }>;

/** One group's sending: stops at the first failure that is not the statements' fault. */
interface Send {
  target: LrsTarget;
  stoppedBy: Failure | null;
}

/**
 * Sends outbox rows to their LRS in batches, oldest first. A batch the LRS rejects as invalid is
 * bisected, so the good statements still go and only the bad ones land in dead-letter with the
 * LRS's message. Any other failure (network, timeout, 5xx, 429, 401…) pauses the whole LRS target
 * (see lrs-target-health.ts) and stops its group, so no newer row of the batch overtakes it.
 */
export function createOutboxDispatcher(deps: DispatcherDeps) {
  const clock = deps.clock ?? systemClock;
  const health = createTargetHealth({
    baseMs: deps.retry.baseMs, probeMaxMs: deps.retry.probeMaxMs, retryAfterMaxMs: deps.retry.maxMs,
    clock, random: deps.random ?? Math.random,
  });

  function logFailure(send: Send, items: Built[], res: Failure): void {
    const rejected = res.kind === 'rejected';
    const log = (rejected ? deps.logger.error : deps.logger.warn).bind(deps.logger);
    const { endpoint, source } = send.target;
    const fields = { endpoint, source, statements: items.length, kind: res.kind };
    const message = rejected
      ? 'LRS rejected a statement: dead-lettered'
      : 'LRS delivery failed: LRS paused, will probe';
    log({ ...fields, httpStatus: res.status, error: res.message }, message);
  }

  async function sendInOrder(send: Send, items: Built[]): Promise<DeliveryOutcome[]> {
    if (items.length === 0) return [];
    if (send.stoppedBy) return items.map(({ entry }) => ({ id: entry.id, status: 'deferred' }));
    const res = await deps.client.postStatements(send.target, items.map((i) => i.statement));
    const { endpoint } = send.target;
    if (res.ok) return items.map(({ entry }) => ({ id: entry.id, status: 'delivered', endpoint }));
    if (res.kind === 'rejected' && items.length > 1) {
      const mid = Math.ceil(items.length / 2);
      const first = await sendInOrder(send, items.slice(0, mid));
      return [...first, ...(await sendInOrder(send, items.slice(mid)))];
    }
    logFailure(send, items, res);
    if (res.kind !== 'rejected') send.stoppedBy = res;
    const status = res.kind === 'rejected' ? 'dead' : 'failed';
    const error = res.message;
    return items.map(({ entry }) => ({ id: entry.id, status, error, httpStatus: res.status }));
  }

  function build(entry: OutboxEntry): Built | DeliveryOutcome {
    try {
      return { entry, statement: buildStatement(entry.event, entry.snapshot, deps.buildOptions) };
    } catch (err) {
      const error = `STATEMENT_UNBUILDABLE: ${(err as Error).message}`;
      deps.logger.error({ eventId: entry.id, eventType: entry.event?.type, error },
        'an outbox event cannot become a statement: kept and marked dead');
      return { id: entry.id, status: 'dead', error, httpStatus: null };
    }
  }

  /** Sends one target's rows, unless it is paused and this claim is not its probe. */
  async function deliverGroup(items: Built[], plan: ClaimPlan): Promise<DeliveryOutcome[]> {
    const { targetId, target } = items[0]!.entry;
    if (health.isPaused(targetId) && !plan.probes.has(targetId)) {
      return items.map(({ entry }) => ({ id: entry.id, status: 'deferred' }));
    }
    const send: Send = { target, stoppedBy: null };
    const outcomes = await sendInOrder(send, items);
    if (send.stoppedBy) health.failed(targetId, send.stoppedBy.retryAfter);
    else health.succeeded(targetId);
    return outcomes;
  }

  async function deliver(entries: OutboxEntry[], plan: ClaimPlan): Promise<DeliveryOutcome[]> {
    const outcomes: DeliveryOutcome[] = [];
    const groups = new Map<string, Built[]>();
    for (const entry of entries) {
      const built = build(entry);
      if (!('statement' in built)) outcomes.push(built);
      else groups.set(entry.targetId, [...(groups.get(entry.targetId) ?? []), built]);
    }
    for (const items of groups.values()) outcomes.push(...(await deliverGroup(items, plan)));
    return outcomes;
  }

  async function claimOnce(): Promise<number> {
    const plan = health.plan();
    try {
      const send = (entries: OutboxEntry[]) => deliver(entries, plan);
      return await deps.store.claim(deps.batchSize, send, { skipTargets: plan.skip });
    } finally {
      health.release(plan);
    }
  }

  return {
    /** One batch: returns how many rows were claimed. */
    deliverOnce: claimOnce,
    /**
     * Batches until nothing is claimable or the time budget is spent: returns how many rows were
     * claimed. A worker with nothing to claim waits for a probe in flight: if the LRS is back,
     * its backlog drains at full concurrency at once.
     */
    async drain(budgetMs = 20_000): Promise<number> {
      const started = clock.now().getTime();
      let total = 0;
      const worker = async () => {
        for (;;) {
          const claimed = await claimOnce();
          total += claimed;
          if (clock.now().getTime() - started > budgetMs) return;
          if (claimed > 0) continue;
          const probes = health.settled();
          if (!probes) return;
          await probes;
        }
      };
      await Promise.all(Array.from({ length: deps.concurrency }, worker));
      return total;
    },
    /** New LRS settings or a retry by staff: every paused LRS is tried at the next claim. */
    resumeAll: () => health.reset(),
  };
}

export type OutboxDispatcher = ReturnType<typeof createOutboxDispatcher>;
