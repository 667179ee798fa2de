import { z } from 'zod';
import { keysOf, PROGRAM_TYPES } from '../programs/program-options.js';
import type { PromptContent } from './ports.js';
import { PROMPT_AUDIENCES, PROMPT_CADENCES, PROMPT_CATEGORIES } from './prompt-options.js';
import type { PromptSchedule } from './schedule.js';

export type Checked<T> = { ok: true; value: T } | { ok: false; errors: Record<string, string> };

const list = (v: unknown) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v]);
const blank = (v: unknown) => (v === null || (typeof v === 'string' && v.trim() === '') ? undefined : v);
const whole = (min: number, max: number, what: string) =>
  z.preprocess(blank, z.coerce.number({ error: `Enter ${what}.` }).int(`Enter a whole number for ${what}.`).min(min, `${what[0]!.toUpperCase()}${what.slice(1)} must be at least ${min}.`).max(max, `${what[0]!.toUpperCase()}${what.slice(1)} can be at most ${max}.`));
const isoDate = z.preprocess(blank, z.iso.date({ error: 'Enter a date as YYYY-MM-DD.' }).optional());

function check<T>(schema: z.ZodType<T>, input: Record<string, unknown>): Checked<T> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return { ok: true, value: parsed.data };
  const errors: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    const field = String(issue.path[0] ?? 'form');
    errors[field] ??= issue.message;
  }
  return { ok: false, errors };
}

const promptSchema = z.object({
  category: z.enum(keysOf(PROMPT_CATEGORIES), { error: 'Choose a category.' }),
  title: z.string({ error: 'Give the prompt a title.' }).trim().min(3, 'Give the prompt a title of at least 3 characters.').max(80, 'Keep the title under 80 characters.'),
  body: z.string({ error: 'Write the prompt.' }).trim().min(20, 'Write the prompt in at least 20 characters.').max(600, 'Keep the prompt under 600 characters: short prompts get answered.'),
  audience: z.enum(keysOf(PROMPT_AUDIENCES), { error: 'Choose who the prompt is for.' }),
  programTypes: z.preprocess(list, z.array(z.enum(keysOf(PROGRAM_TYPES), { error: 'Choose a listed program type.' })).min(1, 'Choose at least one program type it suits.')),
  minutes: whole(2, 10, 'the minutes it takes'),
  followUp: z.preprocess(blank, z.string().trim().max(200, 'Keep the follow-up question under 200 characters.').optional()),
});

/** Checks a prompt staff wrote or edited. */
export function validatePrompt(input: Record<string, unknown>): Checked<PromptContent> {
  const result = check(promptSchema, input);
  return result.ok ? { ok: true, value: { ...result.value, followUp: result.value.followUp ?? null } } : result;
}

const scheduleSchema = z.object({
  cadence: z.enum(keysOf(PROMPT_CADENCES), { error: 'Choose how often prompts come.' }),
  everyDays: z.preprocess(blank, z.coerce.number({ error: 'Enter a number of days.' }).int('Enter a whole number of days.').optional()),
  sendHour: whole(0, 23, 'the hour'),
  startsOn: isoDate,
  endsOn: isoDate,
  nudges: z.preprocess((v) => v === 'on' || v === 'true' || v === true, z.boolean()),
  // Only read when nudges are on, so a stray value in a disabled field never blocks saving.
  nudgeAfterDays: z.unknown().optional(),
  nudgeRepeatDays: whole(1, 365, 'the days between nudges'),
});

/** Checks the schedule form: the cadence must be at least a day, the end after the start. */
export function validateSchedule(input: Record<string, unknown>, program: { startsOn: string }): Checked<PromptSchedule> {
  const result = check(scheduleSchema, input);
  if (!result.ok) return result;
  const s = result.value;
  const errors: Record<string, string> = {};
  if (s.cadence === 'custom' && (s.everyDays === undefined || s.everyDays < 1)) errors.everyDays = 'Prompts need at least one day between them.';
  else if (s.cadence === 'custom' && s.everyDays! > 90) errors.everyDays = 'Prompts can be at most 90 days apart.';
  if (s.endsOn && s.endsOn <= (s.startsOn ?? program.startsOn)) errors.endsOn = 'The last day must be after the first.';
  const nudgeAfter = Number(blank(s.nudgeAfterDays) ?? NaN);
  if (s.nudges && !(Number.isInteger(nudgeAfter) && nudgeAfter >= 1 && nudgeAfter <= 365)) errors.nudgeAfterDays = 'Enter between 1 and 365 quiet days before a nudge.';
  if (Object.keys(errors).length) return { ok: false, errors };
  return {
    ok: true,
    value: {
      cadence: s.cadence, everyDays: s.cadence === 'custom' ? s.everyDays! : null, sendHour: s.sendHour, startsOn: s.startsOn ?? null, endsOn: s.endsOn ?? null,
      nudgeAfterDays: s.nudges ? nudgeAfter : null, nudgeRepeatDays: s.nudgeRepeatDays,
    },
  };
}
