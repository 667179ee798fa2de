import { Router } from 'express';
import { getContract } from '../../mentoring/circle-life/contract-use-cases.js';
import { getProgram } from '../../mentoring/programs/program-use-cases.js';
import { circlePageModel } from '../view-models/circle-page.js';
import type { CircleLifeWebDeps } from './circle-life-deps.js';
import { circlePath, idsOf, NOTICES, sendPage } from './circle-route-helpers.js';
import { redirectTo, scopeOf, urlFor, noticeFrom } from './route-helpers.js';

/** A member's circles in a program and the circle page itself. */
export function circleRoutes(deps: CircleLifeWebDeps): Router {
  const router = Router();

  router.get('/programs/:programId/circles', async (req, res) => {
    const { programId } = idsOf(req, 'programId');
    const scope = scopeOf(res);
    const program = await getProgram(deps, scope, programId);
    const mine = (await deps.circles.listForUser(scope, scope.userId)).filter((c) => c.programId === programId);
    if (mine.length === 1) return redirectTo(res, circlePath(programId, mine[0]!.id));
    sendPage(res, deps.render, 'circles/mine', {
      title: 'Your circles', program: { title: program.title }, programUrl: urlFor(res, `/programs/${programId}`),
      circles: mine.map((c) => ({ name: c.name, members: c.members.length, url: urlFor(res, circlePath(programId, c.id)) })),
    });
  });

  router.get('/programs/:programId/circles/:circleId', async (req, res) => {
    const { programId, circleId } = idsOf(req, 'programId', 'circleId');
    const scope = scopeOf(res);
    const { contract, ...view } = await getContract(deps, scope, programId, circleId);
    const [goals, meetings, received] = await Promise.all([
      deps.goals.listForCircle(scope.tenantId, circleId),
      deps.meetings.listForCircle(scope.tenantId, circleId),
      deps.feedback.receivedBy(scope.tenantId, circleId, view.me.participantId),
    ]);
    const link = (rest: string) => urlFor(res, circlePath(programId, circleId, rest));
    const contacts = await deps.contacts.contacts(scope, programId, circleId, view.me.participantId);
    const prompt = (await deps.promptPanels?.forLearner(res, [programId]))?.[programId] ?? null;
    sendPage(res, deps.render, 'circles/circle', {
      ...circlePageModel({ view, contract, goals, meetings, received, now: deps.clock.now(), link, contacts }),
      prompts: prompt,
      programTitle: view.program.title, programUrl: urlFor(res, `/programs/${programId}`),
      notice: noticeFrom(req, NOTICES),
    });
  });

  return router;
}
