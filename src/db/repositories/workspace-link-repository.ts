import type { Db } from '../connection.js';
import type { LinkLookup, LinkWrite, WorkspaceStore } from '../../workspaces/workspace-ports.js';
import { appendToOutbox } from './outbox-repository.js';
import { toPerson, UUID, workspaces, type Trx } from './workspace-scope.js';

/** Records a link; the person's unused earlier links are deleted (only the newest signs in). */
export async function insertLink(trx: Trx, tenantId: string, userId: string, link: LinkWrite) {
  await trx
    .deleteFrom('workspace_sign_in_links')
    .where('tenant_id', '=', tenantId)
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .execute();
  await trx
    .insertInto('workspace_sign_in_links')
    .values({
      tenant_id: tenantId,
      user_id: userId,
      token_hash: link.tokenHash,
      created_by: link.createdBy,
      created_at: link.createdAt,
      expires_at: link.expiresAt,
    })
    .execute();
}

/** A link of the workspace by its token hash, with its person and course; `lock` for a use. */
async function lookUpIn(db: Db | Trx, tenantId: string, hash: string, now: Date, lock: boolean) {
  if (!UUID.test(tenantId)) return undefined;
  let q = workspaces(db)
    .where('t.id', '=', tenantId)
    .innerJoin('workspace_sign_in_links as l', 'l.tenant_id', 't.id')
    .innerJoin('workspace_people as p', (j) =>
      j.onRef('p.tenant_id', '=', 'l.tenant_id').onRef('p.user_id', '=', 'l.user_id'),
    )
    .innerJoin('users as u', (j) =>
      j.onRef('u.tenant_id', '=', 'p.tenant_id').onRef('u.id', '=', 'p.user_id'),
    )
    .innerJoin('enrolments as e', (j) =>
      j
        .onRef('e.tenant_id', '=', 'c.tenant_id')
        .onRef('e.course_id', '=', 'c.id')
        .onRef('e.user_id', '=', 'u.id'),
    )
    .where('l.token_hash', '=', hash)
    .select([
      'l.id',
      'e.id as enrolmentId',
      'l.used_at',
      'l.expires_at',
      't.name as workspaceName',
      'c.id as courseId',
      'c.title',
      'p.user_id as userId',
      'u.name',
      'p.email',
      'p.role',
    ]);
  if (lock) q = q.forUpdate('l');
  const row = await q.executeTakeFirst();
  if (!row) return undefined;
  const state: LinkLookup['state'] = row.used_at
    ? 'used'
    : row.expires_at <= now
      ? 'expired'
      : 'valid';
  const lookup: LinkLookup = {
    state,
    workspaceName: row.workspaceName,
    enrolmentId: row.enrolmentId,
    course: { tenantId, courseId: row.courseId, title: row.title ?? row.workspaceName },
    person: toPerson({
      tenantId,
      userId: row.userId,
      name: row.name,
      email: row.email,
      role: row.role,
    }),
  };
  return { id: row.id, lookup };
}

type LinkQueries = Pick<WorkspaceStore, 'issueLink' | 'lookUp' | 'consume' | 'signOutEverywhere'>;

/** The sign-in link half of the workspace store. */
export function createWorkspaceLinkQueries(db: Db): LinkQueries {
  return {
    async issueLink(tenantId, userId, link) {
      await db.transaction().execute((trx) => insertLink(trx, tenantId, userId, link));
    },
    async lookUp(tenantId, hash, now) {
      return (await lookUpIn(db, tenantId, hash, now, false))?.lookup;
    },
    async consume(tenantId, hash, now, events) {
      return db.transaction().execute(async (trx) => {
        const found = await lookUpIn(trx, tenantId, hash, now, true);
        if (!found || found.lookup.state !== 'valid') return found?.lookup;
        await trx
          .updateTable('workspace_sign_in_links')
          .set({ used_at: now })
          .where('tenant_id', '=', tenantId)
          .where('id', '=', found.id)
          .execute();
        await trx
          .updateTable('enrolments')
          .set({ last_launch_at: now })
          .where('tenant_id', '=', tenantId)
          .where('course_id', '=', found.lookup.course.courseId)
          .where('user_id', '=', found.lookup.person.userId)
          .execute();
        await appendToOutbox(trx, events(found.lookup));
        return found.lookup;
      });
    },
    async signOutEverywhere(tenantId, userId, now) {
      return db.transaction().execute(async (trx) => {
        await trx
          .deleteFrom('workspace_sign_in_links')
          .where('tenant_id', '=', tenantId)
          .where('user_id', '=', userId)
          .where('used_at', 'is', null)
          .execute();
        const res = await trx
          .updateTable('tool_sessions')
          .set({ revoked_at: now, revoked_reason: 'revoked' })
          .where('tenant_id', '=', tenantId)
          .where('user_id', '=', userId)
          .where('revoked_at', 'is', null)
          .executeTakeFirst();
        return Number(res.numUpdatedRows);
      });
    },
  };
}
