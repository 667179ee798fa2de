import type { CriterionSpec } from './criterion.js';
import { skillName, type Prepared } from './prepared.js';
import { countOf, listOf } from './text.js';

/** Criteria about what the mentor brings to this mentee: skills, goals, experience, style. */

const isStrengthOf = (mentor: Prepared) => (skill: string) => mentor.strengths.has(skill);

function coveredSkills(mentor: Prepared, mentee: Prepared): string[] {
  return mentee.growth.filter(isStrengthOf(mentor));
}

/** How many of `items` the predicate accepts, without allocating (scoring runs for every pair). */
function countWhere<T>(items: readonly T[], accept: (item: T) => boolean): number {
  let count = 0;
  for (const item of items) if (accept(item)) count += 1;
  return count;
}

export const complementarity: CriterionSpec = {
  id: 'complementarity',
  measure: (mentor, mentee) => (mentee.growth.length === 0 ? 0 : countWhere(mentee.growth, isStrengthOf(mentor)) / mentee.growth.length),
  explain(mentor, mentee, { settings, voice }) {
    const total = mentee.growth.length;
    if (total === 0) return `No growth areas given yet`;
    const covered = coveredSkills(mentor, mentee).map((id) => skillName(id, settings));
    if (covered.length === 0) return `Covers none of ${voice.your} ${countOf(total, 'growth area')}`;
    if (total === 1) return `Covers ${voice.your} growth area: ${covered[0]}`;
    const share = covered.length === total ? `all ${total} of ${voice.your}` : `${covered.length} of ${voice.your} ${total}`;
    return `Covers ${share} growth areas: ${listOf(covered)}`;
  },
};

const supports = (mentor: Prepared) => (keys: readonly string[]) => keys.some((key) => mentor.supportKeys.has(key));

function alignedGoals(mentor: Prepared, mentee: Prepared): string[] {
  const goals = mentee.participant.goals ?? [];
  return goals.filter((_, i) => supports(mentor)(mentee.goalKeys[i]!));
}

export const goals: CriterionSpec = {
  id: 'goals',
  measure: (mentor, mentee) => (mentee.goalKeys.length === 0 ? 0 : countWhere(mentee.goalKeys, supports(mentor)) / mentee.goalKeys.length),
  explain(mentor, mentee, { voice }) {
    const total = mentee.goalKeys.length;
    if (total === 0) return `No goals given yet`;
    const aligned = alignedGoals(mentor, mentee);
    if (aligned.length === 0) return `No experience listed with ${voice.your} ${countOf(total, 'goal')}`;
    const share = total === 1 ? `${voice.your} goal` : `${aligned.length} of ${voice.your} ${total} goals`;
    return `Can help with ${share}: ${listOf(aligned)}`;
  },
};

const isNewTo = (mentee: Prepared) => (area: string) => !mentee.areaSet.has(area);

function newAreas(mentor: Prepared, mentee: Prepared): string[] {
  return mentor.areas.filter(isNewTo(mentee));
}

function yearsNote(mentor: Prepared, mentee: Prepared, you: string): string {
  const theirs = mentor.participant.experienceYears;
  const yours = mentee.participant.experienceYears;
  if (theirs === undefined) return '';
  return yours === undefined ? `; ${theirs} years of experience` : `; ${theirs} years of experience (${you}: ${yours})`;
}

export const experience: CriterionSpec = {
  id: 'experience',
  measure: (mentor, mentee, { settings }) => Math.min(1, countWhere(mentor.areas, isNewTo(mentee)) / Math.max(1, settings.breadthTarget)),
  explain(mentor, mentee, { voice }) {
    const fresh = newAreas(mentor, mentee);
    const years = yearsNote(mentor, mentee, voice.you);
    if (fresh.length === 0) return `No experience areas new to ${voice.you}${years}`;
    return `Brings ${countOf(fresh.length, 'experience area')} new to ${voice.you}: ${listOf(fresh)}${years}`;
  },
};

function styleFits(mentor: Prepared, mentee: Prepared): boolean {
  return mentee.style !== null && mentor.styles.has(mentee.style);
}

export const learningStyle: CriterionSpec = {
  id: 'learningStyle',
  measure: (mentor, mentee) => (styleFits(mentor, mentee) ? 1 : 0),
  explain(mentor, mentee, { voice }) {
    const style = mentee.participant.learningStyle;
    if (style === undefined) return `No learning style given yet`;
    return styleFits(mentor, mentee) ? `Mentors in ${voice.your} preferred style (${style})` : `Does not list ${voice.your} preferred style (${style})`;
  },
};
