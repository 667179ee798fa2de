import { AppError } from '../../shared/errors.js';
import { domainEvent } from '../events.js';
import type { CourseScope, Program, ProgramRepository } from '../programs/ports.js';
import { getProgram } from '../programs/program-use-cases.js';
import type { ParticipantStore, ParticipantView } from '../roster/participant-ports.js';
import type { ProfileStore, Skill, SkillStore } from './ports.js';
import { completenessByRole, emptyAnswers, type ProfileAnswers } from './profile.js';
import { isBlankFor, validateProfileInput, type ProfileErrors } from './profile-input.js';
import { DEFAULT_SKILLS } from './profile-options.js';

export interface ProfileDeps {
  programs: ProgramRepository;
  participants: ParticipantStore;
  profiles: ProfileStore;
  skills: SkillStore;
}

export interface ProfileSheet {
  program: Program;
  me: ParticipantView;
  answers: ProfileAnswers;
  completeness: number;
  skills: Skill[];
  /** Everyone else active in the program, for "my manager" and "not with". */
  others: ParticipantView[];
  /** Whether a profile was saved before (the answers are defaults otherwise). */
  saved: boolean;
}

export type ProfileSave =
  | { ok: true; sheet: ProfileSheet; completedNow: boolean }
  /** `keptSaved`: an empty form was refused; the saved answers are what to show again. */
  | { ok: false; sheet: ProfileSheet; errors: ProfileErrors; keptSaved?: boolean };

/** The program's skills, seeded with a leadership set the first time anyone asks. */
export async function getProgramSkills(deps: Pick<ProfileDeps, 'programs' | 'skills'>, scope: CourseScope, programId: string): Promise<Skill[]> {
  await getProgram(deps, scope, programId);
  return seededSkills(deps, scope, programId);
}

/** The program's skills, the defaults seeded on first use; for callers that checked the program. */
export async function seededSkills(deps: Pick<ProfileDeps, 'skills'>, scope: CourseScope, programId: string): Promise<Skill[]> {
  await deps.skills.seedIfEmpty(scope, programId, DEFAULT_SKILLS);
  return deps.skills.list(scope, programId);
}

/** The signed-in user as an active participant of the program, or 403. */
export async function requireMe(deps: Pick<ProfileDeps, 'participants'>, scope: CourseScope, programId: string): Promise<ParticipantView> {
  const me = await deps.participants.findByUser(scope, programId, scope.userId);
  if (!me || me.status !== 'active') {
    throw new AppError('NOT_A_PARTICIPANT', 403, 'You are not a participant of this program.', { advice: 'Open the activity from your course; if you joined the course recently, try again in a moment.' });
  }
  return me;
}

export async function openMyProfile(deps: ProfileDeps, scope: CourseScope, programId: string): Promise<ProfileSheet> {
  const program = await getProgram(deps, scope, programId);
  const me = await requireMe(deps, scope, programId);
  const skills = await getProgramSkills(deps, scope, programId);
  const stored = await deps.profiles.find(scope, programId, me.id);
  const others = (await deps.participants.list(scope, programId, { status: 'active' })).filter((p) => p.id !== me.id);
  const answers = stored?.answers ?? { ...emptyAnswers(), capacity: program.mentorCapacity };
  return { program, me, answers, completeness: completenessByRole(answers)[me.programRole], skills, others, saved: Boolean(stored) };
}

/** Saves what the participant typed, or nothing with an error per field; `profile_completed` the first time it is complete. */
export async function saveMyProfile(deps: ProfileDeps, scope: CourseScope, programId: string, input: Record<string, unknown>): Promise<ProfileSave> {
  const sheet = await openMyProfile(deps, scope, programId);
  const context = { skillIds: new Set(sheet.skills.map((s) => s.id)), otherParticipantIds: new Set(sheet.others.map((p) => p.id)) };
  const result = validateProfileInput(input, sheet.me.programRole, sheet.answers, context);
  if (!result.ok) return { ok: false, sheet, errors: result.errors };
  if (wouldErase(sheet, result.answers) && input.confirm_clear !== 'yes') return { ok: false, sheet, errors: ERASE_REFUSED, keptSaved: true };
  const completeness = completenessByRole(result.answers);
  const complete = completeness[sheet.me.programRole] === 100;
  const event = complete
    ? domainEvent('profile_completed', { tenantId: scope.tenantId, courseId: scope.courseId, programId, circleId: null, actorUserId: scope.userId, data: {} })
    : null;
  const completedNow = await deps.profiles.save(scope, programId, sheet.me.id, result.answers, completeness, event);
  return { ok: true, sheet: { ...sheet, answers: result.answers, completeness: completeness[sheet.me.programRole] }, completedNow };
}

/** An empty form (a lost page, a bare POST) must not silently clear a saved profile. */
const wouldErase = (sheet: ProfileSheet, answers: ProfileAnswers) =>
  sheet.saved && !isBlankFor(sheet.answers, sheet.me.programRole) && isBlankFor(answers, sheet.me.programRole);
const ERASE_REFUSED: ProfileErrors = {
  division: 'The form arrived empty: saving it would clear your whole profile, so nothing was changed. '
    + 'Your saved answers are shown again below.',
};

const skillName = (raw: unknown): string => {
  // Only text: an array or object would otherwise become a skill named "a,b" or "[object Object]".
  const name = (typeof raw === 'string' ? raw : '').trim().replace(/\s+/g, ' ');
  if (name.length < 2 || name.length > 60) throw new AppError('SKILL_NAME_INVALID', 422, 'A skill name needs 2 to 60 characters.');
  return name;
};

export async function addSkill(deps: Pick<ProfileDeps, 'programs' | 'skills'>, scope: CourseScope, programId: string, raw: unknown): Promise<void> {
  await getProgram(deps, scope, programId);
  const name = skillName(raw);
  if (!(await deps.skills.add(scope, programId, name))) throw new AppError('SKILL_DUPLICATE', 409, `The program already has the skill "${name}".`);
}

export async function renameSkill(deps: Pick<ProfileDeps, 'programs' | 'skills'>, scope: CourseScope, programId: string, skillId: string, raw: unknown): Promise<void> {
  await getProgram(deps, scope, programId);
  const name = skillName(raw);
  const outcome = await deps.skills.rename(scope, programId, skillId, name);
  if (outcome === 'missing') throw new AppError('SKILL_NOT_FOUND', 404, 'There is no such skill in this program.', { cause: { skillId, programId } });
  if (outcome === 'duplicate') throw new AppError('SKILL_DUPLICATE', 409, `The program already has the skill "${name}".`);
}

/** Profiles keep a removed skill's id; matching and forms ignore ids the taxonomy no longer has. */
export async function removeSkill(deps: Pick<ProfileDeps, 'programs' | 'skills'>, scope: CourseScope, programId: string, skillId: string): Promise<void> {
  const skills = await getProgramSkills(deps, scope, programId);
  if (!skills.some((s) => s.id === skillId)) throw new AppError('SKILL_NOT_FOUND', 404, 'There is no such skill in this program.', { cause: { skillId, programId } });
  if (skills.length === 1) throw new AppError('SKILL_LAST', 409, 'A program needs at least one skill: add another before removing this one.');
  await deps.skills.remove(scope, programId, skillId);
}
