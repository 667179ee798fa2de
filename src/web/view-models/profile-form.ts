import type { WeeklyWindow } from '../../mentoring/matching/index.js';
import { missingForMatching, type ProfileAnswers } from '../../mentoring/profiles/profile.js';
import type { ProfileErrors, ProfileField } from '../../mentoring/profiles/profile-input.js';
import { FIELDS_BY_ROLE } from '../../mentoring/profiles/profile-input.js';
import { BLOCK_HOURS, BLOCK_MINUTES, GENERATIONS, LEARNING_STYLES, WEEKDAYS } from '../../mentoring/profiles/profile-options.js';
import type { ProfileSheet } from '../../mentoring/profiles/profile-use-cases.js';
import { countryNames, languageNames } from './profile-lists.js';
import { currentZoneName, zoneAliasesJson, zoneOptions } from './time-zones.js';

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

/** The form's short steps, in order; a role sees only its own. */
function profileSteps(showMentee: boolean, showMentor: boolean) {
  const all = [
    { key: 'about', label: 'About you', shown: true }, { key: 'grow', label: 'What you want to grow', shown: showMentee },
    { key: 'offer', label: 'What you offer', shown: showMentor }, { key: 'time', label: 'When you are free', shown: true },
    { key: 'apart', label: 'Who not with', shown: true },
  ].filter((s) => s.shown);
  const steps = all.map((s, i) => ({ id: `step-${s.key}`, label: s.label, n: i + 1 }));
  return { steps, stepOf: Object.fromEntries(all.map((s, i) => [s.key, i + 1])) };
}

/** Up to three language boxes, each from the list; the form sends them as one comma list. */
export const LANGUAGE_BOXES = 3;
function languageBoxes(value: string | string[] | undefined) {
  const given = String(value ?? '').split(',').map((l) => l.trim()).filter(Boolean);
  return Array.from({ length: Math.max(LANGUAGE_BOXES, given.length) }, (_, i) => ({ id: i === 0 ? 'languages' : `languages-${i + 1}`, value: given[i] ?? '', first: i === 0, n: i + 1 }));
}

/** Several language boxes arrive as a list; the profile keeps one comma-separated answer. */
export function joinedLanguages(body: Record<string, unknown>): Record<string, unknown> {
  if (!Array.isArray(body.languages)) return body;
  return { ...body, languages: body.languages.map(String).map((l) => l.trim()).filter(Boolean).join(', ') };
}

const options = (entries: Record<string, string>, selected: string | string[] | undefined) =>
  Object.entries(entries).map(([value, label]) => ({ value, label, selected: Array.isArray(selected) ? selected.includes(value) : selected === value }));

export function profileFormModel(sheet: ProfileSheet, values: Values, now: Date, errors: ProfileErrors = {}) {
  const role = sheet.me.programRole;
  const shows = (f: keyof ProfileAnswers) => FIELDS_BY_ROLE[role].includes(f);
  const chosen = (k: string) => (values[k] ?? []) as string[];
  const skillBoxes = (k: string) => sheet.skills.map((s) => ({ value: s.id, label: s.name, checked: chosen(k).includes(s.id), id: `${k}-${s.id}` }));
  const nameOf = new Map(sheet.others.map((p) => [p.id, p.name]));
  const person = (id: string) => ({ value: id, label: nameOf.get(id) ?? 'Someone who left the program' });
  const errorSummary = (Object.entries(errors) as Array<[ProfileField, string]>).map(([field, message]) => ({ field, message }));
  const showMentee = shows('growthSkills');
  const showMentor = shows('strengths');
  return {
    values, errors, errorSummary, errorCount: errorSummary.length, ...profileSteps(showMentee, showMentor),
    showMentee, showMentor, completeness: sheet.completeness, missing: missingForMatching(sheet.answers, role),
    timeZone: values.timeZone ? currentZoneName(String(values.timeZone)) : '', timeZones: zoneOptions(now), zoneAliases: zoneAliasesJson,
    countries: countryNames(), languageNames: languageNames(), languageBoxes: languageBoxes(values.languages),
    generations: options(GENERATIONS, values.generation), learningStyles: options(LEARNING_STYLES, values.learningStyle),
    mentoringStyles: options(LEARNING_STYLES, values.mentoringStyles).map((o) => ({ ...o, id: `mentoringStyles-${o.value}` })),
    growthSkills: skillBoxes('growthSkills'), strengths: skillBoxes('strengths'),
    manager: values.managerId ? person(String(values.managerId)) : null, notWith: chosen('notWith').map(person),
    blockHeads: BLOCK_HOURS.map((h) => `${pad(h)}–${pad(h + BLOCK_MINUTES / 60)}`),
    grid: Object.entries(WEEKDAYS).map(([day, label]) => ({
      label, cells: BLOCK_HOURS.map((h) => ({ value: `${day}-${pad(h)}`, checked: chosen('availability').includes(`${day}-${pad(h)}`), hour: `${pad(h)}–${pad(h + BLOCK_MINUTES / 60)}`, label: `${label} ${pad(h)}:00 to ${pad(h + BLOCK_MINUTES / 60)}:00` })),
    })),
  };
}
