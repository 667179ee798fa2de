import type { Cadence } from '../programs/program-options.js';

/** Meetings a circle is expected to hold per week at the program's cadence. */
export const MEETINGS_PER_WEEK: Record<Cadence, number> = {
  weekly: 1,
  fortnightly: 0.5,
  monthly: 12 / 52,
};

/** Days without a meeting after which a circle falls behind its cadence (one and a half cycles). */
export const QUIET_DAYS: Record<Cadence, number> = { weekly: 11, fortnightly: 21, monthly: 45 };
