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

export interface OutboxEntry {
  id: string;
  statementId: string;
  attempts: number;
  /** Parsed from the row; invalid when the stored event is corrupt (then the row is marked). */
  event: DomainEvent;
  snapshot: StatementSnapshot;
  target: LrsTarget;
}

export type DeliveryOutcome =
  | { id: string; status: 'delivered'; endpoint: string }
  | { id: string; status: 'failed'; error: string; httpStatus: number | null; retryAt: Date }
  | { id: string; status: 'dead'; error: string; httpStatus: number | null };

export interface OutboxStore {
  /**
   * Leases up to `limit` due rows (`for update skip locked`: two workers never lease the same
   * row), lets `deliver` send them, and records the outcomes. A worker that dies mid-batch leaves
   * its rows untouched; they are sent again when the lease expires (same statement ids).
   */
  claim(limit: number, deliver: (entries: OutboxEntry[]) => Promise<DeliveryOutcome[]>): Promise<number>;
}
