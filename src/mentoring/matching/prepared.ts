import { AppError } from '../../shared/errors.js';
import { isValidTimeZone, weeklyUtcIntervals } from './availability.js';
import type { ExperienceAreas, MatchingSettings, Participant } from './types.js';

/** A participant with lookups computed once, so scoring a million pairs stays cheap. */
export interface Prepared {
  readonly participant: Participant;
  readonly id: string;
  readonly name: string;
  readonly growth: readonly string[];
  readonly strengths: ReadonlySet<string>;
  readonly languages: ReadonlySet<string>;
  readonly goalKeys: readonly (readonly string[])[];
  /** Keywords of everything this person can help with: goals, strengths, experience areas. */
  readonly supportKeys: ReadonlySet<string>;
  readonly areas: readonly string[];
  readonly areaSet: ReadonlySet<string>;
  readonly intervals: readonly number[];
  readonly notWith: ReadonlySet<string>;
  /** Fields every rule reads, always present (one object shape keeps scoring fast). */
  readonly role: Participant['role'];
  readonly managerId: string | null;
  readonly teamId: string | null;
  readonly seniority: number | null;
  readonly style: string | null;
  readonly styles: ReadonlySet<string>;
  /** Lower-cased division, geography and generation ('' = not given). */
  readonly division: string;
  readonly geography: string;
  readonly generation: string;
}

const STOP_WORDS = new Set(['with', 'from', 'that', 'this', 'into', 'more', 'better', 'their', 'about', 'over', 'have', 'become', 'able', 'make', 'through', 'skills', 'skill', 'improve', 'build', 'develop', 'learn', 'grow']);

/** Goal text or tag → comparable keywords ("Lead cross-functional initiatives" → lead, cross, functional, initiative). */
export function keywordsOf(text: string): string[] {
  const words = text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((w) => w.length >= 4 && !STOP_WORDS.has(w));
  return words.map((w) => (w.length > 4 && w.endsWith('s') && !w.endsWith('ss') ? w.slice(0, -1) : w));
}

const AREA_KINDS: ReadonlyArray<keyof ExperienceAreas> = ['markets', 'functions', 'crises'];

/** "markets: APAC" style labels, also the keys compared between two people. */
export function areaLabels(areas: ExperienceAreas | undefined): string[] {
  return AREA_KINDS.flatMap((kind) => (areas?.[kind] ?? []).map((value) => `${kind}: ${value}`));
}

export function skillName(id: string, settings: MatchingSettings): string {
  return settings.skillNames[id] ?? id;
}

export function displayName(p: Participant): string {
  return p.name ?? p.id;
}

export function prepare(p: Participant, settings: MatchingSettings): Prepared {
  const timeZone = p.timeZone ?? 'UTC';
  if (!isValidTimeZone(timeZone)) {
    throw new AppError('matching_invalid_profile', 422, `Unknown time zone "${timeZone}" for ${displayName(p)}`, { participantId: p.id, field: 'timeZone' });
  }
  let intervals: number[];
  try {
    intervals = weeklyUtcIntervals(p.availability ?? [], timeZone, settings.referenceWeek);
  } catch (err) {
    throw new AppError('matching_invalid_profile', 422, `${(err as Error).message} for ${displayName(p)}`, { participantId: p.id, field: 'availability' });
  }
  const areas = areaLabels(p.experienceAreas);
  const strengthWords = (p.strengths ?? []).flatMap((s) => [...keywordsOf(s), ...keywordsOf(skillName(s, settings))]);
  const areaWords = AREA_KINDS.flatMap((kind) => (p.experienceAreas?.[kind] ?? []).flatMap(keywordsOf));
  const support = [...(p.goals ?? []).flatMap(keywordsOf), ...strengthWords, ...areaWords];
  return {
    participant: p,
    id: p.id,
    name: displayName(p),
    growth: p.growthSkills ?? [],
    strengths: new Set(p.strengths ?? []),
    languages: new Set((p.languages ?? []).map((l) => l.toLowerCase())),
    goalKeys: (p.goals ?? []).map(keywordsOf),
    supportKeys: new Set(support),
    areas,
    areaSet: new Set(areas),
    intervals,
    notWith: new Set(p.notWith ?? []),
    role: p.role,
    managerId: p.managerId ?? null,
    teamId: p.teamId ?? null,
    seniority: p.seniority ?? null,
    style: p.learningStyle?.toLowerCase() ?? null,
    styles: new Set((p.mentoringStyles ?? []).map((x) => x.toLowerCase())),
    division: p.division?.toLowerCase() ?? '',
    geography: p.geography?.toLowerCase() ?? '',
    generation: p.generation?.toLowerCase() ?? '',
  };
}
