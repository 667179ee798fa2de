import type { Circle } from '../circles/ports.js';
import type { CourseScope, Program } from '../programs/ports.js';
import { getMatchSettings, type MatchDeps } from './match-context.js';
import type { MatchSettings } from './match-settings.js';
import type { RotationPlan } from './ports.js';
import { previewRotation, type RotationMove } from './rotation-use-cases.js';

/** What the staff circles page shows: the open circles and, with a rotation plan, its preview. */
export interface CircleOverview {
  program: Program;
  settings: MatchSettings;
  circles: Circle[];
  nameOf: (participantId: string) => string;
  plan: RotationPlan | null;
  moves: RotationMove[];
  stays: Array<{ menteeId: string; reasons: string[] }>;
  unsupported: string | null;
}

/**
 * The circles page's data. Without a rotation plan only the program and its circles are read
 * (the page stays light however many people there are); with one, the rotation is previewed,
 * which needs everyone's profile.
 */
export async function circleOverview(
  deps: MatchDeps,
  scope: CourseScope,
  programId: string,
): Promise<CircleOverview> {
  const { program, settings } = await getMatchSettings(deps, scope, programId);
  const plan = (await deps.rotations.find(scope, programId)) ?? null;
  if (plan || settings.programType === 'peer') {
    const preview = await previewRotation(deps, scope, programId);
    const { ctx } = preview;
    return {
      ...preview,
      program: ctx.program,
      settings: ctx.settings,
      circles: ctx.circles,
      nameOf: (id) => ctx.person(id).name,
    };
  }
  const circles = (await deps.circles.listForProgram(scope, programId)).filter(
    (c) => c.status !== 'closed',
  );
  return {
    program,
    settings,
    circles,
    nameOf: () => 'Someone',
    plan: null,
    moves: [],
    stays: [],
    unsupported: null,
  };
}
