import type { MatchContext } from '../../mentoring/matches/match-context.js';
import { CIRCLES_PER_PAGE, proposalOverview, proposedCircles } from './match-circles.js';
import type { Proposal } from '../../mentoring/matches/ports.js';
import { MATCHING_MODES, PROGRAM_TYPES } from '../../mentoring/programs/program-options.js';
import { profileCompleteness } from '../../mentoring/profiles/profile.js';

const ROLE_WORDS = { mentor: 'Mentor', mentee: 'Mentee', peer: 'Peer' } as const;
const CHOICE_WORDS = { queued: 'Next in line', pending: 'Waiting for an answer', accepted: 'Accepted', declined: 'Declined', expired: 'No answer in time', withdrawn: 'Withdrawn' } as const;
/** Left-out people listed in full up to this many; the rest are counted (the CSV has them all). */
const UNMATCHED_SHOWN = 30;
const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : '');

/** Counts of who is ready to match, for the top of the matching page. */
function readiness(ctx: MatchContext) {
  const active = ctx.people.filter((p) => p.status === 'active');
  const ready = active.filter((p) => {
    const answers = ctx.profiles.get(p.id);
    return answers !== undefined && profileCompleteness(answers, p.programRole) === 100;
  });
  const count = (list: typeof active, role: string) => list.filter((p) => p.programRole === role).length;
  return { active: active.length, ready: ready.length, mentees: count(ready, 'mentee'), mentors: count(ready, 'mentor'), peers: count(ready, 'both') };
}

export function matchReviewModel(ctx: MatchContext, proposal: Proposal | null, shown = CIRCLES_PER_PAGE) {
  const peer = ctx.settings.programType === 'peer';
  const draft = proposal?.status === 'draft' ? proposal : null;
  return {
    program: ctx.program, peer, mode: ctx.program.matchingMode, modeLabel: MATCHING_MODES[ctx.program.matchingMode], formatLabel: PROGRAM_TYPES[ctx.settings.programType],
    automatic: ctx.program.matchingMode === 'automatic', menteeChoice: ctx.program.matchingMode === 'mentee_choice',
    readiness: readiness(ctx), sides: peer ? { a: 'Peer', b: 'Peer' } : { a: 'Mentor', b: 'Mentee' },
    proposal: proposal && {
      id: proposal.id, draft: Boolean(draft), approved: proposal.status === 'approved', createdAt: proposal.createdAt.toISOString().slice(0, 16).replace('T', ' '),
      ...proposedCircles(ctx, proposal, shown), overview: proposalOverview(ctx, proposal), shownMore: shown + CIRCLES_PER_PAGE,
      stats: proposal.stats, pinProblems: proposal.pinProblems, pairCount: proposal.pairs.length,
      unmatched: proposal.unmatched.slice(0, UNMATCHED_SHOWN).map((u) => ({ name: ctx.person(u.participantId).name, role: ROLE_WORDS[u.role], reasons: u.reasons })),
      unmatchedHidden: Math.max(0, proposal.unmatched.length - UNMATCHED_SHOWN),
    },
    constraints: ctx.constraints.map((c) => ({ id: c.id, pin: c.kind === 'pin', mentor: ctx.person(c.mentorId).name, mentee: ctx.person(c.menteeId).name })),
    choices: ctx.choices.filter((c) => c.status !== 'withdrawn').map((c) => ({
      mentee: ctx.person(c.menteeId).name, mentor: ctx.person(c.mentorId).name, rank: c.rank, score: c.score, status: CHOICE_WORDS[c.status], deadline: c.status === 'pending' ? day(c.deadline) : '',
    })),
    openChoices: ctx.choices.some((c) => c.status === 'pending' || c.status === 'queued'),
  };
}
