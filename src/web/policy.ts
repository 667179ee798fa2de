import type { NextFunction, Request, Response } from 'express';
import { AppError } from '../shared/errors.js';
import type { Session } from './session.js';

/**
 * Who may do what: one small policy per action, declared next to the routes that use it
 * (`router.post(path, allow('manage-program'), …)`). Rows are still scoped by tenant and course in
 * the repositories; a policy decides whether the actor may attempt the action at all.
 */
export interface Actor {
  tenantId: string;
  courseId: string;
  userId: string;
  /** Course staff: Instructor, TeachingAssistant, ContentDeveloper, or an LMS administrator. */
  staff: boolean;
  /** An LMS administrator (institution or system Administrator, Canvas SysAdmin). */
  tenantAdmin: boolean;
}

/** What an action is about: the tenant (platform deployment), and the course when it is one's. */
export interface Resource {
  tenantId: string;
  courseId?: string;
}

export type Action =
  | 'manage-program'
  | 'place-deep-link'
  | 'view-lrs-page'
  | 'manage-course-lrs'
  | 'retry-statements'
  | 'manage-tenant-lrs'
  | 'resend-statements'
  | 'manage-grades'
  | 'view-notification-queue'
  | 'send-profile-reminders'
  | 'set-profiles-due'
  | 'send-grades'
  | 'manage-packages'
  | 'view-workspace-staff'
  | 'invite-workspace-staff'
  | 'view-analytics'
  | 'apply-matching-weights';

type Policy = (actor: Actor, resource: Resource) => boolean;

const sameTenant = (a: Actor, r: Resource) => a.tenantId === r.tenantId;
const sameCourse = (a: Actor, r: Resource) => sameTenant(a, r) && (r.courseId === undefined || a.courseId === r.courseId);
const courseStaff: Policy = (a, r) => a.staff && sameCourse(a, r);
const tenantAdmin: Policy = (a, r) => a.tenantAdmin && sameTenant(a, r);

type Refusal = 'STAFF_ONLY' | 'ADMIN_ONLY';

/** Exhaustive: a new action does not compile until it has a policy and a refusal. */
const POLICIES: Record<Action, { policy: Policy; refusal: Refusal }> = {
  'manage-program': { policy: courseStaff, refusal: 'STAFF_ONLY' },
  'place-deep-link': { policy: courseStaff, refusal: 'STAFF_ONLY' },
  'view-lrs-page': { policy: courseStaff, refusal: 'STAFF_ONLY' },
  'manage-course-lrs': { policy: courseStaff, refusal: 'STAFF_ONLY' },
  'retry-statements': { policy: courseStaff, refusal: 'STAFF_ONLY' },
  // Deployment-wide: every course of the institution's LMS, so LMS administrators only.
  'manage-tenant-lrs': { policy: tenantAdmin, refusal: 'ADMIN_ONLY' },
  // Sends statements recorded for one LRS to another: an administrator's explicit decision.
  'resend-statements': { policy: tenantAdmin, refusal: 'ADMIN_ONLY' },
  // What a program's grade means, its preview (every participant's score) and sending it.
  'manage-grades': { policy: courseStaff, refusal: 'STAFF_ONLY' },
  'send-grades': { policy: courseStaff, refusal: 'STAFF_ONLY' },
  // The dashboards (aggregates only) and the match-rate target; applying evidence-based weights.
  'view-analytics': { policy: courseStaff, refusal: 'STAFF_ONLY' },
  'apply-matching-weights': { policy: courseStaff, refusal: 'STAFF_ONLY' },
  // How many of a program's notifications wait or failed (counts only, no one's mail).
  'view-notification-queue': { policy: courseStaff, refusal: 'STAFF_ONLY' },
  'send-profile-reminders': { policy: courseStaff, refusal: 'STAFF_ONLY' },
  'set-profiles-due': { policy: courseStaff, refusal: 'STAFF_ONLY' },
  // Delivery packages of a program (SCORM, cmi5): create, list, disable, delete, download.
  'manage-packages': { policy: courseStaff, refusal: 'STAFF_ONLY' },
  // A standalone workspace's staff list; inviting is for its admins (checked by the use case).
  'view-workspace-staff': { policy: courseStaff, refusal: 'STAFF_ONLY' },
  'invite-workspace-staff': { policy: courseStaff, refusal: 'STAFF_ONLY' },
};

const REFUSALS: Record<Refusal, { message: string; advice: string }> = {
  STAFF_ONLY: {
    message: 'This page is for the course\'s instructors and mentoring program staff.',
    advice: 'Open the activity from a course you teach.',
  },
  ADMIN_ONLY: {
    message: 'This is a setting for the whole institution: only LMS administrators can change it.',
    advice: 'Ask your LMS administrator (Moodle site administrator, Canvas account admin).',
  },
};

export function actorOf(session: Session): Actor {
  return {
    tenantId: session.tenantId, courseId: session.courseId, userId: session.userId,
    staff: session.courseRole === 'staff', tenantAdmin: session.tenantAdmin === true,
  };
}

/** The actor's own course: the resource of most actions. */
export const ownCourse = (actor: Actor): Resource => ({ tenantId: actor.tenantId, courseId: actor.courseId });

export function can(actor: Actor, action: Action, resource: Resource = ownCourse(actor)): boolean {
  return POLICIES[action].policy(actor, resource);
}

export function refusalOf(action: Action): AppError {
  const code = POLICIES[action].refusal;
  return new AppError(code, 403, REFUSALS[code].message, { advice: REFUSALS[code].advice, action });
}

type ActionOf = Action | ((req: Request) => Action);

/**
 * Route middleware (after the session gate): 403 with a page naming why, unless the session's
 * actor may do `action` on the resource (by default their own course).
 */
export function allow(action: ActionOf, resourceOf?: (req: Request, actor: Actor) => Resource) {
  const guard = (req: Request, res: Response, next: NextFunction): void => {
    const session = res.locals.session as Session | undefined;
    const wanted = typeof action === 'function' ? action(req) : action;
    if (!session) return next(refusalOf(wanted));
    const actor = actorOf(session);
    if (!can(actor, wanted, resourceOf ? resourceOf(req, actor) : ownCourse(actor))) return next(refusalOf(wanted));
    next();
  };
  return Object.assign(guard, { policyAction: action });
}

/** The actor of the request's session (after the session gate). */
export const actorOfResponse = (res: Response): Actor => actorOf(res.locals.session as Session);
