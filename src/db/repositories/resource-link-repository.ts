import type { Db } from '../connection.js';

/** Which program and activity a placed LMS link opens. */
export function createCourseLinkRepository(db: Db) {
  return {
    async bindLink(tenantId: string, resourceLinkId: string, programId: string, activity: string): Promise<void> {
      await db.updateTable('resource_links').set({ program_id: programId, activity })
        .where('id', '=', resourceLinkId).where('tenant_id', '=', tenantId).execute();
    },
  };
}

export type CourseLinkRepository = ReturnType<typeof createCourseLinkRepository>;
