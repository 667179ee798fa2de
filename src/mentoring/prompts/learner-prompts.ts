import type { Circle, CircleStore } from '../circles/ports.js';
import type { CourseScope } from '../programs/ports.js';
import type { MemberPrompt } from './answer-use-cases.js';
import { nudgeStillShown } from './nudge-rules.js';
import type { MeetingActivity, NudgeStore, PromptAnswerStore } from './ports.js';
import { addresses } from './prompt-options.js';

interface Deps {
  circles: CircleStore;
  answers: PromptAnswerStore;
  nudges: NudgeStore;
  meetings: MeetingActivity;
}

export interface LearnerProgramPrompts {
  circles: Circle[];
  /** Delivered to the learner's circles and addressed to their role, newest first. */
  prompts: MemberPrompt[];
  /** The latest nudge of one of their circles while it stays quiet. */
  nudge: { circleName: string; starter: string; sentAt: Date } | null;
}

/**
 * The signed-in learner's prompts and nudges in each of these programs of the course, in the
 * same few statements however many programs and circles: only their own circles are read.
 */
export async function learnerPromptsByProgram(
  deps: Deps,
  scope: CourseScope,
  programIds: readonly string[],
): Promise<Map<string, LearnerProgramPrompts>> {
  const wanted = new Set(programIds);
  const circles = (await deps.circles.listForUser(scope, scope.userId)).filter((c) =>
    wanted.has(c.programId),
  );
  const ids = circles.map((c) => c.id);
  const [delivered, activity, meetings] = await Promise.all([
    deps.answers.deliveredToCircles(scope, ids),
    ids.length ? deps.nudges.activity({ course: scope, circleIds: ids }) : Promise.resolve([]),
    deps.meetings.lastMeetings(ids),
  ]);
  const mine = new Map(
    (
      await deps.answers.answeredBy(
        scope,
        delivered.map((d) => d.id),
      )
    )
      .filter((a) => a.userId === scope.userId)
      .map((a) => [a.deliveryId, a.visibility]),
  );
  const byId = new Map(circles.map((c) => [c.id, c]));
  const result = new Map<string, LearnerProgramPrompts>(
    programIds.map((id) => [id, { circles: [], prompts: [], nudge: null }]),
  );
  for (const circle of circles) result.get(circle.programId)!.circles.push(circle);
  for (const d of delivered) {
    const role = byId.get(d.circleId)?.members.find((m) => m.userId === scope.userId)?.role;
    if (role && addresses(d.audience, role))
      result
        .get(d.programId)
        ?.prompts.push({ ...d, myRole: role, myAnswer: mine.get(d.id) ?? null });
  }
  for (const a of activity) {
    const quiet = { ...a, lastMeetingAt: meetings.get(a.circleId) ?? null };
    const entry = result.get(a.programId);
    if (entry && !entry.nudge && a.lastNudge && nudgeStillShown(quiet, a.lastNudge.sentAt)) {
      entry.nudge = {
        circleName: a.circleName,
        starter: a.lastNudge.starter,
        sentAt: a.lastNudge.sentAt,
      };
    }
  }
  return result;
}
