import { AppError } from '../../shared/errors.js';

/** Every reason a notification page refuses, once: status, what the person reads, what to do. */
const NOTIFICATION_REFUSALS = {
  NOTIFICATION_NOT_FOUND: [404, 'There is no such notification in your inbox.',
    'Open your inbox again from the mentoring home page.'],
  UNSUBSCRIBE_LINK_INVALID: [400, 'This unsubscribe link is incomplete or was altered.',
    'Use the link from the latest mail as it is, or change your mail settings in the mentoring '
      + 'activity (Notifications → Mail settings).'],
} as const satisfies Record<string, readonly [number, string, string]>;

export type NotificationRefusalCode = keyof typeof NOTIFICATION_REFUSALS;

export function notificationRefusal(code: NotificationRefusalCode): AppError {
  const [status, reason, advice] = NOTIFICATION_REFUSALS[code];
  return new AppError(code, status, reason, { advice });
}
