import { AppError } from '../../shared/errors.js';
import { pairIndex, scoreOf, type Cohort } from './cohort.js';
import { FORBIDDEN_BIT } from './eligibility.js';
import { explainEvaluated } from './pair-evaluation.js';
import { scoringPlan } from './score-pair.js';
import { voiceOf } from './text.js';
import type { PairRef } from './types.js';

/** A pin the admin set that cannot be honoured, with the reason in plain words. */
export interface PinProblem extends PairRef {
  explanation: string;
}

interface ResolvedPin {
  pin: PairRef;
  mentee: number;
  mentor: number;
}

function resolve(cohort: Cohort, pins: readonly PairRef[], problems: PinProblem[]): ResolvedPin[] {
  const resolved: ResolvedPin[] = [];
  const seen = new Set<string>();
  for (const pin of pins) {
    const mentee = cohort.menteeIndex.get(pin.menteeId);
    const mentor = cohort.mentorIndex.get(pin.mentorId);
    const side = cohort.isPeer ? 'peer' : 'mentor';
    if (mentor === undefined) problems.push({ ...pin, explanation: `${pin.mentorId} is not a ${side} in this program` });
    if (mentee === undefined) problems.push({ ...pin, explanation: `${pin.menteeId} is not a ${cohort.isPeer ? 'peer' : 'mentee'} in this program` });
    if (mentor === undefined || mentee === undefined) continue;
    const people = cohort.isPeer ? [pin.menteeId, pin.mentorId] : [pin.menteeId];
    const twice = people.filter((id) => seen.has(id));
    people.forEach((id) => seen.add(id));
    if (twice.length > 0) problems.push({ ...pin, explanation: `${twice.map((id) => nameOf(cohort, id)).join(' and ')} ${twice.length > 1 ? 'are' : 'is'} pinned more than once` });
    else resolved.push({ pin, mentee, mentor });
  }
  return resolved;
}

function nameOf(cohort: Cohort, id: string): string {
  const i = cohort.menteeIndex.get(id);
  return i !== undefined ? cohort.mentees[i]!.name : cohort.mentors[cohort.mentorIndex.get(id)!]!.name;
}

function ineligible(cohort: Cohort, { pin, mentee, mentor }: ResolvedPin): PinProblem | null {
  if (scoreOf(cohort, mentee, mentor) >= 0) return null;
  const [a, b] = [cohort.mentors[mentor]!, cohort.mentees[mentee]!];
  const forbidden = cohort.blocked[pairIndex(cohort, mentee, mentor)]! & FORBIDDEN_BIT;
  const thirdPerson = scoringPlan(cohort.settings, voiceOf(b.name));
  const why = explainEvaluated(thirdPerson, a, b, cohort.isPeer, forbidden).blockedBy.map((x) => x.explanation).join('; ');
  return { ...pin, explanation: `${a.name} and ${b.name} cannot be paired: ${why}` };
}

function groupBy<T, K>(items: readonly T[], keyOf: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) groups.set(keyOf(item), [...(groups.get(keyOf(item)) ?? []), item]);
  return groups;
}

function overCapacity(cohort: Cohort, pins: ResolvedPin[]): PinProblem[] {
  if (cohort.isPeer) return [];
  const problems: PinProblem[] = [];
  const limit = cohort.settings.maxSameDivisionPerCircle;
  const byMentor = groupBy(pins, (p) => p.mentor);
  for (const [j, mine] of byMentor) {
    const name = cohort.mentors[j]!.name;
    if (mine.length > cohort.capacity[j]!) problems.push({ ...mine[0]!.pin, explanation: `${name} has ${mine.length} pinned mentees but room for ${cohort.capacity[j]}` });
    if (cohort.settings.programType !== 'group' || limit === undefined) continue;
    const byDivision = groupBy(mine, (p) => cohort.mentees[p.mentee]!.participant.division);
    for (const [division, same] of byDivision) {
      if (division !== undefined && same.length > limit) problems.push({ ...same[0]!.pin, explanation: `${name}'s circle has ${same.length} pinned mentees from ${division}, more than the limit of ${limit}` });
    }
  }
  return problems;
}

/** Every reason the pins cannot all be honoured (empty when they can). */
export function pinProblems(cohort: Cohort, pins: readonly PairRef[]): PinProblem[] {
  const problems: PinProblem[] = [];
  const resolved = resolve(cohort, pins, problems);
  for (const pin of resolved) {
    const problem = ineligible(cohort, pin);
    if (problem) problems.push(problem);
  }
  return [...problems, ...overCapacity(cohort, resolved)];
}

/** Pins as (mentee, mentor) indices; throws `matching_pins_invalid` listing every problem. */
export function resolvePins(cohort: Cohort, pins: readonly PairRef[]): Array<{ mentee: number; mentor: number }> {
  const problems = pinProblems(cohort, pins);
  if (problems.length > 0) {
    throw new AppError('matching_pins_invalid', 422, `Some pinned pairs cannot be kept: ${problems.map((p) => p.explanation).join('. ')}`, { problems });
  }
  return resolve(cohort, pins, []).map(({ mentee, mentor }) => ({ mentee, mentor }));
}
