import type { IdentityMode } from './snapshot.js';

/** Scope of LRS settings: the tenant (one platform deployment) or one program. */
export type LrsScope = { kind: 'tenant' } | { kind: 'program'; programId: string };

export interface LrsSettingsRecord {
  programId: string | null;
  programTitle: string | null;
  endpoint: string;
  username: string;
  secretEncrypted: string;
  version: string;
  identityMode: IdentityMode;
  updatedAt: Date;
}

export interface LrsSettingsInput {
  endpoint: string;
  username: string;
  /** null: keep the stored secret. */
  secretEncrypted: string | null;
  version: string;
  identityMode: IdentityMode;
}

export interface CourseScopeRef {
  tenantId: string;
  courseId: string;
  userId: string;
}

export interface LrsSettingsStore {
  /** The tenant's settings and those of the course's programs. */
  listForCourse(scope: CourseScopeRef): Promise<{ settings: LrsSettingsRecord[]; programs: Array<{ id: string; title: string }> }>;
  /** False when the program is not one of the course's (nothing saved). */
  save(scope: CourseScopeRef, target: LrsScope, input: LrsSettingsInput): Promise<boolean>;
}

export type OutboxCounts = Record<'queued' | 'delivered' | 'failed' | 'dead', number>;

export interface OutboxProblem {
  id: string;
  eventType: string;
  status: 'failed' | 'dead';
  attempts: number;
  lastError: string | null;
  lastHttpStatus: number | null;
  nextAttemptAt: Date;
  createdAt: Date;
}

export interface OutboxAdminStore {
  counts(scope: CourseScopeRef): Promise<OutboxCounts>;
  problems(scope: CourseScopeRef, limit: number): Promise<OutboxProblem[]>;
  /** Failed and dead rows of the course (or the one given) due again now: how many. */
  retry(scope: CourseScopeRef, id: string | null): Promise<number>;
}
