import type { DomainEvent } from '../events.js';

export interface ContractTerms {
  mentorRole: string;
  menteeObjectives: string;
  cadence: string;
  confidentiality: string;
  feedbackChannel: string;
  escalationPath: string;
}

export interface ContractVersion extends ContractTerms {
  version: number;
  proposedBy: string;
  createdAt: Date;
  agreedAt: Date | null;
  /** Users who acknowledged this version. */
  acknowledgedBy: string[];
}

/** Given who has acknowledged a version, the events to write if that completes the agreement, else null. */
export type AgreementCheck = (acknowledgedBy: string[]) => DomainEvent[] | null;

export type ContractWrite = 'ok' | 'stale';

export interface ContractStore {
  /** Every version of the circle's contract, newest first. */
  versions(tenantId: string, circleId: string): Promise<ContractVersion[]>;
  /**
   * Adds version `baseVersion + 1`, acknowledged by its proposer; 'stale' when someone else's
   * version came first. In one transaction: if `check` says it is agreed, marks it and writes the events.
   */
  propose(tenantId: string, circleId: string, baseVersion: number, terms: ContractTerms, proposerUserId: string, check: AgreementCheck): Promise<ContractWrite>;
  /** Acknowledges `version` if it is still the newest; 'stale' otherwise. Agreement as for propose. */
  acknowledge(tenantId: string, circleId: string, version: number, userId: string, check: AgreementCheck): Promise<ContractWrite>;
}
