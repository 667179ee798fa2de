import type { Db } from '../connection.js';

/** Which program and activity a placed LMS link opens, and the course's roster service URL. */
export function createCourseLinkRepository(db: Db) {
  return {
    async bindLink(tenantId: string, resourceLinkId: string, programId: string, activity: string): Promise<void> {
      await db.updateTable('resource_links').set({ program_id: programId, activity })
        .where('id', '=', resourceLinkId).where('tenant_id', '=', tenantId).execute();
    },
    async linkTarget(tenantId: string, resourceLinkId: string): Promise<{ programId: string; activity: string | null } | undefined> {
      const row = await db.selectFrom('resource_links').select(['program_id', 'activity'])
        .where('id', '=', resourceLinkId).where('tenant_id', '=', tenantId).where('program_id', 'is not', null).executeTakeFirst();
      return row?.program_id ? { programId: row.program_id, activity: row.activity } : undefined;
    },
    /** Keeps the NRPS URL of the latest launch; a course whose LMS stops offering it goes back to null. */
    async rememberMembershipsUrl(tenantId: string, courseId: string, url: string | null): Promise<void> {
      await db.updateTable('courses').set({ memberships_url: url })
        .where('id', '=', courseId).where('tenant_id', '=', tenantId)
        .where((eb) => eb('memberships_url', 'is distinct from', url)).execute();
    },
  };
}

export type CourseLinkRepository = ReturnType<typeof createCourseLinkRepository>;
