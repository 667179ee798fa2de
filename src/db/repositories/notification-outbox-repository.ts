import { sql, type Kysely } from 'kysely';
import type { DomainEvent } from '../../mentoring/events.js';
import {
  KINDS, notificationIntents, TOPIC_KIND, type NotificationIntent,
} from '../../mentoring/notifications/kinds.js';
import type { Database } from '../schema.js';

type Q = Kysely<Database>;

const DEFAULT_MODES = JSON.stringify(
  Object.fromEntries(Object.entries(KINDS).map(([kind, k]) => [kind, k.defaultMode])),
);

const rowOf = ({ event: e, topic, audience }: NotificationIntent) => ({
  event_id: e.id, tenant_id: e.tenantId, course_id: e.courseId, program_id: e.programId,
  circle_id: e.circleId, actor: e.actorUserId, topic, kind: TOPIC_KIND[topic],
  audience: audience.to, target: audience.to === 'user' ? audience.userId : null, data: e.data,
});

/**
 * Writes one notification per (event, person) inside the change's transaction; the unique key
 * makes a replay write nothing twice. Facts are a snapshot of what the message may say (names,
 * titles, the meeting's time and place) — never notes, answers, journals or feedback.
 */
export async function enqueueNotificationsFor(q: Q, events: DomainEvent[]): Promise<void> {
  await enqueueIntents(q, notificationIntents(events));
}

/** Notifications that follow no domain event (a meeting's change, a staff reminder). */
export async function enqueueIntents(q: Q, intents: NotificationIntent[]): Promise<void> {
  const rows = intents.map(rowOf);
  if (!rows.length) return;
  await sql`
    with e as (
      select * from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as e(event_id uuid,
        tenant_id uuid, course_id uuid, program_id uuid, circle_id uuid, actor uuid, topic text,
        kind text, audience text, target uuid, data jsonb)
    ), r as (
      select e.*, e.target as user_id from e where e.audience = 'user'
      union all
      select e.*, pa.user_id from e
      join circle_members cm on cm.tenant_id = e.tenant_id and cm.circle_id = e.circle_id
        and cm.left_at is null
      join participants pa on pa.tenant_id = e.tenant_id and pa.id = cm.participant_id
      where e.audience = 'circle_others' and pa.user_id <> e.actor
    )
    insert into notifications (tenant_id, course_id, program_id, circle_id, user_id, event_id,
      kind, topic, facts, mail_status)
    select r.tenant_id, r.course_id, r.program_id, r.circle_id, r.user_id, r.event_id, r.kind,
      r.topic, jsonb_build_object('program', p.title, 'circle', c.name, 'timeZone', c.time_zone,
        'actor', a.name, 'data', r.data, 'course', coalesce(co.title, co.label),
        'members', case
          when r.topic in ('circle_formed', 'meeting_scheduled', 'meeting_changed',
            'meeting_cancelled')
          then ${membersOf(sql`r.tenant_id`, sql`r.circle_id`)} end,
        'meeting', ${meetingOf(sql`r.tenant_id`, sql`(r.data->>'meetingId')::uuid`)},
        'deadline', ch.deadline_at,
        'deliveryId', (select d.id from prompt_deliveries d where d.tenant_id = r.tenant_id
          and d.circle_id = r.circle_id and d.prompt_id = (r.data->>'promptId')::uuid
          order by d.seq desc limit 1)),
      case when mode.m = 'off' then 'off' when u.email is null then 'no_address'
        when mode.m = 'digest' then 'digest' else 'pending' end
    from r
    join users u on u.tenant_id = r.tenant_id and u.id = r.user_id
    left join users a on a.tenant_id = r.tenant_id and a.id = r.actor
    left join courses co on co.tenant_id = r.tenant_id and co.id = r.course_id
    left join programs p on p.tenant_id = r.tenant_id and p.id = r.program_id
    left join circles c on c.tenant_id = r.tenant_id and c.id = r.circle_id
    left join notification_preferences pref on pref.tenant_id = r.tenant_id
      and pref.user_id = r.user_id and pref.kind = r.kind
    cross join lateral (select coalesce(pref.mode, ${DEFAULT_MODES}::jsonb ->> r.kind) as m) mode
    left join lateral (select x.deadline_at from match_choices x
      join participants me on me.tenant_id = x.tenant_id and me.id = x.mentee_participant_id
      join participants mo on mo.tenant_id = x.tenant_id and mo.id = x.mentor_participant_id
      where x.tenant_id = r.tenant_id and x.program_id = r.program_id and x.status = 'pending'
        and me.user_id = r.actor and mo.user_id = r.user_id limit 1) ch on true
    where r.topic <> 'mentor_request' or ch.deadline_at is not null
    on conflict (tenant_id, event_id, user_id) do nothing
  `.execute(q);
}

/** The circle's current members with the e-mail the LMS shared (for ATTENDEE lines). */
const membersOf = (tenantId: unknown, circleId: unknown) => sql`(select
  coalesce(jsonb_agg(jsonb_build_object('userId', mu.id, 'name', mu.name, 'email', mu.email,
    'role', cm.role) order by cm.role, mu.name), '[]'::jsonb)
  from circle_members cm
  join participants pa on pa.tenant_id = cm.tenant_id and pa.id = cm.participant_id
  join users mu on mu.tenant_id = pa.tenant_id and mu.id = pa.user_id
  where cm.tenant_id = ${tenantId} and cm.circle_id = ${circleId} and cm.left_at is null)`;

/** What a meeting invitation shows: never the circle's private notes. */
const meetingOf = (tenantId: unknown, meetingId: unknown) => sql`(select jsonb_build_object(
  'id', m.id, 'startsAt', m.starts_at, 'durationMinutes', m.duration_minutes, 'mode', m.mode,
  'place', m.place, 'agenda', m.agenda, 'sequence', m.sequence, 'updatedAt', m.updated_at)
  from circle_meetings m where m.tenant_id = ${tenantId} and m.id = ${meetingId})`;

/**
 * A meeting changed or was cancelled: not an xAPI event, but its members must hear of it (the
 * same UID, a higher SEQUENCE). Called inside the transaction of the change.
 */
export async function enqueueMeetingChange(
  q: Q, change: { tenantId: string; circleId: string; meetingId: string; actorUserId: string },
  topic: 'meeting_changed' | 'meeting_cancelled' = 'meeting_changed',
): Promise<void> {
  const { rows } = await sql<{ course_id: string; program_id: string }>`
    select p.course_id, p.id as program_id from circles c
    join programs p on p.tenant_id = c.tenant_id and p.id = c.program_id
    where c.tenant_id = ${change.tenantId} and c.id = ${change.circleId}`.execute(q);
  const where = rows[0];
  if (!where) return;
  const event = {
    id: crypto.randomUUID(), type: 'meeting_scheduled', occurredAt: new Date(),
    tenantId: change.tenantId, courseId: where.course_id, programId: where.program_id,
    circleId: change.circleId, actorUserId: change.actorUserId,
    data: { meetingId: change.meetingId, startsAt: '', durationMinutes: 0 },
  } as DomainEvent<'meeting_scheduled'>;
  await enqueueIntents(q, [{ event, topic, audience: { to: 'circle_others' } }]);
}
