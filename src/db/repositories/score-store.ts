import { sql } from 'kysely';
import type { Db } from '../connection.js';

/** A queued score due for delivery, with the platform registration it goes to. */
export interface DueScore {
  tenantId: string;
  seq: string;
  lineItemUrl: string;
  score: Record<string, unknown> & { userId: string };
  scoreTimestamp: Date;
  attempts: number;
  issuer: string;
  clientId: string;
}

/**
 * The score queue's delivery side (its own store: the xAPI outbox's leases are not shared).
 * A platform is leased by one delivery at a time across instances; a paused platform (after a
 * network error, 429 or 5xx) waits out its pause before anything else is sent to it.
 */
export function createScoreStore(db: Db) {
  return {
    async duePlatforms(now: Date): Promise<string[]> {
      const { rows } = await sql<{ platform_id: string }>`
        select distinct o.platform_id from score_outbox o
        left join score_delivery_leases l on l.platform_id = o.platform_id
        where o.status = 'pending' and o.next_attempt_at <= ${now}
          and (l.platform_id is null or (l.leased_until <= ${now} and coalesce(l.paused_until,
            ${now}) <= ${now}))
      `.execute(db);
      return rows.map((r) => r.platform_id);
    },

    async lease(platformId: string, holder: string, now: Date, forMs: number): Promise<boolean> {
      const until = new Date(now.getTime() + forMs);
      const { rows } = await sql`
        insert into score_delivery_leases (platform_id, holder, leased_until) values (${platformId},
          ${holder}, ${until})
        on conflict (platform_id) do update set holder = excluded.holder,
          leased_until = excluded.leased_until
        where score_delivery_leases.leased_until <= ${now}
          and coalesce(score_delivery_leases.paused_until, ${now}) <= ${now}
        returning platform_id
      `.execute(db);
      return rows.length === 1;
    },

    async release(platformId: string, holder: string, pausedUntil: Date | null): Promise<void> {
      await sql`update score_delivery_leases
        set leased_until = '-infinity', paused_until = ${pausedUntil}
        where platform_id = ${platformId} and holder = ${holder}`.execute(db);
    },

    /** Oldest first within each line item, so one line item's scores travel as a batch. */
    async dueBatch(platformId: string, now: Date, limit: number): Promise<DueScore[]> {
      const { rows } = await sql<{ tenant_id: string; seq: string; line_item_url: string;
        score: DueScore['score']; score_timestamp: Date; attempts: number; issuer: string;
        client_id: string }>`
        select o.tenant_id, o.seq::text as seq, o.line_item_url, o.score, o.score_timestamp,
          o.attempts, r.issuer, r.client_id
        from score_outbox o join lti_registrations r on r.id = o.platform_id
        where o.platform_id = ${platformId} and o.status = 'pending' and o.next_attempt_at <= ${now}
        order by o.line_item_url, o.seq limit ${limit}
      `.execute(db);
      return rows.map((r) => ({
        tenantId: r.tenant_id, seq: r.seq, lineItemUrl: r.line_item_url, score: r.score,
        scoreTimestamp: new Date(r.score_timestamp),
        attempts: r.attempts, issuer: r.issuer, clientId: r.client_id,
      }));
    },

    /** A row superseded while in flight stays superseded: its newer score is still to go. */
    async markSent(s: DueScore, now: Date): Promise<void> {
      await sql`update score_outbox set sent_at = ${now}, last_error = null,
          status = case when status = 'pending' then 'sent' else status end
        where tenant_id = ${s.tenantId} and seq = ${s.seq}::bigint`.execute(db);
    },

    async markRetry(s: DueScore, next: Date, error: string): Promise<void> {
      await sql`update score_outbox
        set attempts = attempts + 1, next_attempt_at = ${next}, last_error = ${error.slice(0, 500)}
        where tenant_id = ${s.tenantId} and seq = ${s.seq}::bigint and status = 'pending'`
        .execute(db);
    },

    async markRefused(s: DueScore, error: string): Promise<void> {
      await sql`update score_outbox
        set attempts = attempts + 1, status = 'refused', last_error = ${error.slice(0, 500)}
        where tenant_id = ${s.tenantId} and seq = ${s.seq}::bigint and status = 'pending'`
        .execute(db);
    },
  };
}

export type ScoreStore = ReturnType<typeof createScoreStore>;
