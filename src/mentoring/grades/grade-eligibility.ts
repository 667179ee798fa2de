import type { GradedParticipant, GradeLineItem } from './ports.js';

/** @see https://www.imsglobal.org/spec/lti-ags/v2p0#scope-and-allowed-http-methods */
export const AGS_SCOPE = {
  lineItem: 'https://purl.imsglobal.org/spec/lti-ags/scope/lineitem',
  score: 'https://purl.imsglobal.org/spec/lti-ags/scope/score',
} as const;

export type SkipReason = 'left_course' | 'left_program' | 'never_launched';

export const SKIP_REASONS: Record<SkipReason, string> = {
  left_course: 'Left the course: the LMS no longer takes grades for them.',
  left_program: 'No longer in the program.',
  never_launched: 'Never opened the activity: the LMS has not linked them to it yet.',
};

/** Why a participant gets no score, or null when they get one. */
type Standing = Pick<GradedParticipant, 'programStatus' | 'enrolmentStatus' | 'launched'>;

export function skipReasonOf(p: Standing): SkipReason | null {
  if (p.enrolmentStatus === 'inactive') return 'left_course';
  if (p.programStatus === 'inactive') return 'left_program';
  if (!p.launched || p.enrolmentStatus === null) return 'never_launched';
  return null;
}

/** Line items the tool may post scores to: the claim granted the score scope. */
export const scorableLineItems = <T extends GradeLineItem>(items: T[]): T[] =>
  items.filter((i) => i.scopes.includes(AGS_SCOPE.score));

export type GradeServiceState = 'ready' | 'no_line_item' | 'no_score_scope' | 'no_service';

/** What the staff page says about the LMS's grade service for this program. */
export function gradeServiceStateOf(items: GradeLineItem[], offersAgs: boolean): GradeServiceState {
  if (scorableLineItems(items).length) return 'ready';
  if (items.length) return 'no_score_scope';
  return offersAgs ? 'no_line_item' : 'no_service';
}
