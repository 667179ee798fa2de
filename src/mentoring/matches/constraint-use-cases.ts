import { AppError } from '../../shared/errors.js';
import type { CourseScope } from '../programs/ports.js';
import { loadChoiceContext } from './choice-use-cases.js';
import { getMatchSettings, loadMatchContext, type MatchDeps } from './match-context.js';
import { getProgram } from '../programs/program-use-cases.js';
import { validateMatchSettings, type MatchSettingsErrors } from './match-settings.js';
import type { Proposal } from './ports.js';

export async function saveMatchSettings(deps: MatchDeps, scope: CourseScope, programId: string, input: Record<string, unknown>): Promise<{ ok: true } | { ok: false; errors: MatchSettingsErrors }> {
  const { program } = await getMatchSettings(deps, scope, programId);
  const result = validateMatchSettings(input, program);
  if (!result.ok) return result;
  await deps.matches.saveSettings(scope, programId, result.settings, scope.userId);
  return { ok: true };
}

/** Staff pin a pair (always proposed together) or forbid it (never proposed); both must be active participants in fitting roles. */
export async function constrainPair(deps: MatchDeps, scope: CourseScope, programId: string, kind: 'pin' | 'forbid', mentorId: string, menteeId: string): Promise<void> {
  const ctx = await loadMatchContext(deps, scope, programId);
  const [mentor, mentee] = [ctx.people.find((p) => p.id === mentorId), ctx.people.find((p) => p.id === menteeId)];
  if (!mentor || !mentee) throw new AppError('PARTICIPANT_NOT_FOUND', 404, 'There is no such participant in this program.', { cause: { mentorId, menteeId, programId } });
  const peer = ctx.settings.programType === 'peer';
  if (mentor.id === mentee.id) throw new AppError('PAIR_INVALID', 422, 'Choose two different people.');
  if (!peer && (mentor.programRole !== 'mentor' || mentee.programRole !== 'mentee')) {
    throw new AppError('PAIR_INVALID', 422, `${mentor.name} must be a mentor and ${mentee.name} a mentee to be paired.`);
  }
  await deps.matches.setConstraint(scope, programId, { kind, mentorId, menteeId }, scope.userId);
}

export async function removeConstraint(deps: MatchDeps, scope: CourseScope, programId: string, constraintId: string): Promise<void> {
  await getProgram(deps, scope, programId);
  if (!(await deps.matches.removeConstraint(scope, programId, constraintId))) {
    throw new AppError('CONSTRAINT_NOT_FOUND', 404, 'There is no such pin or forbidden pair in this program.', { cause: { constraintId, programId } });
  }
}

/** The matching page's state: the context and the latest proposal (if any). */
export async function openMatching(deps: MatchDeps, scope: CourseScope, programId: string): Promise<{ ctx: Awaited<ReturnType<typeof loadMatchContext>>; proposal: Proposal | null }> {
  const ctx = await loadChoiceContext(deps, scope, programId);
  return { ctx, proposal: (await deps.matches.latestProposal(scope, programId)) ?? null };
}
