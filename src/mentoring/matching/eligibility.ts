import { overlapMinutes } from './availability.js';
import { complementarity, experience, goals, learningStyle } from './criteria-fit.js';
import { diversity, language } from './criteria-context.js';
import type { CriterionSpec, ScoringContext } from './criterion.js';
import type { Prepared } from './prepared.js';
import { capacityOf } from './settings.js';
import { duration } from './text.js';
import type { BlockRule, MatchingSettings } from './types.js';

/** A hard rule: a pair it blocks is never proposed, whatever its points. */
export interface RuleSpec {
  id: BlockRule;
  applies(settings: MatchingSettings): boolean;
  blocks(mentor: Prepared, mentee: Prepared, ctx: ScoringContext): boolean;
  explain(mentor: Prepared, mentee: Prepared, ctx: ScoringContext): string;
}

const always = (): boolean => true;

export function minimumOverlap(settings: MatchingSettings): number {
  return Math.max(settings.minOverlapMinutes, settings.weights.availability === 'must' ? 1 : 0);
}

function roleFits(mentor: Prepared, mentee: Prepared, settings: MatchingSettings): boolean {
  if (settings.programType === 'peer') return mentor.role === 'peer' && mentee.role === 'peer';
  return mentor.role === 'mentor' && mentee.role === 'mentee';
}

function managesOrSharesTeam(a: Prepared, b: Prepared): boolean {
  return a.managerId === b.id || b.managerId === a.id || (a.teamId !== null && a.teamId === b.teamId);
}

function mustRule(spec: CriterionSpec): RuleSpec {
  return {
    id: `must-${spec.id}` as BlockRule,
    applies: (settings) => settings.weights[spec.id] === 'must' && (spec.applies?.(settings) ?? true),
    blocks: (mentor, mentee, ctx) => spec.measure(mentor, mentee, ctx) === 0,
    explain: (mentor, mentee, ctx) => `${spec.explain(mentor, mentee, ctx)} (the program requires this)`,
  };
}

/** In bit order: the solver stores the blocking rules of each pair as a bit mask over this list. */
export const RULES: readonly RuleSpec[] = [
  {
    id: 'role', applies: always,
    blocks: (mentor, mentee, { settings }) => !roleFits(mentor, mentee, settings),
    explain: (mentor, mentee, { settings }) => (settings.programType === 'peer' ? `Both must be peers in this program` : `${mentor.name} is not a mentor or ${mentee.name} is not a mentee in this program`),
  },
  { id: 'self', applies: always, blocks: (mentor, mentee) => mentor.id === mentee.id, explain: () => `A person cannot be matched with themselves` },
  {
    id: 'capacity', applies: (settings) => settings.programType !== 'peer',
    blocks: (mentor, _mentee, { settings }) => capacityOf(mentor.participant.capacity, settings) <= 0,
    explain: (mentor) => `${mentor.name} has no places (capacity 0)`,
  },
  {
    id: 'not-with', applies: always,
    blocks: (mentor, mentee) => mentor.notWith.has(mentee.id) || mentee.notWith.has(mentor.id),
    explain: () => `One of the two asked not to be matched with the other`,
  },
  {
    id: 'manager-or-team', applies: (settings) => settings.excludeOwnManagerAndTeam,
    blocks: managesOrSharesTeam,
    explain: (mentor, mentee) => (mentor.participant.teamId !== undefined && mentor.participant.teamId === mentee.participant.teamId ? `Same team (${mentor.participant.teamId})` : `One manages the other`),
  },
  {
    id: 'language', applies: (settings) => settings.weights.language === 'must',
    blocks: (mentor, mentee, ctx) => language.measure(mentor, mentee, ctx) === 0,
    explain: (mentor, mentee, ctx) => language.explain(mentor, mentee, ctx),
  },
  {
    id: 'availability', applies: (settings) => minimumOverlap(settings) > 0,
    blocks: (mentor, mentee, { settings }) => overlapMinutes(mentor.intervals, mentee.intervals) < minimumOverlap(settings),
    explain: (mentor, mentee, { settings }) => `Only ${duration(overlapMinutes(mentor.intervals, mentee.intervals))} of shared availability each week (at least ${duration(minimumOverlap(settings))} needed)`,
  },
  {
    id: 'seniority', applies: (settings) => settings.programType === 'reverse',
    blocks: (mentor, mentee) => !(mentor.seniority !== null && mentee.seniority !== null && mentor.seniority < mentee.seniority),
    explain: (mentor, mentee) => `In reverse mentoring the mentor must be more junior (${mentor.name}: level ${mentor.participant.seniority ?? 'not given'}; ${mentee.name}: level ${mentee.participant.seniority ?? 'not given'})`,
  },
  { id: 'forbidden', applies: () => false, blocks: () => false, explain: () => `Ruled out by the program admin` },
  ...[complementarity, goals, experience, diversity, learningStyle].map(mustRule),
];

export const FORBIDDEN_BIT = 1 << RULES.findIndex((r) => r.id === 'forbidden');

