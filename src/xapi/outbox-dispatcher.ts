import type { Logger } from '../shared/logger.js';
import type { LrsClient, LrsResponse } from './lrs-client.js';
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
  retry: { baseMs: number; maxMs: number };
  buildOptions: BuildOptions;
  logger: Logger;
  random?: () => number;
}

interface Built {
  entry: OutboxEntry;
  statement: Statement;
}

const targetKey = (t: LrsTarget) => JSON.stringify([t.endpoint, t.username, t.password, t.version]);

/**
 * Sends outbox rows to their LRS in batches. Network errors and 5xx: retry later (exponential
 * backoff with jitter). A batch the LRS rejects as invalid is bisected, so the good statements
 * still go and only the bad ones land in dead-letter with the LRS's message.
 */
export function createOutboxDispatcher(deps: DispatcherDeps) {
  const random = deps.random ?? Math.random;

  function retryAt(attempts: number): Date {
    const backoff = Math.min(deps.retry.maxMs, deps.retry.baseMs * 2 ** attempts);
    return new Date(Date.now() + backoff * (0.5 + random() / 2));
  }

  function failureOutcomes(items: Built[], res: Exclude<LrsResponse, { ok: true }>): DeliveryOutcome[] {
    if (res.kind === 'rejected') return items.map(({ entry }) => ({ id: entry.id, status: 'dead', error: res.message, httpStatus: res.status }));
    return items.map(({ entry }) => ({ id: entry.id, status: 'failed', error: res.message, httpStatus: res.status, retryAt: retryAt(entry.attempts) }));
  }

  async function sendWithBisect(target: LrsTarget, items: Built[]): Promise<DeliveryOutcome[]> {
    if (items.length === 0) return [];
    const res = await deps.client.postStatements(target, items.map((i) => i.statement));
    if (res.ok) return items.map(({ entry }) => ({ id: entry.id, status: 'delivered', endpoint: target.endpoint }));
    if (res.kind === 'rejected' && items.length > 1) {
      const mid = Math.ceil(items.length / 2);
      return [...(await sendWithBisect(target, items.slice(0, mid))), ...(await sendWithBisect(target, items.slice(mid)))];
    }
    const log = res.kind === 'rejected' ? deps.logger.error.bind(deps.logger) : deps.logger.warn.bind(deps.logger);
    log({ endpoint: target.endpoint, source: target.source, statements: items.length, kind: res.kind, httpStatus: res.status, error: res.message }, res.kind === 'rejected' ? 'LRS rejected a statement: dead-lettered' : 'LRS delivery failed: will retry');
    return failureOutcomes(items, res);
  }

  function build(entry: OutboxEntry): Built | DeliveryOutcome {
    try {
      return { entry, statement: buildStatement(entry.event, entry.snapshot, deps.buildOptions) };
    } catch (err) {
      const error = `STATEMENT_UNBUILDABLE: ${(err as Error).message}`;
      deps.logger.error({ eventId: entry.id, eventType: entry.event?.type, error }, 'an outbox event cannot become a statement: kept and marked dead');
      return { id: entry.id, status: 'dead', error, httpStatus: null };
    }
  }

  async function deliver(entries: OutboxEntry[]): Promise<DeliveryOutcome[]> {
    const outcomes: DeliveryOutcome[] = [];
    const groups = new Map<string, Built[]>();
    for (const entry of entries) {
      const built = build(entry);
      if (!('statement' in built)) {
        outcomes.push(built);
        continue;
      }
      const key = targetKey(entry.target);
      groups.set(key, [...(groups.get(key) ?? []), built]);
    }
    for (const items of groups.values()) outcomes.push(...(await sendWithBisect(items[0]!.entry.target, items)));
    return outcomes;
  }

  return {
    /** One batch: returns how many rows were claimed. */
    deliverOnce: () => deps.store.claim(deps.batchSize, deliver),
    /** Batches until nothing is due or the time budget is spent: returns how many rows were claimed. */
    async drain(budgetMs = 20_000): Promise<number> {
      const started = Date.now();
      let total = 0;
      const worker = async () => {
        for (;;) {
          const claimed = await deps.store.claim(deps.batchSize, deliver);
          total += claimed;
          if (claimed < deps.batchSize || Date.now() - started > budgetMs) return;
        }
      };
      await Promise.all(Array.from({ length: deps.concurrency }, worker));
      return total;
    },
  };
}

export type OutboxDispatcher = ReturnType<typeof createOutboxDispatcher>;
