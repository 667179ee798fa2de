import { Router, type Request, type Response } from 'express';
import { exitKeyMatches } from '../../delivery/cmi5/cmi5-exit-key.js';
import { launchCmi5Au, type Cmi5LaunchDeps } from '../../delivery/cmi5/cmi5-launch.js';
import type { Cmi5Session } from '../../delivery/cmi5/cmi5-ports.js';
import { reportCmi5Progress, type ReportingDeps } from '../../delivery/cmi5/cmi5-reporting.js';
import { originOfAddress } from '../../delivery/package-input.js';
import { packageRefusal } from '../../delivery/package-refusals.js';
import type { RenderView } from '../views.js';
import { bodyOf, isUuid, param } from './route-helpers.js';

export interface Cmi5RouteDeps extends Cmi5LaunchDeps, ReportingDeps {
  render: RenderView;
}

/** The exit page's session, by id and key (the key is the capability: it stands in for `s=`). */
async function exitSession(deps: Cmi5RouteDeps, req: Request, key: unknown) {
  const id = param(req, 'sessionId');
  const session = isUuid(id) ? await deps.cmi5Sessions.findById(id) : undefined;
  if (!session || typeof key !== 'string' || !exitKeyMatches(session.exitKeyHash, key)) {
    throw packageRefusal('CMI5_EXIT_INVALID');
  }
  const pkg = await deps.packages.findForLaunch(session.packageId);
  if (!pkg || pkg.tenantId !== session.tenantId) throw packageRefusal('CMI5_EXIT_INVALID');
  return { session, pkg, key };
}

const superseded = (s: Cmi5Session) => s.lostReason?.startsWith('superseded') ?? false;

const exitAction = (s: Cmi5Session) => `/cmi5/sessions/${s.id}/exit`;

/** cmi5: the AU's launch URL (from cmi5.xml) and the learner's way back to the LMS. */
export function cmi5Routes(deps: Cmi5RouteDeps): Router {
  const router = Router();

  router.get('/cmi5/packages/:packageId/launch', async (req, res) => {
    const packageId = param(req, 'packageId');
    if (!isUuid(packageId)) throw packageRefusal('PACKAGE_UNKNOWN');
    // The LMS page that opened the launch (Referer, origin only by default policy): it may frame us.
    const pageOrigin = originOfAddress(req.get('referer') ?? '');
    const query = req.query as Record<string, unknown>;
    const landing = await launchCmi5Au(deps, packageId, query, pageOrigin);
    res.set('Cache-Control', 'no-store');
    res.redirect(
      303,
      `/programs/${landing.programId}?${new URLSearchParams({ s: landing.token })}`,
    );
  });

  router.get('/cmi5/sessions/:sessionId/exit', async (req, res) => {
    const { session, pkg, key } = await exitSession(deps, req, req.query.key);
    if (session.sent.terminated || session.lostAt) return void ended(deps, res, session, pkg.label);
    const progress = await deps.progressOf(session.tenantId, pkg.programId, session.userId);
    res
      .set('Cache-Control', 'no-store')
      .type('html')
      .send(
        deps.render('cmi5/exit', {
          title: `Return to ${pkg.label}`,
          lmsLabel: pkg.label,
          programTitle: pkg.programTitle,
          key,
          completed: progress.completed,
          action: exitAction(session),
        }),
      );
  });

  router.post('/cmi5/sessions/:sessionId/exit', async (req, res) => {
    const { session, pkg, key } = await exitSession(deps, req, bodyOf(req).key);
    const outcome = await reportCmi5Progress(deps, session, pkg.programId, true);
    if (outcome === 'unreachable') {
      return void res
        .status(502)
        .type('html')
        .send(
          deps.render('cmi5/unreachable', {
            title: `${pkg.label} did not answer`,
            lmsLabel: pkg.label,
            key,
            action: exitAction(session),
          }),
        );
    }
    // cmi5 10.2.6: terminated, then this window goes to the LMS's returnURL.
    if (outcome !== 'lost' && session.returnUrl) return void res.redirect(303, session.returnUrl);
    ended(
      deps,
      res,
      { ...session, lostAt: outcome === 'lost' ? new Date() : session.lostAt },
      pkg.label,
    );
  });

  return router;
}

function ended(deps: Cmi5RouteDeps, res: Response, s: Cmi5Session, lmsLabel: string): void {
  res
    .set('Cache-Control', 'no-store')
    .type('html')
    .send(
      deps.render('cmi5/ended', {
        title: 'This visit has ended',
        lmsLabel,
        lost: s.lostAt !== null && !superseded(s),
        superseded: superseded(s),
        returnUrl: s.returnUrl,
      }),
    );
}
