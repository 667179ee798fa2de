import { z } from 'zod';
import { CRITERIA, matchingSettings, type Criterion, type MatchingSettings, type Objective, type ProgramType as EngineType, type Weight } from '../matching/index.js';
import type { Program } from '../programs/ports.js';
import type { ProgramType } from '../programs/program-options.js';
import type { Skill } from '../profiles/ports.js';

/** What staff choose on the matching settings page, stored per program. */
export interface MatchSettings {
  /** Which of the program's formats the matching forms circles for. */
  programType: ProgramType;
  objective: Objective;
  weights: Record<Criterion, Weight>;
  diversity: { division: boolean; geography: boolean; generation: boolean };
  minOverlapMinutes: number;
  excludeOwnManagerAndTeam: boolean;
  maxSameDivisionPerCircle: number | null;
  /** Mentee-choice mode: days a mentor has to answer a request. */
  choiceDeadlineDays: number;
}

export type MatchSettingsErrors = Partial<Record<keyof MatchSettings | Criterion, string>>;

export const WEIGHTS = { must: 'Must match', high: 'High', medium: 'Medium', low: 'Low', off: 'Off' } as const satisfies Record<Weight, string>;
export const OBJECTIVES = { 'highest-score': 'Best total fit', 'highest-participation': 'Match as many people as possible, then best fit' } as const satisfies Record<Objective, string>;
export const CRITERION_LABELS: Record<Criterion, string> = {
  complementarity: 'Complementarity: mentor strengths cover mentee growth areas', goals: 'Goal alignment', experience: 'Experience breadth (new markets, functions, crises)',
  diversity: 'Perspective diversity', availability: 'Shared availability', language: 'Shared language', learningStyle: 'Learning style',
};

const ENGINE_TYPES: Record<ProgramType, EngineType> = { one_on_one: 'one-on-one', group: 'group', reverse: 'reverse', peer: 'peer' };

export function defaultMatchSettings(program: Pick<Program, 'programTypes'>): MatchSettings {
  const engine = matchingSettings();
  return {
    programType: program.programTypes[0] ?? 'one_on_one', objective: engine.objective, weights: { ...engine.weights }, diversity: { ...engine.diversity },
    minOverlapMinutes: engine.minOverlapMinutes, excludeOwnManagerAndTeam: engine.excludeOwnManagerAndTeam, maxSameDivisionPerCircle: null, choiceDeadlineDays: 3,
  };
}

const weight = z.enum(['must', 'high', 'medium', 'low', 'off'], { error: 'Choose a listed weight.' });
const on = z.preprocess((v) => v === 'on' || v === 'true', z.boolean());
const optionalWhole = (min: number, max: number, what: string) => z.preprocess((v) => (v === '' || v === undefined ? null : v),
  z.coerce.number({ error: `Enter a number for ${what}.` }).int(`Enter a whole number for ${what}.`).min(min, `${what} must be at least ${min}.`).max(max, `${what} can be at most ${max}.`).nullable());

function schemaFor(program: Pick<Program, 'programTypes'>) {
  return z.object({
    programType: z.string().refine((t): t is ProgramType => (program.programTypes as string[]).includes(t), 'Choose one of the program\'s formats.'),
    objective: z.enum(['highest-score', 'highest-participation'], { error: 'Choose what the matching aims for.' }),
    ...Object.fromEntries(CRITERIA.map((c) => [c, weight])) as Record<Criterion, typeof weight>,
    diversityDivision: on, diversityGeography: on, diversityGeneration: on, excludeOwnManagerAndTeam: on,
    minOverlapMinutes: optionalWhole(0, 600, 'Minimum shared time').transform((v) => v ?? 0),
    maxSameDivisionPerCircle: optionalWhole(1, 20, 'Mentees of one division per circle'),
    choiceDeadlineDays: optionalWhole(1, 30, 'Days mentors have to answer').transform((v) => v ?? 3),
  });
}

export function validateMatchSettings(input: Record<string, unknown>, program: Pick<Program, 'programTypes'>): { ok: true; settings: MatchSettings } | { ok: false; errors: MatchSettingsErrors } {
  const parsed = schemaFor(program).safeParse(input);
  if (!parsed.success) {
    const errors: MatchSettingsErrors = {};
    for (const issue of parsed.error.issues) {
      const field = issue.path[0] as keyof MatchSettingsErrors | undefined;
      if (field && !errors[field]) errors[field] = issue.message;
    }
    return { ok: false, errors };
  }
  const p = parsed.data;
  return {
    ok: true,
    settings: {
      programType: p.programType as ProgramType, objective: p.objective, weights: Object.fromEntries(CRITERIA.map((c) => [c, p[c]])) as Record<Criterion, Weight>,
      diversity: { division: p.diversityDivision, geography: p.diversityGeography, generation: p.diversityGeneration },
      minOverlapMinutes: p.minOverlapMinutes, excludeOwnManagerAndTeam: p.excludeOwnManagerAndTeam, maxSameDivisionPerCircle: p.maxSameDivisionPerCircle, choiceDeadlineDays: p.choiceDeadlineDays,
    },
  };
}

/** Monday of the week the program starts: availability across time zones is compared with that week's offsets. */
function referenceWeek(startsOn: string): string {
  const start = new Date(`${startsOn}T00:00:00Z`);
  const back = (start.getUTCDay() + 6) % 7;
  return new Date(start.getTime() - back * 86_400_000).toISOString().slice(0, 10);
}

/** Mentees per group circle: the largest circle size counts its mentor too. */
export const menteesPerCircle = (program: Pick<Program, 'circleSizeMax'>) => Math.max(1, program.circleSizeMax - 1);

/** The engine's settings for this program, as staff chose them. */
export function engineSettings(program: Program, stored: MatchSettings, skills: readonly Skill[]): MatchingSettings {
  return matchingSettings({
    programType: ENGINE_TYPES[stored.programType], objective: stored.objective, weights: stored.weights, diversity: stored.diversity,
    minOverlapMinutes: stored.minOverlapMinutes, excludeOwnManagerAndTeam: stored.excludeOwnManagerAndTeam,
    ...(stored.maxSameDivisionPerCircle !== null && { maxSameDivisionPerCircle: stored.maxSameDivisionPerCircle }),
    referenceWeek: referenceWeek(program.startsOn), defaultCapacity: program.mentorCapacity, circleSize: menteesPerCircle(program),
    skillNames: Object.fromEntries(skills.map((s) => [s.id, s.name])),
  });
}
