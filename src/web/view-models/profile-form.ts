import type { WeeklyWindow } from '../../mentoring/matching/index.js';
import type { ProfileAnswers } from '../../mentoring/profiles/profile.js';
import type { ProfileErrors, ProfileField } from '../../mentoring/profiles/profile-input.js';
import { FIELDS_BY_ROLE } from '../../mentoring/profiles/profile-input.js';
import { BLOCK_HOURS, BLOCK_MINUTES, GENERATIONS, LEARNING_STYLES, WEEKDAYS } from '../../mentoring/profiles/profile-options.js';
import type { ProfileSheet } from '../../mentoring/profiles/profile-use-cases.js';

/** What the form shows in each field: saved answers, or exactly what was typed when it had errors. */
type Values = Record<string, string | string[] | undefined>;

const minutesOf = (clock: string) => Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5));
const pad = (h: number) => String(h).padStart(2, '0');

function blocksOf(windows: readonly WeeklyWindow[]): string[] {
  return windows.flatMap((w) => BLOCK_HOURS.filter((h) => h * 60 >= minutesOf(w.start) && h * 60 + BLOCK_MINUTES <= minutesOf(w.end)).map((h) => `${w.day}-${pad(h)}`));
}

export function valuesFromAnswers(a: ProfileAnswers): Values {
  const str = (v: number | undefined) => (v === undefined ? '' : String(v));
  return {
    division: a.division, geography: a.geography, timeZone: a.timeZone, languages: a.languages.join(', '), availability: blocksOf(a.availability),
    generation: a.generation, seniority: str(a.seniority), managerId: a.managerId, teamId: a.teamId, notWith: a.notWith,
    growthSkills: a.growthSkills, goals: a.goals.join('\n'), learningStyle: a.learningStyle, experienceYears: str(a.experienceYears),
    strengths: a.strengths, markets: a.experienceAreas.markets.join(', '), functions: a.experienceAreas.functions.join(', '),
    crises: a.experienceAreas.crises.join(', '), mentoringStyles: a.mentoringStyles, capacity: str(a.capacity),
  };
}

export function valuesFromInput(body: Record<string, unknown>): Values {
  const one = (v: unknown) => (v === undefined ? undefined : String(Array.isArray(v) ? v[0] : v));
  const many = (v: unknown) => (v === undefined ? [] : (Array.isArray(v) ? v : [v]).map(String));
  const values: Values = {};
  for (const k of ['availability', 'notWith', 'growthSkills', 'strengths', 'mentoringStyles']) values[k] = many(body[k]);
  for (const k of ['division', 'geography', 'timeZone', 'languages', 'generation', 'seniority', 'managerId', 'teamId', 'goals', 'learningStyle', 'experienceYears', 'markets', 'functions', 'crises', 'capacity']) values[k] = one(body[k]);
  return values;
}

let zones: string[] | undefined;
function timeZones(): string[] {
  zones ??= ['UTC', ...Intl.supportedValuesOf('timeZone').filter((z) => z !== 'UTC')];
  return zones;
}

const options = (entries: Record<string, string>, selected: string | string[] | undefined) =>
  Object.entries(entries).map(([value, label]) => ({ value, label, selected: Array.isArray(selected) ? selected.includes(value) : selected === value }));

export function profileFormModel(sheet: ProfileSheet, values: Values, errors: ProfileErrors = {}) {
  const role = sheet.me.programRole;
  const shows = (f: keyof ProfileAnswers) => FIELDS_BY_ROLE[role].includes(f);
  const chosen = (k: string) => (values[k] ?? []) as string[];
  const skillBoxes = (k: string) => sheet.skills.map((s) => ({ value: s.id, label: s.name, checked: chosen(k).includes(s.id), id: `${k}-${s.id}` }));
  const people = sheet.others.map((p) => ({ value: p.id, label: p.name }));
  const errorSummary = (Object.entries(errors) as Array<[ProfileField, string]>).map(([field, message]) => ({ field, message }));
  return {
    values, errors, errorSummary, errorCount: errorSummary.length,
    showMentee: shows('growthSkills'), showMentor: shows('strengths'), completeness: sheet.completeness,
    timeZones: timeZones().map((z) => ({ value: z, selected: z === (values.timeZone ?? 'UTC') })),
    generations: options(GENERATIONS, values.generation), learningStyles: options(LEARNING_STYLES, values.learningStyle),
    mentoringStyles: options(LEARNING_STYLES, values.mentoringStyles).map((o) => ({ ...o, id: `mentoringStyles-${o.value}` })),
    growthSkills: skillBoxes('growthSkills'), strengths: skillBoxes('strengths'),
    managers: people.map((p) => ({ ...p, selected: p.value === values.managerId })), notWith: people.map((p) => ({ ...p, selected: chosen('notWith').includes(p.value) })),
    blockHeads: BLOCK_HOURS.map((h) => `${pad(h)}–${pad(h + BLOCK_MINUTES / 60)}`),
    grid: Object.entries(WEEKDAYS).map(([day, label]) => ({
      label, cells: BLOCK_HOURS.map((h) => ({ value: `${day}-${pad(h)}`, checked: chosen('availability').includes(`${day}-${pad(h)}`), label: `${label} ${pad(h)}:00 to ${pad(h + BLOCK_MINUTES / 60)}:00` })),
    })),
  };
}
