import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { DomainEvent } from '../../mentoring/events.js';
import type { Logger } from '../../shared/logger.js';
import type { SecretBox } from '../../shared/secret-box.js';
import { DEFAULT_TARGET, type DeliveryOutcome, type LrsTarget } from '../../xapi/ports.js';
import type { OutboxEntry, OutboxStore } from '../../xapi/ports.js';
import type { StatementSnapshot } from '../../xapi/snapshot.js';
import type { Db } from '../connection.js';
import { currentLrsJoin, deliverable } from './outbox-pin.js';

interface ClaimedRow {
  id: string;
  statement_id: string;
  attempts: number;
  event: DomainEvent & { occurredAt: string };
  snapshot: StatementSnapshot;
  settings_id: string | null;
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
    targetId: row.settings_id ?? DEFAULT_TARGET,
    statementId: row.statement_id,
    attempts: row.attempts,
    event: { ...row.event, occurredAt: new Date(row.event.occurredAt) },
    snapshot: row.snapshot,
    target: targetOf(row),
  });

  return {
    async claim(limit, deliver, options = {}) {
      const worker = randomUUID();
      const rows = await leaseRows(db, {
        worker, limit, leaseSeconds: deps.leaseSeconds, hasDefault: deps.defaultLrs !== null,
        skipTargets: options.skipTargets ?? [],
      });
      if (rows.length === 0) return 0;
      const outcomes = await deliver(rows.map(entryOf));
      await recordOutcomes(db, worker, outcomes);
      return rows.length;
    },
  };
}

/** The LRS a deliverable row goes to: the settings in force (`cur`), else the default LRS. */
const targetOfRow = sql`coalesce(cur.id::text, ${DEFAULT_TARGET})`;
const actorOfRow = sql`coalesce(o.event->>'actorUserId', '')`;

interface LeaseRequest {
  worker: string;
  limit: number;
  leaseSeconds: number;
  hasDefault: boolean;
  skipTargets: readonly string[];
}

/**
 * Leases the oldest claimable rows (`seq`: write order). `blocked` holds, per actor and LRS, the
 * oldest pending row that cannot be claimed now (another worker's lease, not due): that actor's
 * newer rows for that LRS wait, so they never overtake it. Claims take an advisory lock for the
 * length of one short transaction, so a concurrent claim sees the leases of the one before it
 * (with skip locked alone it could take a newer row of an actor whose older one it skipped).
 * A short statement, not a transaction held across HTTP: a crashed worker's lease expires and
 * another worker sends the rows again (same statement ids). Only rows whose LRS pin is still the
 * LRS in force (see outbox-pin.ts); a row with no pin is pinned here, at its first attempt.
 */
function leaseRows(db: Db, r: LeaseRequest): Promise<ClaimedRow[]> {
  const pending = sql`o.status in ('queued', 'failed') and ${deliverable(r.hasDefault)}`;
  return db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(hashtext('xapi-outbox-claim'))`.execute(trx);
    const { rows } = await sql<ClaimedRow>`
      with blocked as (
        select o.tenant_id, ${actorOfRow} as actor, ${targetOfRow} as target, min(o.seq) as from_seq
        from xapi_outbox o ${currentLrsJoin}
        where ${pending}
          and ((o.claimed_by is not null and o.claimed_until >= now()) or o.next_attempt_at > now())
        group by 1, 2, 3
      ), due as (
        select o.id, cur.id as cur_id, cur.version as cur_version
        from xapi_outbox o ${currentLrsJoin}
        where ${pending} and o.next_attempt_at <= now()
          and (o.claimed_until is null or o.claimed_until < now())
          and ${targetOfRow} <> all(${[...r.skipTargets]}::text[])
          and not exists (select 1 from blocked b where b.tenant_id = o.tenant_id
            and b.actor = ${actorOfRow} and b.target = ${targetOfRow} and b.from_seq < o.seq)
        order by o.seq
        limit ${r.limit}
        for update of o skip locked
      ), claimed as (
        update xapi_outbox o set claimed_by = ${r.worker},
          claimed_until = now() + make_interval(secs => ${r.leaseSeconds}),
          lrs_settings_id = coalesce(o.lrs_settings_id, due.cur_id),
          lrs_endpoint_version = coalesce(o.lrs_endpoint_version, due.cur_version)
        from due where o.id = due.id
        returning o.id, o.statement_id, o.attempts, o.event, o.snapshot, o.lrs_settings_id, o.seq
      )
      select c.id, c.statement_id, c.attempts, c.event, c.snapshot, s.id as settings_id, s.endpoint,
             s.username, s.secret_encrypted as secret, s.xapi_version as version,
             case when s.program_id is not null then 'program'
                  when s.id is not null then 'tenant' end as source
      from claimed c
      left join xapi_lrs_settings s on s.id = c.lrs_settings_id
      order by c.seq
    `.execute(trx);
    return rows;
  });
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
  const attempted = outcomes.map(recordOf).filter((r): r is OutcomeRecord => r !== null);
  const deferred = outcomes.filter((o) => o.status === 'deferred').map((o) => o.id);
  if (deferred.length > 0) {
    // Not sent: the row keeps its status, attempts and due time; only the lease ends.
    await sql`update xapi_outbox set claimed_by = null, claimed_until = null
      where id = any(${deferred}::uuid[]) and claimed_by = ${worker}`.execute(db);
  }
  if (attempted.length === 0) return;
  // A failed row stays due: the pause is kept per LRS (lrs-target-health.ts), not per row.
  await sql`
    update xapi_outbox o set
      status = x.status, attempts = o.attempts + 1, last_error = x.error, last_http_status = x.http_status,
      lrs_endpoint = coalesce(x.endpoint, o.lrs_endpoint),
      delivered_at = case when x.status = 'delivered' then now() else o.delivered_at end,
      claimed_by = null, claimed_until = null
    from jsonb_to_recordset(${JSON.stringify(attempted)}::jsonb)
      as x(id uuid, status text, endpoint text, error text, http_status integer)
    where o.id = x.id and o.claimed_by = ${worker}
  `.execute(db);
}

interface OutcomeRecord {
  id: string;
  status: 'delivered' | 'failed' | 'dead';
  endpoint: string | null;
  error: string | null;
  http_status: number | null;
}

function recordOf(o: DeliveryOutcome): OutcomeRecord | null {
  switch (o.status) {
    case 'delivered':
      return { id: o.id, status: o.status, endpoint: o.endpoint, error: null, http_status: null };
    case 'failed':
    case 'dead':
      const error = o.error.slice(0, 2000);
      return { id: o.id, status: o.status, endpoint: null, error, http_status: o.httpStatus };
    case 'deferred':
      return null;
    default:
      return o satisfies never;
  }
}
