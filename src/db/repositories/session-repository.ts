import type { Selectable } from 'kysely';
import type { CourseRole } from '../../lti/roles.js';
import type { NewSessionRecord, SessionRecord, SessionStore } from '../../web/session.js';
import type { Db } from '../connection.js';
import type { ToolSessionsTable } from '../schema.js';

function toRecord(row: Selectable<ToolSessionsTable>): SessionRecord {
  return {
    sid: row.sid, tenantId: row.tenant_id, userId: row.user_id, courseId: row.course_id, courseRole: row.course_role,
    tenantAdmin: row.tenant_admin, createdAt: row.created_at, lastSeenAt: row.last_seen_at, expiresAt: row.expires_at, revokedAt: row.revoked_at,
  };
}

export function createSessionRepository(db: Db) {
  return {
    async open(record: NewSessionRecord, higherRoles: CourseRole[]): Promise<void> {
      await db.transaction().execute(async (trx) => {
        await trx.updateTable('tool_sessions')
          .set({ revoked_at: record.createdAt, revoked_reason: 'role_lowered' })
          .where('tenant_id', '=', record.tenantId).where('user_id', '=', record.userId).where('course_id', '=', record.courseId)
          .where('revoked_at', 'is', null)
          .where((eb) => {
            const lowered = [];
            if (higherRoles.length) lowered.push(eb('course_role', 'in', higherRoles));
            if (!record.tenantAdmin) lowered.push(eb('tenant_admin', '=', true));
            return lowered.length ? eb.or(lowered) : eb.val(false);
          })
          .execute();
        await trx.insertInto('tool_sessions').values({
          sid: record.sid, tenant_id: record.tenantId, user_id: record.userId, course_id: record.courseId, course_role: record.courseRole,
          tenant_admin: record.tenantAdmin, created_at: record.createdAt, last_seen_at: record.createdAt, expires_at: record.expiresAt,
        }).execute();
      });
    },

    async find(sid: string): Promise<SessionRecord | undefined> {
      const row = await db.selectFrom('tool_sessions').selectAll().where('sid', '=', sid).executeTakeFirst();
      return row && toRecord(row);
    },

    async touch(sid: string, at: Date, unlessAfter: Date): Promise<void> {
      await db.updateTable('tool_sessions').set({ last_seen_at: at }).where('sid', '=', sid).where('last_seen_at', '<=', unlessAfter).execute();
    },

    /** Ends one session (sign-out, an operator's action); false when it was not live. */
    async revoke(sid: string, at: Date): Promise<boolean> {
      const res = await db.updateTable('tool_sessions').set({ revoked_at: at, revoked_reason: 'revoked' })
        .where('sid', '=', sid).where('revoked_at', 'is', null).executeTakeFirst();
      return res.numUpdatedRows > 0n;
    },

    /** Ends every live session of a person in a tenant (all courses); returns how many. */
    async revokeAllOfUser(tenantId: string, userId: string, at: Date): Promise<number> {
      const res = await db.updateTable('tool_sessions').set({ revoked_at: at, revoked_reason: 'revoked' })
        .where('tenant_id', '=', tenantId).where('user_id', '=', userId).where('revoked_at', 'is', null).executeTakeFirst();
      return Number(res.numUpdatedRows);
    },
  };
}

export type SessionRepository = ReturnType<typeof createSessionRepository> & SessionStore;
