import type { Config } from './config/config.js';
import type { Db } from './db/connection.js';
import { createCmi5SessionRepository } from './db/repositories/cmi5-session-repository.js';
import type { PackageStore } from './delivery/package-ports.js';
import { packageProgressFor, type ProgressFactsStore } from './delivery/package-progress.js';
import type { ProgramRepository } from './mentoring/programs/ports.js';
import type { Clock } from './shared/clock.js';
import type { Logger } from './shared/logger.js';
import { createSecretBox } from './shared/secret-box.js';
import { cmi5ProgressHook } from './web/middleware/cmi5-progress-hook.js';
import { cmi5Routes } from './web/routes/cmi5-routes.js';
import type { SessionSigner } from './web/session.js';
import type { RenderView } from './web/views.js';

/**
 * Part of the composition root: the tool as a cmi5 Assignable Unit (issue #13). The launch and
 * exit routes, and the hook that reports a package learner's progress to their LMS.
 */
export function composeCmi5(deps: {
  config: Config;
  db: Db;
  render: RenderView;
  signer: SessionSigner;
  programs: ProgramRepository;
  clock: Clock;
  logger: Logger;
  encryptionKey: string;
  packages: PackageStore;
  progressFacts: ProgressFactsStore;
  frameOriginsChanged: () => void;
}) {
  const { config, clock } = deps;
  const cmi5Sessions = createCmi5SessionRepository(
    deps.db,
    createSecretBox(deps.encryptionKey, 'cmi5-tokens'),
  );
  const progress = { progressFacts: deps.progressFacts, clock };
  const shared = {
    packages: deps.packages,
    programs: deps.programs,
    signer: deps.signer,
    clock,
    logger: deps.logger,
    cmi5Sessions,
    lms: { allowPrivateHosts: config.cmi5.allowPrivateHosts, timeoutMs: config.cmi5.lmsTimeoutMs },
    progressOf: (tenantId: string, programId: string, userId: string) =>
      packageProgressFor(progress, tenantId, programId, userId),
  };
  return {
    router: cmi5Routes({
      ...shared,
      render: deps.render,
      publicUrl: config.publicUrl,
      frameOriginsChanged: deps.frameOriginsChanged,
    }),
    progressHook: cmi5ProgressHook(shared),
  };
}
