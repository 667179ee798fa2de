import { AppError } from '../../shared/errors.js';
import { placePairs } from '../circles/placement.js';
import { membershipEvents } from '../circles/circle-events.js';
import { domainEvent, type DomainEvent } from '../events.js';
import { checkPins, solveMatching, type PairRef, type Participant } from '../matching/index.js';
import type { CourseScope } from '../programs/ports.js';
import { explainAboutMentee } from './explain.js';
import { currentPlacements } from './match-cohort.js';
import { cohortOf, livePending, loadMatchContext, placementOf, type MatchContext, type MatchDeps } from './match-context.js';
import type { Proposal, ProposalResult } from './ports.js';

const refOf = (c: { mentorId: string; menteeId: string }): PairRef => ({ mentorId: c.mentorId, menteeId: c.menteeId });

/** Pins the engine cannot honour are dropped, each with its reason; names replace ids in the words. */
function usablePins(participants: Participant[], ctx: MatchContext, forbidden: PairRef[]): { pins: PairRef[]; problems: string[] } {
  let pins = ctx.constraints.filter((c) => c.kind === 'pin').map(refOf);
  const problems: string[] = [];
  const named = (text: string) => ctx.people.reduce((t, p) => t.replaceAll(p.id, p.name), text);
  for (let round = 0; round < 5 && pins.length > 0; round++) {
    const found = checkPins({ participants, settings: ctx.engine, pins, forbidden });
    if (found.length === 0) break;
    problems.push(...found.map((p) => named(p.explanation)));
    const dropped = new Set(found.map((p) => `${p.mentorId}|${p.menteeId}`));
    pins = pins.filter((p) => !dropped.has(`${p.mentorId}|${p.menteeId}`));
  }
  return { pins, problems: [...new Set(problems)] };
}

/** The globally best set of pairs over everyone who can be matched now, explained; nobody is dropped silently. */
export function computeProposal(ctx: MatchContext): ProposalResult {
  const cohort = cohortOf(ctx);
  const declined = ctx.choices.filter((c) => c.status === 'declined').map(refOf);
  const forbidden = [...ctx.constraints.filter((c) => c.kind === 'forbid').map(refOf), ...declined];
  const { pins, problems } = usablePins(cohort.participants, ctx, forbidden);
  const result = solveMatching({ participants: cohort.participants, settings: ctx.engine, pins, forbidden });
  const byId = new Map(cohort.participants.map((p) => [p.id, p]));
  const pairs = ctx.settings.programType === 'peer' ? result.pairs
    : result.pairs.map((p) => ({ ...p, criteria: explainAboutMentee(byId.get(p.mentorId)!, byId.get(p.menteeId)!, ctx.engine) }));
  return { programType: ctx.settings.programType, pairs, unmatched: [...cohort.notReady, ...result.unmatched], stats: result.stats, pinProblems: problems };
}

export async function proposeMatches(deps: MatchDeps, scope: CourseScope, programId: string): Promise<Proposal> {
  const ctx = await loadMatchContext(deps, scope, programId);
  return deps.matches.saveProposal(scope, programId, computeProposal(ctx), scope.userId);
}

function matchEvents(ctx: MatchContext, pairs: Proposal['pairs'], approverUserId: string | null): DomainEvent[] {
  const base = { tenantId: ctx.scope.tenantId, courseId: ctx.scope.courseId, programId: ctx.program.id, circleId: null };
  return pairs.flatMap((p) => {
    const mentorUserId = ctx.person(p.mentorId).userId;
    const menteeUserId = ctx.person(p.menteeId).userId;
    const proposed = domainEvent('match_proposed', { ...base, actorUserId: menteeUserId, data: { mentorUserId, score: p.score } });
    return approverUserId ? [proposed, domainEvent('match_accepted', { ...base, actorUserId: approverUserId, data: { mentorUserId, menteeUserId } })] : [proposed];
  });
}

/** A proposal made before someone was placed elsewhere (or left) cannot be applied as it is. */
function staleReason(ctx: MatchContext, proposal: Proposal): string | null {
  const { placed } = currentPlacements(ctx.circles);
  const waiting = new Set(livePending(ctx).map((c) => c.menteeId));
  for (const pair of proposal.pairs) {
    if (waiting.has(pair.menteeId)) return `${ctx.person(pair.menteeId).name} has asked a mentor and is waiting for the answer`;
    for (const id of ctx.settings.programType === 'peer' ? [pair.mentorId, pair.menteeId] : [pair.menteeId]) {
      if (placed.has(id)) return `${ctx.person(id).name} is already in ${placed.get(id)}`;
    }
    for (const id of [pair.mentorId, pair.menteeId]) if (ctx.person(id).status !== 'active') return `${ctx.person(id).name} has left the program`;
  }
  return proposal.programType === ctx.settings.programType ? null : 'The matching format changed since this proposal';
}

/** Forms the circles of a reviewed proposal: the matches, circle_joined for each member. */
export async function approveProposal(deps: MatchDeps, scope: CourseScope, programId: string, proposalId: string): Promise<number> {
  const ctx = await loadMatchContext(deps, scope, programId);
  const proposal = await deps.matches.latestProposal(scope, programId);
  if (!proposal || proposal.id !== proposalId) throw new AppError('PROPOSAL_NOT_FOUND', 404, 'This proposal is not the latest one: review the latest proposal.', { cause: { proposalId, programId } });
  if (proposal.status !== 'draft') throw new AppError('PROPOSAL_DECIDED', 409, 'This proposal was already approved.');
  const stale = staleReason(ctx, proposal);
  if (stale) throw new AppError('PROPOSAL_STALE', 409, `${stale}. Run the matching again to get an up-to-date proposal.`);
  const changes = placePairs(placementOf(ctx), proposal.pairs, ctx.circles);
  const approved = await deps.matches.approve(scope, programId, proposal.id, scope.userId, {
    changes,
    toEvents: (idOf) => [...matchEvents(ctx, proposal.pairs, scope.userId), ...membershipEvents(scope, programId, changes, idOf, (id) => ctx.person(id).userId)],
  });
  if (!approved) throw new AppError('PROPOSAL_DECIDED', 409, 'This proposal was already approved.');
  return proposal.pairs.length;
}

/**
 * "Match now": a proposal for review, or in automatic mode the best overall matches applied at
 * once; the program, its settings and its people are loaded once for the proposal.
 */
export async function matchNow(deps: MatchDeps, scope: CourseScope, programId: string): Promise<{ proposal: Proposal; automatic: boolean }> {
  const ctx = await loadMatchContext(deps, scope, programId);
  const proposal = await deps.matches.saveProposal(scope, programId, computeProposal(ctx), scope.userId);
  const automatic = ctx.program.matchingMode === 'automatic';
  if (automatic && proposal.pairs.length > 0) await approveProposal(deps, scope, programId, proposal.id);
  return { proposal, automatic };
}

/** Automatic mode: the best overall matches apply at once. */
export async function matchAutomatically(deps: MatchDeps, scope: CourseScope, programId: string): Promise<Proposal> {
  const proposal = await proposeMatches(deps, scope, programId);
  if (proposal.pairs.length > 0) await approveProposal(deps, scope, programId, proposal.id);
  return proposal;
}
