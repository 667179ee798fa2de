import {
  CADENCES, MATCHING_MODES, MENTOR_LMS_ROLES, MENTOR_SELECTIONS, PROGRAM_TYPES, PROMPT_TRACKS, PURPOSES,
} from '../../mentoring/programs/program-options.js';
import type { FieldErrors, ProgramSettings } from '../../mentoring/programs/program-settings.js';

type Values = Partial<Record<keyof ProgramSettings, unknown>>;

const asList = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : v === undefined || v === null || v === '' ? [] : [String(v)]);

function choices(options: Record<string, string>, selected: unknown) {
  const chosen = new Set(asList(selected));
  return Object.entries(options).map(([value, label]) => ({ value, label, selected: chosen.has(value) }));
}

/** What the program form shows: the values as typed (kept on error), each field's error, the choices. */
export function programFormModel(values: Values, errors: FieldErrors = {}) {
  const text = (k: keyof ProgramSettings) => (values[k] === undefined || values[k] === null ? '' : String(values[k]));
  const errorCount = Object.keys(errors).length;
  return {
    values: {
      title: text('title'), purposeDetail: text('purposeDetail'), startsOn: text('startsOn'), endsOn: text('endsOn'),
      circleSizeMin: text('circleSizeMin'), circleSizeMax: text('circleSizeMax'), mentorCapacity: text('mentorCapacity'),
      confidentiality: text('confidentiality'), virtual: values.virtual === true || values.virtual === 'on' || values.virtual === 'true',
    },
    errors,
    errorCount,
    errorSummary: errorCount ? Object.entries(errors).map(([field, message]) => ({ field, message })) : null,
    purposes: choices(PURPOSES, values.purpose),
    programTypes: choices(PROGRAM_TYPES, values.programTypes),
    cadences: choices(CADENCES, values.cadence),
    mentorSelections: choices(MENTOR_SELECTIONS, values.mentorSelection),
    mentorLmsRoles: choices(MENTOR_LMS_ROLES, values.mentorLmsRoles),
    matchingModes: choices(MATCHING_MODES, values.matchingMode),
    promptTracks: choices(PROMPT_TRACKS, values.promptTrack),
  };
}
