import type { NextFunction, Request, Response } from 'express';
import type { Cmi5SessionStore } from '../../delivery/cmi5/cmi5-ports.js';
import { reportCmi5Progress, type ReportingDeps } from '../../delivery/cmi5/cmi5-reporting.js';
import type { Logger } from '../../shared/logger.js';
import type { Session } from '../session.js';

interface HookDeps extends ReportingDeps {
  cmi5Sessions: Cmi5SessionStore;
  logger: Logger;
}

/** A learner's reads are checked at most this often (their writes always). */
const READ_CHECK_EVERY_MS = 20_000;
const MAX_TRACKED = 10_000;

/**
 * After each answered request of a learner in a program, checks (in the background) whether a
 * cmi5 session of theirs has statements due and sends them. On the learner's requests, not on a
 * hook after writes: the completion rule can be met by someone else's write (the mentor logs the
 * meeting that was still missing), while only the learner's own session may report to their LMS;
 * their next request, or their exit, reports it.
 */
export function cmi5ProgressHook(deps: HookDeps) {
  const lastCheck = new Map<string, number>();
  const due = (userId: string, write: boolean) => {
    const now = deps.clock.now().getTime();
    const last = lastCheck.get(userId);
    if (!write && last !== undefined && now - last < READ_CHECK_EVERY_MS) return false;
    if (lastCheck.size >= MAX_TRACKED) lastCheck.clear();
    lastCheck.set(userId, now);
    return true;
  };
  async function check(session: Session): Promise<void> {
    const open = await deps.cmi5Sessions.openSessionOf(session.tenantId, session.userId);
    if (!open) return;
    await reportCmi5Progress(deps, open, session.programId!, false);
  }
  return (req: Request, res: Response, next: NextFunction): void => {
    res.on('finish', () => {
      const session = res.locals.session as Session | undefined;
      if (
        !session ||
        session.courseRole !== 'learner' ||
        // LTI launches carry their resource link; package learners' sessions have none.
        session.resourceLinkId !== null ||
        !session.programId ||
        res.statusCode >= 400
      )
        return;
      if (req.path.startsWith('/cmi5/') || !due(session.userId, req.method !== 'GET')) return;
      check(session).catch((err: unknown) =>
        deps.logger.warn({ err }, 'cmi5 progress check failed'),
      );
    });
    next();
  };
}
