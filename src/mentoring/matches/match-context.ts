import type { Clock } from '../../shared/clock.js';
import type { CircleChangeStore, Circle, CircleStore } from '../circles/ports.js';
import type { PlacementContext } from '../circles/placement.js';
import type { MatchingSettings, Participant } from '../matching/index.js';
import type { CourseScope, Program, ProgramRepository } from '../programs/ports.js';
import { getProgram } from '../programs/program-use-cases.js';
import type { ProfileStore, Skill, SkillStore } from '../profiles/ports.js';
import { profileCompleteness, type ProfileAnswers } from '../profiles/profile.js';
import { seededSkills } from '../profiles/profile-use-cases.js';
import type { ParticipantStore, ParticipantView } from '../roster/participant-ports.js';
import { buildMatchCohort, toEngineParticipant, type MatchCohort } from './match-cohort.js';
import { defaultMatchSettings, engineSettings, type MatchSettings } from './match-settings.js';
import type { ChoiceStore, MatchChoice, MatchConstraint, MatchStore, RotationStore } from './ports.js';

export interface MatchDeps {
  programs: ProgramRepository;
  participants: ParticipantStore;
  profiles: ProfileStore;
  skills: SkillStore;
  circles: CircleStore;
  circleChanges: CircleChangeStore;
  matches: MatchStore;
  choices: ChoiceStore;
  rotations: RotationStore;
  clock: Clock;
}

/** Everything matching decisions read about one program, loaded once per request. */
export interface MatchContext {
  scope: CourseScope;
  program: Program;
  settings: MatchSettings;
  engine: MatchingSettings;
  skills: Skill[];
  people: ParticipantView[];
  person: (participantId: string) => ParticipantView;
  profiles: Map<string, ProfileAnswers>;
  circles: Circle[];
  choices: MatchChoice[];
  constraints: MatchConstraint[];
  now: Date;
}

export async function getMatchSettings(deps: Pick<MatchDeps, 'programs' | 'matches'>, scope: CourseScope, programId: string): Promise<{ program: Program; settings: MatchSettings }> {
  const program = await getProgram(deps, scope, programId);
  const stored = await deps.matches.settings(scope, programId);
  const settings = stored && (program.programTypes as string[]).includes(stored.programType) ? stored : { ...defaultMatchSettings(program), ...stored, programType: defaultMatchSettings(program).programType };
  return { program, settings };
}

export async function loadMatchContext(deps: MatchDeps, scope: CourseScope, programId: string): Promise<MatchContext> {
  const { program, settings } = await getMatchSettings(deps, scope, programId);
  // The program is checked once (by getMatchSettings), not again for its skills.
  const skills = await seededSkills(deps, scope, programId);
  const [people, profiles, circles, choices, constraints] = await Promise.all([
    deps.participants.list(scope, programId, {}), deps.profiles.listForProgram(scope, programId), deps.circles.listForProgram(scope, programId),
    deps.choices.list(scope, programId), deps.matches.constraints(scope, programId),
  ]);
  const byId = new Map(people.map((p) => [p.id, p]));
  const person = (id: string) => byId.get(id) ?? { id, userId: '', name: 'Someone who left', programRole: 'mentee', status: 'inactive' } as ParticipantView;
  return {
    scope, program, settings, engine: engineSettings(program, settings, skills), skills, people, person,
    profiles: new Map(profiles.map((p) => [p.participantId, p.answers])), circles: circles.filter((c) => c.status !== 'closed'), choices, constraints, now: deps.clock.now(),
  };
}

/** Requests still waiting for a mentor's answer. */
export const livePending = (ctx: MatchContext) => ctx.choices.filter((c) => c.status === 'pending' && c.deadline !== null && c.deadline > ctx.now);

export function cohortOf(ctx: MatchContext): MatchCohort {
  return buildMatchCohort({
    people: ctx.people, profiles: ctx.profiles, circles: ctx.circles, settings: ctx.engine, skillIds: new Set(ctx.skills.map((s) => s.id)),
    pending: livePending(ctx).map((c) => ({ menteeId: c.menteeId, mentorId: c.mentorId, mentorName: ctx.person(c.mentorId).name, deadline: c.deadline! })),
  });
}

export function placementOf(ctx: MatchContext): PlacementContext {
  const today = ctx.now.toISOString().slice(0, 10);
  return {
    programId: ctx.program.id, programType: ctx.settings.programType, startedOn: today > ctx.program.startsOn ? today : ctx.program.startsOn,
    groupCapacity: ctx.program.circleSizeMax, nameOf: (id) => ctx.person(id).name, timeZoneOf: (id) => ctx.profiles.get(id)?.timeZone,
  };
}

/** Every active mentor with a complete profile at full capacity, for decisions about one mentee at a time. */
export function engineMentors(ctx: MatchContext): Participant[] {
  const skillIds = new Set(ctx.skills.map((s) => s.id));
  return ctx.people.flatMap((p) => {
    const answers = ctx.profiles.get(p.id);
    if (p.status !== 'active' || p.programRole !== 'mentor' || !answers || profileCompleteness(answers, 'mentor') < 100) return [];
    return [toEngineParticipant(p, answers, 'mentor', skillIds)];
  });
}

/** A placed mentee in the engine's terms (placed people are not in the cohort). */
export function engineMentee(ctx: MatchContext, menteeId: string): Participant | undefined {
  const person = ctx.person(menteeId);
  const answers = ctx.profiles.get(menteeId);
  return answers && toEngineParticipant(person, answers, 'mentee', new Set(ctx.skills.map((s) => s.id)));
}
