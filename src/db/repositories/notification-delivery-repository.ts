import { sql } from 'kysely';
import type { Topic } from '../../mentoring/notifications/kinds.js';
import type { NotificationFacts } from '../../mentoring/notifications/messages.js';
import type { Db } from '../connection.js';

/** A notification to mail, with its recipient and the course's LMS link. */
export interface DueNotification {
  id: string;
  tenantId: string;
  courseId: string;
  programId: string | null;
  circleId: string | null;
  userId: string;
  kind: string;
  topic: Topic;
  facts: NotificationFacts;
  attempts: number;
  email: string;
  name: string | null;
  /** The course's page in the LMS, when a launch told us. */
  lmsUrl: string | null;
}

export interface NotificationDeliveryStore {
  /** Takes up to `limit` due mails for `leaseMs` (another instance skips them meanwhile). */
  claimDue(now: Date, leaseMs: number, limit: number): Promise<DueNotification[]>;
  markSent(id: string, now: Date): Promise<void>;
  markRetry(id: string, next: Date, reason: string): Promise<void>;
  markFailed(id: string, reason: string): Promise<void>;
  /** Gives back claimed mails that were not tried, due again at `next`. */
  release(ids: string[], next: Date): Promise<void>;
  /** The digest rows of up to `limit` people, each person's rows together, locked until marked. */
  claimDigests(now: Date, leaseMs: number, limit: number): Promise<DueNotification[]>;
  markDigestSent(ids: string[], now: Date): Promise<void>;
}

const selectDue = sql`n.id, n.tenant_id as "tenantId", n.course_id as "courseId",
  n.program_id as "programId", n.circle_id as "circleId", n.user_id as "userId", n.kind, n.topic,
  n.facts, n.attempts, u.email, u.name, l.lms_url as "lmsUrl"`;

export function createNotificationDeliveryStore(db: Db): NotificationDeliveryStore {
  const claim = async (status: 'pending' | 'digest', now: Date, leaseMs: number, limit: number) => {
    const until = new Date(now.getTime() + leaseMs);
    // Digests are claimed per person (every row of the people taken), mails one by one.
    const pick = status === 'pending'
      ? sql`select id from notifications where mail_status = 'pending' and next_attempt_at <= ${now}
          order by next_attempt_at limit ${limit} for update skip locked`
      : sql`select id from notifications where mail_status = 'digest' and next_attempt_at <= ${now}
          and (tenant_id, user_id) in (select distinct tenant_id, user_id from notifications
            where mail_status = 'digest' and next_attempt_at <= ${now} limit ${limit})
          for update skip locked`;
    const { rows } = await sql<DueNotification>`
      with picked as (${pick}), claimed as (
        update notifications n set next_attempt_at = ${until} from picked where n.id = picked.id
        returning n.*
      )
      select ${selectDue} from claimed n
      join users u on u.tenant_id = n.tenant_id and u.id = n.user_id
      left join notification_links l on l.tenant_id = n.tenant_id and l.course_id = n.course_id
      order by n.tenant_id, n.user_id, n.created_at`.execute(db);
    return rows;
  };
  return {
    claimDue: (now, leaseMs, limit) => claim('pending', now, leaseMs, limit),
    claimDigests: (now, leaseMs, limit) => claim('digest', now, leaseMs, limit),
    async markSent(id, now) {
      await sql`update notifications set mail_status = 'sent', sent_at = ${now},
        attempts = attempts + 1, last_error = null where id = ${id}`.execute(db);
    },
    async markRetry(id, next, reason) {
      await sql`update notifications set attempts = attempts + 1, next_attempt_at = ${next},
        last_error = ${reason.slice(0, 500)}
        where id = ${id} and mail_status = 'pending'`.execute(db);
    },
    async markFailed(id, reason) {
      await sql`update notifications set mail_status = 'failed', attempts = attempts + 1,
        last_error = ${reason.slice(0, 500)} where id = ${id}`.execute(db);
    },
    async release(ids, next) {
      if (!ids.length) return;
      await sql`update notifications set next_attempt_at = ${next}
        where id = any(${ids}::uuid[]) and mail_status = 'pending'`.execute(db);
    },
    async markDigestSent(ids, now) {
      if (!ids.length) return;
      await sql`update notifications set mail_status = 'sent', sent_at = ${now}
        where id = any(${ids}::uuid[]) and mail_status = 'digest'`.execute(db);
    },
  };
}
