import type { LmsLinkStore } from '../db/repositories/notification-link-repository.js';
import type { LaunchContext } from '../lti/launch-context.js';
import type { LaunchRecord } from '../lti/ports.js';
import type { Logger } from '../shared/logger.js';
import { lmsLinkFrom } from './lms-link.js';

type Landing = (record: LaunchRecord, ctx: LaunchContext) => Promise<string>;

const KNOWN_MAX = 10_000;

/**
 * Wraps the launch landing: a resource-link launch tells us the course's LMS page, which
 * notification mails link to. The launch is the hot path: a course's link is written once per
 * instance (and again only if it changes), and a failure here never blocks the launch.
 */
export function rememberLmsLink(store: LmsLinkStore, logger: Logger, landing: Landing): Landing {
  const known = new Map<string, string>();
  return async (record, ctx) => {
    const link = ctx.messageType === 'LtiResourceLinkRequest'
      ? lmsLinkFrom(ctx.presentation.returnUrl, ctx.platform.productFamily) : null;
    const key = `${record.tenantId}/${record.courseId}`;
    if (link && known.get(key) !== link) {
      try {
        await store.save(record.tenantId, record.courseId, link);
        if (known.size >= KNOWN_MAX) known.clear();
        known.set(key, link);
      } catch (err) {
        logger.warn({ err, courseId: record.courseId }, 'could not keep the course\'s LMS link');
      }
    }
    return landing(record, ctx);
  };
}
