import type { DomainEvent } from '../events.js';

export type MilestoneStatus = 'not_started' | 'in_progress' | 'done';

export interface MilestoneFields {
  title: string;
  criteria: string;
  dueOn: string;
  status: MilestoneStatus;
}

export interface Milestone extends MilestoneFields {
  id: string;
  goalId: string;
  evidence: string | null;
  completedAt: Date | null;
}

/** A SMART goal: specific (title), measurable, achievable, relevant, time-bound (dueOn). */
export interface GoalFields {
  ownerParticipantId: string;
  title: string;
  measure: string;
  achievable: string;
  relevant: string;
  dueOn: string;
}

export interface Goal extends GoalFields {
  id: string;
  circleId: string;
  milestones: Milestone[];
}

export interface MilestoneChange {
  status: MilestoneStatus;
  evidence: string | null;
}

export interface GoalStore {
  listForCircle(tenantId: string, circleId: string): Promise<Goal[]>;
  find(tenantId: string, circleId: string, goalId: string): Promise<Goal | undefined>;
  /** Saves the goal and the events `toEvents(goalId)` gives, in one transaction. */
  create(tenantId: string, circleId: string, goal: GoalFields, createdBy: string, toEvents: (goalId: string) => DomainEvent[]): Promise<string>;
  update(tenantId: string, circleId: string, goalId: string, goal: GoalFields): Promise<boolean>;
  addMilestone(tenantId: string, goalId: string, milestone: MilestoneFields, toEvents: (milestoneId: string) => DomainEvent[]): Promise<string>;
  /** Changes status and evidence; `toEvents(previous)` runs inside the transaction, with the status before. */
  updateMilestone(tenantId: string, goalId: string, milestoneId: string, change: MilestoneChange, toEvents: (previous: MilestoneStatus, title: string) => DomainEvent[]): Promise<boolean>;
}
