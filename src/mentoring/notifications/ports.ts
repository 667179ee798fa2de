import type { CourseRef, CourseScope } from '../programs/ports.js';
import type { MailMode, NotificationKind, Topic } from './kinds.js';
import type { NotificationFacts } from './messages.js';

export type MailState = 'pending' | 'digest' | 'sent' | 'failed' | 'off' | 'no_address';

export interface InboxItem {
  id: string;
  topic: Topic;
  facts: NotificationFacts;
  programId: string | null;
  circleId: string | null;
  createdAt: Date;
  readAt: Date | null;
  mail: MailState;
}

export type MailModes = Record<NotificationKind, MailMode>;

export interface NotificationStore {
  /** The person's notifications in this course, newest first. */
  inbox(scope: CourseScope, limit: number): Promise<InboxItem[]>;
  unreadCount(scope: CourseScope): Promise<number>;
  /** Marks one of the person's own notifications read; undefined when it is not theirs. */
  markRead(scope: CourseScope, id: string, now: Date): Promise<InboxItem | undefined>;
  markAllRead(scope: CourseScope, now: Date): Promise<number>;
  /** The person's own choices (kinds they never chose are absent). */
  preferences(tenantId: string, userId: string): Promise<Partial<MailModes>>;
  /** Saves the choices and re-routes their waiting (unsent) mail in the same transaction. */
  savePreferences(tenantId: string, userId: string, modes: Partial<MailModes>): Promise<void>;
  hasAddress(tenantId: string, userId: string): Promise<boolean>;
  /**
   * Reminds the program's active participants whose profile is not complete and who are in no
   * circle; nobody twice within `quietHours`. Returns how many were reminded.
   */
  remindIncompleteProfiles(
    course: CourseRef, programId: string, remindedBy: string, now: Date, quietHours: number,
  ): Promise<number>;
  /** How many would be reminded now. */
  incompleteProfiles(course: CourseRef, programId: string): Promise<number>;
  /** How many of a program's notifications are in each mail state. */
  queueCounts(course: CourseRef, programId: string): Promise<Record<MailState, number>>;
}
