import { z } from 'zod';
import { AppError } from '../../shared/errors.js';
import { membershipEvents } from '../circles/circle-events.js';
import { leaveCircle, placePairs } from '../circles/placement.js';
import type { Circle, CircleChange, CircleHistoryEntry } from '../circles/ports.js';
import { capacityOf, solveMatching, type MatchResult, type PairRef, type Participant } from '../matching/index.js';
import type { CourseScope } from '../programs/ports.js';
import { engineMentee, engineMentors, loadMatchContext, placementOf, type MatchContext, type MatchDeps } from './match-context.js';
import { getProgram } from '../programs/program-use-cases.js';
import type { RotationPlan } from './ports.js';
import { pastMentorsOf } from './rebalance-use-cases.js';

export interface RotationMove {
  menteeId: string;
  fromCircle: Circle;
  fromMentorId: string;
  toMentorId: string;
  score: number;
}

export interface RotationPreview {
  ctx: MatchContext;
  plan: RotationPlan | null;
  moves: RotationMove[];
  stays: Array<{ menteeId: string; reasons: string[] }>;
  /** Set when the program's format has no mentors to rotate between. */
  unsupported: string | null;
}

/** Mentees in circles now, each with the circle and mentor they have. */
function placedMentees(circles: readonly Circle[]) {
  return circles.flatMap((circle) => {
    const mentor = circle.members.find((m) => m.role === 'mentor');
    return mentor ? circle.members.filter((m) => m.role === 'mentee').map((m) => ({ menteeId: m.participantId, circle, mentorId: mentor.participantId })) : [];
  });
}

/**
 * Every placed mentee moves to a mentor they have never had, as well as possible overall. Those who
 * cannot move stay, holding their place; the solve repeats until the places they hold are respected.
 */
function planMoves(ctx: MatchContext, history: readonly CircleHistoryEntry[]): Pick<RotationPreview, 'moves' | 'stays'> {
  const placed = placedMentees(ctx.circles).filter((p) => engineMentee(ctx, p.menteeId));
  const mentees = placed.map((p) => engineMentee(ctx, p.menteeId)!);
  const forbidden: PairRef[] = placed.flatMap((p) => [...new Set([p.mentorId, ...pastMentorsOf(history, p.menteeId)])].map((mentorId) => ({ mentorId, menteeId: p.menteeId })));
  let held = new Map<string, number>();
  let result: MatchResult | undefined;
  for (let round = 0; round < 5; round++) {
    const mentors: Participant[] = engineMentors(ctx).map((m) => ({ ...m, capacity: Math.max(0, capacityOf(m.capacity, ctx.engine) - (held.get(m.id) ?? 0)) }));
    result = solveMatching({ participants: [...mentors, ...mentees], settings: ctx.engine, forbidden });
    const moved = new Set(result.pairs.map((p) => p.menteeId));
    const nextHeld = new Map<string, number>();
    for (const p of placed.filter((x) => !moved.has(x.menteeId))) nextHeld.set(p.mentorId, (nextHeld.get(p.mentorId) ?? 0) + 1);
    if ([...nextHeld].every(([id, n]) => held.get(id) === n) && nextHeld.size === held.size) break;
    held = nextHeld;
  }
  const from = new Map(placed.map((p) => [p.menteeId, p]));
  const moves = result!.pairs.map((pair) => ({ menteeId: pair.menteeId, fromCircle: from.get(pair.menteeId)!.circle, fromMentorId: from.get(pair.menteeId)!.mentorId, toMentorId: pair.mentorId, score: pair.score }));
  const stays = result!.unmatched.filter((u) => u.role === 'mentee').map((u) => ({ menteeId: u.participantId, reasons: u.reasons }));
  return { moves, stays };
}

export async function previewRotation(deps: MatchDeps, scope: CourseScope, programId: string): Promise<RotationPreview> {
  const ctx = await loadMatchContext(deps, scope, programId);
  const plan = (await deps.rotations.find(scope, programId)) ?? null;
  if (ctx.settings.programType === 'peer') return { ctx, plan, moves: [], stays: [], unsupported: 'Peers have no mentors to rotate: move people between circles instead.' };
  if (!plan) return { ctx, plan, moves: [], stays: [], unsupported: null };
  return { ctx, plan, ...planMoves(ctx, await deps.circleChanges.history(scope, programId)), unsupported: null };
}

const planSchema = z.object({
  everyWeeks: z.coerce.number({ error: 'Enter a number of weeks.' }).int('Enter whole weeks.').min(1, 'Rotate at most every week.').max(52, 'Rotate at least once a year (52 weeks).'),
  nextOn: z.iso.date({ error: 'Enter the date of the next rotation.' }),
});

export type RotationPlanErrors = Partial<Record<'everyWeeks' | 'nextOn', string>>;

export async function saveRotationPlan(deps: MatchDeps, scope: CourseScope, programId: string, input: Record<string, unknown>): Promise<{ ok: true } | { ok: false; errors: RotationPlanErrors }> {
  await getProgram(deps, scope, programId);
  const parsed = planSchema.safeParse(input);
  if (!parsed.success) {
    const errors: RotationPlanErrors = {};
    for (const issue of parsed.error.issues) errors[issue.path[0] as keyof RotationPlanErrors] ??= issue.message;
    return { ok: false, errors };
  }
  await deps.rotations.save(scope, programId, parsed.data);
  return { ok: true };
}

function rotationChanges(ctx: MatchContext, moves: readonly RotationMove[]): CircleChange[] {
  const group = ctx.settings.programType === 'group';
  const leaving = new Map<string, Circle>();
  const leaves = moves.flatMap((m) => {
    const circle = leaving.get(m.fromCircle.id) ?? m.fromCircle;
    leaving.set(circle.id, { ...circle, members: circle.members.filter((x) => x.participantId !== m.menteeId) });
    return group ? [{ kind: 'leave', circleId: circle.id, participantId: m.menteeId, reason: 'rotation' } satisfies CircleChange] : leaveCircle(circle, m.menteeId, 'rotation');
  });
  const after = ctx.circles.map((c) => leaving.get(c.id) ?? c);
  return [...leaves, ...placePairs(placementOf(ctx), moves.map((m) => ({ mentorId: m.toMentorId, menteeId: m.menteeId })), after)];
}

/** Applies the rotation now and moves the plan's next date on by its interval. */
export async function rotateNow(deps: MatchDeps, scope: CourseScope, programId: string): Promise<number> {
  const preview = await previewRotation(deps, scope, programId);
  if (preview.unsupported) throw new AppError('ROTATION_UNSUPPORTED', 409, preview.unsupported);
  if (!preview.plan) throw new AppError('ROTATION_NO_PLAN', 409, 'Save a rotation plan first.');
  const { ctx, plan, moves } = preview;
  const changes = rotationChanges(ctx, moves);
  const today = ctx.now.toISOString().slice(0, 10);
  const nextOn = new Date(Date.parse(`${today}T00:00:00Z`) + plan.everyWeeks * 7 * 86_400_000).toISOString().slice(0, 10);
  await deps.rotations.rotate(scope, programId, nextOn, { changes, toEvents: (idOf) => membershipEvents(scope, programId, changes, idOf, (id) => ctx.person(id).userId) });
  return moves.length;
}
