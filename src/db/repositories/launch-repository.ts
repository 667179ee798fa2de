import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../connection.js';
import { statementIdFor } from '../../xapi/ids.js';
import { identityModeSql } from './outbox-repository.js';
import { pinInForce } from './outbox-pin.js';
import type { LaunchContext } from '../../lti/launch-context.js';
import type { LaunchRecord, LaunchWrite, SessionOpening } from '../../lti/ports.js';
import { rightsAboveSql } from './session-repository.js';
import { prepared } from '../prepared-statements.js';

/**
 * The launch's tool session, as two more CTEs: the person's sessions in the course that held more
 * rights end, and the new one is recorded (what `SessionStore.open` does for other sign-ins).
 */
function sessionSql(tenantId: string, s: SessionOpening | null) {
  if (!s) return sql``;
  return sql`, rv as (
          update tool_sessions set revoked_at = ${s.createdAt}, revoked_reason = 'role_lowered'
          where tenant_id = ${tenantId} and user_id = (select id from u) and course_id = (select id from c)
            and revoked_at is null and (${rightsAboveSql(s.tenantAdmin, s.revokeRoles)}) and (select go from ok)
        ), so as (
          insert into tool_sessions
            (sid, tenant_id, user_id, course_id, course_role, tenant_admin, created_at, last_seen_at, expires_at)
          select ${s.sid}, ${tenantId}, u.id, c.id, ${s.courseRole}, ${s.tenantAdmin}, ${s.createdAt}, ${s.createdAt},
            ${s.expiresAt}
          from u, c, e
        )`;
}

interface RecordedRow {
  fresh: boolean;
  user_id: string;
  user_name: string | null;
  course_id: string;
  course_title: string | null;
  course_label: string | null;
  resource_link_id: string | null;
  link_program_id: string | null;
  link_activity: string | null;
  course_has_programs: boolean;
  enrolment_id: string;
}

export function createLaunchRepository(db: Db) {
  return {
    /**
     * Creates or updates (only when changed) the user, course, resource link and enrolment of a launch, and appends the
     * `launched` event to the xAPI outbox. One statement (data-modifying CTEs): atomic, and one
     * round trip on the hot path of every launch. The event's snapshot comes from the launch itself
     * (rows written by a CTE are invisible to the rest of the statement).
     */
    async record(tenantId: string, ctx: LaunchContext, write: LaunchWrite): Promise<LaunchRecord | 'replayed'> {
      const link = ctx.resourceLink;
      const eventId = randomUUID();
      const { login, session } = write;
      const query = (consume: boolean) => sql<RecordedRow>`${prepared}
        with st as (
          insert into login_states (state, nonce, issuer, client_id, login_params, created_at, used_at)
          select ${login.state}, ${login.nonceHash}, ${login.issuer}, ${login.clientId},
            ${JSON.stringify(login.loginParams)}::jsonb, ${login.issuedAt}, ${login.usedAt}
          where ${consume}
          on conflict (state) do nothing
          returning state
        ), ok as (
          select exists (select 1 from st) or not ${consume} as go
        ), uw as (
          insert into users (tenant_id, subject, name, given_name, family_name, email)
          select ${tenantId}, ${ctx.user.subject}, ${ctx.user.name}, ${ctx.user.givenName}, ${ctx.user.familyName}, ${ctx.user.email}
          from ok where ok.go and not exists (
            select 1 from users x where x.tenant_id = ${tenantId} and x.subject = ${ctx.user.subject}
              and (x.name, x.given_name, x.family_name, x.email) is not distinct from
                (coalesce(${ctx.user.name}, x.name), coalesce(${ctx.user.givenName}, x.given_name),
                 coalesce(${ctx.user.familyName}, x.family_name), coalesce(${ctx.user.email}, x.email)))
          on conflict (tenant_id, subject) do update set
            name = coalesce(excluded.name, users.name),
            given_name = coalesce(excluded.given_name, users.given_name),
            family_name = coalesce(excluded.family_name, users.family_name),
            email = coalesce(excluded.email, users.email),
            updated_at = now()
          where (users.name, users.given_name, users.family_name, users.email) is distinct from
            (coalesce(excluded.name, users.name), coalesce(excluded.given_name, users.given_name),
             coalesce(excluded.family_name, users.family_name), coalesce(excluded.email, users.email))
          returning id, name
        ), u as (
          select id, name from uw
          union all
          select id, name from users
          where tenant_id = ${tenantId} and subject = ${ctx.user.subject} and not exists (select 1 from uw)
        ), cw as (
          insert into courses (tenant_id, context_id, title, label, context_types, memberships_url)
          select ${tenantId}, ${ctx.course.contextId}, ${ctx.course.title}, ${ctx.course.label}, ${JSON.stringify(ctx.course.types)}::jsonb, ${ctx.services.membershipsUrl}::text
          from ok where ok.go and not exists (
            select 1 from courses x where x.tenant_id = ${tenantId} and x.context_id = ${ctx.course.contextId}
              and (x.title, x.label, x.context_types, x.memberships_url) is not distinct from
                (coalesce(${ctx.course.title}, x.title), coalesce(${ctx.course.label}, x.label),
                 ${JSON.stringify(ctx.course.types)}::jsonb, ${ctx.services.membershipsUrl}::text))
          on conflict (tenant_id, context_id) do update set
            title = coalesce(excluded.title, courses.title),
            label = coalesce(excluded.label, courses.label),
            context_types = excluded.context_types,
            memberships_url = excluded.memberships_url,
            updated_at = now()
          where (courses.title, courses.label, courses.context_types, courses.memberships_url) is distinct from
            (coalesce(excluded.title, courses.title), coalesce(excluded.label, courses.label),
             excluded.context_types, excluded.memberships_url)
          returning id, title, label
        ), c as (
          select id, title, label from cw
          union all
          select id, title, label from courses
          where tenant_id = ${tenantId} and context_id = ${ctx.course.contextId} and not exists (select 1 from cw)
        ), lw as (
          insert into resource_links (tenant_id, course_id, link_id, title, ags_lineitem_url, ags_scopes)
          select ${tenantId}, c.id, ${link?.id ?? null}::text, ${link?.title ?? null}::text,
            ${ctx.services.lineItemUrl}::text, ${JSON.stringify(ctx.services.agsScopes)}::jsonb
          from c, ok where ok.go and ${link?.id ?? null}::text is not null and not exists (
            select 1 from resource_links x where x.tenant_id = ${tenantId} and x.link_id = ${link?.id ?? null}::text
              and (x.title, x.course_id, x.ags_lineitem_url, x.ags_scopes) is not distinct from
                (coalesce(${link?.title ?? null}::text, x.title), c.id, ${ctx.services.lineItemUrl}::text,
                 ${JSON.stringify(ctx.services.agsScopes)}::jsonb))
          on conflict (tenant_id, link_id) do update set
            title = coalesce(excluded.title, resource_links.title),
            course_id = excluded.course_id,
            ags_lineitem_url = excluded.ags_lineitem_url,
            ags_scopes = excluded.ags_scopes,
            updated_at = now()
          where (resource_links.title, resource_links.course_id, resource_links.ags_lineitem_url, resource_links.ags_scopes)
            is distinct from (coalesce(excluded.title, resource_links.title), excluded.course_id,
              excluded.ags_lineitem_url, excluded.ags_scopes)
          returning id, program_id, activity
        ), l as (
          select id, program_id, activity from lw
          union all
          select id, program_id, activity from resource_links
          where tenant_id = ${tenantId} and link_id = ${link?.id ?? null}::text and not exists (select 1 from lw)
        ), e as (
          insert into enrolments (tenant_id, course_id, user_id, lti_roles, course_role)
          select ${tenantId}, c.id, u.id, ${JSON.stringify(ctx.roles)}::jsonb, ${ctx.courseRole} from u, c, ok where ok.go
          on conflict (tenant_id, course_id, user_id) do update set
            lti_roles = excluded.lti_roles,
            course_role = excluded.course_role,
            last_launch_at = now()
          returning id
        ), m as (
          select ${identityModeSql(tenantId, null)} as mode
        ), ev as (
          insert into xapi_outbox (id, tenant_id, course_id, program_id, event_type, event, snapshot, statement_id,
            lrs_settings_id, lrs_endpoint_version)
          select ${eventId}::uuid, ${tenantId}::uuid, c.id, null, 'launched',
            jsonb_build_object('id', ${eventId}::text, 'type', 'launched', 'occurredAt', to_char(now() at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
              'tenantId', ${tenantId}::text, 'courseId', c.id, 'programId', null, 'circleId', null, 'actorUserId', u.id,
              'data', jsonb_build_object('resourceLinkId', ${link?.id ?? null}::text, 'courseRole', ${ctx.courseRole}::text)),
            jsonb_build_object('tenantId', ${tenantId}::text,
              'platform', jsonb_build_object('issuer', ${ctx.issuer}::text, 'clientId', ${ctx.clientId}::text, 'deploymentId', ${ctx.deploymentId}::text),
              'identity', m.mode,
              'course', jsonb_build_object('contextId', ${ctx.course.contextId}::text, 'title', coalesce(c.title, c.label)),
              'program', null, 'registration', e.id,
              'people', jsonb_build_object(u.id::text, jsonb_build_object('subject', ${ctx.user.subject}::text, 'name', u.name,
                'email', case when m.mode = 'email' then ${ctx.user.email}::text end))),
            ${statementIdFor(eventId)}::uuid, pin.id, pin.version
          from u, c, e, m left join lateral ${pinInForce(sql`${tenantId}::uuid`, sql`null::uuid`)} pin on true
        )${sessionSql(tenantId, session)}
        select ok.go as fresh, r.* from ok left join lateral (
          select u.id as user_id, u.name as user_name, c.id as course_id, c.title as course_title, c.label as course_label,
               (select id from l) as resource_link_id, (select program_id from l) as link_program_id, (select activity from l) as link_activity,
               exists (select 1 from programs p where p.course_id = c.id) as course_has_programs, e.id as enrolment_id
          from u, c, e
        ) r on true
      `;
      // Unchanged rows are not written, nor even locked (ON CONFLICT DO UPDATE locks the row it
      // meets before its WHERE: every learner of a course would queue on the course row); a
      // person's first two launches racing can then miss the row the other just committed: the
      // retry, a new statement, sees it (the login is then already recorded as this launch's).
      let row = (await query(true).execute(db)).rows[0]!;
      if (!row.fresh) return 'replayed';
      if (!row.user_id) row = (await query(false).execute(db)).rows[0]!;
      return {
        tenantId,
        userId: row.user_id,
        userName: row.user_name,
        courseId: row.course_id,
        courseTitle: row.course_title ?? row.course_label,
        resourceLinkId: row.resource_link_id,
        enrolmentId: row.enrolment_id,
        linkTarget: row.link_program_id ? { programId: row.link_program_id, activity: row.link_activity } : null,
        courseHasPrograms: row.course_has_programs,
        session,
      };
    },
  };
}
