import { AppError } from '../../shared/errors.js';

/** Every refusal of the analytics area, by code: status, reason and advice. */
const ANALYTICS_ERRORS = {
  DASHBOARD_NOT_FOUND: [404, 'There is no such table or chart on this dashboard.', 'Use the links on the dashboard.'],
  TARGET_INVALID: [400, 'The match-rate target must be a whole percent from 1 to 100.', 'Enter a number such as 70.'],
  WEIGHTS_CHANGED: [
    409,
    'The matching weights or the evidence changed since the dashboard was shown: nothing was applied.',
    'Reload the dashboard and look at the suggestions again.',
  ],
  NO_SUGGESTION: [409, 'There is no weight change to apply: the evidence is not strong enough.', null],
} as const satisfies Record<string, readonly [number, string, string | null]>;

export type AnalyticsErrorCode = keyof typeof ANALYTICS_ERRORS;

export function analyticsError(code: AnalyticsErrorCode, cause: Record<string, unknown> = {}): AppError {
  const [status, reason, advice] = ANALYTICS_ERRORS[code];
  return new AppError(code, status, reason, { ...(advice && { advice }), cause });
}
