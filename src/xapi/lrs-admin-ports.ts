import type { IdentityMode } from './snapshot.js';

/** Scope of LRS settings: the tenant (one platform deployment) or one program. */
export type LrsScope = { kind: 'tenant' } | { kind: 'program'; programId: string };

export interface LrsSettingsRecord {
  id: string;
  programId: string | null;
  programTitle: string | null;
  endpoint: string;
  username: string;
  secretEncrypted: string;
  version: string;
  identityMode: IdentityMode;
  updatedAt: Date;
}

/**
 * `secret-required`: no secret was given and the stored one may not be kept (first save, or a
 * changed endpoint or username: a secret is only ever sent to the endpoint it was saved with).
 */
export type LrsSaveOutcome = 'saved' | 'not-found' | 'secret-required';

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
  /** `not-found` when the program is not one of the course's (nothing saved). */
  save(scope: CourseScopeRef, target: LrsScope, input: LrsSettingsInput): Promise<LrsSaveOutcome>;
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
  /** Rows recorded for another LRS than the one in force: the tenant's (tenant-wide) and per program of the course. */
  held(scope: CourseScopeRef): Promise<HeldCounts>;
  /**
   * Re-pins the rows held for `target` (the tenant's rows that its LRS takes now, or the
   * program's) to the LRS in force, with an audit row, in one transaction; null when `target`
   * has no settings (or the program is not the course's).
   */
  resend(scope: CourseScopeRef, target: LrsScope): Promise<{ rows: number; endpoint: string } | null>;
}

export interface HeldCounts {
  tenant: number;
  programs: Record<string, number>;
}
