import { overlapMinutes } from './availability.js';
import type { CriterionSpec } from './criterion.js';
import type { Prepared } from './prepared.js';
import { capitalise, duration, listOf } from './text.js';
import type { MatchingSettings, Participant } from './types.js';

/** Criteria about the setting of the relationship: perspective, time and language. */

type Dimension = 'division' | 'geography' | 'generation';
const DIMENSIONS: readonly Dimension[] = ['division', 'geography', 'generation'];

function askedDimensions(settings: MatchingSettings): Dimension[] {
  return DIMENSIONS.filter((d) => settings.diversity[d]);
}

function differs(a: Participant, b: Participant, dimension: Dimension): boolean {
  const x = a[dimension];
  const y = b[dimension];
  return x !== undefined && y !== undefined && x.toLowerCase() !== y.toLowerCase();
}

function describeDiversity(mentor: Participant, mentee: Participant, asked: Dimension[]): string {
  const different = asked.filter((d) => differs(mentor, mentee, d)).map((d) => `${d} (${mentor[d]} vs ${mentee[d]})`);
  const same = asked.filter((d) => mentor[d] !== undefined && mentee[d] !== undefined && !differs(mentor, mentee, d)).map((d) => `${d} (${mentor[d]})`);
  const unknown = asked.filter((d) => mentor[d] === undefined || mentee[d] === undefined);
  const parts: string[] = [];
  if (different.length > 0) parts.push(`different ${different.join(' and ')}: a fresh perspective`);
  if (same.length > 0) parts.push(`same ${same.join(' and ')}`);
  if (unknown.length > 0) parts.push(`${unknown.join(' and ')} not given`);
  return capitalise(parts.join('; '));
}

export const diversity: CriterionSpec = {
  id: 'diversity',
  applies: (settings) => askedDimensions(settings).length > 0,
  measure(mentor, mentee, { settings }) {
    const asked = askedDimensions(settings);
    if (asked.length === 0) return 0;
    let count = 0;
    for (const d of asked) if (mentor[d] !== '' && mentee[d] !== '' && mentor[d] !== mentee[d]) count += 1;
    return count / asked.length;
  },
  explain: (mentor, mentee, { settings }) => describeDiversity(mentor.participant, mentee.participant, askedDimensions(settings)),
};

export const availability: CriterionSpec = {
  id: 'availability',
  measure: (mentor, mentee, { settings }) => Math.min(1, overlapMinutes(mentor.intervals, mentee.intervals) / Math.max(1, settings.availabilityTargetMinutes)),
  explain(mentor, mentee, { voice }) {
    if (mentee.intervals.length === 0) return `No shared availability: ${voice.you === 'you' ? 'you have' : `${voice.you} has`} not given availability yet`;
    if (mentor.intervals.length === 0) return `No shared availability: ${mentor.name} has not given availability yet`;
    const minutes = overlapMinutes(mentor.intervals, mentee.intervals);
    return minutes === 0 ? `No shared availability in a week` : `${duration(minutes)} of shared availability each week`;
  },
};

export function sharedLanguages(mentor: Prepared, mentee: Prepared): string[] {
  return (mentee.participant.languages ?? []).filter((l) => mentor.languages.has(l.toLowerCase()));
}

export const language: CriterionSpec = {
  id: 'language',
  measure: (mentor, mentee) => {
    for (const l of mentee.languages) if (mentor.languages.has(l)) return 1;
    return 0;
  },
  explain(mentor, mentee, { voice }) {
    const shared = sharedLanguages(mentor, mentee);
    if (shared.length > 0) return `Both speak ${listOf(shared)}`;
    const theirs = listOf(mentor.participant.languages ?? []) || 'none given';
    const yours = listOf(mentee.participant.languages ?? []) || 'none given';
    return `No shared language (${mentor.name}: ${theirs}; ${voice.you}: ${yours})`;
  },
};
