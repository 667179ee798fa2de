import type { Transaction } from 'kysely';
import type { DomainEvent } from '../../mentoring/events.js';
import type { Database } from '../schema.js';

/**
 * Writes domain events to the xAPI outbox inside the caller's transaction, so a domain change and
 * its events commit or roll back together.
 */
export async function appendToOutbox(_trx: Transaction<Database>, _events: DomainEvent[]): Promise<void> {
  // Filled in by the xAPI outbox work (issue 6).
}
