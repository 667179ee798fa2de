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

type Check = (a: ProfileAnswers) => boolean;
const has = (v: string | undefined) => Boolean(v && v.trim());
const COMMON: Check[] = [(a) => has(a.division), (a) => has(a.geography), (a) => has(a.timeZone), (a) => a.languages.length > 0, (a) => a.availability.length > 0];
const GROWTH: Check[] = [(a) => a.growthSkills.length > 0, (a) => a.goals.length > 0, (a) => a.learningStyle !== undefined];
const MENTEE: Check[] = [...GROWTH, (a) => a.experienceYears !== undefined];
const MENTOR: Check[] = [
  (a) => a.strengths.length > 0, (a) => a.capacity !== undefined, (a) => a.mentoringStyles.length > 0,
  (a) => Object.values(a.experienceAreas).some((list) => list.length > 0),
];
const BOTH: Check[] = [...GROWTH, (a) => a.strengths.length > 0];

const CHECKS: Record<ProgramRole, Check[]> = { mentee: [...COMMON, ...MENTEE], mentor: [...COMMON, ...MENTOR], both: [...COMMON, ...BOTH] };

/** Share (0–100) of the fields this role needs for matching that are filled in. */
export function profileCompleteness(answers: ProfileAnswers, role: ProgramRole): number {
  const checks = CHECKS[role];
  return Math.round((100 * checks.filter((check) => check(answers)).length) / checks.length);
}

export function completenessByRole(answers: ProfileAnswers): Record<ProgramRole, number> {
  return { mentee: profileCompleteness(answers, 'mentee'), mentor: profileCompleteness(answers, 'mentor'), both: profileCompleteness(answers, 'both') };
}
