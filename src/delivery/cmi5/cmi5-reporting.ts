import type { Clock } from '../../shared/clock.js';
import type { Logger } from '../../shared/logger.js';
import type { PackageProgress } from '../package-progress.js';
import type {
  Cmi5Session,
  Cmi5SessionStore,
  RegistrationState,
  SessionStep,
} from './cmi5-ports.js';
import { cmi5Statement, type Cmi5Verb } from './cmi5-statements.js';
import { LmsCallError, postStatement, type LmsClientOptions } from './lms-lrs-client.js';

export interface ReportingDeps {
  cmi5Sessions: Cmi5SessionStore;
  /** packageProgressFor, bound: where the learner stands under the program's completion rule. */
  progressOf(tenantId: string, programId: string, userId: string): Promise<PackageProgress>;
  clock: Clock;
  logger: Logger;
  lms: LmsClientOptions;
}

/**
 * The cmi5 defined statements still due, in the order they go (cmi5 9.3): completed once per
 * registration when the completion rule is met; passed or failed once, judged at completion
 * against the LMS's masteryScore (none: no judgement, 10.2.4); terminated last. Browse and Review
 * launches report nothing but initialized and terminated (10.2.2).
 */
export function dueStatements(
  s: Cmi5Session,
  registration: RegistrationState,
  progress: PackageProgress,
  terminate: boolean,
): Cmi5Verb[] {
  const due: Cmi5Verb[] = [];
  const normal = s.launchMode === 'Normal';
  if (normal && progress.completed && !registration.completed) due.push('completed');
  const judgedHere = s.sent.passed !== null || s.sent.failed !== null;
  const scaled = progress.scaledScore;
  if (
    normal &&
    progress.completed &&
    s.masteryScore !== null &&
    scaled !== null &&
    !judgedHere &&
    !registration.passed
  ) {
    if (scaled >= s.masteryScore) due.push('passed');
    else if (!registration.failed) due.push('failed');
  }
  if (terminate) due.push('terminated');
  return due;
}

export type ReportOutcome = 'reported' | 'ended' | 'lost' | 'unreachable';

/**
 * Sends the due statements one by one; a 401/403 means the LMS ended the token: nothing more goes.
 */
async function sendDue(
  deps: ReportingDeps,
  s: Cmi5Session,
  due: Cmi5Verb[],
  scaled: number | null,
): Promise<SessionStep> {
  const step: SessionStep = { sent: [], lost: null };
  const lrs = { endpoint: s.endpoint, token: s.authToken };
  for (const verb of due) {
    const at = deps.clock.now();
    try {
      await postStatement(lrs, cmi5Statement(s, verb, at, scaled), deps.lms);
    } catch (err) {
      if (err instanceof LmsCallError && err.failure === 'unauthorized')
        step.lost = { at, reason: err.detail };
      else
        deps.logger.warn(
          { err, cmi5Session: s.id, verb },
          'cmi5 statement not delivered; retried on the next request',
        );
      break;
    }
    step.sent.push({ verb, at });
  }
  return step;
}

/**
 * Reports the learner's progress to the LMS for one session (and terminates it on exit). The
 * registration is locked while the statements go, so two requests never send them twice or out
 * of order, and nothing follows terminated or a lost token.
 */
export async function reportCmi5Progress(
  deps: ReportingDeps,
  s: Cmi5Session,
  programId: string,
  terminate: boolean,
): Promise<ReportOutcome> {
  if (s.sent.terminated || s.lostAt) return s.lostAt ? 'lost' : 'ended';
  // Read before the lock: the progress facts come from other tables (and other connections).
  const progress = await deps.progressOf(s.tenantId, programId, s.userId);
  let outcome: ReportOutcome = 'reported';
  await deps.cmi5Sessions.withRegistrationLocked(s.tenantId, s.id, async (locked, registration) => {
    if (locked.sent.terminated || locked.lostAt) {
      outcome = locked.lostAt ? 'lost' : 'ended';
      return { sent: [], lost: null };
    }
    const due = dueStatements(locked, registration, progress, terminate);
    const step = await sendDue(deps, locked, due, progress.scaledScore);
    if (step.lost) outcome = 'lost';
    else if (step.sent.length < due.length) outcome = 'unreachable';
    return step;
  });
  return outcome;
}
