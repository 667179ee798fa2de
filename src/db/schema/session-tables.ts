export type SessionRevokedReason = 'role_lowered' | 'revoked';

export interface ToolSessionsTable {
  /** The `sid` of the session token. */
  sid: string;
  tenant_id: string;
  user_id: string;
  course_id: string;
  course_role: 'staff' | 'learner';
  tenant_admin: boolean;
  created_at: Date;
  last_seen_at: Date;
  /** The absolute end (SESSION_TTL_MINUTES after the launch), however busy the session is. */
  expires_at: Date;
  revoked_at: Date | null;
  revoked_reason: SessionRevokedReason | null;
}

export interface SessionTables {
  tool_sessions: ToolSessionsTable;
}
