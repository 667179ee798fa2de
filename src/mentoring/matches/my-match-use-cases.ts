import type { Circle } from '../circles/ports.js';
import { scorePair, type CriterionScore } from '../matching/index.js';
import type { CourseScope } from '../programs/ports.js';
import { profileCompleteness } from '../profiles/profile.js';
import type { ParticipantView } from '../roster/participant-ports.js';
import { openMenteeChoices, openMentorRequests, type MenteeChoices } from './choice-use-cases.js';
import { explainAboutMentee } from './explain.js';
import { toEngineParticipant } from './match-cohort.js';
import type { MatchContext, MatchDeps } from './match-context.js';
import type { MatchChoice } from './ports.js';

export interface Partner {
  name: string;
  role: 'mentor' | 'mentee' | 'peer';
  score: number | null;
  criteria: CriterionScore[];
}

export interface MyMatch {
  ctx: MatchContext;
  me: ParticipantView;
  completeness: number;
  circles: Array<{ circle: Circle; partners: Partner[] }>;
  choosing: MenteeChoices | null;
  requests: Array<{ choice: MatchChoice; mentee: string; criteria: CriterionScore[] }>;
  spare: number;
  /** Why the last approved matching left this person out, when it did and they are still not placed. */
  notMatchedBecause: string[];
}

/** How a partner fits, in the words of the person reading: a mentee reads "your …", a mentor reads about the mentee. */
function explainPartner(ctx: MatchContext, me: ParticipantView, other: ParticipantView, role: Partner['role']): Pick<Partner, 'score' | 'criteria'> {
  const [mine, theirs] = [ctx.profiles.get(me.id), ctx.profiles.get(other.id)];
  if (!mine || !theirs) return { score: null, criteria: [] };
  const skillIds = new Set(ctx.skills.map((s) => s.id));
  const iAmMentor = role === 'mentee';
  const mentor = toEngineParticipant(iAmMentor ? me : other, iAmMentor ? mine : theirs, 'mentor', skillIds);
  const mentee = toEngineParticipant(iAmMentor ? other : me, iAmMentor ? theirs : mine, 'mentee', skillIds);
  const settings = { ...ctx.engine, programType: 'one-on-one' as const };
  if (iAmMentor) return { score: scorePair(mentor, mentee, settings).score, criteria: explainAboutMentee(mentor, mentee, settings) };
  const scored = scorePair(mentor, mentee, settings);
  return { score: scored.score, criteria: scored.criteria };
}

const roleIn = (circle: MatchContext['circles'][number], participantId: string) => circle.members.find((m) => m.participantId === participantId)?.role;

/** The learner's matching page: profile state, current circles with why, and what they can decide now. */
export async function openMyMatch(deps: MatchDeps, scope: CourseScope, programId: string): Promise<MyMatch> {
  const choosing = await openMenteeChoices(deps, scope, programId);
  const { ctx, me } = choosing;
  const answers = ctx.profiles.get(me.id);
  const circles = ctx.circles.filter((c) => c.members.some((m) => m.participantId === me.id)).map((circle) => ({
    circle,
    partners: circle.members.filter((m) => m.participantId !== me.id).map((m) => ({
      name: m.name, role: m.role,
      // A fellow mentee's fit would be told in their growth areas: theirs to share, not the tool's.
      ...(m.role === 'mentee' && roleIn(circle, me.id) === 'mentee' ? { score: null, criteria: [] } : explainPartner(ctx, me, ctx.person(m.participantId), m.role)),
    })),
  }));
  const mentorSide = me.programRole === 'mentor' && ctx.program.matchingMode === 'mentee_choice';
  const mentor = mentorSide ? await openMentorRequests(deps, scope, programId) : null;
  const skillIds = new Set(ctx.skills.map((s) => s.id));
  const requests = (mentor?.requests ?? []).map((choice) => {
    const mentee = ctx.person(choice.menteeId);
    const [mine, theirs] = [ctx.profiles.get(me.id), ctx.profiles.get(mentee.id)];
    const criteria = mine && theirs ? explainAboutMentee(toEngineParticipant(me, mine, 'mentor', skillIds), toEngineParticipant(mentee, theirs, 'mentee', skillIds), ctx.engine) : [];
    return { choice, mentee: mentee.name, criteria };
  });
  const last = await deps.matches.latestProposal(scope, programId);
  const leftOut = circles.length === 0 && last?.status === 'approved' ? last.unmatched.find((u) => u.participantId === me.id) : undefined;
  return {
    notMatchedBecause: leftOut?.reasons ?? [], ctx, me, completeness: answers ? profileCompleteness(answers, me.programRole) : 0, circles,
    choosing: ctx.program.matchingMode === 'mentee_choice' && me.programRole === 'mentee' ? choosing : null, requests, spare: mentor?.spare ?? 0,
  };
}
