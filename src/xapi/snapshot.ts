/**
 * What a statement needs besides the event, captured in the transaction that wrote the event (see
 * appendToOutbox), so a statement built later never depends on rows that changed since.
 */
export type IdentityMode = 'account' | 'email' | 'pseudonymous';

export interface PersonSnapshot {
  /** LTI `sub` of the person on their platform. */
  subject: string;
  name: string | null;
  /** Only captured when the identity mode is `email` and the platform shared one. */
  email: string | null;
  /** A package learner's account home page: the package's IRI (their subject is the package's). */
  homePage?: string | null;
}

export interface StatementSnapshot {
  tenantId: string;
  /** The LMS deployment of an LTI tenant; null for a standalone workspace. */
  platform: { issuer: string; clientId: string; deploymentId: string } | null;
  /** Set for a standalone workspace (a tenant that is no LMS deployment). */
  workspace?: { homePage: string; name: string } | null;
  identity: IdentityMode;
  course: { contextId: string; title: string | null };
  program: { title: string; types: string[] } | null;
  /** participants.id in the event's program, else the course enrolment id. */
  registration: string | null;
  /** The SCORM / cmi5 package the actor came through; null for everyone else. */
  package?: { id: string; kind: string; label: string; homePage: string } | null;
  /** The actor and everyone else the event names (mentor, mentee, feedback recipient), by user id. */
  people: Record<string, PersonSnapshot>;
}
