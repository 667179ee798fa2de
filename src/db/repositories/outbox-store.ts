import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { DomainEvent } from '../../mentoring/events.js';
import type { Logger } from '../../shared/logger.js';
import type { SecretBox } from '../../shared/secret-box.js';
import type { DeliveryOutcome, LrsTarget, OutboxEntry, OutboxStore } from '../../xapi/ports.js';
import type { StatementSnapshot } from '../../xapi/snapshot.js';
import type { Db } from '../connection.js';
import { currentLrsJoin, deliverable } from './outbox-pin.js';

interface ClaimedRow {
  id: string;
  statement_id: string;
  attempts: number;
  event: DomainEvent & { occurredAt: string };
  snapshot: StatementSnapshot;
  endpoint: string | null;
  username: string | null;
  secret: string | null;
  version: string | null;
  source: 'program' | 'tenant' | null;
}

/** The outbox as the dispatcher sees it: claim due rows, record what became of them. */
export function createOutboxStore(db: Db, deps: { secrets: SecretBox; defaultLrs: LrsTarget | null; leaseSeconds: number; logger: Logger }): OutboxStore {
  function targetOf(row: ClaimedRow): LrsTarget {
    if (!row.source) return deps.defaultLrs!;
    let password = '';
    try {
      password = deps.secrets.open(row.secret!);
    } catch {
      deps.logger.error({ eventId: row.id, source: row.source }, 'LRS secret cannot be decrypted (was LTI_ENCRYPTION_KEY changed?): save the LRS settings again');
    }
    return { endpoint: row.endpoint!, username: row.username!, password, version: row.version!, source: row.source };
  }

  const entryOf = (row: ClaimedRow): OutboxEntry => ({
    id: row.id,
    statementId: row.statement_id,
    attempts: row.attempts,
    event: { ...row.event, occurredAt: new Date(row.event.occurredAt) },
    snapshot: row.snapshot,
    target: targetOf(row),
  });

  return {
    async claim(limit, deliver) {
      const worker = randomUUID();
      // A short statement, not a transaction held across HTTP: rows are leased; a crashed
      // worker's lease expires and another worker sends the rows again (same statement ids).
      const hasDefault = deps.defaultLrs !== null;
      // Only rows whose LRS pin is still the LRS in force (see outbox-pin.ts); a row with no pin
      // is pinned here, at its first delivery attempt.
      const { rows } = await sql<ClaimedRow>`
        with due as (
          select o.id, cur.id as cur_id, cur.version as cur_version from xapi_outbox o ${currentLrsJoin}
          where o.status in ('queued', 'failed') and o.next_attempt_at <= now() and (o.claimed_until is null or o.claimed_until < now())
            and ${deliverable(hasDefault)}
          order by o.next_attempt_at, o.seq
          limit ${limit}
          for update of o skip locked
        ), claimed as (
          update xapi_outbox o set claimed_by = ${worker}, claimed_until = now() + make_interval(secs => ${deps.leaseSeconds}),
            lrs_settings_id = coalesce(o.lrs_settings_id, due.cur_id), lrs_endpoint_version = coalesce(o.lrs_endpoint_version, due.cur_version)
          from due where o.id = due.id
          returning o.id, o.statement_id, o.attempts, o.event, o.snapshot, o.lrs_settings_id, o.seq
        )
        select c.id, c.statement_id, c.attempts, c.event, c.snapshot, s.endpoint, s.username, s.secret_encrypted as secret,
               s.xapi_version as version, case when s.program_id is not null then 'program' when s.id is not null then 'tenant' end as source
        from claimed c
        left join xapi_lrs_settings s on s.id = c.lrs_settings_id
        order by c.seq
      `.execute(db);
      if (rows.length === 0) return 0;
      const outcomes = await deliver(rows.map(entryOf));
      await recordOutcomes(db, worker, outcomes);
      return rows.length;
    },
  };
}

async function recordOutcomes(db: Db, worker: string, outcomes: DeliveryOutcome[]): Promise<void> {
  const delivered = outcomes.filter((o): o is Extract<DeliveryOutcome, { status: 'delivered' }> => o.status === 'delivered');
  const endpoints = new Set(delivered.map((o) => o.endpoint));
  if (delivered.length === outcomes.length && endpoints.size === 1) {
    // The usual case, kept cheap: one array parameter instead of a record set.
    await sql`
      update xapi_outbox set status = 'delivered', attempts = attempts + 1, last_error = null, last_http_status = null,
        lrs_endpoint = ${[...endpoints][0]}, delivered_at = now(), claimed_by = null, claimed_until = null
      where id = any(${delivered.map((o) => o.id)}::uuid[]) and claimed_by = ${worker}
    `.execute(db);
    return;
  }
  const input = outcomes.map((o) => ({
    id: o.id,
    status: o.status,
    endpoint: o.status === 'delivered' ? o.endpoint : null,
    error: o.status === 'delivered' ? null : o.error.slice(0, 2000),
    http_status: o.status === 'delivered' ? null : o.httpStatus,
    retry_at: o.status === 'failed' ? o.retryAt.toISOString() : null,
  }));
  await sql`
    update xapi_outbox o set
      status = x.status, attempts = o.attempts + 1, last_error = x.error, last_http_status = x.http_status,
      lrs_endpoint = coalesce(x.endpoint, o.lrs_endpoint),
      delivered_at = case when x.status = 'delivered' then now() else o.delivered_at end,
      next_attempt_at = coalesce(x.retry_at, o.next_attempt_at), claimed_by = null, claimed_until = null
    from jsonb_to_recordset(${JSON.stringify(input)}::jsonb) as x(id uuid, status text, endpoint text, error text, http_status integer, retry_at timestamptz)
    where o.id = x.id and o.claimed_by = ${worker}
  `.execute(db);
}
