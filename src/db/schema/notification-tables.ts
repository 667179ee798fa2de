/** Notifications: the inbox and mail queue, mail preferences, the LMS link per course (issue #15). */
import type { ColumnType, Generated } from 'kysely';
import type { CreatedAt, Json } from './column-types.js';

export type MailStatus = 'pending' | 'digest' | 'sent' | 'failed' | 'off' | 'no_address';

export interface NotificationsTable {
  id: Generated<string>;
  tenant_id: string;
  course_id: string;
  program_id: string | null;
  circle_id: string | null;
  user_id: string;
  event_id: string;
  kind: string;
  topic: string;
  facts: Json<Record<string, unknown>>;
  created_at: CreatedAt;
  read_at: Date | null;
  mail_status: MailStatus;
  attempts: ColumnType<number, number | undefined, number>;
  next_attempt_at: ColumnType<Date, Date | undefined, Date>;
  last_error: string | null;
  sent_at: Date | null;
}

export interface NotificationPreferencesTable {
  tenant_id: string;
  user_id: string;
  kind: string;
  mode: 'now' | 'digest' | 'off';
  updated_at: ColumnType<Date, Date | undefined, Date>;
}

export interface NotificationLinksTable {
  tenant_id: string;
  course_id: string;
  lms_url: string;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}

/** A program's "profiles due by" date (migration 020). */
export interface ProfileDeadlinesTable {
  tenant_id: string;
  program_id: string;
  due_on: ColumnType<string, string, string>;
  set_by: string | null;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}

export interface NotificationTables {
  notifications: NotificationsTable;
  notification_preferences: NotificationPreferencesTable;
  notification_links: NotificationLinksTable;
  profile_deadlines: ProfileDeadlinesTable;
}
