import { z } from 'zod';
import {
  CADENCES, DEFAULT_CONFIDENTIALITY, keysOf, MATCHING_MODES, MENTOR_LMS_ROLES, MENTOR_SELECTIONS, PROGRAM_TYPES, PROMPT_TRACKS, PURPOSES,
  type Cadence, type MatchingMode, type MentorSelection, type ProgramType, type PromptTrack, type Purpose,
} from './program-options.js';

export interface ProgramSettings {
  title: string;
  purpose: Purpose;
  purposeDetail: string | null;
  programTypes: ProgramType[];
  virtual: boolean;
  startsOn: string;
  endsOn: string;
  cadence: Cadence;
  circleSizeMin: number;
  circleSizeMax: number;
  mentorCapacity: number;
  mentorSelection: MentorSelection;
  mentorLmsRoles: string[];
  matchingMode: MatchingMode;
  confidentiality: string;
  promptTrack: PromptTrack;
}

export type FieldErrors = Partial<Record<keyof ProgramSettings, string>>;

export type SettingsResult = { ok: true; settings: ProgramSettings } | { ok: false; errors: FieldErrors };

const list = (v: unknown) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v]);
const blankToUndefined = (v: unknown) => (v === null || (typeof v === 'string' && v.trim() === '') ? undefined : v);
const isoDate = z.preprocess(blankToUndefined, z.iso.date({ error: 'Enter a date.' }));
const whole = (min: number, max: number, what: string) =>
  z.preprocess(blankToUndefined, z.coerce.number({ error: `Enter ${what}.` }).int(`Enter a whole number for ${what}.`).min(min, `${what} must be at least ${min}.`).max(max, `${what} can be at most ${max}.`));

const schema = z
  .object({
    title: z.string({ error: 'Give the program a name.' }).trim().min(3, 'Give the program a name of at least 3 characters.').max(120, 'Keep the name under 120 characters.'),
    purpose: z.enum(keysOf(PURPOSES), { error: 'Choose the purpose of the program.' }),
    purposeDetail: z.preprocess(blankToUndefined, z.string().trim().max(300, 'Keep the description under 300 characters.').optional()),
    programTypes: z.preprocess(list, z.array(z.enum(keysOf(PROGRAM_TYPES), { error: 'Choose a listed program type.' })).min(1, 'Choose at least one program type.')),
    virtual: z.preprocess((v) => v === 'on' || v === 'true' || v === true, z.boolean()),
    startsOn: isoDate,
    endsOn: isoDate,
    cadence: z.enum(keysOf(CADENCES), { error: 'Choose how often circles meet.' }),
    circleSizeMin: whole(2, 20, 'the smallest circle size'),
    circleSizeMax: whole(2, 20, 'the largest circle size'),
    mentorCapacity: whole(1, 20, 'the number of mentees per mentor'),
    mentorSelection: z.enum(keysOf(MENTOR_SELECTIONS), { error: 'Choose who may be a mentor.' }),
    mentorLmsRoles: z.preprocess(list, z.array(z.enum(keysOf(MENTOR_LMS_ROLES), { error: 'Choose a listed LMS role.' }))),
    matchingMode: z.enum(keysOf(MATCHING_MODES), { error: 'Choose how matches are made.' }),
    confidentiality: z.string({ error: 'Write the confidentiality statement.' }).trim().min(20, 'Write a confidentiality statement of at least 20 characters.').max(4000, 'Keep the statement under 4,000 characters.'),
    promptTrack: z.enum(keysOf(PROMPT_TRACKS), { error: 'Choose a prompt track.' }),
  })
  .superRefine((s, ctx) => {
    const add = (path: keyof ProgramSettings, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    if (s.endsOn <= s.startsOn) add('endsOn', 'The end date must be after the start date.');
    else if (Date.parse(s.endsOn) - Date.parse(s.startsOn) > 3 * 366 * 86_400_000) add('endsOn', 'A program can last at most three years.');
    if (s.circleSizeMax < s.circleSizeMin) add('circleSizeMax', 'The largest circle size cannot be below the smallest.');
    if (s.purpose === 'other' && !s.purposeDetail) add('purposeDetail', 'Describe the purpose when you choose "Other".');
    if (s.mentorSelection === 'lms_role' && s.mentorLmsRoles.length === 0) add('mentorLmsRoles', 'Choose at least one LMS role whose members mentor.');
    if (s.programTypes.includes('peer') && s.programTypes.includes('reverse')) add('programTypes', 'Peer and reverse mentoring cannot be combined: peers have no seniority order.');
  });

/** Checks what staff typed; errors are per field, in words they can act on. */
export function validateProgramSettings(input: Record<string, unknown>): SettingsResult {
  const parsed = schema.safeParse(input);
  if (parsed.success) return { ok: true, settings: { ...parsed.data, purposeDetail: parsed.data.purposeDetail ?? null } };
  const errors: FieldErrors = {};
  for (const issue of parsed.error.issues) {
    const field = issue.path[0] as keyof ProgramSettings | undefined;
    if (field && !errors[field]) errors[field] = issue.message;
  }
  return { ok: false, errors };
}

/** A sensible starting point for a new program in a course. */
export function defaultProgramSettings(today: Date, courseTitle: string | null): ProgramSettings {
  const start = today.toISOString().slice(0, 10);
  const end = new Date(today.getTime() + 182 * 86_400_000).toISOString().slice(0, 10);
  return {
    title: courseTitle ? `${courseTitle} mentoring` : 'Mentoring program',
    purpose: 'leadership_pipeline', purposeDetail: null, programTypes: ['one_on_one'], virtual: false,
    startsOn: start, endsOn: end, cadence: 'monthly', circleSizeMin: 3, circleSizeMax: 6, mentorCapacity: 2,
    mentorSelection: 'self_nomination', mentorLmsRoles: [], matchingMode: 'admin_approved',
    confidentiality: DEFAULT_CONFIDENTIALITY, promptTrack: 'foundations',
  };
}
