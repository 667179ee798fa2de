import { Router, type Request, type Response } from 'express';
import { getSurvey, openSurveyEarly, submitSurvey, surveyResults } from '../../mentoring/circle-life/survey-use-cases.js';
import { surveyFormModel, surveyResultsModel } from '../view-models/survey-page.js';
import type { CircleLifeWebDeps } from './circle-life-deps.js';
import { idsOf, sendPage, typed } from './circle-route-helpers.js';
import { bodyOf, redirectTo, scopeOf, urlFor } from './route-helpers.js';
import { allow } from '../policy.js';

/** The close-out survey for participants and its aggregates for staff. */
export function surveyRoutes(deps: CircleLifeWebDeps): Router {
  const router = Router();

  async function showSurvey(req: Request, res: Response, form?: { values: Record<string, string>; errors: Record<string, string> }) {
    const { programId } = idsOf(req, 'programId');
    const { program, status, submitted } = await getSurvey(deps, scopeOf(res), programId);
    sendPage(res, deps.render, 'circles/survey', {
      ...surveyFormModel(form ?? { values: {}, errors: {} }), title: `Close-out survey: ${program.title}`, programTitle: program.title, endsOn: program.endsOn,
      open: status.open, submitted, thanks: req.query.notice === 'thanks', action: `/programs/${programId}/survey`, programUrl: urlFor(res, `/programs/${programId}`),
    }, form ? 422 : 200);
  }

  router.get('/programs/:programId/survey', (req, res) => showSurvey(req, res));

  router.post('/programs/:programId/survey', async (req, res) => {
    const { programId } = idsOf(req, 'programId');
    const result = await submitSurvey(deps, scopeOf(res), programId, bodyOf(req));
    if (!result.ok) return showSurvey(req, res, { values: typed(bodyOf(req)), errors: result.errors });
    redirectTo(res, `/programs/${programId}/survey`, { notice: 'thanks' });
  });

  router.get('/staff/programs/:programId/survey', allow('manage-program'), async (req, res) => {
    const { programId } = idsOf(req, 'programId');
    const { program, status, summary } = await surveyResults(deps, scopeOf(res), programId);
    sendPage(res, deps.render, 'circles/staff-survey', {
      title: `Survey results: ${program.title}`, programTitle: program.title, endsOn: program.endsOn, status, results: surveyResultsModel(summary),
      opened: req.query.notice === 'opened',
      urls: { program: urlFor(res, `/staff/programs/${programId}`), progress: urlFor(res, `/staff/programs/${programId}/circle-progress`), open: `/staff/programs/${programId}/survey/open` },
    });
  });

  router.post('/staff/programs/:programId/survey/open', allow('manage-program'), async (req, res) => {
    const { programId } = idsOf(req, 'programId');
    await openSurveyEarly(deps, scopeOf(res), programId);
    redirectTo(res, `/staff/programs/${programId}/survey`, { notice: 'opened' });
  });

  return router;
}
