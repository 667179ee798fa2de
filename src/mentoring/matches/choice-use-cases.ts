import { AppError } from '../../shared/errors.js';
import { membershipEvents } from '../circles/circle-events.js';
import { placePairs } from '../circles/placement.js';
import { domainEvent, type DomainEvent } from '../events.js';
import { capacityOf, suggestMentors, type Suggestion } from '../matching/index.js';
import type { CourseScope } from '../programs/ports.js';
import { requireMe } from '../profiles/profile-use-cases.js';
import type { ParticipantView } from '../roster/participant-ports.js';
import { currentPlacements } from './match-cohort.js';
import { cohortOf, loadMatchContext, placementOf, type MatchContext, type MatchDeps } from './match-context.js';
import { getProgram } from '../programs/program-use-cases.js';
import type { MatchChoice } from './ports.js';

const DAY_MS = 86_400_000;
const OPEN = new Set(['pending', 'queued']);
export const deadlineFrom = (ctx: MatchContext) => new Date(ctx.now.getTime() + ctx.settings.choiceDeadlineDays * DAY_MS);

function proposedEvent(ctx: MatchContext, choice: Pick<MatchChoice, 'menteeId' | 'mentorId' | 'score'>): DomainEvent {
  return domainEvent('match_proposed', {
    tenantId: ctx.scope.tenantId, courseId: ctx.scope.courseId, programId: ctx.program.id, circleId: null,
    actorUserId: ctx.person(choice.menteeId).userId, data: { mentorUserId: ctx.person(choice.mentorId).userId, score: choice.score },
  });
}

const nextQueued = (ctx: MatchContext, menteeId: string) =>
  ctx.choices.filter((c) => c.menteeId === menteeId && c.status === 'queued').sort((a, b) => a.rank - b.rank)[0];

/** Requests past their deadline expire; the mentee's next choice is asked in their place. */
async function expireOverdue(deps: MatchDeps, ctx: MatchContext): Promise<boolean> {
  const overdue = ctx.choices.filter((c) => c.status === 'pending' && c.deadline !== null && c.deadline <= ctx.now);
  for (const choice of overdue) {
    const next = nextQueued(ctx, choice.menteeId);
    await deps.choices.settle(ctx.scope, ctx.program.id, choice.id, 'expired', next ? { choiceId: next.id, deadline: deadlineFrom(ctx) } : null,
      { changes: [], toEvents: () => (next ? [proposedEvent(ctx, next)] : []) });
  }
  return overdue.length > 0;
}

/** The context with overdue requests settled first. */
export async function loadChoiceContext(deps: MatchDeps, scope: CourseScope, programId: string): Promise<MatchContext> {
  const ctx = await loadMatchContext(deps, scope, programId);
  return (await expireOverdue(deps, ctx)) ? loadMatchContext(deps, scope, programId) : ctx;
}

export interface MenteeChoices {
  ctx: MatchContext;
  me: ParticipantView;
  mine: MatchChoice[];
  /** Mentors to rank, best first; empty when the mentee cannot rank now. */
  suggestions: Suggestion[];
  canRank: boolean;
}

export async function openMenteeChoices(deps: MatchDeps, scope: CourseScope, programId: string): Promise<MenteeChoices> {
  const ctx = await loadChoiceContext(deps, scope, programId);
  const me = await requireMe(deps, scope, programId);
  const mine = ctx.choices.filter((c) => c.menteeId === me.id);
  const placed = currentPlacements(ctx.circles).placed.has(me.id);
  const cohort = cohortOf(ctx);
  const eligible = ctx.program.matchingMode === 'mentee_choice' && me.programRole === 'mentee' && !placed && !mine.some((c) => OPEN.has(c.status))
    && cohort.participants.some((p) => p.id === me.id);
  const tried = mine.filter((c) => c.status === 'declined' || c.status === 'expired').map((c) => c.mentorId);
  const forbids = ctx.constraints.filter((c) => c.kind === 'forbid').map(({ mentorId, menteeId }) => ({ mentorId, menteeId }));
  const suggestions = eligible ? suggestMentors({ participants: cohort.participants, settings: ctx.engine, forbidden: forbids }, me.id, { limit: 3, exclude: tried }) : [];
  return { ctx, me, mine, suggestions, canRank: suggestions.length > 0 };
}

/** The mentee's ranking of their suggestions: rank-<mentorId> = 1, 2, 3 or empty. */
export async function rankMentors(deps: MatchDeps, scope: CourseScope, programId: string, input: Record<string, unknown>): Promise<{ ok: true } | { ok: false; error: string; view: MenteeChoices }> {
  const view = await openMenteeChoices(deps, scope, programId);
  if (!view.canRank) throw new AppError('RANKING_CLOSED', 409, 'You cannot choose mentors now: you have a request open, a circle, or no suggestions.');
  const ranked = view.suggestions.flatMap((s) => {
    const raw = String(input[`rank-${s.mentorId}`] ?? '').trim();
    return raw === '' ? [] : [{ suggestion: s, rank: Number(raw) }];
  });
  const ranks = ranked.map((r) => r.rank);
  let error: string | null = null;
  if (ranked.length === 0) error = 'Rank at least one suggested mentor.';
  else if (ranks.some((r) => !Number.isInteger(r) || r < 1 || r > view.suggestions.length)) error = `Use ranks from 1 to ${view.suggestions.length}.`;
  else if (new Set(ranks).size !== ranks.length) error = 'Give each mentor a different rank.';
  if (error) return { ok: false, error, view };
  const order = ranked.sort((a, b) => a.rank - b.rank).map((r) => ({ mentorId: r.suggestion.mentorId, score: r.suggestion.score }));
  await deps.choices.rank(scope, programId, view.me.id, order, deadlineFrom(view.ctx), [proposedEvent(view.ctx, { menteeId: view.me.id, ...order[0]! })]);
  return { ok: true };
}

export async function openMentorRequests(deps: MatchDeps, scope: CourseScope, programId: string): Promise<{ ctx: MatchContext; me: ParticipantView; requests: MatchChoice[]; spare: number }> {
  const ctx = await loadChoiceContext(deps, scope, programId);
  const me = await requireMe(deps, scope, programId);
  const requests = ctx.choices.filter((c) => c.mentorId === me.id && c.status === 'pending');
  const load = currentPlacements(ctx.circles).mentorLoad.get(me.id) ?? 0;
  return { ctx, me, requests, spare: capacityOf(ctx.profiles.get(me.id)?.capacity, ctx.engine) - load };
}

/** A mentor accepts (the circle forms at once) or declines (the mentee's next choice is asked). */
export async function answerRequest(deps: MatchDeps, scope: CourseScope, programId: string, choiceId: string, accept: boolean): Promise<void> {
  const { ctx, me, requests, spare } = await openMentorRequests(deps, scope, programId);
  const choice = requests.find((c) => c.id === choiceId);
  if (!choice) throw new AppError('REQUEST_NOT_FOUND', 404, 'This request is not waiting for your answer (it may have expired).', { cause: { choiceId, programId } });
  const placedIn = currentPlacements(ctx.circles).placed.get(choice.menteeId);
  if (accept && placedIn) throw new AppError('MENTEE_PLACED', 409, `${ctx.person(choice.menteeId).name} is already in ${placedIn}: decline this request.`);
  if (accept && spare <= 0) throw new AppError('MENTOR_FULL', 409, 'You have no place left for another mentee. Decline, or ask the program staff to raise your capacity.');
  const base = { tenantId: scope.tenantId, courseId: scope.courseId, programId, circleId: null, actorUserId: me.userId };
  const people = { mentorUserId: me.userId, menteeUserId: ctx.person(choice.menteeId).userId };
  const next = accept ? undefined : nextQueued(ctx, choice.menteeId);
  const changes = accept ? placePairs(placementOf(ctx), [choice], ctx.circles) : [];
  const settled = await deps.choices.settle(scope, programId, choice.id, accept ? 'accepted' : 'declined', next ? { choiceId: next.id, deadline: deadlineFrom(ctx) } : null, {
    changes,
    toEvents: (idOf) => [
      domainEvent(accept ? 'match_accepted' : 'match_declined', { ...base, data: people }),
      ...(next ? [proposedEvent(ctx, next)] : []),
      ...membershipEvents(scope, programId, changes, idOf, (id) => ctx.person(id).userId),
    ],
  });
  if (!settled) throw new AppError('REQUEST_NOT_FOUND', 404, 'This request was already answered.');
}

/** Staff end the choosing: open requests close, and a proposal covers everyone still unmatched. */
export async function closeChoices(deps: MatchDeps, scope: CourseScope, programId: string): Promise<number> {
  await getProgram(deps, scope, programId);
  return deps.choices.closeAll(scope, programId);
}
