import { z } from 'zod';
import { isValidTimeZone, type Weekday, type WeeklyWindow } from '../matching/index.js';
import type { ProgramRole } from '../roster/program-role.js';
import { emptyAnswers, type ProfileAnswers } from './profile.js';
import { keysOf } from '../programs/program-options.js';
import { BLOCK_HOURS, BLOCK_MINUTES, GENERATIONS, LEARNING_STYLES, WEEKDAYS } from './profile-options.js';

export type ProfileField = keyof ProfileAnswers | 'markets' | 'functions' | 'crises';
export type ProfileErrors = Partial<Record<ProfileField, string>>;
export type ProfileInputResult = { ok: true; answers: ProfileAnswers } | { ok: false; errors: ProfileErrors };

/** What the form may refer to: the program's skills and the other participants. */
export interface ProfileInputContext {
  skillIds: ReadonlySet<string>;
  otherParticipantIds: ReadonlySet<string>;
}

const list = (v: unknown) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v]);
const blank = (v: unknown) => (v === null || (typeof v === 'string' && v.trim() === '') ? undefined : v);
const text = (max: number, what: string) => z.preprocess(blank, z.string().trim().max(max, `Keep ${what} under ${max} characters.`).optional());
const whole = (min: number, max: number, what: string) =>
  z.preprocess(blank, z.coerce.number({ error: `Enter a number for ${what}.` }).int(`Enter a whole number for ${what}.`).min(min, `${what} must be at least ${min}.`).max(max, `${what} can be at most ${max}.`).optional());
/** "English, French, english" → ['English', 'French']: duplicates dropped whatever their case. */
const uniqueItems = (v: unknown) => {
  const seen = new Set<string>();
  return String(v ?? '').split(/[,;\n]/).map((s) => s.trim()).filter((s) => s && !seen.has(s.toLowerCase()) && seen.add(s.toLowerCase()));
};
const commaList = (maxItems: number, maxLength: number, what: string) => z.preprocess(
  uniqueItems,
  z.array(z.string().max(maxLength, `Keep each of ${what} under ${maxLength} characters.`)).max(maxItems, `List at most ${maxItems} ${what}.`),
);
const BLOCK_KEY = new RegExp(`^(${Object.keys(WEEKDAYS).join('|')})-(${BLOCK_HOURS.map((h) => String(h).padStart(2, '0')).join('|')})$`);

const schema = z.object({
  division: text(80, 'the division'),
  geography: text(80, 'the geography'),
  timeZone: z.preprocess(blank, z.string().refine(isValidTimeZone, 'Choose a time zone from the list.').optional()),
  languages: commaList(8, 40, 'languages'),
  availability: z.preprocess(list, z.array(z.string().regex(BLOCK_KEY, 'Choose times from the grid.'))),
  generation: z.preprocess(blank, z.enum(keysOf(GENERATIONS), { error: 'Choose a listed generation.' }).optional()),
  seniority: whole(1, 10, 'Career level'),
  managerId: z.preprocess(blank, z.string().optional()),
  teamId: text(80, 'the team name'),
  notWith: z.preprocess(list, z.array(z.string())),
  growthSkills: z.preprocess(list, z.array(z.string()).max(5, 'Choose at most 5 skills to grow.')),
  goals: z.preprocess((v) => String(v ?? '').split('\n').map((s) => s.trim()).filter(Boolean),
    z.array(z.string().max(200, 'Keep each goal under 200 characters.')).max(5, 'Write at most 5 goals, one per line.')),
  learningStyle: z.preprocess(blank, z.enum(keysOf(LEARNING_STYLES), { error: 'Choose a listed learning style.' }).optional()),
  experienceYears: whole(0, 60, 'Years of experience'),
  strengths: z.preprocess(list, z.array(z.string()).max(8, 'Choose at most 8 strengths.')),
  markets: commaList(8, 60, 'markets'),
  functions: commaList(8, 60, 'functions'),
  crises: commaList(8, 60, 'crises'),
  mentoringStyles: z.preprocess(list, z.array(z.enum(keysOf(LEARNING_STYLES), { error: 'Choose listed styles.' }))),
  capacity: whole(0, 20, 'Mentees you can take'),
});

type Parsed = z.infer<typeof schema>;

/** Two-hour grid blocks ("mon-09") → weekly windows, neighbouring blocks merged. */
export function windowsFromBlocks(keys: readonly string[]): WeeklyWindow[] {
  const windows: WeeklyWindow[] = [];
  const clock = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
  for (const day of Object.keys(WEEKDAYS) as Weekday[]) {
    const starts = BLOCK_HOURS.filter((h) => keys.includes(`${day}-${String(h).padStart(2, '0')}`)).map((h) => h * 60);
    for (const start of starts) {
      const last = windows.at(-1);
      if (last && last.day === day && last.end === clock(start)) last.end = clock(start + BLOCK_MINUTES);
      else windows.push({ day, start: clock(start), end: clock(start + BLOCK_MINUTES) });
    }
  }
  return windows;
}

function referenceErrors(p: Parsed, ctx: ProfileInputContext): ProfileErrors {
  const errors: ProfileErrors = {};
  if (p.managerId && !ctx.otherParticipantIds.has(p.managerId)) errors.managerId = 'Choose your manager from the list of participants.';
  if (p.notWith.some((id) => !ctx.otherParticipantIds.has(id))) errors.notWith = 'Choose people from the list of participants.';
  if (p.growthSkills.some((id) => !ctx.skillIds.has(id))) errors.growthSkills = 'Choose skills from the program\'s list.';
  if (p.strengths.some((id) => !ctx.skillIds.has(id))) errors.strengths = 'Choose strengths from the program\'s list.';
  return errors;
}

/** The fields each role's form shows; other fields keep what was saved before. */
const COMMON_FIELDS = ['division', 'geography', 'timeZone', 'languages', 'availability', 'generation', 'seniority', 'managerId', 'teamId', 'notWith'] as const;
const MENTEE_FIELDS = ['growthSkills', 'goals', 'learningStyle', 'experienceYears'] as const;
const MENTOR_FIELDS = ['strengths', 'experienceAreas', 'mentoringStyles', 'capacity'] as const;
export const FIELDS_BY_ROLE: Record<ProgramRole, ReadonlyArray<keyof ProfileAnswers>> = {
  mentee: [...COMMON_FIELDS, ...MENTEE_FIELDS], mentor: [...COMMON_FIELDS, ...MENTOR_FIELDS], both: [...COMMON_FIELDS, ...MENTEE_FIELDS, ...MENTOR_FIELDS],
};

/** True when none of the fields this role's form shows holds anything. */
export function isBlankFor(answers: ProfileAnswers, role: ProgramRole): boolean {
  return FIELDS_BY_ROLE[role].every((field) => {
    const value = answers[field];
    if (value === undefined || value === '') return true;
    if (Array.isArray(value)) return value.length === 0;
    return typeof value === 'object' && Object.values(value).every((items) => items.length === 0);
  });
}

/** Checks a submitted profile form; on any error nothing of it is kept. */
export function validateProfileInput(input: Record<string, unknown>, role: ProgramRole, previous: ProfileAnswers | undefined, ctx: ProfileInputContext): ProfileInputResult {
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    const errors: ProfileErrors = {};
    for (const issue of parsed.error.issues) {
      const field = issue.path[0] as ProfileField | undefined;
      if (field && !errors[field]) errors[field] = issue.message;
    }
    return { ok: false, errors };
  }
  const p = parsed.data;
  const errors = referenceErrors(p, ctx);
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const { markets, functions, crises, availability, ...rest } = p;
  const submitted: ProfileAnswers = { ...emptyAnswers(), ...rest, availability: windowsFromBlocks(availability), experienceAreas: { markets, functions, crises } };
  const answers: ProfileAnswers = { ...emptyAnswers(), ...previous };
  for (const field of FIELDS_BY_ROLE[role]) (answers as unknown as Record<string, unknown>)[field] = submitted[field];
  return { ok: true, answers: JSON.parse(JSON.stringify(answers)) as ProfileAnswers };
}
