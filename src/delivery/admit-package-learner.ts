import { domainEvent } from '../mentoring/events.js';
import type { ProgramRepository } from '../mentoring/programs/ports.js';
import { initialProgramRole } from '../mentoring/roster/program-role.js';
import type { Clock } from '../shared/clock.js';
import type { Session, SessionSigner } from '../web/session.js';
import { parseLmsName } from './learner-name.js';
import type { DeliveryPackage, PackageStore } from './package-ports.js';
import { packageRefusal } from './package-refusals.js';

export interface AdmitDeps {
  packages: PackageStore;
  programs: ProgramRepository;
  signer: SessionSigner;
  clock: Clock;
}

export interface PackageLearnerRequest {
  tenantId: string;
  packageId: string;
  /** The learner id the other LMS gives (SCORM student/learner id, cmi5 actor account name). */
  learnerKey: string;
  /** As the LMS gives it ("Last, First" for SCORM); parsed into given and family names. */
  name: string;
  /**
   * The learner's way back (cmi5: the tool's exit page, which terminates, then goes to the
   * LMS).
   */
  returnUrl?: string | null;
}

export interface AdmittedSession {
  token: string;
  programId: string;
  userId: string;
  package: DeliveryPackage;
}

/** Refuses a deleted, disabled or expired package (in that order: deleted says the least). */
export function requireOpenPackage(p: DeliveryPackage | undefined, now: Date): DeliveryPackage {
  if (!p || p.deletedAt) throw packageRefusal('PACKAGE_UNKNOWN');
  if (p.status === 'disabled')
    throw packageRefusal('PACKAGE_DISABLED', { cause: { packageId: p.id } });
  if (p.expiresAt && p.expiresAt <= now)
    throw packageRefusal('PACKAGE_EXPIRED', { cause: { packageId: p.id } });
  return p;
}

/**
 * A package learner becomes an ordinary learner of the program's course: a user whose subject is
 * scoped to the package, enrolled as a learner, a participant of the program (in one transaction,
 * with its event), then a normal cookie-less session opened on the program.
 */
export async function admitPackageLearner(
  deps: AdmitDeps,
  request: PackageLearnerRequest,
): Promise<AdmittedSession> {
  const now = deps.clock.now();
  const found = await deps.packages.findForLaunch(request.packageId);
  const p = requireOpenPackage(found?.tenantId === request.tenantId ? found : undefined, now);
  const scope = { tenantId: p.tenantId, courseId: p.courseId, userId: '' };
  const program = await deps.programs.find(scope, p.programId);
  if (!program) throw packageRefusal('PACKAGE_UNKNOWN');
  const role = initialProgramRole(program, 'learner', []);
  const name = parseLmsName(request.name, `Learner ${request.learnerKey.slice(0, 40)}`);
  const admitted = await deps.packages.admit(
    p,
    { learnerKey: request.learnerKey, ...name, role },
    now,
    (userId, joinedAs) =>
      joinedAs === null
        ? []
        : [
            domainEvent('participant_joined_program', {
              tenantId: p.tenantId,
              courseId: p.courseId,
              programId: p.programId,
              circleId: null,
              actorUserId: userId,
              occurredAt: now,
              data: { programRole: joinedAs === 'both' ? 'peer' : joinedAs, source: 'launch' },
            }),
          ],
  );
  const session: Session = {
    sid: crypto.randomUUID(),
    tenantId: p.tenantId,
    userId: admitted.userId,
    userName: name.name,
    courseId: p.courseId,
    courseTitle: admitted.courseTitle,
    enrolmentId: admitted.enrolmentId,
    resourceLinkId: null,
    courseRole: 'learner',
    tenantAdmin: false,
    returnUrl: request.returnUrl ?? null,
    programId: p.programId,
    activity: null,
    deepLinkRequestId: null,
  };
  const token = await deps.signer.sign(session);
  return { token, programId: p.programId, userId: admitted.userId, package: p };
}
