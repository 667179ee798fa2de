import { z } from 'zod';
import type { Clock } from '../../shared/clock.js';
import { AppError } from '../../shared/errors.js';
import { domainEvent } from '../events.js';
import type { CourseScope, Program, ProgramRepository } from '../programs/ports.js';
import { getProgram } from '../programs/program-use-cases.js';
import type { ParticipantStore, ParticipantView } from '../roster/participant-ports.js';
import { optionalText, scale, validateWith, type Validated } from './form-validation.js';
import { summariseSurvey, type SurveySummary } from './survey-aggregate.js';
import type { SurveyStore } from './survey-ports.js';

interface Deps {
  programs: ProgramRepository;
  participants: ParticipantStore;
  surveys: SurveyStore;
  clock: Clock;
}

const answersSchema = z.object({
  goalProgress: scale('how far you got with your goals'),
  relationship: scale('the quality of the relationship'),
  confidence: scale('how your confidence grew'),
  clarity: scale('how clear your next steps are'),
  wouldRecommend: z.enum(['yes', 'no'], { error: 'Say whether you would recommend the program.' }).transform((v) => v === 'yes'),
  comment: optionalText('your comment', 2000),
});

export interface SurveyStatus {
  open: boolean;
  /** Staff opened it before the program's end. */
  openedEarly: boolean;
}

/** Open from the program's last day, or earlier when staff open it. */
async function statusOf(deps: Deps, scope: CourseScope, program: Program): Promise<SurveyStatus> {
  const openedAt = await deps.surveys.openedAt(scope.tenantId, program.id);
  const today = deps.clock.now().toISOString().slice(0, 10);
  const ended = today >= program.endsOn;
  return { open: ended || openedAt !== null, openedEarly: openedAt !== null && !ended };
}

async function participantOf(deps: Deps, scope: CourseScope, programId: string): Promise<{ program: Program; me: ParticipantView }> {
  const program = await getProgram(deps, scope, programId);
  const me = await deps.participants.findByUser(scope, programId, scope.userId);
  if (!me || me.status !== 'active') throw new AppError('NOT_A_PARTICIPANT', 403, 'You are not a participant of this program.', { cause: { programId, ...scope } });
  return { program, me };
}

export async function getSurvey(deps: Deps, scope: CourseScope, programId: string) {
  const { program, me } = await participantOf(deps, scope, programId);
  return { program, status: await statusOf(deps, scope, program), submitted: await deps.surveys.hasSubmitted(scope.tenantId, programId, me.id) };
}

/** One answer per participant; answering completes the program for them (program_completed). */
export async function submitSurvey(deps: Deps, scope: CourseScope, programId: string, input: Record<string, unknown>): Promise<Validated<null>> {
  const { program, me } = await participantOf(deps, scope, programId);
  if (!(await statusOf(deps, scope, program)).open) throw new AppError('SURVEY_CLOSED', 409, `The close-out survey opens when the program ends on ${program.endsOn}.`, { cause: { programId } });
  const parsed = validateWith(answersSchema, input);
  if (!parsed.ok) return parsed;
  const event = domainEvent('program_completed', { tenantId: scope.tenantId, courseId: scope.courseId, programId, circleId: null, actorUserId: scope.userId, data: {} });
  const result = await deps.surveys.submit(scope.tenantId, programId, me.id, parsed.value, [event]);
  if (result === 'duplicate') return { ok: false, errors: { form: 'You have already answered this survey. Thank you!' } };
  return { ok: true, value: null };
}

/** Staff: open the survey before the program ends (e.g. a pilot closing early). */
export async function openSurveyEarly(deps: Deps, scope: CourseScope, programId: string): Promise<void> {
  await getProgram(deps, scope, programId);
  await deps.surveys.open(scope.tenantId, programId, scope.userId, deps.clock.now());
}

/** Staff: the answers as aggregates only, hidden below the minimum count. */
export async function surveyResults(deps: Deps, scope: CourseScope, programId: string): Promise<{ program: Program; status: SurveyStatus; summary: SurveySummary }> {
  const program = await getProgram(deps, scope, programId);
  const eligible = (await deps.participants.list(scope, programId, { status: 'active' })).length;
  const summary = summariseSurvey(await deps.surveys.answers(scope.tenantId, programId), eligible);
  return { program, status: await statusOf(deps, scope, program), summary };
}
