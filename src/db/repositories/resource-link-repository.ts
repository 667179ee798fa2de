import type { Db } from '../connection.js';

/** Which program and activity a placed LMS link opens. */
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
  };
}

export type CourseLinkRepository = ReturnType<typeof createCourseLinkRepository>;
