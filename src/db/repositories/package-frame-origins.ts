import { sql } from 'kysely';
import type { Db } from '../connection.js';

/**
 * The LMS pages that frame the tool for package learners: the allow-lists of live packages, and
 * for packages without a list the origins their verified launches came from.
 */
export async function listPackageOrigins(db: Db): Promise<string[]> {
  const { rows } = await sql<{ origin: string }>`
    select distinct o.origin from delivery_packages dp
    cross join lateral (
      select jsonb_array_elements_text(dp.allowed_origins) as origin
      union
      select l.origin from package_launches l
      where l.tenant_id = dp.tenant_id and l.package_id = dp.id and l.origin is not null
        and jsonb_array_length(dp.allowed_origins) = 0
    ) o
    where dp.status = 'active' and dp.deleted_at is null`.execute(db);
  return rows.map((r) => r.origin);
}
