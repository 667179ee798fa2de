import { sql } from 'kysely';
import type { Db } from '../connection.js';

export interface LmsLinkStore {
  /** Keeps the course's LMS page; written only when it changed (no hot row on every launch). */
  save(tenantId: string, courseId: string, lmsUrl: string): Promise<void>;
}

export function createLmsLinkStore(db: Db): LmsLinkStore {
  return {
    async save(tenantId, courseId, lmsUrl) {
      // An unchanged row is not even locked: ON CONFLICT DO UPDATE locks the row it meets before
      // its WHERE, and every launch of a course would queue on that row.
      await sql`insert into notification_links (tenant_id, course_id, lms_url)
        select ${tenantId}, ${courseId}, ${lmsUrl}
        where not exists (select 1 from notification_links
          where tenant_id = ${tenantId} and course_id = ${courseId} and lms_url = ${lmsUrl})
        on conflict (tenant_id, course_id) do update
          set lms_url = excluded.lms_url, updated_at = now()
        where notification_links.lms_url is distinct from excluded.lms_url`.execute(db);
    },
  };
}
