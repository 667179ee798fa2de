import { sql } from 'kysely';
import type { DeepLinkingSettings } from '../../lti/launch-context.js';
import type { Db } from '../connection.js';

export interface StoredDeepLinkRequest {
  id: string;
  settings: DeepLinkingSettings;
  agsGranted: boolean;
  issuer: string;
  clientId: string;
  deploymentId: string;
  createdAt: Date;
  usedAt: Date | null;
}

interface Scope {
  tenantId: string;
  courseId: string;
  userId: string;
}

/** Deep Linking requests, kept server-side: the picker may answer only what the LMS asked, once. */
export function createDeepLinkRepository(db: Db) {
  const scoped = (scope: Scope, id: string) =>
    db.selectFrom('deep_link_requests as q')
      .innerJoin('lti_deployments as d', 'd.id', 'q.tenant_id').innerJoin('lti_registrations as r', 'r.id', 'd.platform_id')
      .select(['q.id', 'q.settings', 'q.ags_granted', 'q.created_at', 'q.used_at', 'r.issuer', 'r.client_id', 'd.deployment_id'])
      .where('q.id', '=', id).where('q.tenant_id', '=', scope.tenantId).where('q.course_id', '=', scope.courseId).where('q.user_id', '=', scope.userId);
  const toRequest = (r: Awaited<ReturnType<ReturnType<typeof scoped>['executeTakeFirstOrThrow']>>): StoredDeepLinkRequest => ({
    id: r.id, settings: r.settings as unknown as DeepLinkingSettings, agsGranted: r.ags_granted, issuer: r.issuer, clientId: r.client_id,
    deploymentId: r.deployment_id, createdAt: r.created_at, usedAt: r.used_at,
  });
  return {
    async save(scope: Scope, settings: DeepLinkingSettings, agsGranted: boolean): Promise<string> {
      const row = await db.insertInto('deep_link_requests')
        .values({ tenant_id: scope.tenantId, course_id: scope.courseId, user_id: scope.userId, settings: JSON.stringify(settings), ags_granted: agsGranted })
        .returning('id').executeTakeFirstOrThrow();
      return row.id;
    },
    async find(scope: Scope, id: string): Promise<StoredDeepLinkRequest | undefined> {
      const row = await scoped(scope, id).executeTakeFirst();
      return row && toRequest(row);
    },
    /** Marks the request answered; false when it was already answered (a second submit). */
    async markUsed(scope: Scope, id: string): Promise<boolean> {
      const result = await db.updateTable('deep_link_requests').set({ used_at: sql`now()` })
        .where('id', '=', id).where('tenant_id', '=', scope.tenantId).where('user_id', '=', scope.userId).where('used_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
  };
}

export type DeepLinkRepository = ReturnType<typeof createDeepLinkRepository>;
