import { sql, type Kysely } from 'kysely';
import type { DomainEvent } from '../../mentoring/events.js';
import { computeScore } from '../../mentoring/grades/grade-rule.js';
import { scorableLineItems, skipReasonOf } from '../../mentoring/grades/grade-eligibility.js';
import {
  DEFAULT_GRADE_SETTINGS, type GradeSettings,
} from '../../mentoring/grades/grade-settings.js';
import { scoreTargetsOf, type ScoreTarget } from '../../mentoring/grades/score-events.js';
import { scoreMessageOf } from '../../lti/ags-client.js';
import type { Database } from '../schema.js';
import { gradedParticipants, programLineItems } from './score-facts-repository.js';

type Q = Kysely<Database>;

export async function readGradeSettings(q: Q, tenantId: string, programId: string) {
  const { rows } = await sql<GradeSettings>`select mode, weights from grade_settings
    where tenant_id = ${tenantId} and program_id = ${programId}`.execute(q);
  return rows[0];
}

/**
 * Recomputes the scores of a program's participants (`only`: some of them) and queues each one
 * that changed, per line item the tool may score. Called inside the transaction of the change.
 * A newer score supersedes the person's older pending one; its timestamp is later than every
 * earlier one of theirs, so a platform never sees time go backwards. `force` ("send scores now")
 * queues unchanged scores too, unless one is still pending.
 */
export async function queueScores(
  q: Q, tenantId: string, programId: string, only: string[] | null, asOf: Date, force = false,
): Promise<number> {
  const items = scorableLineItems(await programLineItems(q, tenantId, programId));
  if (!items.length) return 0;
  const settings = (await readGradeSettings(q, tenantId, programId)) ?? DEFAULT_GRADE_SETTINGS;
  const everyone = await gradedParticipants(q, tenantId, programId, only);
  const people = everyone.filter((p) => !skipReasonOf(p));
  const input = people.flatMap((p) => {
    const message = scoreMessageOf(computeScore(settings, p.facts, asOf), p.subject);
    return items.map((i) => ({
      platform_id: i.platformId, user_id: p.userId, line_item_url: i.url, score: message,
    }));
  });
  if (!input.length) return 0;
  const { rows } = await sql<{ seq: string }>`
    with i as (
      select * from jsonb_to_recordset(${JSON.stringify(input)}::jsonb)
        as i(platform_id uuid, user_id uuid, line_item_url text, score jsonb)
    ), locked as (
      select i.*,
        pg_advisory_xact_lock(
          hashtextextended(${tenantId}::text || i.line_item_url || i.user_id::text, 14))
      from i
    )
    insert into score_outbox (tenant_id, platform_id, program_id, user_id, line_item_url, score,
      score_timestamp, next_attempt_at)
    select ${tenantId}, l.platform_id, ${programId}, l.user_id, l.line_item_url, l.score,
      greatest(${asOf}::timestamptz, last.score_timestamp + interval '1 millisecond'),
        ${asOf}::timestamptz
    from locked l
    left join lateral (select o.score, o.score_timestamp, o.status from score_outbox o
      where o.tenant_id = ${tenantId} and o.line_item_url = l.line_item_url
        and o.user_id = l.user_id
      order by o.seq desc limit 1) last on true
    where last.score is distinct from l.score or (${force} and last.status <> 'pending')
    returning seq
  `.execute(q);
  if (!rows.length) return 0;
  await sql`update score_outbox o set status = 'superseded'
    from score_outbox n
    where n.tenant_id = ${tenantId} and n.seq = any(${rows.map((r) => r.seq)}::bigint[])
      and o.tenant_id = n.tenant_id and o.line_item_url = n.line_item_url and o.user_id = n.user_id
      and o.status = 'pending' and o.seq < n.seq`.execute(q);
  return rows.length;
}

/** The participants of one program that the targets name, in one statement whatever their count. */
async function participantsOf(
  q: Q, tenantId: string, programId: string, targets: ScoreTarget[],
): Promise<string[]> {
  const circleIds = [...new Set(targets.flatMap((t) => (t.circleId ? [t.circleId] : [])))];
  const userIds = [...new Set(targets.flatMap((t) => (!t.circleId && t.userId ? [t.userId] : [])))];
  const { rows } = await sql<{ id: string }>`
    select pa.id from participants pa
    where pa.tenant_id = ${tenantId} and pa.program_id = ${programId}
      and (pa.user_id = any(${userIds}::uuid[])
        or pa.id in (select cm.participant_id from circle_members cm
          where cm.tenant_id = ${tenantId} and cm.circle_id = any(${circleIds}::uuid[])
            and cm.left_at is null))
  `.execute(q);
  return rows.map((r) => r.id);
}

/**
 * The grade hook of the outbox: for every event that can move a score, the affected participants'
 * scores are recomputed and queued in the same transaction as the change.
 */
export async function enqueueScoresFor(q: Q, events: DomainEvent[]): Promise<void> {
  const targets = scoreTargetsOf(events);
  if (!targets.length) return;
  const asOf = new Date(Math.max(...events.map((e) => new Date(e.occurredAt).getTime())));
  const byProgram = new Map<string, { tenantId: string; targets: ScoreTarget[] }>();
  for (const t of targets) {
    const entry = byProgram.get(t.programId);
    if (entry) entry.targets.push(t);
    else byProgram.set(t.programId, { tenantId: t.tenantId, targets: [t] });
  }
  for (const [programId, { tenantId, targets: mine }] of byProgram) {
    // Most programs send no grades: one small query, and no more, for them.
    if (!scorableLineItems(await programLineItems(q, tenantId, programId)).length) continue;
    const ids = await participantsOf(q, tenantId, programId, mine);
    if (ids.length) await queueScores(q, tenantId, programId, ids, asOf);
  }
}
