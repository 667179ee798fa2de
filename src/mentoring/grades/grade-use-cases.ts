import type { CourseScope } from '../programs/ports.js';
import { computeScore, type ComputedScore } from './grade-rule.js';
import {
  gradeServiceStateOf, scorableLineItems, skipReasonOf, SKIP_REASONS, type GradeServiceState,
} from './grade-eligibility.js';
import {
  DEFAULT_GRADE_SETTINGS, validateGradeSettings, type GradeSettings, type GradeSettingsResult,
} from './grade-settings.js';
import type { GradeLineItem, GradeStore, QueuedScore } from './ports.js';

interface Deps {
  grades: GradeStore;
}

export interface PreviewRow {
  participantId: string;
  name: string;
  score: ComputedScore | null;
  skipped: string | null;
  last: QueuedScore | null;
}

export interface GradePreview {
  settings: GradeSettings;
  lineItems: GradeLineItem[];
  service: GradeServiceState;
  rows: PreviewRow[];
}

/** The program's settings, or the default mix until an instructor chose. */
export async function getGradeSettings(deps: Deps, scope: CourseScope, programId: string) {
  return (await deps.grades.settings(scope, programId)) ?? DEFAULT_GRADE_SETTINGS;
}

/** Each participant's current score and why, before anything is sent; the skipped with why. */
export async function previewGrades(
  deps: Deps, scope: CourseScope, programId: string, asOf: Date, courseOffersAgs: boolean,
): Promise<GradePreview> {
  const settings = await getGradeSettings(deps, scope, programId);
  const [people, lineItems, queued] = await Promise.all([
    deps.grades.participants(scope, programId), deps.grades.lineItems(scope, programId),
    deps.grades.lastQueued(scope, programId),
  ]);
  const lastByUser = new Map(queued.map((q) => [q.userId, q]));
  const rows = people.map((p): PreviewRow => {
    const reason = skipReasonOf(p);
    return {
      participantId: p.participantId, name: p.name ?? p.subject,
      score: reason ? null : computeScore(settings, p.facts, asOf),
      skipped: reason ? SKIP_REASONS[reason] : null,
      last: lastByUser.get(p.userId) ?? null,
    };
  });
  return { settings, lineItems, service: gradeServiceStateOf(lineItems, courseOffersAgs), rows };
}

/** Saves what the grade means; scores are queued again under the new rule. */
export async function saveGradeSettings(
  deps: Deps, scope: CourseScope, programId: string, input: Record<string, unknown>, asOf: Date,
): Promise<GradeSettingsResult> {
  const result = validateGradeSettings(input);
  if (!result.ok) return result;
  await deps.grades.saveSettings(scope, programId, result.settings, asOf);
  return result;
}

/** "Send scores now": queues every participant's current score; the delivery job sends them. */
export async function sendScoresNow(
  deps: Deps, scope: CourseScope, programId: string, asOf: Date,
): Promise<{ queued: number; service: GradeServiceState }> {
  const lineItems = await deps.grades.lineItems(scope, programId);
  if (!scorableLineItems(lineItems).length) {
    return { queued: 0, service: gradeServiceStateOf(lineItems, false) };
  }
  return { queued: await deps.grades.queueAll(scope, programId, asOf), service: 'ready' };
}
