import { readFileSync } from 'node:fs';
import path from 'node:path';
import Handlebars from 'handlebars';
import { Router, type Response } from 'express';
import type { AdmitDeps } from '../../delivery/admit-package-learner.js';
import { packageProgressFor, type ProgressDeps } from '../../delivery/package-progress.js';
import { originOfAddress } from '../../delivery/package-input.js';
import { packageRefusal } from '../../delivery/package-refusals.js';
import { launchScormPackage } from '../../delivery/scorm/scorm-launch.js';
import { projectRoot } from '../../shared/project-root.js';
import type { FrameOrigins } from '../middleware/frame-origins.js';
import type { SessionSigner } from '../session.js';
import { requireSession } from '../middleware/session-auth.js';
import { sessionOf, uuidParams } from './route-helpers.js';

interface Deps extends AdmitDeps, ProgressDeps {
  signer: SessionSigner;
  /** The frame-ancestors list: a launch from an origin it does not know yet refreshes it. */
  frameOrigins: FrameOrigins;
}

/** The shell is a whole page of its own (no layout): the program fills the SCO's frame. */
const shellTemplate = () =>
  Handlebars.create().compile(
    readFileSync(path.join(projectRoot(), 'views', 'packages', 'shell.hbs'), 'utf8'),
    { strict: false },
  );

/** Lets the launcher's origin frame this response even before the cached list knows it. */
function allowFramingBy(res: Response, origin: string | null): void {
  const csp = res.getHeader('Content-Security-Policy');
  if (!origin || typeof csp !== 'string' || csp.includes(` ${origin}`)) return;
  res.setHeader(
    'Content-Security-Policy',
    csp.replace('frame-ancestors ', `frame-ancestors ${origin} `),
  );
}

/**
 * A package learner's way in: the launcher posts a signed launch request; the answer is the tool
 * page that frames the program and reports progress to the launcher. GET is a reload or a
 * bookmark: a launch request is single-use, so it is refused with its page.
 */
export function packageLaunchRoutes(deps: Deps): Router {
  const router = Router();
  const shell = shellTemplate();

  router.get('/packages/:packageId/scorm/launch', () => {
    throw packageRefusal('PACKAGE_LAUNCH_REPLAYED');
  });

  router.post('/packages/:packageId/scorm/launch', async (req, res) => {
    // Every answer here (a refusal too) is for the frame that posted: the learner must read it.
    allowFramingBy(res, originOfAddress(req.get('origin') ?? ''));
    const body = { ...(req.body as Record<string, unknown>) };
    if (body.p !== req.params.packageId) throw packageRefusal('PACKAGE_LAUNCH_INVALID');
    const launch = await launchScormPackage(deps, body, req.get('origin') ?? null);
    const { token, programId, package: p } = launch.admitted;
    const known = await deps.frameOrigins.current();
    if (launch.launcherOrigin && !known.includes(launch.launcherOrigin))
      deps.frameOrigins.invalidate();
    const s = new URLSearchParams({ s: token }).toString();
    res.type('html').send(
      shell({
        title: p.programTitle,
        programUrl: `/programs/${programId}?${s}`,
        progressUrl: `/packages/${p.id}/progress?${s}`,
        launcherOrigin: launch.launcherOrigin ?? '',
      }),
    );
  });

  router.get('/packages/:packageId/progress', requireSession(deps.signer), async (req, res) => {
    const { packageId } = uuidParams(req, 'packageId');
    const session = sessionOf(res);
    const mine = await deps.packages.isLearnerOf(session.tenantId, packageId, session.userId);
    if (!mine || !session.programId) throw packageRefusal('PACKAGE_NOT_YOURS');
    const progress = await packageProgressFor(
      deps,
      session.tenantId,
      session.programId,
      session.userId,
    );
    res.json({ progress });
  });

  return router;
}
