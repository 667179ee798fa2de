import type { Cadence } from '../programs/program-options.js';
import { QUIET_DAYS } from './cadence.js';
import type { CircleFact } from './ports.js';

export type Health = 'on-track' | 'attention' | 'too-early';

export const HEALTH_LABELS: Record<Health, string> = {
  'on-track': 'On track',
  attention: 'Needs attention',
  'too-early': 'Too early to tell',
};

/** A circle younger than this is too early to judge (unless it already met). */
export const SETTLING_DAYS = 21;

const DAY = 86_400_000;

/** The rule as the page states it, for the program's cadence. */
export function healthRule(cadence: Cadence): string {
  return (
    `On track: the contract is agreed and the circle met in the last ${QUIET_DAYS[cadence]} days ` +
    `(one and a half ${cadence} cycles). Too early to tell: started less than ${SETTLING_DAYS} ` +
    'days ago and has not met or agreed yet. Needs attention: everything else, including paused ' +
    'circles. Closed circles are not counted.'
  );
}

export interface CircleHealth {
  health: Health;
  reason: string;
}

/** The health of one open circle on `now`. */
export function healthOf(circle: CircleFact, cadence: Cadence, now: Date): CircleHealth {
  const age = (now.getTime() - Date.parse(`${circle.startedOn}T00:00:00Z`)) / DAY;
  const quiet = circle.lastMeetingAt ? (now.getTime() - circle.lastMeetingAt.getTime()) / DAY : null;
  const metRecently = quiet !== null && quiet <= QUIET_DAYS[cadence];
  if (circle.status === 'paused') return { health: 'attention', reason: 'Paused' };
  if (circle.contractAgreed && metRecently) return { health: 'on-track', reason: 'Agreed and meeting' };
  if (age < SETTLING_DAYS && !circle.contractAgreed && quiet === null) {
    return { health: 'too-early', reason: `Started ${Math.max(0, Math.floor(age))} days ago` };
  }
  if (!circle.contractAgreed) return { health: 'attention', reason: 'No agreed contract' };
  if (quiet === null) return { health: 'attention', reason: 'No meeting held yet' };
  return { health: 'attention', reason: `No meeting for ${Math.floor(quiet)} days` };
}
