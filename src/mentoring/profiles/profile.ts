import type { ExperienceAreas, WeeklyWindow } from '../matching/index.js';
import type { ProgramRole } from '../roster/program-role.js';
import type { Generation, LearningStyle } from './profile-options.js';

/** What a participant tells the program about themselves; ids of skills and people are the program's. */
export interface ProfileAnswers {
  division?: string;
  geography?: string;
  timeZone?: string;
  languages: string[];
  availability: WeeklyWindow[];
  generation?: Generation;
  /** 1 (entry) to 10 (executive); reverse mentoring needs it. */
  seniority?: number;
  /** Participant id of one's own manager in the program. */
  managerId?: string;
  teamId?: string;
  /** Participant ids one asks not to be matched with. */
  notWith: string[];
  growthSkills: string[];
  goals: string[];
  learningStyle?: LearningStyle;
  experienceYears?: number;
  strengths: string[];
  experienceAreas: Required<ExperienceAreas>;
  mentoringStyles: LearningStyle[];
  capacity?: number;
}

export interface StoredProfile {
  participantId: string;
  answers: ProfileAnswers;
  completedAt: Date | null;
  updatedAt: Date;
}

export const emptyAnswers = (): ProfileAnswers => ({
  languages: [], availability: [], notWith: [], growthSkills: [], goals: [], strengths: [],
  experienceAreas: { markets: [], functions: [], crises: [] }, mentoringStyles: [],
});

/** A field matching needs, with the words that say it is missing. */
type Check = { field: string; ok: (a: ProfileAnswers) => boolean };
const has = (v: string | undefined) => Boolean(v && v.trim());
const check = (field: string, ok: Check['ok']): Check => ({ field, ok });
const COMMON: Check[] = [
  check('division', (a) => has(a.division)), check('country or region', (a) => has(a.geography)), check('time zone', (a) => has(a.timeZone)),
  check('languages', (a) => a.languages.length > 0), check('weekly availability', (a) => a.availability.length > 0),
];
const GROWTH: Check[] = [
  check('skills to grow', (a) => a.growthSkills.length > 0), check('goals', (a) => a.goals.length > 0), check('how you learn best', (a) => a.learningStyle !== undefined),
];
const MENTEE: Check[] = [...GROWTH, check('years of experience', (a) => a.experienceYears !== undefined)];
const MENTOR: Check[] = [
  check('strengths', (a) => a.strengths.length > 0), check('how many mentees you can take', (a) => a.capacity !== undefined),
  check('ways you like to mentor', (a) => a.mentoringStyles.length > 0),
  check('experience areas', (a) => Object.values(a.experienceAreas).some((list) => list.length > 0)),
];
const BOTH: Check[] = [...GROWTH, check('strengths', (a) => a.strengths.length > 0)];

const CHECKS: Record<ProgramRole, Check[]> = { mentee: [...COMMON, ...MENTEE], mentor: [...COMMON, ...MENTOR], both: [...COMMON, ...BOTH] };

/** Share (0–100) of the fields this role needs for matching that are filled in. */
export function profileCompleteness(answers: ProfileAnswers, role: ProgramRole): number {
  const checks = CHECKS[role];
  return Math.round((100 * checks.filter((c) => c.ok(answers)).length) / checks.length);
}

/** What still keeps this profile out of matching, in words ("time zone", "goals"). */
export function missingForMatching(answers: ProfileAnswers, role: ProgramRole): string[] {
  return CHECKS[role].filter((c) => !c.ok(answers)).map((c) => c.field);
}

export function completenessByRole(answers: ProfileAnswers): Record<ProgramRole, number> {
  return { mentee: profileCompleteness(answers, 'mentee'), mentor: profileCompleteness(answers, 'mentor'), both: profileCompleteness(answers, 'both') };
}
