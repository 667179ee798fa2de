import type { LmsLinkStore } from '../db/repositories/notification-link-repository.js';
import type { LaunchContext } from '../lti/launch-context.js';
import type { LaunchRecord } from '../lti/ports.js';
import type { Logger } from '../shared/logger.js';
import { lmsLinkFrom } from './lms-link.js';

type Landing = (record: LaunchRecord, ctx: LaunchContext) => Promise<string>;

/**
 * Wraps the launch landing: a resource-link launch tells us the course's LMS page, which
 * notification mails link to. A failure here never blocks the launch.
 */
export function rememberLmsLink(store: LmsLinkStore, logger: Logger, landing: Landing): Landing {
  return async (record, ctx) => {
    const link = ctx.messageType === 'LtiResourceLinkRequest'
      ? lmsLinkFrom(ctx.presentation.returnUrl, ctx.platform.productFamily) : null;
    if (link) {
      await store.save(record.tenantId, record.courseId, link).catch((err: unknown) => {
        logger.warn({ err, courseId: record.courseId }, 'could not keep the course\'s LMS link');
      });
    }
    return landing(record, ctx);
  };
}
