import { sql } from 'kysely';
import type { Db } from '../../../src/db/connection.js';

/**
 * Gives the circles of an approved matching a history, set-based (fast for 2,000 people):
 * circles started `weeksAgo` weeks ago with an agreed contract, and per circle a number of held
 * meetings (both members present) and mentee → mentor ratings. When `diversityDrivesMeetings`,
 * the approved proposal's diversity points vary by pair (0, half or full, as a past matching of
 * mixed profiles would have scored them) and pairs with more diversity meet more and rate
 * higher: the evidence "what makes pairs work" should find.
 */
export async function seedOutcomes(db: Db, programId: string, options: { weeksAgo: number; diversityDrivesMeetings: boolean }): Promise<void> {
  const started = new Date(Date.now() - options.weeksAgo * 7 * 86_400_000).toISOString().slice(0, 10);
  await db.transaction().execute(async (trx) => {
    if (options.diversityDrivesMeetings) {
      await sql`update match_proposals mp set result = jsonb_set(mp.result, '{pairs}', (
          select jsonb_agg(jsonb_set(pair, '{criteria}', (
            select jsonb_agg(case when c->>'criterion' = 'diversity'
              then c || jsonb_build_object('points', (ord % 3) * 0.5, 'maxPoints', 1) else c end)
            from jsonb_array_elements(pair->'criteria') c)) order by ord)
          from jsonb_array_elements(mp.result->'pairs') with ordinality as p(pair, ord)))
        where mp.program_id = ${programId} and mp.status = 'approved'`.execute(trx);
    }
    await sql`update programs set starts_on = ${started}::date where id = ${programId}`.execute(trx);
    await sql`update circles set started_on = ${started}::date, created_at = ${started}::timestamptz
      where program_id = ${programId}`.execute(trx);
    await sql`insert into contract_versions (tenant_id, circle_id, version, mentor_role, mentee_objectives, cadence,
        confidentiality, feedback_channel, escalation_path, proposed_by, agreed_at)
      select c.tenant_id, c.id, 1, 'Guide', 'Grow', 'fortnightly', 'Private', 'Talk', 'Staff', p.user_id, now()
      from circles c join circle_members m on m.circle_id = c.id and m.role = 'mentor' and m.left_at is null
      join participants p on p.id = m.participant_id where c.program_id = ${programId}`.execute(trx);
    // Meetings per circle: 1 + 2 × the pair's diversity share (0, 1 or 2 halves), else 2.
    await sql`with pairs as (
        select (pair->>'mentorId')::uuid as mentor, (pair->>'menteeId')::uuid as mentee,
          coalesce((select (c->>'points')::float8 / nullif((c->>'maxPoints')::float8, 0)
            from jsonb_array_elements(pair->'criteria') c where c->>'criterion' = 'diversity'), 0.5) as share
        from match_proposals mp cross join lateral jsonb_array_elements(mp.result->'pairs') pair
        where mp.program_id = ${programId} and mp.status = 'approved'),
      circle_pairs as (select distinct on (c.id) c.id as circle_id, c.tenant_id, pairs.*, u.user_id as mentor_user
        from pairs join circle_members a on a.participant_id = pairs.mentor and a.left_at is null
        join circle_members b on b.participant_id = pairs.mentee and b.circle_id = a.circle_id and b.left_at is null
        join circles c on c.id = a.circle_id join participants u on u.id = pairs.mentor),
      meetings as (insert into circle_meetings (tenant_id, circle_id, starts_at, duration_minutes, mode, created_by)
        select cp.tenant_id, cp.circle_id, now() - ((k * 7 - 3) || ' days')::interval, 45, 'virtual', cp.mentor_user
        from circle_pairs cp cross join generate_series(1, 1 + round(cp.share * 4)::int) k
        returning id, tenant_id, circle_id)
      insert into meeting_attendance (tenant_id, meeting_id, participant_id, present, marked_by)
      select m.tenant_id, m.id, who.pid, true, cp.mentor_user from meetings m
      join circle_pairs cp on cp.circle_id = m.circle_id
      cross join lateral (values (cp.mentor), (cp.mentee)) who(pid)`.execute(trx);
    await sql`insert into meeting_feedback (tenant_id, circle_id, meeting_id, from_participant_id, to_participant_id, rating)
      select distinct on (m.circle_id) m.tenant_id, m.circle_id, m.id, e.participant_id, r.participant_id,
        least(5, 2 + (select count(*) from circle_meetings x where x.circle_id = m.circle_id)::int / 2)
      from circle_meetings m join circles c on c.id = m.circle_id
      join circle_members e on e.circle_id = c.id and e.role <> 'mentor' and e.left_at is null
      join circle_members r on r.circle_id = c.id and r.role = 'mentor' and r.left_at is null
      where c.program_id = ${programId} order by m.circle_id, m.starts_at`.execute(trx);
  });
}
