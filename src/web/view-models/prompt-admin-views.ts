import type { DeliveryOutcome } from '../../mentoring/prompts/delivery-plan.js';
import type { PromptContent } from '../../mentoring/prompts/ports.js';
import { PROMPT_AUDIENCES, PROMPT_CATEGORIES } from '../../mentoring/prompts/prompt-options.js';
import type { PromptSchedule } from '../../mentoring/prompts/schedule.js';
import { PROGRAM_TYPES } from '../../mentoring/programs/program-options.js';

export const OUTCOME_LABELS: Record<DeliveryOutcome, string> = {
  delivered: 'Delivered', paused: 'Not sent: paused', off: 'Not sent: the program has no prompt track', empty: 'Not sent: the track was used up',
  not_formed: 'Not sent: before the circle was formed',
};

/** The schedule as the form shows it (strings, as a browser sends them back). */
export function scheduleFormValues(s: PromptSchedule): Record<string, string> {
  return {
    cadence: s.cadence, everyDays: s.everyDays === null ? '' : String(s.everyDays), sendHour: String(s.sendHour), startsOn: s.startsOn ?? '', endsOn: s.endsOn ?? '',
    nudges: s.nudgeAfterDays === null ? '' : 'on', nudgeAfterDays: String(s.nudgeAfterDays ?? 21), nudgeRepeatDays: String(s.nudgeRepeatDays),
  };
}

export function promptFormValues(p: PromptContent): Record<string, string | string[]> {
  return { category: p.category, title: p.title, body: p.body, audience: p.audience, programTypes: p.programTypes, minutes: String(p.minutes), followUp: p.followUp ?? '' };
}

/** Choices of the prompt form with the typed values selected. */
export function promptFormChoices(values: Record<string, string | string[]>) {
  const types = Array.isArray(values.programTypes) ? values.programTypes : values.programTypes ? [values.programTypes] : [];
  return {
    categories: Object.entries(PROMPT_CATEGORIES).map(([value, label]) => ({ value, label, selected: values.category === value })),
    audiences: Object.entries(PROMPT_AUDIENCES).map(([value, label]) => ({ value, label, selected: values.audience === value })),
    programTypes: Object.entries(PROGRAM_TYPES).map(([value, label]) => ({ value, label, selected: types.includes(value) })),
  };
}
