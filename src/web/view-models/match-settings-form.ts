import { CRITERIA } from '../../mentoring/matching/index.js';
import { CRITERION_LABELS, OBJECTIVES, WEIGHTS, type MatchSettings, type MatchSettingsErrors } from '../../mentoring/matches/match-settings.js';
import type { Program } from '../../mentoring/programs/ports.js';
import { PROGRAM_TYPES } from '../../mentoring/programs/program-options.js';

const isStored = (v: MatchSettings | Record<string, unknown>): v is MatchSettings => typeof v.weights === 'object' && v.weights !== null;

/** Stored settings as the form's flat fields (what a browser would post). */
function flat(v: MatchSettings): Record<string, unknown> {
  return {
    ...v.weights, programType: v.programType, objective: v.objective, minOverlapMinutes: v.minOverlapMinutes, choiceDeadlineDays: v.choiceDeadlineDays,
    maxSameDivisionPerCircle: v.maxSameDivisionPerCircle ?? '', excludeOwnManagerAndTeam: v.excludeOwnManagerAndTeam ? 'on' : '',
    diversityDivision: v.diversity.division ? 'on' : '', diversityGeography: v.diversity.geography ? 'on' : '', diversityGeneration: v.diversity.generation ? 'on' : '',
  };
}

export function matchSettingsModel(program: Program, values: MatchSettings | Record<string, unknown>, errors: MatchSettingsErrors) {
  const v = isStored(values) ? flat(values) : values;
  const text = (k: string) => (v[k] === undefined || v[k] === null ? '' : String(v[k]));
  const errorSummary = Object.entries(errors).map(([field, message]) => ({ field, message }));
  return {
    errors, errorSummary, errorCount: errorSummary.length,
    formats: program.programTypes.map((t) => ({ value: t, label: PROGRAM_TYPES[t], selected: v.programType === t })),
    objectives: Object.entries(OBJECTIVES).map(([value, label]) => ({ value, label, selected: v.objective === value })),
    criteria: CRITERIA.map((c) => ({
      id: c, label: CRITERION_LABELS[c], error: errors[c],
      weights: Object.entries(WEIGHTS).map(([value, label]) => ({ value, label, selected: v[c] === value })),
    })),
    checks: [
      { id: 'excludeOwnManagerAndTeam', label: 'Never pair someone with their own manager or a member of their team', checked: v.excludeOwnManagerAndTeam === 'on' },
      { id: 'diversityDivision', label: 'A different division counts as a fresh perspective', checked: v.diversityDivision === 'on' },
      { id: 'diversityGeography', label: 'A different geography counts as a fresh perspective', checked: v.diversityGeography === 'on' },
      { id: 'diversityGeneration', label: 'A different generation counts as a fresh perspective', checked: v.diversityGeneration === 'on' },
    ],
    values: { minOverlapMinutes: text('minOverlapMinutes'), maxSameDivisionPerCircle: text('maxSameDivisionPerCircle'), choiceDeadlineDays: text('choiceDeadlineDays') },
    group: program.programTypes.includes('group'), menteeChoice: program.matchingMode === 'mentee_choice',
  };
}
