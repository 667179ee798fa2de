import { Router } from 'express';
import type { Config } from './config/config.js';
import type { Db } from './db/connection.js';
import { createRateLimitRepository } from './db/repositories/rate-limit-repository.js';
import { createWorkspaceRepository } from './db/repositories/workspace-repository.js';
import type { Clock } from './shared/clock.js';
import type { Logger } from './shared/logger.js';
import type { Csrf } from './web/middleware/csrf.js';
import { createRateLimiter, limitBy } from './web/middleware/rate-limit.js';
import { requireSession } from './web/middleware/session-auth.js';
import { workspaceSignInRoutes } from './web/routes/workspace-sign-in-routes.js';
import { workspaceStaffRoutes } from './web/routes/workspace-staff-routes.js';
import type { Session, SessionSigner } from './web/session.js';
import { workspaceRefusal } from './workspaces/workspace-refusals.js';
import type { RenderView } from './web/views.js';
import type { WorkspaceDeps } from './workspaces/workspace-use-cases.js';

const LTI_ONLY_PATHS = ['/staff/programs/:programId/grades', '/staff/programs/:programId/roster'];

/**
 * Part of the composition root: standalone workspaces (tenants that are no LMS deployment). Their
 * one-time sign-in links, rate limited per client address, and their staff page.
 */
export function composeWorkspaces(deps: {
  config: Config;
  db: Db;
  render: RenderView;
  signer: SessionSigner;
  csrf: Csrf;
  clock: Clock;
  logger: Logger;
}): { router: Router; workspaces: WorkspaceDeps } {
  const { config, clock } = deps;
  const workspaces: WorkspaceDeps = {
    store: createWorkspaceRepository(deps.db),
    clock,
    publicUrl: config.publicUrl,
    linkTtlSeconds: config.workspaces.signInLinkTtlSeconds,
  };
  const take = createRateLimiter({
    store: createRateLimitRepository(deps.db),
    clock,
    logger: deps.logger,
  });
  const limit = limitBy(
    take,
    'workspace-sign-in',
    config.workspaces.signInPerMinute,
    (req) => req.ip ?? req.socket.remoteAddress ?? 'unknown',
  );
  const router = Router();
  // LMS-only features (AGS grades, NRPS roster) say so to workspace staff instead of failing.
  router.use(LTI_ONLY_PATHS, requireSession(deps.signer), (_req, res, next) => {
    const session = res.locals.session as Session;
    next(session.tenantKind === 'workspace' ? workspaceRefusal('NOT_IN_WORKSPACE') : undefined);
  });
  router.use(
    workspaceSignInRoutes({ workspaces, signer: deps.signer, render: deps.render, limit }),
  );
  router.use('/staff/workspace', requireSession(deps.signer), deps.csrf.protect);
  router.use(workspaceStaffRoutes({ workspaces, render: deps.render }));
  return { router, workspaces };
}
