import type { LaunchContext } from './launch-context.js';
import type { CourseRole } from './roles.js';

/** What the LTI layer needs from storage; `db/` implements these. */
export interface LaunchRecord {
  tenantId: string;
  userId: string;
  userName: string | null;
  courseId: string;
  courseTitle: string | null;
  resourceLinkId: string | null;
  enrolmentId: string;
  /** What the launched link was placed to open (program id and activity), read in the same statement. */
  linkTarget: { programId: string; activity: string | null } | null;
  /** Whether the course has any program yet: lets a launch skip program work in one look. */
  courseHasPrograms: boolean;
  /** The tool session the launch opened, in the same statement. */
  session: SessionOpening | null;
}

/** A tool session to open for the person a launch records (their ids come from the launch). */
export interface SessionOpening {
  sid: string;
  courseRole: CourseRole;
  tenantAdmin: boolean;
  createdAt: Date;
  expiresAt: Date;
  /** The person's live sessions in the course with these roles end (a later launch lowered it). */
  revokeRoles: CourseRole[];
}

/** What a launch writes besides the person and course: the login's one-time use, the session. */
export interface LaunchWrite {
  login: UsedLogin;
  session: SessionOpening | null;
}

export interface LaunchRecorder {
  /** `replayed` when the login was already used: then nothing is written. */
  record(tenantId: string, ctx: LaunchContext, write: LaunchWrite): Promise<LaunchRecord | 'replayed'>;
}

/** A login the platform answered: what its signed state carried, and when. */
export interface UsedLogin {
  /** The state's id (`jti`). */
  state: string;
  nonceHash: string;
  issuer: string;
  clientId: string;
  loginParams: Record<string, string>;
  issuedAt: Date;
  usedAt: Date;
}

export type RegistrationStatus = 'active' | 'pending' | 'disabled';

export interface RegistrationDirectory {
  find(issuer: string, clientId: string): Promise<{ id: string; status: RegistrationStatus; deploymentIds: string[] } | undefined>;
}

export interface RegistrationInput {
  issuer: string;
  clientId: string;
  name: string;
  productFamily: string | null;
  authEndpoint: string;
  tokenEndpoint: string;
  jwksUri: string;
  /** The audience of the tool's OAuth2 client assertion, when not the token endpoint. */
  authorizationServer?: string | null;
  status: RegistrationStatus;
  registeredVia: 'dynamic' | 'cli';
}

export interface Registration extends Omit<RegistrationInput, 'status' | 'authorizationServer'> {
  id: string;
  authorizationServer: string | null;
  status: RegistrationStatus;
  deploymentIds: string[];
  /** Tenant id (the deployment's row) of each deployment id. */
  tenantIds: Record<string, string>;
}

export interface RegistrationStore extends RegistrationDirectory {
  list(): Promise<Registration[]>;
  find(issuer: string, clientId: string): Promise<Registration | undefined>;
  findByIssuer(issuer: string): Promise<Registration[]>;
  findById(id: string): Promise<Registration | undefined>;
  save(input: RegistrationInput, deploymentIds: string[]): Promise<Registration>;
  /** Inserts only a registration that does not exist yet (undefined otherwise). */
  saveNew(input: RegistrationInput, deploymentIds: string[]): Promise<Registration | undefined>;
  setStatus(id: string, status: RegistrationStatus): Promise<boolean>;
  removeDeployment(id: string, deploymentId: string): Promise<boolean>;
  remove(id: string): Promise<boolean>;
  /**
   * Drops what a cache of this store kept (see `cachedRegistrationStore`): a refusal that rests
   * on a registration reads it again first, so another instance's change is seen at once.
   */
  forget?(): void;
}
