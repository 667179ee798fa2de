import { Router, type Request, type Response } from 'express';
import { openCircleAsMember } from '../../mentoring/circle-life/circle-access.js';
import { addMilestone, getGoal, reviseGoal, setGoal, updateMilestone } from '../../mentoring/circle-life/goal-use-cases.js';
import { goalFormModel, goalPageModel } from '../view-models/goal-page.js';
import type { CircleLifeWebDeps } from './circle-life-deps.js';
import { circlePath, circlePaths, idsOf, NOTICES, sendPage, typed } from './circle-route-helpers.js';
import { bodyOf, redirectTo, scopeOf, noticeFrom } from './route-helpers.js';

type Form = { values: Record<string, string>; errors: Record<string, string> };

/** SMART goals of a circle's mentees and their milestones. */
export function goalRoutes(deps: CircleLifeWebDeps): Router {
  const router = Router();
  const base = '/programs/:programId/circles/:circleId/goals';

  async function showForm(req: Request, res: Response, goalId: string | null, form?: Form) {
    const { programId, circleId } = idsOf(req, 'programId', 'circleId');
    const paths = circlePaths(res, programId, circleId);
    const scope = scopeOf(res);
    const existing = goalId ? await getGoal(deps, scope, programId, circleId, goalId) : null;
    const view = existing ?? await openCircleAsMember(deps, scope, programId, circleId);
    const values = form?.values ?? (existing ? { ...existing.goal } as unknown as Record<string, string> : {});
    sendPage(res, deps.render, 'circles/goal-form', {
      ...goalFormModel(view, { values, errors: form?.errors ?? {} }),
      title: goalId ? 'Change the goal' : 'Set a goal', heading: goalId ? 'Change the goal' : 'Set a SMART goal',
      action: paths.action(goalId ? `/goals/${goalId}` : '/goals'),
      urls: { circle: paths.link(''), back: paths.link(goalId ? `/goals/${goalId}` : '') },
    }, form ? 422 : 200);
  }

  async function showGoal(req: Request, res: Response, forms: Parameters<typeof goalPageModel>[3] = {}) {
    const { programId, circleId, goalId } = idsOf(req, 'programId', 'circleId', 'goalId');
    const { goal, ...view } = await getGoal(deps, scopeOf(res), programId, circleId, goalId);
    const failed = Boolean(forms.add || forms.milestone);
    sendPage(res, deps.render, 'circles/goal', {
      ...goalPageModel(view, goal, circlePaths(res, programId, circleId), forms), notice: noticeFrom(req, NOTICES),
    }, failed ? 422 : 200);
  }

  router.get(`${base}/new`, (req, res) => showForm(req, res, null));

  router.post(base, async (req, res) => {
    const { programId, circleId } = idsOf(req, 'programId', 'circleId');
    const result = await setGoal(deps, scopeOf(res), programId, circleId, bodyOf(req));
    if (!result.ok) return showForm(req, res, null, { values: typed(bodyOf(req)), errors: result.errors });
    redirectTo(res, circlePath(programId, circleId, `/goals/${result.value}`), { notice: 'goal-saved' });
  });

  router.get(`${base}/:goalId`, (req, res) => showGoal(req, res));
  router.get(`${base}/:goalId/edit`, (req, res) => showForm(req, res, idsOf(req, 'goalId').goalId));

  router.post(`${base}/:goalId`, async (req, res) => {
    const { programId, circleId, goalId } = idsOf(req, 'programId', 'circleId', 'goalId');
    const result = await reviseGoal(deps, scopeOf(res), programId, circleId, goalId, bodyOf(req));
    if (!result.ok) return showForm(req, res, goalId, { values: typed(bodyOf(req)), errors: result.errors });
    redirectTo(res, circlePath(programId, circleId, `/goals/${goalId}`), { notice: 'goal-saved' });
  });

  router.post(`${base}/:goalId/milestones`, async (req, res) => {
    const { programId, circleId, goalId } = idsOf(req, 'programId', 'circleId', 'goalId');
    const result = await addMilestone(deps, scopeOf(res), programId, circleId, goalId, bodyOf(req));
    if (!result.ok) return showGoal(req, res, { add: { values: typed(bodyOf(req)), errors: result.errors } });
    redirectTo(res, circlePath(programId, circleId, `/goals/${goalId}`), { notice: 'milestone-saved' });
  });

  router.post(`${base}/:goalId/milestones/:milestoneId`, async (req, res) => {
    const { programId, circleId, goalId, milestoneId } = idsOf(req, 'programId', 'circleId', 'goalId', 'milestoneId');
    const result = await updateMilestone(deps, scopeOf(res), programId, circleId, goalId, milestoneId, bodyOf(req));
    if (!result.ok) return showGoal(req, res, { milestone: { id: milestoneId, values: typed(bodyOf(req)), errors: result.errors } });
    redirectTo(res, circlePath(programId, circleId, `/goals/${goalId}`), { notice: 'milestone-saved' });
  });

  return router;
}
