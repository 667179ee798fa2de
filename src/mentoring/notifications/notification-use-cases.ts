import type { Clock } from '../../shared/clock.js';
import type { CourseScope, ProgramRepository } from '../programs/ports.js';
import { getProgram } from '../programs/program-use-cases.js';
import { isMailMode, KINDS, type NotificationKind } from './kinds.js';
import { notificationRefusal } from './notification-refusals.js';
import type { InboxItem, MailModes, NotificationStore } from './ports.js';

interface Deps {
  notifications: NotificationStore;
  clock: Clock;
}

const INBOX_SIZE = 50;
const KIND_LIST = Object.keys(KINDS) as NotificationKind[];

export async function listInbox(deps: Deps, scope: CourseScope) {
  const [items, unread] = await Promise.all([
    deps.notifications.inbox(scope, INBOX_SIZE), deps.notifications.unreadCount(scope),
  ]);
  return { items, unread };
}

/** Opening a notification reads it; it must be the person's own. */
export async function openNotification(
  deps: Deps, scope: CourseScope, id: string,
): Promise<InboxItem> {
  const item = await deps.notifications.markRead(scope, id, deps.clock.now());
  if (!item) throw notificationRefusal('NOTIFICATION_NOT_FOUND');
  return item;
}

export const markInboxRead = (deps: Deps, scope: CourseScope) =>
  deps.notifications.markAllRead(scope, deps.clock.now());

/** Every kind with the mode in force: the person's choice, else the documented default. */
export async function getMailModes(
  deps: Deps, scope: CourseScope,
): Promise<{ modes: MailModes; hasAddress: boolean }> {
  const [chosen, hasAddress] = await Promise.all([
    deps.notifications.preferences(scope.tenantId, scope.userId),
    deps.notifications.hasAddress(scope.tenantId, scope.userId),
  ]);
  const modes = Object.fromEntries(
    KIND_LIST.map((k) => [k, chosen[k] ?? KINDS[k].defaultMode]),
  ) as MailModes;
  return { modes, hasAddress };
}

export type ModesResult = { ok: true } | { ok: false; errors: Record<string, string> };

/** One mode per kind, each of now / digest / off. */
export async function saveMailModes(
  deps: Deps, scope: CourseScope, input: Record<string, unknown>,
): Promise<ModesResult> {
  const errors: Record<string, string> = {};
  const modes: Partial<MailModes> = {};
  for (const kind of KIND_LIST) {
    const value = input[kind];
    if (typeof value === 'string' && isMailMode(value)) modes[kind] = value;
    else errors[kind] = `Choose how you hear about ${KINDS[kind].label.toLowerCase()}.`;
  }
  if (Object.keys(errors).length) return { ok: false, errors };
  await deps.notifications.savePreferences(scope.tenantId, scope.userId, modes);
  return { ok: true };
}

const REMINDER_QUIET_HOURS = 24;

/** Staff remind those whose profile is incomplete (once a day at most per person). */
export async function remindIncompleteProfiles(
  deps: Deps & { programs: ProgramRepository }, scope: CourseScope, programId: string,
): Promise<number> {
  const program = await getProgram(deps, scope, programId);
  return deps.notifications.remindIncompleteProfiles(
    scope, program.id, scope.userId, deps.clock.now(), REMINDER_QUIET_HOURS,
  );
}

/** One click from a mail: that kind (or every kind) is mailed no more. */
export async function unsubscribe(
  deps: Deps, claim: { tenantId: string; userId: string; scope: NotificationKind | 'all' },
): Promise<NotificationKind[]> {
  const kinds = claim.scope === 'all' ? KIND_LIST : [claim.scope];
  await deps.notifications.savePreferences(claim.tenantId, claim.userId,
    Object.fromEntries(kinds.map((k) => [k, 'off'])));
  return kinds;
}
