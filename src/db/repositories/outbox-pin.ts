import { sql, type RawBuilder } from 'kysely';

/**
 * The LRS pin of outbox rows. A row records the settings row (program's, else tenant's) and that
 * row's endpoint version in force when it was written. It is delivered only while that is still
 * the LRS in force; otherwise it is held until an administrator re-sends it to the new LRS.
 * A row written when no settings applied (null pin) belongs to the installation's default LRS
 * when there is one; without one it waited for the first LRS, which may take it.
 */

/** The settings row in force for tenant + program, as a lateral subquery (`id`, `version`, `program_id`). */
export const pinInForce = (tenantId: unknown, programId: unknown) => sql`(
  select s.id, s.endpoint_version as version, s.program_id from xapi_lrs_settings s
  where s.tenant_id = ${tenantId} and (s.program_id = ${programId} or s.program_id is null)
  order by s.program_id nulls last limit 1)`;

/** Joins `cur` (the settings in force now) to the outbox rows aliased `o`. */
export const currentLrsJoin = sql`left join lateral ${pinInForce(sql`o.tenant_id`, sql`o.program_id`)} cur on true`;

/** True for rows of `o` (joined with `cur`) that may go to the LRS in force now. */
export function deliverable(hasDefaultLrs: boolean): RawBuilder<boolean> {
  return sql<boolean>`(case
    when cur.id is null then o.lrs_settings_id is null and ${hasDefaultLrs}
    when o.lrs_settings_id is null then not ${hasDefaultLrs}
    else o.lrs_settings_id = cur.id and o.lrs_endpoint_version = cur.version end)`;
}

/** Rows of `o` recorded for another LRS than the one in force now (which exists). */
export function held(hasDefaultLrs: boolean): RawBuilder<boolean> {
  return sql<boolean>`(o.status <> 'delivered' and cur.id is not null and not ${deliverable(hasDefaultLrs)})`;
}
