import { Router, type Request, type Response } from 'express';
import { answerPrompt, memberPrompts, openPrompt, replyToAnswer } from '../../mentoring/prompts/answer-use-cases.js';
import { nudgesFor } from '../../mentoring/prompts/nudge-use-cases.js';
import { formatInZone } from '../../mentoring/prompts/zoned-time.js';
import { getProgram } from '../../mentoring/programs/program-use-cases.js';
import { AppError } from '../../shared/errors.js';
import type { PromptWebDeps } from '../prompt-web-deps.js';
import { answerView, deliveredView, reviewFields, reviewView, ROLE_NAMES, typedValues, VISIBILITY_LABELS } from '../view-models/prompt-views.js';
import { bodyOf, isUuid, param, redirectTo, scopeOf, sessionOf, urlFor, noticeFrom } from './route-helpers.js';

const NOTICES: Record<string, string> = { answered: 'Your answer is saved.', replied: 'Your reply is posted.' };

const idsOf = (req: Request, ...names: string[]) => {
  const values = names.map((n) => param(req, n));
  if (!values.every(isUuid)) throw new AppError('NOT_FOUND', 404, 'There is no such page in this course.');
  return values;
};

/** Learners: this week's prompt, earlier ones and their journal; answering, sharing and replying. */
export function promptRoutes(deps: PromptWebDeps): Router {
  const router = Router();

  router.get('/programs/:programId/prompts', async (req, res) => {
    const [programId] = idsOf(req, 'programId') as [string];
    const scope = scopeOf(res);
    const program = await getProgram(deps, scope, programId);
    const { circles, prompts } = await memberPrompts(deps, scope, programId);
    const zoneOf = (circleId: string) => circles.find((c) => c.id === circleId)?.timeZone ?? 'UTC';
    const cards = prompts.map((p) => deliveredView(p, zoneOf(p.circleId), urlFor(res, `/programs/${programId}/prompts/${p.id}`), p.myAnswer));
    const journal = await deps.answers.journal(scope, programId, scope.userId);
    const nudges = await nudgesFor(deps, scope, programId, circles.map((c) => c.id));
    res.type('html').send(deps.render('prompts/learner', {
      title: 'Prompts and journal', courseTitle: sessionOf(res).courseTitle, program: { title: program.title },
      programUrl: urlFor(res, `/programs/${programId}`), hasCircle: circles.length > 0,
      current: cards[0] ?? null, earlier: cards.slice(1),
      nudges: nudges.map((n) => ({ ...n, when: formatInZone(n.sentAt, zoneOf(n.circleId)) })),
      journal: journal.map((j) => ({
        title: j.title, visibilityLabel: VISIBILITY_LABELS[j.visibility], when: formatInZone(j.createdAt, circles[0]?.timeZone ?? 'UTC'),
        body: j.body, review: reviewView(j.review), url: urlFor(res, `/programs/${programId}/prompts/${j.deliveryId}`),
      })),
    }));
  });

  async function renderPrompt(res: Response, programId: string, deliveryId: string, draft: { values?: Record<string, string>; errors?: Record<string, string>; reply?: { answerId: string; value: string; error: string } } = {}, status = 200) {
    const scope = scopeOf(res);
    const page = await openPrompt(deps, scope, programId, deliveryId);
    const zone = page.circle.timeZone;
    const values = draft.values ?? {};
    const errors = draft.errors ?? {};
    res.status(status).type('html').send(deps.render('prompts/prompt', {
      title: page.prompt.title, courseTitle: sessionOf(res).courseTitle, formAuth: res.locals.formAuth,
      prompt: deliveredView(page.prompt, zone, '', null), circleName: page.circle.name, myRole: ROLE_NAMES[page.myRole],
      listUrl: urlFor(res, `/programs/${programId}/prompts`), answerAction: `/programs/${programId}/prompts/${deliveryId}/answer`,
      canAnswer: page.canAnswer, errors, hasFieldErrors: Object.keys(errors).some((k) => k !== 'form'), body: values.body ?? '', reviewFields: reviewFields(values, errors),
      shareChecked: values.visibility === 'circle', privateChecked: values.visibility !== 'circle',
      answers: page.answers.map((a) => answerView(a, scope.userId, zone, `/programs/${programId}/answers/${a.id}/replies`, draft.reply?.answerId === a.id ? draft.reply : undefined)),
      menteesAnswered: page.menteesAnswered?.map((m) => ({ name: m.name, state: m.answered ? `answered (${m.answered === 'private' ? 'in their private journal' : 'shared'})` : 'not yet' })) ?? null,
      notice: noticeFrom(res.req, NOTICES),
    }));
  }

  router.get('/programs/:programId/prompts/:deliveryId', async (req, res) => {
    const [programId, deliveryId] = idsOf(req, 'programId', 'deliveryId') as [string, string];
    await renderPrompt(res, programId, deliveryId);
  });

  router.post('/programs/:programId/prompts/:deliveryId/answer', async (req, res) => {
    const [programId, deliveryId] = idsOf(req, 'programId', 'deliveryId') as [string, string];
    const input = bodyOf(req);
    const result = await answerPrompt(deps, scopeOf(res), programId, deliveryId, input);
    if (!result.ok) return renderPrompt(res, programId, deliveryId, { values: typedValues(input), errors: result.errors }, 422);
    redirectTo(res, `/programs/${programId}/prompts/${deliveryId}`, { notice: 'answered' });
  });

  router.post('/programs/:programId/answers/:answerId/replies', async (req, res) => {
    const [programId, answerId] = idsOf(req, 'programId', 'answerId') as [string, string];
    const input = bodyOf(req);
    const result = await replyToAnswer(deps, scopeOf(res), programId, answerId, input);
    if (result.ok) return redirectTo(res, `/programs/${programId}/prompts/${result.value.deliveryId}`, { notice: 'replied' });
    const shared = (await deps.answers.findShared(scopeOf(res), answerId))!;
    await renderPrompt(res, programId, shared.deliveryId, { reply: { answerId, value: typeof input.reply === 'string' ? input.reply : '', error: result.errors.reply ?? '' } }, 422);
  });

  return router;
}
