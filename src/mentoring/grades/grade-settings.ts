import { z } from 'zod';
import type { GradeMode, GradePart, ParticipationWeights } from './grade-rule.js';

export interface GradeSettings {
  mode: GradeMode;
  weights: ParticipationWeights;
}

/** What each mode means, in the words the settings page shows. */
export const GRADE_MODES: Record<GradeMode, { label: string; help: string }> = {
  participation: {
    label: 'Participation',
    help: 'A score from 0 to 100: the weighted mix below of what each participant has done so far.',
  },
  completion: {
    label: 'Completion',
    help: '100 once the contract is agreed, the meetings the cadence expects attended, every '
      + 'milestone completed and the close-out survey done; until then the LMS shows the activity '
      + 'in progress.',
  },
};

export const GRADE_PARTS: Record<GradePart, string> = {
  contract: 'Contract agreed',
  meetings: 'Meetings attended against the cadence',
  prompts: 'Prompts answered',
  milestones: 'Milestones completed',
  survey: 'Close-out survey done',
};

/** Before an instructor decides: the participation mix, meetings counting most. */
export const DEFAULT_GRADE_SETTINGS: GradeSettings = {
  mode: 'participation',
  weights: { contract: 20, meetings: 30, prompts: 20, milestones: 20, survey: 10 },
};

export type GradeFieldErrors = Partial<Record<'mode' | GradePart, string>>;
export type GradeSettingsResult =
  | { ok: true; settings: GradeSettings }
  | { ok: false; errors: GradeFieldErrors };

const WEIGHT = 'Enter a whole number from 0 to 100.';
const weight = z.coerce.number({ error: WEIGHT }).int(WEIGHT).min(0, WEIGHT).max(100, WEIGHT);

const form = z.object({
  mode: z.enum(['participation', 'completion'], { error: 'Choose participation or completion.' }),
  contract: weight, meetings: weight, prompts: weight, milestones: weight, survey: weight,
});

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

/** The settings form, checked field by field (errors go next to their fields). */
export function validateGradeSettings(input: Record<string, unknown>): GradeSettingsResult {
  const raw = Object.fromEntries(Object.entries(input).map(([k, v]) => [k, blankToUndefined(v)]));
  const parsed = form.safeParse({ ...DEFAULT_GRADE_SETTINGS.weights, ...raw, mode: raw.mode });
  if (!parsed.success) {
    const errors: GradeFieldErrors = {};
    for (const issue of parsed.error.issues) {
      errors[issue.path[0] as keyof GradeFieldErrors] ??= issue.message;
    }
    return { ok: false, errors };
  }
  const { mode, ...weights } = parsed.data;
  if (mode === 'participation' && Object.values(weights).every((w) => w === 0)) {
    return { ok: false, errors: { meetings: 'Give at least one part a weight above 0.' } };
  }
  return { ok: true, settings: { mode, weights } };
}
