import { createHmac } from 'node:crypto';
import type { DomainEvent } from '../mentoring/events.js';
import { AppError } from '../shared/errors.js';
import { activityIri, statementIdFor } from './ids.js';
import type { PersonSnapshot, StatementSnapshot } from './snapshot.js';
import type { Activity, Agent, Context, Result, Statement } from './statement.js';
import { ACTIVITY_TYPE, EXTENSION, PROFILE_ACTIVITY_TYPE, PROFILE_VERSION, TOOL_LANGUAGE, TOOL_PLATFORM, type Term } from './vocabulary.js';

export interface BuildOptions {
  /** Keys the account-name hash of the pseudonymous identity mode. */
  pseudonymKey: string;
}

/** The event cannot become a valid statement: a bug upstream; the outbox keeps it marked. */
export const unbuildable = (event: DomainEvent, reason: string) =>
  new AppError('STATEMENT_UNBUILDABLE', 500, `Event ${event.id} (${event.type}) cannot become a statement: ${reason}`, { eventId: event.id });

/**
 * The home page of the tenant's accounts: the LMS issuer, or a workspace's own page (fixed at its
 * creation, `<tool origin>/workspaces/<tenantId>`). Also the root of its course IRIs.
 */
export function tenantHomePage(snapshot: StatementSnapshot): string {
  const homePage = snapshot.platform?.issuer ?? snapshot.workspace?.homePage;
  if (homePage) return homePage;
  const reason = `Tenant ${snapshot.tenantId} has neither platform nor workspace.`;
  throw new AppError('STATEMENT_UNBUILDABLE', 500, reason);
}

export function agentOf(person: PersonSnapshot, snapshot: StatementSnapshot, options: BuildOptions): Agent {
  // A package learner is an account of the package (the same LMS id in two packages is two people).
  const homePage = person.homePage ?? tenantHomePage(snapshot);
  if (snapshot.identity === 'pseudonymous') {
    const name = createHmac('sha256', options.pseudonymKey).update(`${homePage}\n${person.subject}`).digest('hex');
    return { objectType: 'Agent', account: { homePage, name } };
  }
  if (snapshot.identity === 'email' && person.email) {
    return { objectType: 'Agent', ...(person.name ? { name: person.name } : {}), mbox: `mailto:${person.email}` };
  }
  return { objectType: 'Agent', account: { homePage, name: person.subject } };
}

export function personOf(event: DomainEvent, snapshot: StatementSnapshot, userId: string, options: BuildOptions): Agent {
  const person = snapshot.people[userId];
  if (!person) throw unbuildable(event, `user ${userId} is unknown to the tenant`);
  return agentOf(person, snapshot, options);
}

export const activity = (id: string, type: Term, name: string): Activity => ({
  objectType: 'Activity',
  id,
  definition: { type: type.id, name: { [TOOL_LANGUAGE]: name } },
});

export const courseActivity = (s: StatementSnapshot) =>
  activity(activityIri.course(tenantHomePage(s), s.course.contextId), ACTIVITY_TYPE.course, s.course.title ?? s.course.contextId);

export function programActivity(event: DomainEvent, s: StatementSnapshot): Activity {
  if (!event.programId || !s.program) throw unbuildable(event, 'it names no program, or the program is gone');
  return activity(activityIri.program(event.programId), ACTIVITY_TYPE.program, s.program.title);
}

export function circleActivity(event: DomainEvent, s: StatementSnapshot): Activity {
  if (!event.circleId) throw unbuildable(event, 'it names no circle');
  return activity(activityIri.circle(programActivity(event, s).id, event.circleId), ACTIVITY_TYPE.circle, 'Mentoring circle');
}

function contextOf(event: DomainEvent, s: StatementSnapshot, extensions: Record<string, unknown>, extra: Partial<Context>, aboutPerson: boolean): Context {
  if (!s.registration) throw unbuildable(event, 'the actor has no enrolment or participation to register it under');
  const course = courseActivity(s);
  const program = event.programId && s.program ? programActivity(event, s) : null;
  const parent = event.circleId && program ? circleActivity(event, s) : (program ?? course);
  const types = s.program ? { [EXTENSION.programTypes.id]: s.program.types } : {};
  const pkg = s.package
    ? activity(s.package.homePage, ACTIVITY_TYPE.deliveryPackage, `${s.package.label} package`) : null;
  return {
    registration: s.registration,
    ...extra,
    // xAPI 1.0.3 §2.4.6: `platform` only when the object is an Activity.
    ...(aboutPerson ? {} : { platform: TOOL_PLATFORM }),
    language: TOOL_LANGUAGE,
    contextActivities: {
      parent: [parent],
      grouping: [course, ...(program ? [program] : []), ...(pkg ? [pkg] : [])],
      category: [activity(PROFILE_VERSION, { id: PROFILE_ACTIVITY_TYPE } as Term, 'Mentoring Circles xAPI Profile')],
      ...extra.contextActivities,
    },
    extensions: {
      [EXTENSION.tenant.id]: s.tenantId,
      ...(s.platform
        ? { [EXTENSION.deployment.id]: { deploymentId: s.platform.deploymentId, clientId: s.platform.clientId } }
        : {}),
      ...types,
      ...(s.package ? { [EXTENSION.deliveryPackage.id]: { id: s.package.id, kind: s.package.kind } } : {}),
      ...extensions,
    },
  };
}

export interface StatementParts {
  verb: Term;
  object: Activity | Agent;
  result?: Result;
  extensions?: Record<string, unknown>;
  context?: Partial<Context>;
}

export function assemble(event: DomainEvent, s: StatementSnapshot, options: BuildOptions, parts: StatementParts): Statement {
  return {
    id: statementIdFor(event.id),
    actor: personOf(event, s, event.actorUserId, options),
    verb: { id: parts.verb.id, display: { [TOOL_LANGUAGE]: parts.verb.label } },
    object: parts.object,
    ...(parts.result ? { result: parts.result } : {}),
    context: contextOf(event, s, parts.extensions ?? {}, parts.context ?? {}, parts.object.objectType === 'Agent'),
    timestamp: event.occurredAt.toISOString(),
  };
}
