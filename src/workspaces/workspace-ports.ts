import type { DomainEvent } from '../mentoring/events.js';

export type WorkspaceRole = 'admin' | 'staff';
export type TenantKind = 'lti' | 'workspace';

/** A person of a workspace who signs in with links. */
export interface WorkspacePerson {
  tenantId: string;
  userId: string;
  name: string;
  email: string;
  role: WorkspaceRole;
}

/** The one course of a workspace: its programs live there, as an LMS course's do. */
export interface WorkspaceCourse {
  tenantId: string;
  courseId: string;
  title: string;
}

export interface Workspace extends WorkspaceCourse {
  name: string;
  homePage: string;
  createdAt: Date;
  people: number;
}

/** A sign-in link to record: only the hash of its token is kept. */
export interface LinkWrite {
  tokenHash: string;
  createdBy: string | null;
  createdAt: Date;
  expiresAt: Date;
}

export type LinkState = 'valid' | 'used' | 'expired';

export interface LinkLookup {
  state: LinkState;
  /** The person's staff enrolment in the workspace's course. */
  enrolmentId: string;
  person: WorkspacePerson;
  course: WorkspaceCourse;
  workspaceName: string;
}

export interface NewWorkspaceWrite {
  id: string;
  name: string;
  homePage: string;
  admin: { name: string; email: string };
  link: LinkWrite;
}

export interface WorkspaceStore {
  /** Tenant, course, first admin (user, enrolment, person) and their link: one transaction. */
  create(input: NewWorkspaceWrite): Promise<{ course: WorkspaceCourse; person: WorkspacePerson }>;
  list(): Promise<Workspace[]>;
  find(tenantId: string): Promise<Workspace | undefined>;
  kindOf(tenantId: string): Promise<TenantKind | undefined>;
  people(tenantId: string): Promise<WorkspacePerson[]>;
  findPerson(tenantId: string, email: string): Promise<WorkspacePerson | undefined>;
  /** A new person (user, staff enrolment) and their first link; undefined: e-mail taken. */
  addPerson(
    tenantId: string,
    person: { name: string; email: string; role: WorkspaceRole; invitedBy: string | null },
    link: LinkWrite,
  ): Promise<WorkspacePerson | undefined>;
  /** Records a link; the person's earlier unused links stop working (only the newest signs in). */
  issueLink(tenantId: string, userId: string, link: LinkWrite): Promise<void>;
  /** The link of a token hash in this workspace, whatever its state; undefined when unknown. */
  lookUp(tenantId: string, tokenHash: string, now: Date): Promise<LinkLookup | undefined>;
  /**
   * Marks a valid link used and writes the sign-in's events, atomically: of two concurrent uses,
   * one wins. The lookup as it was before the use; undefined when unknown.
   */
  consume(
    tenantId: string,
    tokenHash: string,
    now: Date,
    events: (lookup: LinkLookup) => DomainEvent[],
  ): Promise<LinkLookup | undefined>;
  /** Ends the person's live sessions and voids their unused links; how many sessions were live. */
  signOutEverywhere(tenantId: string, userId: string, now: Date): Promise<number>;
}
