import path from 'node:path';
import express, { type Express } from 'express';
import { composeCircleLife } from './app-circle-life.js';
import { composeCircles } from './app-circles.js';
import { composeXapi } from './app-xapi.js';
import { composePrompts } from './app-prompts.js';
import { composeGrades } from './app-grades.js';
import { composeAnalytics } from './app-analytics.js';
import { composeNotifications } from './app-notifications.js';
import type { NotificationDispatcher } from './jobs/notification-delivery-job.js';
import { composePackages } from './app-packages.js';
import { composeCmi5 } from './app-cmi5.js';
import { listPackageOrigins } from './db/repositories/package-frame-origins.js';
import { composeWorkspaces } from './app-workspaces.js';
import type { ScoreDispatcher } from './jobs/score-delivery-job.js';
import type { JobRunner } from './jobs/job-runner.js';
import { createLoginStateSweep, startHousekeepingJobs } from './jobs/housekeeping-jobs.js';
import { startRosterSyncJobs } from './jobs/roster-sync-jobs.js';
import type { OutboxDispatcher } from './xapi/outbox-dispatcher.js';
import { xapiRoutes } from './web/routes/xapi-routes.js';
import type { Config } from './config/config.js';
import type { Db } from './db/connection.js';
import { sql } from 'kysely';
import { createLaunchRepository } from './db/repositories/launch-repository.js';
import { createLoginStateRepository } from './db/repositories/login-state-repository.js';
import { createPlatformRepository } from './db/repositories/platform-repository.js';
import { createDeepLinkRepository } from './db/repositories/deep-link-repository.js';
import { createParticipantRepository } from './db/repositories/participant-repository.js';
import { createProgramRepository } from './db/repositories/program-repository.js';
import { createCourseLinkRepository } from './db/repositories/resource-link-repository.js';
import { createRosterRepository } from './db/repositories/roster-repository.js';
import { createSessionRepository } from './db/repositories/session-repository.js';
import { createNrpsClient } from './lti/nrps-client.js';
import { createServiceTokens } from './lti/service-token.js';
import { createToolKeys, type ToolKeys } from './lti/tool-keys.js';
import { createToolKeyRepository } from './db/repositories/tool-key-repository.js';
import { carryOverLtijsKeys } from './lti/ltijs-carry-over.js';
import { createOidcLogin, loginStateKey } from './lti/oidc-login.js';
import { createTokenVerifier } from './lti/platform-keysets.js';
import { toolUrls } from './lti/tool-description.js';
import { createSecretBox } from './shared/secret-box.js';
import { ltiRoutes } from './web/routes/lti-routes.js';
import { createLaunchLanding } from './web/launch-landing.js';
import { mentoringRouter } from './web/mentoring-router.js';
import { createLaunchHandler } from './lti/launch-handler.js';
import { createPlatformRegistry, type PlatformRegistry } from './lti/platform-registry.js';
import { cachedRegistrationStore } from './lti/registration-cache.js';
import { systemClock, type Clock } from './shared/clock.js';
import { AppError } from './shared/errors.js';
import type { Logger } from './shared/logger.js';
import { projectRoot } from './shared/project-root.js';
import { createCsrf } from './web/middleware/csrf.js';
import { errorHandler } from './web/middleware/error-handler.js';
import { sanitizeInput } from './web/middleware/sanitize-input.js';
import { requestContext, securityHeaders } from './web/middleware/request-context.js';
import { createFrameOrigins } from './web/middleware/frame-origins.js';
import { listPlatformUrls } from './db/repositories/frame-origin-repository.js';
import { healthRoutes } from './web/routes/health-routes.js';
import { registrationRoutes } from './web/routes/registration-routes.js';
import { createRateLimits, FORM_POST_PATHS } from './web/middleware/rate-limit.js';
import { createRateLimitRepository } from './db/repositories/rate-limit-repository.js';
import { createSetupProgressRepository } from './db/repositories/setup-progress-repository.js';
import { createLearnerFactsRepository } from './db/repositories/learner-facts-repository.js';
import { createSessionSigner } from './web/session.js';
import { createViewRenderer } from './web/views.js';

export interface AppDeps {
  config: Config;
  /** Resolved connection URL (the embedded server's when DATABASE_URL is unset). */
  databaseUrl: string;
  /** The LTI encryption key (from the environment or the embedded secrets file). */
  encryptionKey: string;
  db: Db;
  logger: Logger;
  clock?: Clock;
}

export interface App {
  express: Express;
  registry: PlatformRegistry;
  /** The tool's signing keys (published at /lti/keys). */
  keys: ToolKeys;
  /** pg-boss job runner (null when JOBS_ENABLED=false): reuse it for other background jobs. */
  jobs: JobRunner | null;
  xapi: { dispatcher: OutboxDispatcher };
  /** Grades back to the LMS: the score queue's dispatcher (the job drains it; tests too). */
  grades: { dispatcher: ScoreDispatcher };
  /** Notification mail: the dispatcher (null without SMTP settings); the job drains it, tests too. */
  notifications: { dispatcher: NotificationDispatcher | null };
  close(): Promise<void>;
}

/** The one composition root: the server and the tests build the tool here. */
export async function createApp(deps: AppDeps): Promise<App> {
  const { config, db, logger } = deps;
  const clock = deps.clock ?? systemClock;
  const root = projectRoot();
  const render = createViewRenderer(path.join(root, 'views'));
  const sendError = errorHandler(render, logger);

  const registrations = cachedRegistrationStore(createPlatformRepository(db), clock);
  const loginStates = createLoginStateRepository(db);
  const sessions = createSessionRepository(db);
  const signer = createSessionSigner({
    secret: deps.encryptionKey, ttlSeconds: config.sessionTtlSeconds, idleSeconds: config.sessionIdleSeconds, store: sessions, clock,
  });
  const csrf = createCsrf(deps.encryptionKey, config.publicUrl, logger);
  const keyStore = createToolKeyRepository(db);
  const keyBox = createSecretBox(deps.encryptionKey, 'tool-keys');
  const keys = createToolKeys({ store: keyStore, registrations, box: keyBox, clock });
  await carryOverLtijsKeys({ db, store: keyStore, box: keyBox, encryptionKey: deps.encryptionKey, clock, logger });
  const registry = createPlatformRegistry(registrations, keys);
  const programs = createProgramRepository(db);
  const participants = createParticipantRepository(db);
  const deepLinks = createDeepLinkRepository(db);
  const memberships = createNrpsClient(createServiceTokens(keys, clock), config.nrpsPageSize);
  const roster = createRosterRepository(db);

  const xapi = await composeXapi({ config, db, logger, encryptionKey: deps.encryptionKey, databaseUrl: deps.databaseUrl, clock });
  if (xapi.jobs) {
    await startRosterSyncJobs(xapi.jobs, { roster, programs, memberships, logger }, config.rosterSyncCron);
    await startHousekeepingJobs(xapi.jobs, { loginStates, sessions, logger, now: () => clock.now() });
  }
  const prompts = await composePrompts({ db, jobs: xapi.jobs, render, signer, csrf, programs, clock, logger });
  const grades = await composeGrades({
    db, jobs: xapi.jobs, render, signer, csrf, programs, tokens: createServiceTokens(keys, clock), clock, logger,
  });
  const notifications = await composeNotifications({
    db, jobs: xapi.jobs, render, signer, csrf, programs, clock, logger, config: config.notify,
    publicUrl: config.publicUrl, encryptionKey: deps.encryptionKey,
  });

  const stateKey = await loginStateKey(deps.encryptionKey);
  const verifier = createTokenVerifier({ clock, tokenMaxAgeSeconds: config.tokenMaxAgeSeconds, clockSkewSeconds: config.clockSkewSeconds });
  const launch = createLaunchHandler({
    checks: { loginStates, registrations, verifier, stateKey, clock, tokenMaxAgeSeconds: config.tokenMaxAgeSeconds, clockSkewSeconds: config.clockSkewSeconds },
    recorder: createLaunchRepository(db),
    openSession: (role, admin) => signer.opening(role, admin),
    logger,
    render,
    landingUrl: notifications.landing(createLaunchLanding({ signer, programs, participants, deepLinks, links: createCourseLinkRepository(db), logger })),
  });
  const login = createOidcLogin({
    registrations, clock, stateKey, redirectUri: toolUrls(config.publicUrl).launch, cookies: config.cookies,
    render,
  });
  const limits = createRateLimits({ store: createRateLimitRepository(db), clock, logger, signer, limits: config.rateLimits });
  const sweepLoginStates = createLoginStateSweep({ loginStates, sessions, logger, now: () => clock.now() });
  // The LMSs that frame the tool: registered platforms, and the LMSs that host its packages.
  const frameOrigins = createFrameOrigins(async () => [...await listPlatformUrls(db), ...await listPackageOrigins(db)], clock);
  const packages = composePackages({
    db, render, signer, csrf, programs, clock, publicUrl: config.publicUrl, encryptionKey: deps.encryptionKey,
    frameOrigins,
  });
  const cmi5 = composeCmi5({
    config, db, render, signer, programs, clock, logger, encryptionKey: deps.encryptionKey,
    packages: packages.packages, progressFacts: packages.progressFacts,
    frameOriginsChanged: () => frameOrigins.invalidate(),
  });
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', config.trustProxy);
  app.use(requestContext(logger));
  app.use(securityHeaders(frameOrigins));
  app.use('/public', express.static(path.join(root, 'public'), { maxAge: '1h', index: false }));
  app.use(express.urlencoded({ extended: false, limit: '256kb' }));
  app.use(express.json({ limit: '256kb' }));
  app.use(sanitizeInput);
  app.use(cmi5.progressHook);
  // Without jobs nothing else purges old login states (pg-boss does it hourly otherwise); a
  // refused flood of logins sweeps too.
  if (!xapi.jobs) app.use('/lti/login', (_req, _res, next) => void sweepLoginStates().then(() => next()));
  app.use('/lti/login', limits.login);
  app.use('/lti/register', limits.register);
  app.use(FORM_POST_PATHS, ...limits.posts);
  app.use(healthRoutes(async () => void (await sql`select 1`.execute(db))));
  app.use(registrationRoutes({
    registry, publicUrl: config.publicUrl, toolName: config.toolName, approval: config.registrationApproval, render,
    allowPrivateHosts: config.registrationAllowPrivateHosts,
  }));
  app.use(ltiRoutes({ login, launch, keys }));
  app.use(xapiRoutes({ render, signer, csrf, lrsAdmin: xapi.lrsAdmin }));
  app.use(prompts.router);
  app.use(composeWorkspaces({ config, db, render, signer, csrf, clock, logger }).router);
  app.use(grades.router);
  app.use(composeAnalytics({ db, render, signer, csrf, programs, clock }));
  app.use(notifications.router);
  app.use(packages.router);
  app.use(cmi5.router);
  app.use(composeCircleLife({ db, render, clock, publicUrl: config.publicUrl, signer, csrf, programs, participants, promptPanels: prompts.panels }).router);
  app.use((await composeCircles({ db, render, clock, signer, csrf, programs, participants, jobs: xapi.jobs, logger })).router);
  app.use(mentoringRouter({
    render, signer, csrf, programs, participants, roster, memberships, deepLinks, keys, clock, logger,
    publicUrl: config.publicUrl, deepLinkMaxAgeSeconds: config.deepLinkMaxAgeSeconds, promptPanels: prompts.panels,
    inboxLine: notifications.inboxLine, setupProgress: createSetupProgressRepository(db),
    learnerFacts: createLearnerFactsRepository(db),
  }));
  app.get('/', (_req, res) => {
    res.type('html').send(render('home/about', { title: config.toolName, configUrl: `${config.publicUrl}/lti/config.json`, registerUrl: `${config.publicUrl}/lti/register` }));
  });
  app.use((req, _res, next) => next(new AppError('NOT_FOUND', 404, `There is no page at ${req.path}.`)));
  app.use(sendError);

  return {
    express: app,
    registry,
    keys,
    jobs: xapi.jobs,
    xapi: { dispatcher: xapi.dispatcher },
    grades: { dispatcher: grades.dispatcher },
    notifications: { dispatcher: notifications.dispatcher },
    async close() {
      notifications.close();
      await xapi.close();
    },
  };
}
