import { Router, type Request, type Response } from 'express';
import { closeChoices } from '../../mentoring/matches/choice-use-cases.js';
import { constrainPair, openMatching, removeConstraint, saveMatchSettings } from '../../mentoring/matches/constraint-use-cases.js';
import { getMatchSettings } from '../../mentoring/matches/match-context.js';
import type { MatchSettingsErrors } from '../../mentoring/matches/match-settings.js';
import { approveProposal, matchAutomatically, matchNow, proposeMatches } from '../../mentoring/matches/proposal-use-cases.js';
import type { CirclesWebDeps } from './circles-router.js';
import { refusalMessage, uuidField, uuidParams } from './circles-route-helpers.js';
import { bodyOf, redirectTo, scopeOf, sessionOf, urlFor, noticeFrom } from './route-helpers.js';
import { matchReviewModel } from '../view-models/match-review.js';
import { matchSettingsModel } from '../view-models/match-settings-form.js';
import { allow } from '../policy.js';
import { searchPeopleAsStaff } from '../../mentoring/profiles/people-search.js';
import { CIRCLES_PER_PAGE } from '../view-models/match-circles.js';

const MAX_SHOWN = 2_000;

const NOTICES: Record<string, string> = {
  proposed: 'A new proposal is ready for review below.', approved: 'Approved: the circles are formed.', automatic: 'Matched: the circles are formed.',
  pinned: 'Pair pinned: the proposal below was made again with it.', forbidden: 'Pair forbidden: the proposal below was made again without it.',
  removed: 'Rule removed: the proposal below was made again.', saved: 'Matching settings saved.', closed: 'Choosing is closed; the proposal below covers everyone still unmatched.',
};
const REFUSALS = ['PROPOSAL_STALE', 'PROPOSAL_DECIDED', 'PAIR_INVALID'];

/** Staff matching: settings, proposals to review, pins and forbidden pairs, approval. */
export function matchingRoutes(deps: CirclesWebDeps): Router {
  const router = Router();
  const base = (programId: string) => `/staff/programs/${programId}/matching`;

  async function renderReview(req: Request, res: Response, programId: string, error: string | null = null) {
    const { ctx, proposal } = await openMatching(deps, scopeOf(res), programId);
    const shown = Math.min(MAX_SHOWN, Math.max(CIRCLES_PER_PAGE, Math.trunc(Number(req.query.shown)) || CIRCLES_PER_PAGE));
    res.status(error ? 409 : 200).type('html').send(deps.render('matching/review', {
      ...matchReviewModel(ctx, proposal, shown), title: `Matching · ${ctx.program.title}`, courseTitle: sessionOf(res).courseTitle, formAuth: res.locals.formAuth,
      error, notice: error ? null : noticeFrom(req, NOTICES),
      urls: {
        admin: urlFor(res, `/staff/programs/${programId}`), settings: urlFor(res, `${base(programId)}/settings`), circles: urlFor(res, `/staff/programs/${programId}/circles`),
        skills: urlFor(res, `/staff/programs/${programId}/skills`), propose: `${base(programId)}/propose`, approve: `${base(programId)}/approve`,
        constraints: `${base(programId)}/constraints`, close: `${base(programId)}/close-choices`,
        people: urlFor(res, `${base(programId)}/people`), session: res.locals.sessionToken, self: base(programId),
      },
    }));
  }

  /** A pin or forbid applies at once: a program reviewing a draft gets a new one that follows it. */
  async function proposeAgain(programId: string, res: Response) {
    const { program } = await getMatchSettings(deps, scopeOf(res), programId);
    if (program.matchingMode !== 'automatic') await proposeMatches(deps, scopeOf(res), programId);
  }

  router.get('/staff/programs/:programId/matching/people', allow('manage-program'), async (req, res) => {
    const { programId } = uuidParams(req, 'programId');
    res.json(await searchPeopleAsStaff(deps, scopeOf(res), programId, { q: req.query.q, offset: req.query.offset }));
  });

  router.get('/staff/programs/:programId/matching', allow('manage-program'), async (req, res) => renderReview(req, res, uuidParams(req, 'programId').programId));

  router.post('/staff/programs/:programId/matching/propose', allow('manage-program'), async (req, res) => {
    const { programId } = uuidParams(req, 'programId');
    const { automatic } = await matchNow(deps, scopeOf(res), programId);
    redirectTo(res, base(programId), { notice: automatic ? 'automatic' : 'proposed' });
  });

  router.post('/staff/programs/:programId/matching/approve', allow('manage-program'), async (req, res) => {
    const { programId } = uuidParams(req, 'programId');
    try {
      await approveProposal(deps, scopeOf(res), programId, uuidField(bodyOf(req), 'proposalId', 'a proposal'));
    } catch (err) {
      return renderReview(req, res, programId, refusalMessage(err, REFUSALS));
    }
    redirectTo(res, base(programId), { notice: 'approved' });
  });

  router.post('/staff/programs/:programId/matching/constraints', allow('manage-program'), async (req, res) => {
    const { programId } = uuidParams(req, 'programId');
    const body = bodyOf(req);
    const kind = body.kind === 'pin' ? 'pin' : 'forbid';
    try {
      await constrainPair(deps, scopeOf(res), programId, kind, uuidField(body, 'mentorId', 'a mentor'), uuidField(body, 'menteeId', 'a mentee'));
    } catch (err) {
      return renderReview(req, res, programId, refusalMessage(err, REFUSALS));
    }
    await proposeAgain(programId, res);
    redirectTo(res, base(programId), { notice: kind === 'pin' ? 'pinned' : 'forbidden' });
  });

  router.post('/staff/programs/:programId/matching/constraints/:constraintId/remove', allow('manage-program'), async (req, res) => {
    const { programId, constraintId } = uuidParams(req, 'programId', 'constraintId');
    await removeConstraint(deps, scopeOf(res), programId, constraintId);
    await proposeAgain(programId, res);
    redirectTo(res, base(programId), { notice: 'removed' });
  });

  router.post('/staff/programs/:programId/matching/close-choices', allow('manage-program'), async (req, res) => {
    const { programId } = uuidParams(req, 'programId');
    await closeChoices(deps, scopeOf(res), programId);
    await proposeMatches(deps, scopeOf(res), programId);
    redirectTo(res, base(programId), { notice: 'closed' });
  });

  async function renderSettings(res: Response, programId: string, values: Record<string, unknown> | null, errors: MatchSettingsErrors = {}) {
    const { program, settings } = await getMatchSettings(deps, scopeOf(res), programId);
    res.status(Object.keys(errors).length ? 422 : 200).type('html').send(deps.render('matching/settings', {
      ...matchSettingsModel(program, values ?? settings, errors), title: `Matching settings · ${program.title}`, courseTitle: sessionOf(res).courseTitle,
      formAuth: res.locals.formAuth, program, urls: { matching: urlFor(res, base(programId)), save: `${base(programId)}/settings` },
    }));
  }

  router.get('/staff/programs/:programId/matching/settings', allow('manage-program'), async (req, res) => renderSettings(res, uuidParams(req, 'programId').programId, null));

  router.post('/staff/programs/:programId/matching/settings', allow('manage-program'), async (req, res) => {
    const { programId } = uuidParams(req, 'programId');
    const result = await saveMatchSettings(deps, scopeOf(res), programId, bodyOf(req));
    if (!result.ok) return renderSettings(res, programId, bodyOf(req), result.errors);
    redirectTo(res, base(programId), { notice: 'saved' });
  });

  return router;
}
