import { Router, type Request, type Response } from 'express';
import { acknowledgeContract, draftContract, getContract, proposeContract } from '../../mentoring/circle-life/contract-use-cases.js';
import { AppError } from '../../shared/errors.js';
import { contractPageModel, versionModel } from '../view-models/contract-page.js';
import type { CircleLifeWebDeps } from './circle-life-deps.js';
import { circlePath, circlePaths, idsOf, NOTICES, sendPage, typed } from './circle-route-helpers.js';
import { bodyOf, redirectTo, scopeOf, urlFor, noticeFrom } from './route-helpers.js';

const versionNumber = (raw: unknown) => {
  const n = Number(raw);
  return Number.isInteger(n) && n >= 0 && n < 1_000_000 ? n : null;
};

/** The circle's learning contract: read, propose a new version, acknowledge, read old versions. */
export function contractRoutes(deps: CircleLifeWebDeps): Router {
  const router = Router();
  const base = '/programs/:programId/circles/:circleId/contract';

  async function showContract(req: Request, res: Response, input?: { values: Record<string, string>; errors: Record<string, string> }) {
    const { programId, circleId } = idsOf(req, 'programId', 'circleId');
    const { contract, ...view } = await getContract(deps, scopeOf(res), programId, circleId);
    const values = input?.values ?? { ...(contract.current ?? draftContract(view)) } as unknown as Record<string, string>;
    const model = contractPageModel(view, contract, { values, errors: input?.errors ?? {} }, circlePaths(res, programId, circleId));
    sendPage(res, deps.render, 'circles/contract', { ...model, notice: noticeFrom(req, NOTICES) }, input ? 422 : 200);
  }

  router.get(base, (req, res) => showContract(req, res));

  router.post(base, async (req, res) => {
    const { programId, circleId } = idsOf(req, 'programId', 'circleId');
    const body = bodyOf(req);
    const baseVersion = versionNumber(body.baseVersion);
    if (baseVersion === null) throw new AppError('FORM_INVALID', 400, 'The form is incomplete; reload the page and try again.');
    const result = await proposeContract(deps, scopeOf(res), programId, circleId, body, baseVersion);
    if (!result.ok) return showContract(req, res, { values: typed(body), errors: result.errors });
    redirectTo(res, circlePath(programId, circleId, '/contract'), { notice: 'contract-proposed' });
  });

  router.post(`${base}/acknowledge`, async (req, res) => {
    const { programId, circleId } = idsOf(req, 'programId', 'circleId');
    const version = versionNumber(bodyOf(req).version);
    if (!version) throw new AppError('FORM_INVALID', 400, 'The form is incomplete; reload the page and try again.');
    const scope = scopeOf(res);
    await acknowledgeContract(deps, scope, programId, circleId, version);
    const { contract } = await getContract(deps, scope, programId, circleId);
    redirectTo(res, circlePath(programId, circleId, '/contract'), { notice: contract.agreed ? 'contract-agreed' : 'contract-acknowledged' });
  });

  router.get(`${base}/versions/:version`, async (req, res) => {
    const { programId, circleId } = idsOf(req, 'programId', 'circleId');
    const { contract, ...view } = await getContract(deps, scopeOf(res), programId, circleId);
    const wanted = versionNumber(req.params.version);
    const found = [contract.current, ...contract.history].find((v) => v && v.version === wanted);
    if (!found) throw new AppError('CONTRACT_VERSION_NOT_FOUND', 404, 'This circle has no such version of its contract.', { cause: { circleId, version: req.params.version } });
    sendPage(res, deps.render, 'circles/contract-version', {
      title: `Contract version ${found.version}: ${view.circle.name}`, circleName: view.circle.name, v: versionModel(view, found),
      isCurrent: found === contract.current, urls: { contract: urlFor(res, circlePath(programId, circleId, '/contract')), circle: urlFor(res, circlePath(programId, circleId)) },
    });
  });

  return router;
}
