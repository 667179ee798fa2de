import { Router } from 'express';
import type { Db } from './db/connection.js';
import { createPackageStore } from './db/repositories/package-repository.js';
import { createProgressFactsStore } from './db/repositories/package-progress-repository.js';
import type { ProgramRepository } from './mentoring/programs/ports.js';
import type { Clock } from './shared/clock.js';
import { createSecretBox } from './shared/secret-box.js';
import type { Csrf } from './web/middleware/csrf.js';
import type { FrameOrigins } from './web/middleware/frame-origins.js';
import { requireSession } from './web/middleware/session-auth.js';
import { packageLaunchRoutes } from './web/routes/package-launch-routes.js';
import { packageRoutes } from './web/routes/package-routes.js';
import type { SessionSigner } from './web/session.js';
import type { RenderView } from './web/views.js';

/**
 * Part of the composition root: delivery packages (SCORM; cmi5 adds its own routes). The staff's
 * "Deliver as a package" pages, and the package learners' launch and progress.
 */
export function composePackages(deps: {
  db: Db;
  render: RenderView;
  signer: SessionSigner;
  csrf: Csrf;
  programs: ProgramRepository;
  clock: Clock;
  publicUrl: string;
  encryptionKey: string;
  frameOrigins: FrameOrigins;
}) {
  const { db, clock, signer, programs } = deps;
  const packages = createPackageStore(db, createSecretBox(deps.encryptionKey, 'delivery-packages'));
  const progressFacts = createProgressFactsStore(db);
  const router = Router();
  router.use(
    packageLaunchRoutes({
      packages,
      programs,
      signer,
      clock,
      progressFacts,
      frameOrigins: deps.frameOrigins,
    }),
  );
  router.use('/staff/programs/:programId/packages', requireSession(signer), deps.csrf.protect);
  router.use(
    packageRoutes({
      render: deps.render,
      packages,
      programs,
      clock,
      publicUrl: deps.publicUrl,
    }),
  );
  return { router, packages, progressFacts };
}
