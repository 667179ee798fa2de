import { Router } from 'express';
import { circleProgress } from '../../mentoring/circle-life/progress-use-cases.js';
import { formatAverage, progressRow } from '../view-models/progress-page.js';
import type { CircleLifeWebDeps } from './circle-life-deps.js';
import { idsOf, sendPage } from './circle-route-helpers.js';
import { scopeOf, urlFor } from './route-helpers.js';
import { allow } from '../policy.js';

/** Staff: each circle of a program in numbers only (contract state, goals, milestones, meetings, feedback). */
export function progressRoutes(deps: CircleLifeWebDeps): Router {
  const router = Router();

  router.get('/staff/programs/:programId/circle-progress', allow('manage-program'), async (req, res) => {
    const { programId } = idsOf(req, 'programId');
    const { program, circles, totals } = await circleProgress(deps, scopeOf(res), programId, deps.clock.now());
    sendPage(res, deps.render, 'circles/staff-progress', {
      title: `Circle progress: ${program.title}`, programTitle: program.title, circles: circles.map(progressRow),
      totals: { ...totals, feedbackAverage: formatAverage(totals.feedbackAverage) },
      urls: { program: urlFor(res, `/staff/programs/${programId}`), survey: urlFor(res, `/staff/programs/${programId}/survey`) },
    });
  });

  return router;
}
