import { sql, type Transaction } from 'kysely';
import type { DomainEvent } from '../../mentoring/events.js';
import { statementIdFor } from '../../xapi/ids.js';
import { peopleNamedBy } from '../../xapi/statement-builders.js';
import type { Database } from '../schema.js';
import { pinInForce } from './outbox-pin.js';
import { enqueueScoresFor } from './score-outbox-repository.js';
import { enqueueNotificationsFor } from './notification-outbox-repository.js';

/** People are looked up by primary key (a uuid), so that a change with thousands of events stays fast. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The identity mode in force for a tenant (and program): the program's LRS setting, the tenant's, else `account`. */
export const identityModeSql = (tenantId: unknown, programId: unknown) => sql<string>`coalesce(
  (select s.identity_mode from xapi_lrs_settings s where s.tenant_id = ${tenantId} and s.program_id = ${programId}),
  (select s.identity_mode from xapi_lrs_settings s where s.tenant_id = ${tenantId} and s.program_id is null),
  'account')`;

/**
 * Writes domain events to the xAPI outbox inside the caller's transaction, so a domain change and
 * its events commit or roll back together. Each row also gets the snapshot its statement needs
 * (platform, course, program, registration, the people it names), read in the same transaction:
 * the statement built later never depends on rows that changed or were deleted since. Left joins
 * keep every event, even one whose rows are missing: its statement then fails to build and the
 * row is marked, never dropped.
 */
export async function appendToOutbox(trx: Transaction<Database>, events: DomainEvent[]): Promise<void> {
  if (events.length === 0) return;
  const input = events.map((e) => ({
    id: e.id, tenant_id: e.tenantId, course_id: e.courseId, program_id: e.programId, actor_user_id: e.actorUserId,
    type: e.type, statement_id: statementIdFor(e.id), people: peopleNamedBy(e).filter((id) => UUID.test(id)), event: e,
  }));
  await sql`
    insert into xapi_outbox (id, tenant_id, course_id, program_id, event_type, event, snapshot, statement_id,
      lrs_settings_id, lrs_endpoint_version)
    select e.id, e.tenant_id, e.course_id, e.program_id, e.type, e.event, jsonb_build_object(
      'tenantId', e.tenant_id,
      'platform', case when r.id is null then null else jsonb_build_object('issuer', r.issuer, 'clientId', r.client_id, 'deploymentId', d.deployment_id) end,
      'workspace', case when t.kind = 'workspace' then jsonb_build_object('homePage', t.home_page, 'name', t.name) end,
      'identity', m.mode,
      'course', case when c.id is null then null else jsonb_build_object('contextId', c.context_id, 'title', coalesce(c.title, c.label)) end,
      'program', case when p.id is null then null else jsonb_build_object('title', p.title,
        'types', p.program_types || case when p.virtual then '["virtual"]'::jsonb else '[]'::jsonb end) end,
      'registration', coalesce(pa.id, en.id),
      'package', (select jsonb_build_object('id', dp.id, 'kind', dp.kind, 'label', dp.label, 'homePage', dp.home_page)
        from package_learners pl join delivery_packages dp on dp.tenant_id = pl.tenant_id and dp.id = pl.package_id
        where pl.tenant_id = e.tenant_id and pl.user_id = e.actor_user_id),
      'people', (select coalesce(jsonb_object_agg(u.id, jsonb_build_object('subject', u.subject, 'name', u.name,
          'email', case when m.mode = 'email' then u.email end,
          'homePage', (select dp.home_page from package_learners pl join delivery_packages dp
            on dp.tenant_id = pl.tenant_id and dp.id = pl.package_id
            where pl.tenant_id = u.tenant_id and pl.user_id = u.id))), '{}'::jsonb)
        from users u where u.tenant_id = e.tenant_id
          and u.id = any (array(select person::uuid from jsonb_array_elements_text(e.people) as person)))
    ), e.statement_id, pin.id, pin.version
    from jsonb_array_elements(${JSON.stringify(input)}::jsonb) with ordinality as a(doc, ord)
    cross join lateral jsonb_to_record(a.doc) as e(id uuid, tenant_id uuid, course_id uuid, program_id uuid,
      actor_user_id uuid, type text, statement_id uuid, people jsonb, event jsonb)
    cross join lateral (select ${identityModeSql(sql`e.tenant_id`, sql`e.program_id`)} as mode) m
    left join lateral ${pinInForce(sql`e.tenant_id`, sql`e.program_id`)} pin on true
    left join lti_deployments d on d.id = e.tenant_id
    left join lti_registrations r on r.id = d.platform_id
    left join tenants t on t.id = e.tenant_id
    left join courses c on c.id = e.course_id and c.tenant_id = e.tenant_id
    left join programs p on p.id = e.program_id and p.tenant_id = e.tenant_id
    left join participants pa on pa.program_id = e.program_id and pa.user_id = e.actor_user_id
    left join enrolments en on en.course_id = e.course_id and en.user_id = e.actor_user_id
    -- seq (delivery order per actor) must follow the events' order; a join plan may reorder rows.
    order by a.ord
  `.execute(trx);
  // Every change's events pass here: the grades they move are queued in the same transaction.
  await enqueueScoresFor(trx, events);
  // …and the people they concern are notified (inbox and mail), once per (event, person).
  await enqueueNotificationsFor(trx, events);
}
