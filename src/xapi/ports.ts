import type { DomainEvent } from '../mentoring/events.js';
import type { StatementSnapshot } from './snapshot.js';

/** Where statements go: the program's LRS, the tenant's, or the default one from the environment. */
export interface LrsTarget {
  endpoint: string;
  username: string;
  password: string;
  version: string;
  source: 'program' | 'tenant' | 'default';
}

/** The target id of rows for the installation's default LRS (others: their settings row id). */
export const DEFAULT_TARGET = 'default';

export interface OutboxEntry {
  id: string;
  /** The LRS settings row it goes to (`DEFAULT_TARGET`: the default LRS): the unit of backoff. */
  targetId: string;
  statementId: string;
  attempts: number;
  /** Parsed from the row; invalid when the stored event is corrupt (then the row is marked). */
  event: DomainEvent;
  snapshot: StatementSnapshot;
  target: LrsTarget;
}

export type DeliveryOutcome =
  | { id: string; status: 'delivered'; endpoint: string }
  | { id: string; status: 'failed'; error: string; httpStatus: number | null }
  | { id: string; status: 'dead'; error: string; httpStatus: number | null }
  /** Not sent (its LRS is paused, or an older row of the batch failed): only the lease ends. */
  | { id: string; status: 'deferred' };

export interface ClaimOptions {
  /** Target ids whose rows this claim leaves out (paused LRSs). */
  skipTargets?: readonly string[];
}

export interface OutboxStore {
  /**
   * Leases up to `limit` due rows, oldest first (`seq`), lets `deliver` send them, and records
   * the outcomes. A row is left out while an older row of the same actor for the same LRS is
   * pending and not claimable (leased by another worker, or not due), so per actor and LRS
   * statements arrive in write order. A worker that dies mid-batch leaves its rows untouched;
   * they are sent again when the lease expires (same statement ids).
   */
  claim(
    limit: number,
    deliver: (entries: OutboxEntry[]) => Promise<DeliveryOutcome[]>,
    options?: ClaimOptions,
  ): Promise<number>;
}
