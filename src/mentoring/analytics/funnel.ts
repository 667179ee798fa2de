import type { ParticipantFact } from './ports.js';
import { peopleCount, peopleRate, type Figure } from './privacy.js';

export const FUNNEL_STAGES = [
  'enrolled', 'profile', 'matched', 'contract', 'meeting', 'goal', 'completed',
] as const;
export type FunnelStage = (typeof FUNNEL_STAGES)[number];

export const FUNNEL_LABELS: Record<FunnelStage, string> = {
  enrolled: 'Enrolled',
  profile: 'Profile complete',
  matched: 'Matched',
  contract: 'Contract agreed',
  meeting: 'First meeting held',
  goal: 'Goal progress (a milestone done)',
  completed: 'Completed the program',
};

const REACHED: Record<FunnelStage, (p: ParticipantFact) => boolean> = {
  enrolled: () => true,
  profile: (p) => p.profileComplete,
  matched: (p) => p.matchedAt !== null,
  contract: (p) => p.contractAgreed,
  meeting: (p) => p.metOnce,
  goal: (p) => p.milestonesDone > 0,
  completed: (p) => p.completed,
};

export interface FunnelRow {
  stage: FunnelStage;
  label: string;
  count: Figure;
  /** Share of everyone enrolled. */
  ofEnrolled: Figure;
}

/** Each stage counts the people who reached it (any order: a stage is a fact, not a step). */
export function funnelOf(participants: readonly ParticipantFact[]): FunnelRow[] {
  const enrolled = participants.length;
  return FUNNEL_STAGES.map((stage) => {
    const n = participants.filter(REACHED[stage]).length;
    return { stage, label: FUNNEL_LABELS[stage], count: peopleCount(n), ofEnrolled: peopleRate(n, enrolled) };
  });
}

export interface MatchRate {
  mentees: number;
  matched: number;
  rate: Figure;
  target: number;
  /** Whether the shown rate reaches the target (null when the rate is hidden). */
  onTarget: boolean | null;
}

export const DEFAULT_MATCH_RATE_TARGET = 70;

/** Mentees (and peers) in a circle over all mentees, against the admin's target. */
export function matchRateOf(participants: readonly ParticipantFact[], target: number): MatchRate {
  const mentees = participants.filter((p) => p.role !== 'mentor');
  const matched = mentees.filter((p) => p.matchedAt !== null).length;
  const rate = peopleRate(matched, mentees.length);
  return { mentees: mentees.length, matched, rate, target, onTarget: rate.shown ? rate.value >= target : null };
}

const DAY = 86_400_000;

/** Median whole days from joining the program to joining a circle, over matched people. */
export function medianDaysToMatch(participants: readonly ParticipantFact[]): Figure {
  const days = participants
    .filter((p) => p.matchedAt !== null)
    .map((p) => Math.max(0, (p.matchedAt!.getTime() - p.joinedAt.getTime()) / DAY))
    .sort((a, b) => a - b);
  if (days.length === 0) return { shown: false, text: 'no one matched yet' };
  if (days.length < 3) return peopleCount(1);
  const mid = Math.floor(days.length / 2);
  const median = days.length % 2 ? days[mid]! : (days[mid - 1]! + days[mid]!) / 2;
  const value = Math.round(median * 10) / 10;
  return { shown: true, value, text: `${value} days` };
}
