import { capacityOf, type MatchingSettings, type Participant, type ProgramRole as EngineRole } from '../matching/index.js';
import type { Circle } from '../circles/ports.js';
import type { ProfileAnswers } from '../profiles/profile.js';
import { profileCompleteness } from '../profiles/profile.js';
import { LEARNING_STYLES } from '../profiles/profile-options.js';
import type { ParticipantView } from '../roster/participant-ports.js';

/** Someone the matching leaves out, with reasons in plain words. */
export interface LeftOut {
  participantId: string;
  role: EngineRole;
  reasons: string[];
}

export interface MatchCohort {
  participants: Participant[];
  /** Not given to the engine: incomplete profile, full, waiting for an answer, wrong role for the format. */
  notReady: LeftOut[];
  /** Mentees per mentor already in circles or asked and not yet answered. */
  load: Record<string, number>;
}

export interface CohortInput {
  people: readonly ParticipantView[];
  profiles: ReadonlyMap<string, ProfileAnswers>;
  circles: readonly Circle[];
  /** Live mentee-choice requests: the mentee waits, the mentor's place is held. */
  pending: ReadonlyArray<{ menteeId: string; mentorId: string; mentorName: string; deadline: Date }>;
  settings: MatchingSettings;
  skillIds: ReadonlySet<string>;
}

const styleLabel = (key: string) => LEARNING_STYLES[key as keyof typeof LEARNING_STYLES] ?? key;

/** A profile in the engine's terms: labels for styles, only skills the taxonomy still has. */
export function toEngineParticipant(person: ParticipantView, answers: ProfileAnswers, role: EngineRole, skillIds: ReadonlySet<string>, capacity?: number): Participant {
  const { learningStyle, mentoringStyles, growthSkills, strengths, ...rest } = answers;
  return {
    ...rest, id: person.id, name: person.name, role,
    growthSkills: growthSkills.filter((s) => skillIds.has(s)), strengths: strengths.filter((s) => skillIds.has(s)),
    ...(learningStyle && { learningStyle: styleLabel(learningStyle) }), mentoringStyles: mentoringStyles.map(styleLabel),
    ...(capacity !== undefined && { capacity }),
  };
}

function engineRole(person: ParticipantView, settings: MatchingSettings): EngineRole | null {
  if (settings.programType === 'peer') return 'peer';
  return person.programRole === 'both' ? null : person.programRole;
}

/** Who is in a circle now: mentees (or peers) placed, mentors with their current number of mentees. */
export function currentPlacements(circles: readonly Circle[]): { placed: Map<string, string>; mentorLoad: Map<string, number> } {
  const placed = new Map<string, string>();
  const mentorLoad = new Map<string, number>();
  for (const circle of circles.filter((c) => c.status !== 'closed')) {
    const mentees = circle.members.filter((m) => m.role !== 'mentor');
    for (const m of mentees) placed.set(m.participantId, circle.name);
    for (const m of circle.members.filter((x) => x.role === 'mentor')) mentorLoad.set(m.participantId, (mentorLoad.get(m.participantId) ?? 0) + mentees.length);
  }
  return { placed, mentorLoad };
}

/** Everyone active who can be matched now, in the engine's terms, and everyone else with the reason. */
export function buildMatchCohort(input: CohortInput): MatchCohort {
  const { placed, mentorLoad } = currentPlacements(input.circles);
  const waiting = new Map(input.pending.map((p) => [p.menteeId, p]));
  const load: Record<string, number> = Object.fromEntries(mentorLoad);
  for (const p of input.pending) load[p.mentorId] = (load[p.mentorId] ?? 0) + 1;
  const participants: Participant[] = [];
  const notReady: LeftOut[] = [];
  for (const person of input.people.filter((p) => p.status === 'active')) {
    const role = engineRole(person, input.settings);
    const leave = (reason: string) => notReady.push({ participantId: person.id, role: role ?? 'peer', reasons: [reason] });
    const answers = input.profiles.get(person.id);
    const complete = answers ? profileCompleteness(answers, person.programRole) : 0;
    if (role === null) { leave('Takes part as a peer, and this format matches mentors with mentees (program staff can change the role)'); continue; }
    if (role !== 'mentor' && placed.has(person.id)) continue;
    if (!answers || complete < 100) { leave(answers ? `Profile ${complete}% complete` : 'Profile not started'); continue; }
    const wait = waiting.get(person.id);
    if (wait) { leave(`Waiting for ${wait.mentorName} to answer (until ${wait.deadline.toISOString().slice(0, 10)})`); continue; }
    if (role !== 'mentor') { participants.push(toEngineParticipant(person, answers, role, input.skillIds)); continue; }
    const spare = capacityOf(answers.capacity, input.settings) - (load[person.id] ?? 0);
    if (spare <= 0 && (load[person.id] ?? 0) > 0) continue;
    participants.push(toEngineParticipant(person, answers, role, input.skillIds, Math.max(0, spare)));
  }
  return { participants, notReady, load };
}
