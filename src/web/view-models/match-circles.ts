import { capacityOf } from '../../mentoring/matching/index.js';
import type { MatchContext } from '../../mentoring/matches/match-context.js';
import { CRITERION_LABELS } from '../../mentoring/matches/match-settings.js';
import { criterionLines } from '../../mentoring/matches/explain.js';
import { scoreCaveat, topReasons, weaknessKey } from '../../mentoring/matches/pair-caveats.js';
import type { Proposal } from '../../mentoring/matches/ports.js';

/** Circles shown before "show more" (a 2,000-person cohort proposes hundreds). */
export const CIRCLES_PER_PAGE = 20;

type Pair = Proposal['pairs'][number];

function pairRow(ctx: MatchContext, pinnedIds: Set<string>, p: Pair) {
  const lines = criterionLines(p.criteria, CRITERION_LABELS).map((l, i) => ({
    ...l,
    raw: p.criteria[i]!,
  }));
  const top = topReasons(lines.map((l) => ({ ...l.raw, line: l }))).map((c) => c.line);
  const caveat = scoreCaveat(p.score, p.criteria, CRITERION_LABELS);
  return {
    mentorId: p.mentorId,
    menteeId: p.menteeId,
    mentor: ctx.person(p.mentorId).name,
    mentee: ctx.person(p.menteeId).name,
    score: p.score,
    caveat,
    weak: caveat !== null || p.score < 40,
    key: weaknessKey(p.score, p.criteria),
    pinned: pinnedIds.has(`${p.mentorId}:${p.menteeId}`),
    top,
    criteria: lines,
  };
}

export type PairRow = ReturnType<typeof pairRow>;

/** The proposal as the circles it forms (a mentor with their mentees), weakest first. */
export function proposedCircles(ctx: MatchContext, proposal: Proposal, shown: number) {
  const pins = new Set(
    ctx.constraints.filter((c) => c.kind === 'pin').map((c) => `${c.mentorId}:${c.menteeId}`),
  );
  const peer = ctx.settings.programType === 'peer';
  const groups = new Map<string, PairRow[]>();
  for (const pair of proposal.pairs) {
    const row = pairRow(ctx, pins, pair);
    const key = peer ? `${pair.mentorId}:${pair.menteeId}` : pair.mentorId;
    groups.set(key, [...(groups.get(key) ?? []), row]);
  }
  const circles = [...groups.values()]
    .map((pairs) => {
      const sorted = pairs.sort((a, b) => a.key - b.key);
      const load = peer ? null : loadOf(ctx, sorted[0]!.mentorId, sorted.length);
      return {
        mentor: sorted[0]!.mentor,
        pairs: sorted,
        weakest: sorted[0]!.key,
        weak: sorted.some((p) => p.weak),
        load,
      };
    })
    .sort((a, b) => a.weakest - b.weakest);
  return {
    circles: circles.slice(0, shown),
    total: circles.length,
    hidden: Math.max(0, circles.length - shown),
  };
}

function loadOf(ctx: MatchContext, mentorId: string, proposed: number) {
  const capacity = capacityOf(ctx.profiles.get(mentorId)?.capacity, ctx.engine);
  return { proposed, capacity, full: proposed >= capacity };
}

const median = (sorted: number[]) =>
  sorted.length === 0 ? 0 : sorted[Math.floor((sorted.length - 1) / 2)]!;

/** Score spread, mentor load and who is left out, for the top of the review. */
export function proposalOverview(ctx: MatchContext, proposal: Proposal) {
  const scores = proposal.pairs.map((p) => p.score).sort((a, b) => a - b);
  const flagged = proposal.pairs.filter(
    (p) => scoreCaveat(p.score, p.criteria, CRITERION_LABELS) !== null,
  ).length;
  const mentorIds = new Set(proposal.pairs.map((p) => p.mentorId));
  const mentors = ctx.people.filter((p) => p.status === 'active' && p.programRole === 'mentor');
  const loads = [...mentorIds].map((id) =>
    loadOf(ctx, id, proposal.pairs.filter((p) => p.mentorId === id).length),
  );
  return {
    pairs: scores.length,
    lowest: scores[0] ?? 0,
    median: median(scores),
    highest: scores[scores.length - 1] ?? 0,
    strong: scores.filter((s) => s >= 70).length,
    fair: scores.filter((s) => s >= 40 && s < 70).length,
    weak: scores.filter((s) => s < 40).length,
    flagged,
    mentorsUsed: mentorIds.size,
    mentorsIdle: mentors.filter((m) => !mentorIds.has(m.id)).length,
    mentorsFull: loads.filter((l) => l.full).length,
    unmatched: proposal.unmatched.length,
  };
}
