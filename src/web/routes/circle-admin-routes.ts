import { Router, type Request, type Response } from 'express';
import { moveMember } from '../../mentoring/circles/move-use-cases.js';
import { applyRebalance, suggestRebalance } from '../../mentoring/matches/rebalance-use-cases.js';
import { rotateNow, saveRotationPlan, type RotationPlanErrors } from '../../mentoring/matches/rotation-use-cases.js';
import { CRITERION_LABELS } from '../../mentoring/matches/match-settings.js';
import { criterionLines } from '../../mentoring/matches/explain.js';
import type { CirclesWebDeps } from './circles-router.js';
import { refusalMessage, uuidField, uuidParams } from './circles-route-helpers.js';
import { bodyOf, redirectTo, scopeOf, sessionOf, urlFor, noticeFrom } from './route-helpers.js';
import { circleAdminModel } from '../view-models/circle-admin.js';
import { circleOverview } from '../../mentoring/matches/circle-overview.js';
import { moveChoices } from '../view-models/circle-move.js';
import { pageRequest, pagerModel } from '../view-models/pager.js';
import { allow } from '../policy.js';

const NOTICES: Record<string, string> = {
  moved: 'Moved. The earlier membership is kept in the history.', rebalanced: 'Reassigned. The earlier pairing is kept in the history.',
  planned: 'Rotation plan saved.', rotated: 'Rotation applied: mentees moved to new mentors.',
};
const REFUSALS = ['MOVE_REFUSED', 'CIRCLE_FULL', 'ROTATION_UNSUPPORTED', 'ROTATION_NO_PLAN', 'REBALANCE_CHANGED', 'REBALANCE_REFUSED'];

/** Staff circle management: the list with flags, moving people, rebalancing a pair, rotation. */
export function circleAdminRoutes(deps: CirclesWebDeps): Router {
  const router = Router();
  const base = (programId: string) => `/staff/programs/${programId}/circles`;

  async function renderList(req: Request, res: Response, programId: string, problem: { error?: string; planErrors?: RotationPlanErrors; planValues?: Record<string, unknown> } = {}) {
    const preview = await circleOverview(deps, scopeOf(res), programId);
    const failed = Boolean(problem.error || problem.planErrors);
    const model = circleAdminModel(preview, `/staff/programs/${programId}`, pageRequest(req));
    res.status(failed ? (problem.planErrors ? 422 : 409) : 200).type('html').send(deps.render('circles/admin', {
      ...model, pager: pagerModel(res, base(programId), model.page, model.total), search: { q: model.page.q, action: base(programId), session: res.locals.sessionToken }, title: `Circles · ${preview.program.title}`, courseTitle: sessionOf(res).courseTitle,
      formAuth: res.locals.formAuth, session: res.locals.sessionToken, error: problem.error ?? null, planErrors: problem.planErrors ?? {},
      planValues: problem.planValues ?? preview.plan ?? { everyWeeks: 8, nextOn: '' }, notice: failed ? null : noticeFrom(req, NOTICES),
      urls: { admin: urlFor(res, `/staff/programs/${programId}`), matching: urlFor(res, `/staff/programs/${programId}/matching`), move: `${base(programId)}/move`, plan: `${base(programId)}/rotation`, rotate: `${base(programId)}/rotation/run` },
    }));
  }

  router.get('/staff/programs/:programId/circles', allow('manage-program'), async (req, res) => renderList(req, res, uuidParams(req, 'programId').programId));

  router.get('/staff/programs/:programId/circles/:circleId/move', allow('manage-program'), async (req, res) => {
    const { programId, circleId } = uuidParams(req, 'programId', 'circleId');
    const participantId = uuidField(req.query as Record<string, unknown>, 'member', 'a person');
    const choice = await moveChoices(deps, scopeOf(res), programId, circleId, participantId, pageRequest(req, 20));
    res.type('html').send(deps.render('circles/move', {
      ...choice, title: `Move ${choice.member.name}`, courseTitle: sessionOf(res).courseTitle, formAuth: res.locals.formAuth,
      pager: pagerModel(res, `${base(programId)}/${circleId}/move`, choice.page, choice.total, { member: participantId }),
      search: { q: choice.page.q, member: participantId, action: `${base(programId)}/${circleId}/move`, session: res.locals.sessionToken },
      urls: { circles: urlFor(res, base(programId)), move: `${base(programId)}/move` },
    }));
  });

  router.post('/staff/programs/:programId/circles/move', allow('manage-program'), async (req, res) => {
    const { programId } = uuidParams(req, 'programId');
    const body = bodyOf(req);
    try {
      await moveMember(deps, scopeOf(res), programId, {
        participantId: uuidField(body, 'participantId', 'a person'), fromCircleId: uuidField(body, 'fromCircleId', 'a circle'), toCircleId: uuidField(body, 'toCircleId', 'a circle'),
      });
    } catch (err) {
      return renderList(req, res, programId, { error: refusalMessage(err, REFUSALS) });
    }
    redirectTo(res, base(programId), { notice: 'moved' });
  });

  router.post('/staff/programs/:programId/circles/rotation', allow('manage-program'), async (req, res) => {
    const { programId } = uuidParams(req, 'programId');
    const result = await saveRotationPlan(deps, scopeOf(res), programId, bodyOf(req));
    if (!result.ok) return renderList(req, res, programId, { planErrors: result.errors, planValues: bodyOf(req) });
    redirectTo(res, base(programId), { notice: 'planned' });
  });

  router.post('/staff/programs/:programId/circles/rotation/run', allow('manage-program'), async (req, res) => {
    const { programId } = uuidParams(req, 'programId');
    try {
      await rotateNow(deps, scopeOf(res), programId);
    } catch (err) {
      return renderList(req, res, programId, { error: refusalMessage(err, REFUSALS) });
    }
    redirectTo(res, base(programId), { notice: 'rotated' });
  });

  router.get('/staff/programs/:programId/circles/:circleId/rebalance', allow('manage-program'), async (req, res) => {
    const { programId, circleId } = uuidParams(req, 'programId', 'circleId');
    const menteeId = uuidField(req.query as Record<string, unknown>, 'member', 'a mentee');
    const option = await suggestRebalance(deps, scopeOf(res), programId, circleId, menteeId);
    const name = (id: string) => option.ctx.person(id).name;
    res.type('html').send(deps.render('circles/rebalance', {
      title: `Rebalance · ${option.circle.name}`, courseTitle: sessionOf(res).courseTitle, formAuth: res.locals.formAuth, circle: option.circle,
      mentee: name(menteeId), menteeId, currentMentor: name(option.currentMentorId), reasons: option.reasons,
      suggestion: option.suggestion && { ...option.suggestion, name: name(option.suggestion.mentorId), criteria: criterionLines(option.suggestion.criteria, CRITERION_LABELS) },
      urls: { circles: urlFor(res, base(programId)), apply: `${base(programId)}/${circleId}/rebalance` },
    }));
  });

  router.post('/staff/programs/:programId/circles/:circleId/rebalance', allow('manage-program'), async (req, res) => {
    const { programId, circleId } = uuidParams(req, 'programId', 'circleId');
    const body = bodyOf(req);
    try {
      await applyRebalance(deps, scopeOf(res), programId, circleId, uuidField(body, 'menteeId', 'a mentee'), uuidField(body, 'toMentorId', 'a mentor'));
    } catch (err) {
      return renderList(req, res, programId, { error: refusalMessage(err, REFUSALS) });
    }
    redirectTo(res, base(programId), { notice: 'rebalanced' });
  });

  return router;
}
