import type { CircleProgress } from '../../mentoring/circle-life/progress-use-cases.js';
import { CIRCLE_ROLE_LABELS, percent } from './circle-formats.js';

const average = (n: number | null) => (n === null ? '–' : n.toFixed(1));

/** One row per circle, counts only. */
export function progressRow(c: CircleProgress) {
  return {
    name: c.name, closed: c.status === 'closed',
    members: c.members.map((m) => `${m.name} (${CIRCLE_ROLE_LABELS[m.role as keyof typeof CIRCLE_ROLE_LABELS].toLowerCase()})`).join(', '),
    contract: c.contractVersion === null ? 'Not written' : c.contractAgreed ? `Agreed (v${c.contractVersion})` : `Waiting (v${c.contractVersion})`,
    contractAgreed: c.contractAgreed,
    goals: c.goals, milestones: `${c.milestonesDone} / ${c.milestonesTotal}`, milestonePercent: percent(c.milestonesDone, c.milestonesTotal),
    meetingsHeld: c.meetingsHeld, meetingsUpcoming: c.meetingsUpcoming, feedbackCount: c.feedbackCount, feedbackAverage: average(c.feedbackAverage),
  };
}

export const formatAverage = average;
