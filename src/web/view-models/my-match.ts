import { CRITERION_LABELS } from '../../mentoring/matches/match-settings.js';
import { criterionLines } from '../../mentoring/matches/explain.js';
import type { MyMatch } from '../../mentoring/matches/my-match-use-cases.js';
import { ROLE_LABELS } from './participant-rows.js';

const ROLE_WORDS = { mentor: 'Mentor', mentee: 'Mentee', peer: 'Peer' } as const;
const STATUS_WORDS = { queued: 'Asked next if needed', pending: 'Waiting for an answer', accepted: 'Accepted', declined: 'Declined', expired: 'No answer in time', withdrawn: 'Withdrawn' } as const;
const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : '');

/** `chosen` keeps the ranks a mentee sent when the ranking had to be corrected. */
export function myMatchModel(view: MyMatch, chosen: Record<string, unknown> = {}) {
  const { ctx, choosing } = view;
  const lines = (c: Parameters<typeof criterionLines>[0]) => criterionLines(c, CRITERION_LABELS);
  // Scores are for those who decide (staff, and mentors answering requests); mentees read the fit in words.
  const seesScores = view.me.programRole === 'mentor';
  return {
    program: ctx.program, role: ROLE_LABELS[view.me.programRole].toLowerCase(), completeness: view.completeness, complete: view.completeness === 100,
    circles: view.circles.map(({ circle, partners }) => ({
      id: circle.id, name: circle.name, partners: partners.map((p) => ({ name: p.name, role: ROLE_WORDS[p.role], score: seesScores ? p.score : null, criteria: lines(p.criteria) })),
    })),
    choosing: choosing && {
      canRank: choosing.canRank,
      suggestions: choosing.suggestions.map((s) => ({
        mentorId: s.mentorId, name: ctx.person(s.mentorId).name, criteria: lines(s.criteria),
        ranks: choosing.suggestions.map((_, i) => ({ value: i + 1, selected: String(chosen[`rank-${s.mentorId}`] ?? '') === String(i + 1) })),
      })),
      mine: choosing.mine.filter((c) => c.status !== 'withdrawn').map((c) => ({ mentor: ctx.person(c.mentorId).name, rank: c.rank, status: STATUS_WORDS[c.status], deadline: c.status === 'pending' ? day(c.deadline) : '' })),
      deadlineDays: ctx.settings.choiceDeadlineDays,
    },
    requests: view.requests.map((r) => ({ id: r.choice.id, mentee: r.mentee, score: r.choice.score, deadline: day(r.choice.deadline), criteria: lines(r.criteria) })),
    spare: view.spare, notMatchedBecause: view.notMatchedBecause, mentorChoice: view.me.programRole === 'mentor' && ctx.program.matchingMode === 'mentee_choice',
  };
}
