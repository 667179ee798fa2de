import { AppError } from '../../shared/errors.js';
import { getCircle } from '../circles/circle-use-cases.js';
import type { Circle, CirclePageQuery, CircleStore } from '../circles/ports.js';
import type { CourseScope, ProgramRepository } from '../programs/ports.js';
import { getProgram } from '../programs/program-use-cases.js';
import { upcoming, type PlannedOccurrence } from './delivery-plan.js';
import { programPrompts, type ProgramPrompts } from './library-use-cases.js';
import type { CircleChange, CirclePromptControlStore, DeliveryRecord, PromptCalendarStore, PromptLibraryStore } from './ports.js';

interface Deps {
  programs: ProgramRepository;
  library: PromptLibraryStore;
  calendars: PromptCalendarStore;
  controls: CirclePromptControlStore;
  circles: CircleStore;
  clock: { now(): Date };
}

/** The circle, if it belongs to this program of this course (404 otherwise). */
async function circleInProgram(deps: Deps, scope: CourseScope, programId: string, circleId: string): Promise<Circle> {
  await getProgram(deps, scope, programId);
  const circle = await getCircle(deps, scope, circleId);
  if (circle.programId !== programId) throw new AppError('CIRCLE_NOT_FOUND', 404, 'There is no such circle in this program.');
  return circle;
}

async function circleOfProgram(deps: Deps, scope: CourseScope, programId: string, circleId: string): Promise<{ circle: Circle; all: ProgramPrompts }> {
  const circle = await circleInProgram(deps, scope, programId, circleId);
  return { circle, all: await programPrompts(deps, scope, programId) };
}

export interface CircleSummary {
  circle: Circle;
  paused: boolean;
  delivered: number;
  next: PlannedOccurrence | null;
}

/**
 * One page of the program's circles with what comes next: the "what is due" overview for staff.
 * The page's calendars load together, so the page costs the same whatever the program's size.
 */
export async function programCircleSchedules(deps: Deps, scope: CourseScope, programId: string, page: CirclePageQuery): Promise<{ circles: CircleSummary[]; total: number }> {
  await getProgram(deps, scope, programId);
  const { circles, total } = await deps.circles.pageForProgram(scope, programId, page);
  const calendars = await deps.calendars.calendars(scope, circles.map((c) => c.id));
  return {
    total,
    circles: circles.map((circle) => {
      const calendar = calendars.get(circle.id);
      return {
        circle, paused: Boolean(calendar?.pauses.some((p) => p.to === null)), delivered: calendar?.delivered.length ?? 0,
        next: calendar ? (upcoming(calendar, 1)[0] ?? null) : null,
      };
    }),
  };
}

export interface CircleSchedulePage {
  circle: Circle;
  all: ProgramPrompts;
  paused: boolean;
  upcoming: PlannedOccurrence[];
  changes: CircleChange[];
  history: DeliveryRecord[];
}

export async function circleSchedule(deps: Deps, scope: CourseScope, programId: string, circleId: string): Promise<CircleSchedulePage> {
  const { circle, all } = await circleOfProgram(deps, scope, programId, circleId);
  const calendar = await deps.calendars.calendar(scope, circleId);
  return {
    circle, all, paused: Boolean(calendar?.pauses.some((p) => p.to === null)), upcoming: calendar ? upcoming(calendar, 6) : [],
    changes: await deps.controls.changes(scope, circleId), history: await deps.controls.history(scope, circleId),
  };
}

/** Pausing stops deliveries from now on; occurrences that fall in the pause are recorded as paused, not sent later. */
export async function setCirclePaused(deps: Deps, scope: CourseScope, programId: string, circleId: string, paused: boolean): Promise<void> {
  await circleInProgram(deps, scope, programId, circleId);
  if (paused) await deps.controls.pause(scope, circleId, deps.clock.now(), scope.userId);
  else await deps.controls.resume(scope, circleId, deps.clock.now());
}

/** Skip a prompt for this circle, or insert one to come next; either can be undone until it takes effect. */
export async function changeCircleSequence(deps: Deps, scope: CourseScope, programId: string, circleId: string, promptId: string, kind: 'skip' | 'insert'): Promise<void> {
  const { all } = await circleOfProgram(deps, scope, programId, circleId);
  const prompt = all.prompts.find((p) => p.id === promptId);
  if (!prompt) throw new AppError('PROMPT_NOT_FOUND', 404, 'There is no such prompt in this program.');
  if (kind === 'insert' && prompt.retired) throw new AppError('PROMPT_RETIRED', 409, 'A retired prompt cannot be inserted; restore it first.');
  await deps.controls.addChange(scope, circleId, promptId, kind, scope.userId);
}

export async function undoCircleChange(deps: Deps, scope: CourseScope, programId: string, circleId: string, changeId: string): Promise<void> {
  await circleInProgram(deps, scope, programId, circleId);
  if (!(await deps.controls.removeChange(scope, circleId, changeId))) {
    throw new AppError('CHANGE_NOT_FOUND', 404, 'There is no such pending change for this circle; it may already have taken effect.', { cause: { changeId, circleId, ...scope } });
  }
}
