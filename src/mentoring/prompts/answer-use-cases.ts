import { AppError } from '../../shared/errors.js';
import type { Circle, CircleRole, CircleStore } from '../circles/ports.js';
import { domainEvent } from '../events.js';
import type { CourseScope, ProgramRepository } from '../programs/ports.js';
import { getProgram } from '../programs/program-use-cases.js';
import { validateAnswer, validateReply, type AnswerInput } from './answer-input.js';
import type { AnswerView, DeliveredPrompt, PromptAnswerStore } from './ports.js';
import type { Checked } from './prompt-input.js';
import { addresses, isReview } from './prompt-options.js';

interface Deps {
  programs: ProgramRepository;
  circles: CircleStore;
  answers: PromptAnswerStore;
}

const notFound = () => new AppError('PROMPT_NOT_FOUND', 404, 'There is no such prompt for you in this program.');

export interface MemberPrompt extends DeliveredPrompt {
  myRole: CircleRole;
  myAnswer: 'private' | 'circle' | null;
}

/** The member's circles in this program (current memberships only). */
export async function myCircles(deps: Pick<Deps, 'circles'>, scope: CourseScope, programId: string): Promise<Circle[]> {
  return (await deps.circles.listForUser(scope, scope.userId)).filter((c) => c.programId === programId);
}

const roleIn = (circle: Circle, userId: string) => circle.members.find((m) => m.userId === userId)?.role;

/** Prompts delivered to the member's circles and addressed to their role, newest first, with whether they answered. */
export async function memberPrompts(deps: Deps, scope: CourseScope, programId: string): Promise<{ circles: Circle[]; prompts: MemberPrompt[] }> {
  await getProgram(deps, scope, programId);
  const circles = await myCircles(deps, scope, programId);
  const delivered = await deps.answers.delivered(scope, programId, circles.map((c) => c.id));
  const mine = new Map((await deps.answers.answeredBy(scope, delivered.map((d) => d.id))).filter((a) => a.userId === scope.userId).map((a) => [a.deliveryId, a.visibility]));
  const prompts = delivered.flatMap((d) => {
    const role = roleIn(circles.find((c) => c.id === d.circleId)!, scope.userId)!;
    return addresses(d.audience, role) ? [{ ...d, myRole: role, myAnswer: mine.get(d.id) ?? null }] : [];
  });
  return { circles, prompts };
}

export interface PromptPage {
  prompt: DeliveredPrompt;
  circle: Circle;
  myRole: CircleRole;
  canAnswer: boolean;
  answers: AnswerView[];
  /** For mentors: which mentees answered and how, never what they wrote privately. */
  menteesAnswered: Array<{ name: string; answered: 'private' | 'circle' | null }> | null;
}

/** One delivered prompt as a current member of its circle sees it; anyone else gets 404. */
export async function openPrompt(deps: Deps, scope: CourseScope, programId: string, deliveryId: string): Promise<PromptPage> {
  const prompt = await deps.answers.findDelivered(scope, programId, deliveryId);
  const circle = prompt && (await deps.circles.find(scope, prompt.circleId));
  const myRole = circle && roleIn(circle, scope.userId);
  if (!prompt || !circle || !myRole) throw notFound();
  const answers = await deps.answers.readableBy(scope, deliveryId, scope.userId);
  let menteesAnswered: PromptPage['menteesAnswered'] = null;
  if (myRole === 'mentor') {
    const who = new Map((await deps.answers.answeredBy(scope, [deliveryId])).map((a) => [a.userId, a.visibility]));
    menteesAnswered = circle.members.filter((m) => m.role === 'mentee' && addresses(prompt.audience, m.role)).map((m) => ({ name: m.name, answered: who.get(m.userId) ?? null }));
  }
  const answered = answers.some((a) => a.authorUserId === scope.userId);
  return { prompt, circle, myRole, canAnswer: addresses(prompt.audience, myRole) && !answered, answers, menteesAnswered };
}

/** Saves the member's answer as a private journal entry or shared with the circle; the event never carries the text. */
export async function answerPrompt(deps: Deps, scope: CourseScope, programId: string, deliveryId: string, input: Record<string, unknown>): Promise<Checked<AnswerInput>> {
  const page = await openPrompt(deps, scope, programId, deliveryId);
  if (!addresses(page.prompt.audience, page.myRole)) throw new AppError('PROMPT_NOT_FOR_YOU', 403, 'This prompt is for other members of your circle.');
  const checked = validateAnswer(input, isReview(page.prompt.category));
  if (!checked.ok) return checked;
  const id = crypto.randomUUID();
  const event = domainEvent('prompt_answered', {
    tenantId: scope.tenantId, courseId: scope.courseId, programId, circleId: page.circle.id, actorUserId: scope.userId,
    data: { promptId: page.prompt.promptId, promptVersion: page.prompt.version, visibility: checked.value.visibility, answerId: id },
  });
  const saved = await deps.answers.create(scope, { id, deliveryId, circleId: page.circle.id, authorUserId: scope.userId, ...checked.value }, [event]);
  if (!saved) return { ok: false, errors: { form: 'You have already answered this prompt.' } };
  return checked;
}

/** Replies go to shared answers only, from current members of that circle; a private answer is answered as absent. */
export async function replyToAnswer(deps: Deps, scope: CourseScope, programId: string, answerId: string, input: Record<string, unknown>): Promise<Checked<{ deliveryId: string }>> {
  const answer = await deps.answers.findShared(scope, answerId);
  const circle = answer && (await deps.circles.find(scope, answer.circleId));
  if (!answer || !circle || circle.programId !== programId || !roleIn(circle, scope.userId)) throw new AppError('ANSWER_NOT_FOUND', 404, 'There is no such shared answer in your circle.');
  const checked = validateReply(input);
  if (!checked.ok) return checked;
  const id = crypto.randomUUID();
  const event = domainEvent('reply_posted', {
    tenantId: scope.tenantId, courseId: scope.courseId, programId, circleId: circle.id, actorUserId: scope.userId, data: { answerId, replyId: id },
  });
  await deps.answers.reply(scope, { id, answerId, authorUserId: scope.userId, body: checked.value }, [event]);
  return { ok: true, value: { deliveryId: answer.deliveryId } };
}
