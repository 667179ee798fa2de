import { AppError } from '../../shared/errors.js';
import type { PromptTrack } from '../programs/program-options.js';
import type { CourseRef, CourseScope, Program, ProgramRepository } from '../programs/ports.js';
import { getProgram } from '../programs/program-use-cases.js';
import { LIBRARY, presetTrack } from './library/index.js';
import type { PromptLibraryStore, PromptView } from './ports.js';
import { validatePrompt, validateSchedule, type Checked } from './prompt-input.js';
import { defaultSchedule, occurrenceOf, type PromptSchedule } from './schedule.js';

interface Deps {
  programs: ProgramRepository;
  library: PromptLibraryStore;
}

/** How many prompts a schedule has room for over the program's dates. */
export function calendarSlots(schedule: PromptSchedule, program: Pick<Program, 'startsOn' | 'endsOn'>): number {
  let seq = 0;
  while (seq < 520 && occurrenceOf(schedule, { startedOn: program.startsOn, timeZone: 'UTC' }, program.endsOn, seq)) seq++;
  return seq;
}

/** A program gets its copy of the library (and a starting track fitted to its calendar) the first time it is needed. */
export async function ensureProgramPrompts(deps: Pick<Deps, 'library'>, course: CourseRef, program: Program): Promise<void> {
  if (await deps.library.isSeeded(program.id)) return;
  const schedule = defaultSchedule(program.cadence);
  const trackKeys = presetTrack(program.promptTrack, program.programTypes, calendarSlots(schedule, program));
  await deps.library.seed(course, program.id, { schedule, prompts: LIBRARY, trackKeys });
}

export interface ProgramPrompts {
  program: Program;
  prompts: PromptView[];
  track: PromptView[];
  schedule: PromptSchedule;
}

export async function programPrompts(deps: Deps, scope: CourseScope, programId: string): Promise<ProgramPrompts> {
  const program = await getProgram(deps, scope, programId);
  await ensureProgramPrompts(deps, scope, program);
  const prompts = await deps.library.list(scope, programId);
  const track = prompts.filter((p) => p.trackPosition !== null).sort((a, b) => a.trackPosition! - b.trackPosition!);
  return { program, prompts, track, schedule: (await deps.library.schedule(scope, programId))! };
}

const notFound = (promptId: string) => new AppError('PROMPT_NOT_FOUND', 404, 'There is no such prompt in this program.', { cause: { promptId } });

function promptOf(all: ProgramPrompts, promptId: string): PromptView {
  const prompt = all.prompts.find((p) => p.id === promptId);
  if (!prompt) throw notFound(promptId);
  return prompt;
}

export async function addPrompt(deps: Deps, scope: CourseScope, programId: string, input: Record<string, unknown>): Promise<Checked<string>> {
  await programPrompts(deps, scope, programId);
  const checked = validatePrompt(input);
  if (!checked.ok) return checked;
  return { ok: true, value: await deps.library.add(scope, programId, checked.value, scope.userId) };
}

/** Editing adds a version: what was already delivered keeps the words it was sent with. */
export async function revisePrompt(deps: Deps, scope: CourseScope, programId: string, promptId: string, input: Record<string, unknown>): Promise<Checked<number>> {
  promptOf(await programPrompts(deps, scope, programId), promptId);
  const checked = validatePrompt(input);
  if (!checked.ok) return checked;
  const version = await deps.library.revise(scope, programId, promptId, checked.value, scope.userId);
  if (version === undefined) throw notFound(promptId);
  return { ok: true, value: version };
}

/** Retired prompts leave the track's future and the choices for inserting; delivered ones stay readable. */
export async function setPromptRetired(deps: Deps, scope: CourseScope, programId: string, promptId: string, retired: boolean): Promise<void> {
  const all = await programPrompts(deps, scope, programId);
  promptOf(all, promptId);
  await deps.library.setRetired(scope, programId, promptId, retired);
  if (retired) await deps.library.setTrack(scope, programId, all.track.map((p) => p.id).filter((id) => id !== promptId));
}

export type TrackMove = 'up' | 'down' | 'add' | 'remove';

export async function changeTrack(deps: Deps, scope: CourseScope, programId: string, promptId: string, move: TrackMove): Promise<void> {
  const all = await programPrompts(deps, scope, programId);
  const prompt = promptOf(all, promptId);
  const ids = all.track.map((p) => p.id);
  const at = ids.indexOf(promptId);
  if (move === 'add' && at === -1) {
    if (prompt.retired) throw new AppError('PROMPT_RETIRED', 409, 'A retired prompt cannot join the track; restore it first.');
    ids.push(promptId);
  }
  if (move === 'remove' && at !== -1) ids.splice(at, 1);
  const swapWith = move === 'up' ? at - 1 : move === 'down' ? at + 1 : -1;
  if (at !== -1 && swapWith >= 0 && swapWith < ids.length) [ids[at], ids[swapWith]] = [ids[swapWith]!, ids[at]!];
  await deps.library.setTrack(scope, programId, ids);
}

/** Starts the track again from a preset (fitted to the current schedule); the library itself is kept. */
export async function resetTrack(deps: Deps, scope: CourseScope, programId: string, preset: PromptTrack): Promise<void> {
  const all = await programPrompts(deps, scope, programId);
  const keys = presetTrack(preset, all.program.programTypes, calendarSlots(all.schedule, all.program));
  const byKey = new Map(all.prompts.filter((p) => p.libraryKey && !p.retired).map((p) => [p.libraryKey!, p.id]));
  await deps.library.setTrack(scope, programId, keys.flatMap((k) => byKey.get(k) ?? []));
}

export async function saveSchedule(deps: Deps, scope: CourseScope, programId: string, input: Record<string, unknown>): Promise<Checked<PromptSchedule>> {
  const all = await programPrompts(deps, scope, programId);
  const checked = validateSchedule(input, all.program);
  if (checked.ok) await deps.library.saveSchedule(scope, programId, checked.value);
  return checked;
}
