import type { LaunchContext } from '../lti/launch-context.js';
import type { LaunchRecord } from '../lti/ports.js';
import { contextRoleNames } from '../lti/roles.js';
import type { CourseScope, ProgramRepository } from '../mentoring/programs/ports.js';
import { isActivity } from '../mentoring/programs/program-options.js';
import type { ParticipantStore } from '../mentoring/roster/participant-ports.js';
import { joinProgramsOnLaunch } from '../mentoring/roster/participant-use-cases.js';
import { AppError } from '../shared/errors.js';
import type { Logger } from '../shared/logger.js';
import type { DeepLinkRepository } from '../db/repositories/deep-link-repository.js';
import type { CourseLinkRepository } from '../db/repositories/resource-link-repository.js';
import type { Session, SessionSigner } from './session.js';

/** Custom parameters the tool puts on the links it places (Deep Linking), read back at launch. */
export const CUSTOM = { program: 'mc_program', activity: 'mc_activity' } as const;

interface Deps {
  signer: SessionSigner;
  programs: ProgramRepository;
  participants: ParticipantStore;
  deepLinks: DeepLinkRepository;
  links: CourseLinkRepository;
  logger: Logger;
}

const withSession = (path: string, token: string) => `${path}?${new URLSearchParams({ s: token }).toString()}`;

/** The program and activity a resource-link launch opens: from the link's custom parameters, else from the link. */
async function resolveTarget(deps: Deps, record: LaunchRecord, ctx: LaunchContext, scope: CourseScope) {
  const programId = ctx.custom[CUSTOM.program];
  if (programId) {
    const requested = ctx.custom[CUSTOM.activity];
    const activity = isActivity(requested) ? requested : 'hub';
    const program = await deps.programs.find(scope, programId);
    if (!program) {
      // Typically a course copy in the LMS: the link still names the program of the original course.
      deps.logger.warn({ ...scope, programId }, 'launch names a program outside this course');
      return { programId: null, program: null, activity: null, foreignProgram: true };
    }
    const alreadyBound = record.linkTarget?.programId === program.id && record.linkTarget.activity === activity;
    if (record.resourceLinkId && !alreadyBound) await deps.links.bindLink(scope.tenantId, record.resourceLinkId, program.id, activity);
    return { programId: program.id, program, activity, foreignProgram: false };
  }
  return { programId: record.linkTarget?.programId ?? null, program: null, activity: record.linkTarget?.activity ?? null, foreignProgram: false };
}

/** The session's token: the launch recorded it already (when it could), else it is recorded now. */
const signed = (deps: Deps, session: Session, record: LaunchRecord) =>
  record.session ? deps.signer.signOpened(session, record.session) : deps.signer.sign(session);

/** After a verified launch: where the browser goes, carrying the tool's own session. */
export function createLaunchLanding(deps: Deps) {
  return async (record: LaunchRecord, ctx: LaunchContext): Promise<string> => {
    const scope: CourseScope = { tenantId: record.tenantId, courseId: record.courseId, userId: record.userId };
    const session: Session = {
      sid: record.session?.sid ?? crypto.randomUUID(), tenantId: record.tenantId, userId: record.userId, userName: record.userName, courseId: record.courseId,
      courseTitle: record.courseTitle, enrolmentId: record.enrolmentId, resourceLinkId: record.resourceLinkId,
      courseRole: ctx.courseRole, tenantAdmin: ctx.tenantAdmin, returnUrl: ctx.presentation.returnUrl, programId: null, activity: null, deepLinkRequestId: null,
    };
    if (ctx.deepLinking) {
      if (ctx.courseRole !== 'staff') throw new AppError('DEEP_LINKING_STAFF_ONLY', 403, 'Only the course\'s instructors can add mentoring activities.');
      const agsGranted = ctx.services.lineItemsUrl !== null && ctx.services.agsScopes.some((s) => s.endsWith('/scope/lineitem'));
      session.deepLinkRequestId = await deps.deepLinks.save(scope, ctx.deepLinking, agsGranted);
      return withSession('/deep-linking', await signed(deps, session, record));
    }
    const target = await resolveTarget(deps, record, ctx, scope);
    session.programId = target.programId;
    session.activity = target.activity;
    if (record.courseHasPrograms) await joinProgramsOnLaunch(deps, scope, ctx.courseRole, contextRoleNames(ctx.roles), target.program ?? target.programId);
    const token = await signed(deps, session, record);
    return withSession(target.foreignProgram ? '/home' : target.programId ? `/programs/${target.programId}` : '/home', token) + (target.foreignProgram ? '&copied=1' : '');
  };
}
