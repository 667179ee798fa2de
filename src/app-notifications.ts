import { Router } from 'express';
import type { NotifyConfig } from './config/notify-config.js';
import type { Db } from './db/connection.js';
import {
  createNotificationDeliveryStore,
} from './db/repositories/notification-delivery-repository.js';
import { createNotificationStore } from './db/repositories/notification-inbox-repository.js';
import { createLmsLinkStore } from './db/repositories/notification-link-repository.js';
import { createProfileDeadlineStore } from './db/repositories/profile-deadline-repository.js';
import { createSurveyEndSweep } from './db/repositories/survey-open-notifications.js';
import type { JobRunner } from './jobs/job-runner.js';
import { startProfileDeadlineJobs } from './jobs/profile-deadline-job.js';
import { startSurveyOpenJobs } from './jobs/survey-open-job.js';
import {
  createNotificationDispatcher, startNotificationJobs, type NotificationDispatcher,
} from './jobs/notification-delivery-job.js';
import type { LaunchContext } from './lti/launch-context.js';
import type { LaunchRecord } from './lti/ports.js';
import type { ProgramRepository } from './mentoring/programs/ports.js';
import { rememberLmsLink } from './notify/launch-link.js';
import { createSmtpMailer, type Mailer } from './notify/mailer.js';
import { createUnsubscribeTokens } from './notify/unsubscribe-token.js';
import type { Clock } from './shared/clock.js';
import type { Logger } from './shared/logger.js';
import type { Csrf } from './web/middleware/csrf.js';
import { requireSession } from './web/middleware/session-auth.js';
import { notificationRoutes } from './web/routes/notification-routes.js';
import { notificationUnsubscribeRoutes } from './web/routes/notification-unsubscribe-routes.js';
import { scopeOf, urlFor } from './web/routes/route-helpers.js';
import type { SessionSigner } from './web/session.js';
import type { RenderView } from './web/views.js';
import type { Response } from 'express';

const POLL_SECONDS = 5;
type Landing = (record: LaunchRecord, ctx: LaunchContext) => Promise<string>;

export interface Notifications {
  router: Router;
  /** Null without SMTP settings (nothing is mailed; the inbox works). */
  dispatcher: NotificationDispatcher | null;
  /** The launch landing, keeping the course's LMS link for mails. */
  landing: (inner: Landing) => Landing;
  /** The unread line on the learner home. */
  inboxLine: (res: Response) => Promise<{ unread: number; url: string }>;
  close(): void;
}

/**
 * Part of the composition root: notifications (issue #15). The inbox and mail settings pages,
 * one-click unsubscribe, staff queue counts, and with SMTP the mail dispatcher and its jobs.
 */
export async function composeNotifications(deps: {
  db: Db; jobs: JobRunner | null; render: RenderView; signer: SessionSigner; csrf: Csrf;
  programs: ProgramRepository; clock: Clock; logger: Logger; config: NotifyConfig;
  publicUrl: string; encryptionKey: string;
}): Promise<Notifications> {
  const { db, clock, logger } = deps;
  const notifications = createNotificationStore(db);
  const tokens = createUnsubscribeTokens(deps.encryptionKey);
  const mailer: Mailer | null = deps.config.smtp ? createSmtpMailer(deps.config.smtp) : null;
  const dispatcher = mailer ? createNotificationDispatcher({
    store: createNotificationDeliveryStore(db), mailer, clock, logger,
    retryBaseSeconds: deps.config.retryBaseSeconds,
    compose: {
      publicUrl: deps.publicUrl, tokens,
      organizer: { name: mailer.from.name, email: mailer.from.address },
    },
  }) : null;
  if (dispatcher && deps.jobs) {
    await startNotificationJobs(deps.jobs, dispatcher, deps.config.digestCron, POLL_SECONDS);
  }
  // The inbox works without SMTP, so these notices are written either way.
  const deadlines = createProfileDeadlineStore(db);
  if (deps.jobs) {
    await startProfileDeadlineJobs(deps.jobs, { deadlines, clock, logger });
    await startSurveyOpenJobs(deps.jobs, { sweep: createSurveyEndSweep(db), clock, logger });
  }
  const router = Router();
  router.use(notificationUnsubscribeRoutes({ render: deps.render, notifications, tokens, clock }));
  const paths = ['/notifications', '/staff/programs/:programId/notifications'];
  router.use(paths, requireSession(deps.signer), deps.csrf.protect);
  router.use(notificationRoutes({
    render: deps.render, notifications, deadlines, programs: deps.programs, clock,
    mailConfigured: mailer !== null,
  }));
  const links = createLmsLinkStore(db);
  return {
    router, dispatcher,
    landing: (inner) => rememberLmsLink(links, logger, inner),
    inboxLine: async (res) => ({
      unread: await notifications.unreadCount(scopeOf(res)), url: urlFor(res, '/notifications'),
    }),
    close: () => mailer?.close(),
  };
}
