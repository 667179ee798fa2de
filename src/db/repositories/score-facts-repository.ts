import { sql, type Kysely } from 'kysely';
import type { Cadence } from '../../mentoring/programs/program-options.js';
import type { GradedParticipant, GradeLineItem } from '../../mentoring/grades/ports.js';
import type { Database } from '../schema.js';

type Q = Kysely<Database>;

interface FactsRow {
  participant_id: string; user_id: string; name: string | null; subject: string;
  program_status: 'active' | 'inactive'; enrolment_status: 'active' | 'inactive' | null;
  launched: boolean; cadence: Cadence; circle_started_on: string | Date | null;
  contract_agreed: boolean; meetings_attended: number; prompts_delivered: number;
  prompts_answered: number; milestones_total: number; milestones_completed: number;
  survey_done: boolean;
}

const dayOf = (v: string | Date | null) =>
  (v === null ? null : v instanceof Date ? v : new Date(`${v}T00:00:00Z`));

/**
 * What each participant of a program did, counted where it is recorded. `only` narrows to some
 * participants (null: all). Every subquery is scoped by the tenant.
 */
export async function gradedParticipants(
  q: Q, tenantId: string, programId: string, only: string[] | null,
): Promise<GradedParticipant[]> {
  const { rows } = await sql<FactsRow>`
    with pa as (
      select pa.* from participants pa
      where pa.tenant_id = ${tenantId} and pa.program_id = ${programId}
        and (${only === null} or pa.id = any(${only ?? []}::uuid[]))
    ),
    -- Every membership, kept or left, of participants of this tenant (pa). Not materialized:
    -- each use below names its participant, an index lookup per person (a materialized list
    -- was scanned once per person); no tenant filter, which a stale plan would scan instead.
    mc as not materialized (
      select cm.participant_id, cm.circle_id, c.started_on from circle_members cm
      join circles c on c.tenant_id = cm.tenant_id and c.id = cm.circle_id
    )
    select pa.id as participant_id, pa.user_id, u.name, u.subject, pa.status as program_status,
      e.status as enrolment_status, p.cadence,
      -- A first launch inserts its enrolment with no last_launch_at (only relaunches set it).
      coalesce(e.last_launch_at is not null or e.source = 'launch', false) as launched,
      (select min(mc.started_on) from mc where mc.participant_id = pa.id) as circle_started_on,
      exists (select 1 from mc join contract_versions cv on cv.tenant_id = ${tenantId}
        and cv.circle_id = mc.circle_id
        where mc.participant_id = pa.id and cv.agreed_at is not null) as contract_agreed,
      (select count(*) from meeting_attendance ma
        where ma.tenant_id = ${tenantId} and ma.participant_id = pa.id
          and ma.present)::int as meetings_attended,
      (select count(*) from prompt_deliveries d join mc on mc.circle_id = d.circle_id
        where d.tenant_id = ${tenantId} and mc.participant_id = pa.id
          and d.outcome = 'delivered')::int as prompts_delivered,
      (select count(distinct a.delivery_id) from prompt_answers a
        join mc on mc.circle_id = a.circle_id
        where a.tenant_id = ${tenantId} and mc.participant_id = pa.id
          and a.author_user_id = pa.user_id)::int as prompts_answered,
      (select count(*) from goal_milestones m join circle_goals g on g.tenant_id = m.tenant_id
        and g.id = m.goal_id
        where m.tenant_id = ${tenantId}
          and g.owner_participant_id = pa.id)::int as milestones_total,
      (select count(*) from goal_milestones m join circle_goals g on g.tenant_id = m.tenant_id
        and g.id = m.goal_id
        where m.tenant_id = ${tenantId} and g.owner_participant_id = pa.id
          and m.status = 'done')::int as milestones_completed,
      exists (select 1 from survey_submissions s where s.tenant_id = ${tenantId}
        and s.program_id = pa.program_id
        and s.participant_id = pa.id) as survey_done
    from pa
    join programs p on p.tenant_id = pa.tenant_id and p.id = pa.program_id
    join users u on u.tenant_id = pa.tenant_id and u.id = pa.user_id
    left join enrolments e on e.tenant_id = pa.tenant_id and e.course_id = p.course_id
      and e.user_id = pa.user_id
    order by coalesce(u.name, u.subject), pa.id
  `.execute(q);
  return rows.map((r) => ({
    participantId: r.participant_id, userId: r.user_id, name: r.name, subject: r.subject,
    programStatus: r.program_status, enrolmentStatus: r.enrolment_status, launched: r.launched,
    facts: {
      contractAgreed: r.contract_agreed, meetingsAttended: r.meetings_attended, cadence: r.cadence,
      circleStartedOn: dayOf(r.circle_started_on), promptsAnswered: r.prompts_answered,
      promptsDelivered: r.prompts_delivered, milestonesCompleted: r.milestones_completed,
      milestonesTotal: r.milestones_total, surveyDone: r.survey_done,
    },
  }));
}

/** The line items of the program's placed links, as their last launch's AGS claim named them. */
type LineItemRow = { url: string; scopes: string[]; title: string | null; platform_id: string };

export async function programLineItems(
  q: Q, tenantId: string, programId: string,
): Promise<Array<GradeLineItem & { platformId: string }>> {
  const { rows } = await sql<LineItemRow>`
    select distinct on (r.ags_lineitem_url) r.ags_lineitem_url as url, r.ags_scopes as scopes,
      r.title, d.platform_id
    from resource_links r join lti_deployments d on d.id = r.tenant_id
    where r.tenant_id = ${tenantId} and r.program_id = ${programId}
      and r.ags_lineitem_url is not null
    order by r.ags_lineitem_url, r.updated_at desc
  `.execute(q);
  return rows.map(({ platform_id: platformId, ...r }) => ({ ...r, platformId }));
}
