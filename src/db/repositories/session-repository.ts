import { sql, type Selectable } from 'kysely';
import type { CourseRole } from '../../lti/roles.js';
import type { NewSessionRecord, SessionRecord, SessionStore } from '../../web/session.js';
import type { Db } from '../connection.js';
import type { ToolSessionsTable } from '../schema.js';
import { prepared } from '../prepared-statements.js';

function toRecord(row: Selectable<ToolSessionsTable>): SessionRecord {
  return {
    sid: row.sid, tenantId: row.tenant_id, userId: row.user_id, courseId: row.course_id, courseRole: row.course_role,
    tenantAdmin: row.tenant_admin, createdAt: row.created_at, lastSeenAt: row.last_seen_at, expiresAt: row.expires_at, revokedAt: row.revoked_at,
  };
}

/** Sessions that hold more rights than a new one: a higher course role, or LMS-administrator rights. */
export function rightsAboveSql(tenantAdmin: boolean, higherRoles: CourseRole[]) {
  const lowered = [
    ...(higherRoles.length ? [sql`course_role in (${sql.join(higherRoles)})`] : []),
    ...(!tenantAdmin ? [sql`tenant_admin`] : []),
  ];
  return lowered.length ? sql.join(lowered, sql` or `) : sql`false`;
}

export function createSessionRepository(db: Db) {
  return {
    /**
     * Opens a session and ends the person's live sessions in the course that held more rights
     * (a higher course role, or LMS-administrator rights this launch no longer has). One
     * statement: a data-modifying CTE, so the launch pays one round trip, atomically.
     */
    async open(record: NewSessionRecord, higherRoles: CourseRole[]): Promise<void> {
      const revokeWhere = rightsAboveSql(record.tenantAdmin, higherRoles);
      await sql`
        with revoked as (
          update tool_sessions set revoked_at = ${record.createdAt}, revoked_reason = 'role_lowered'
          where tenant_id = ${record.tenantId} and user_id = ${record.userId}
            and course_id = ${record.courseId} and revoked_at is null and (${revokeWhere})
          returning sid
        )
        insert into tool_sessions
          (sid, tenant_id, user_id, course_id, course_role, tenant_admin, created_at, last_seen_at, expires_at)
        values (${record.sid}, ${record.tenantId}, ${record.userId}, ${record.courseId}, ${record.courseRole},
          ${record.tenantAdmin}, ${record.createdAt}, ${record.createdAt}, ${record.expiresAt})`.execute(db);
    },

    async find(sid: string): Promise<SessionRecord | undefined> {
      const row = await db.selectFrom('tool_sessions').modifyFront(prepared).selectAll().where('sid', '=', sid).executeTakeFirst();
      return row && toRecord(row);
    },

    async touch(sid: string, at: Date, unlessAfter: Date): Promise<void> {
      await db.updateTable('tool_sessions').set({ last_seen_at: at }).where('sid', '=', sid).where('last_seen_at', '<=', unlessAfter).execute();
    },

    /** Deletes sessions that ended (expired or revoked) before `cutoff`, at most `max` of them. */
    async deleteEndedBefore(cutoff: Date, max: number): Promise<number> {
      const res = await sql`
        delete from tool_sessions where sid in (
          select sid from tool_sessions
          where expires_at < ${cutoff} or revoked_at < ${cutoff}
          limit ${max})`.execute(db);
      return Number(res.numAffectedRows ?? 0n);
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
