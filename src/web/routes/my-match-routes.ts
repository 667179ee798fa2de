import { Router, type Request, type Response } from 'express';
import { answerRequest, rankMentors } from '../../mentoring/matches/choice-use-cases.js';
import { openMyMatch } from '../../mentoring/matches/my-match-use-cases.js';
import type { CirclesWebDeps } from './circles-router.js';
import { refusalMessage, uuidParams } from './circles-route-helpers.js';
import { bodyOf, redirectTo, scopeOf, sessionOf, urlFor, noticeFrom } from './route-helpers.js';
import { myMatchModel } from '../view-models/my-match.js';

const NOTICES: Record<string, string> = {
  ranked: 'Your choices are sent: your first choice has been asked.', accepted: 'Accepted: your circle is formed.', declined: 'Declined: the mentee\'s next choice is asked.',
};

/** A participant's match: why they were matched, mentee choices, mentor answers. */
export function myMatchRoutes(deps: CirclesWebDeps): Router {
  const router = Router();
  const base = (programId: string) => `/programs/${programId}/match`;

  async function render(req: Request, res: Response, programId: string, error: string | null = null, chosen: Record<string, unknown> = {}) {
    const view = await openMyMatch(deps, scopeOf(res), programId);
    res.status(error ? 422 : 200).type('html').send(deps.render('matching/mine', {
      ...myMatchModel(view, chosen), title: `Your match · ${view.ctx.program.title}`, courseTitle: sessionOf(res).courseTitle, formAuth: res.locals.formAuth,
      error, notice: error ? null : noticeFrom(req, NOTICES),
      urls: { program: urlFor(res, `/programs/${programId}`), profile: urlFor(res, `/programs/${programId}/profile`), rank: `${base(programId)}/rank`, requests: `${base(programId)}/requests` },
    }));
  }

  router.get('/programs/:programId/match', async (req, res) => render(req, res, uuidParams(req, 'programId').programId));

  router.post('/programs/:programId/match/rank', async (req, res) => {
    const { programId } = uuidParams(req, 'programId');
    const result = await rankMentors(deps, scopeOf(res), programId, bodyOf(req));
    if (!result.ok) return render(req, res, programId, result.error, bodyOf(req));
    redirectTo(res, base(programId), { notice: 'ranked' });
  });

  router.post('/programs/:programId/match/requests/:choiceId', async (req, res) => {
    const { programId, choiceId } = uuidParams(req, 'programId', 'choiceId');
    const accept = bodyOf(req).decision === 'accept';
    try {
      await answerRequest(deps, scopeOf(res), programId, choiceId, accept);
    } catch (err) {
      return render(req, res, programId, refusalMessage(err, ['MENTOR_FULL', 'MENTEE_PLACED']));
    }
    redirectTo(res, base(programId), { notice: accept ? 'accepted' : 'declined' });
  });

  return router;
}
