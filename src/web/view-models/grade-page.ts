import type { GradeServiceState } from '../../mentoring/grades/grade-eligibility.js';
import {
  GRADE_MODES, GRADE_PARTS, type GradeFieldErrors, type GradeSettings,
} from '../../mentoring/grades/grade-settings.js';
import type { GradePreview, PreviewRow } from '../../mentoring/grades/grade-use-cases.js';
import type { QueuedScore } from '../../mentoring/grades/ports.js';

/** What staff read about the LMS's grade service, and what the LMS admin can switch on. */
const SERVICE: Record<GradeServiceState, { ok: boolean; text: string }> = {
  ready: {
    ok: true, text: 'Scores go to the LMS gradebook automatically as participants progress.',
  },
  no_line_item: {
    ok: false,
    text: 'No grade column yet: add the activity with "grade column" ticked (Deep Linking), or '
      + 'give the placed activity a grade in the LMS, then open it once so the tool learns its '
      + 'column.',
  },
  no_score_scope: {
    ok: false,
    text: 'The LMS names a grade column but does not let the tool write scores to it. Ask the LMS '
      + 'administrator to allow the tool to send scores (Moodle: the tool\'s "IMS LTI Assignment '
      + 'and Grade Services" setting; Canvas: the developer key\'s "Can create and update '
      + 'submission results" scope).',
  },
  no_service: {
    ok: false,
    text: 'This LMS gives the tool no grade service, so no scores can be sent. Ask the LMS '
      + 'administrator to switch on "IMS LTI Assignment and Grade Services" for the tool (Moodle: '
      + '"Use this service for grade sync only" is enough; Canvas: enable the AGS scopes on the '
      + 'developer key).',
  },
};

const STATUS: Record<QueuedScore['status'], string> = {
  pending: 'Waiting to be sent', sent: 'Sent', superseded: 'Replaced by a newer score',
  refused: 'Refused by the LMS',
};

function scoreText(r: PreviewRow): string | null {
  if (!r.score) return null;
  return r.score.scoreGiven === null ? 'In progress (no score yet)' : `${r.score.scoreGiven} / 100`;
}

const rowModel = (r: PreviewRow) => ({
  name: r.name, skipped: r.skipped, score: scoreText(r),
  progress: r.score?.activityProgress ?? null,
  reasons: r.score?.reasons ?? [],
  last: r.last ? { status: STATUS[r.last.status], error: r.last.lastError } : null,
});

type FormValues = GradeSettings | Record<string, unknown>;

export function gradePageModel(
  preview: GradePreview, values: FormValues, errors: GradeFieldErrors = {},
) {
  const raw = ('weights' in values && typeof values.weights === 'object'
    ? { mode: values.mode, ...values.weights } : values) as Record<string, unknown>;
  return {
    service: SERVICE[preview.service],
    canSend: preview.service === 'ready',
    modes: Object.entries(GRADE_MODES)
      .map(([value, m]) => ({ value, ...m, selected: raw.mode === value })),
    parts: Object.entries(GRADE_PARTS).map(([name, label]) => ({
      name, label, value: String(raw[name] ?? ''),
      error: errors[name as keyof GradeFieldErrors] ?? null,
    })),
    modeError: errors.mode ?? null,
    hasErrors: Object.keys(errors).length > 0,
    lineItems: preview.lineItems.map((i) => ({ title: i.title ?? 'Untitled activity' })),
    rows: preview.rows.map(rowModel),
  };
}
