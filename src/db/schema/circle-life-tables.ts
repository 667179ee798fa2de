/** Learning contracts, goals, milestones, meetings, feedback, close-out survey (issue 4). */
import type { ColumnType, Generated } from 'kysely';
import type { CreatedAt, UpdatedAt } from './column-types.js';

type DateOnly = ColumnType<string, string, string>;
type MilestoneStatus = 'not_started' | 'in_progress' | 'done';

export interface ContractVersionsTable {
  id: Generated<string>;
  tenant_id: string;
  circle_id: string;
  version: number;
  mentor_role: string;
  mentee_objectives: string;
  cadence: string;
  confidentiality: string;
  feedback_channel: string;
  escalation_path: string;
  proposed_by: string;
  created_at: CreatedAt;
  agreed_at: Date | null;
}

export interface ContractAcknowledgementsTable {
  tenant_id: string;
  contract_version_id: string;
  user_id: string;
  acknowledged_at: CreatedAt;
}

export interface CircleGoalsTable {
  id: Generated<string>;
  tenant_id: string;
  circle_id: string;
  owner_participant_id: string;
  title: string;
  measure: string;
  achievable: string;
  relevant: string;
  due_on: DateOnly;
  created_by: string;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface GoalMilestonesTable {
  id: Generated<string>;
  tenant_id: string;
  goal_id: string;
  title: string;
  criteria: string;
  due_on: DateOnly;
  status: ColumnType<MilestoneStatus, MilestoneStatus | undefined, MilestoneStatus>;
  evidence: string | null;
  completed_at: Date | null;
  created_at: CreatedAt;
}

export interface CircleMeetingsTable {
  id: Generated<string>;
  tenant_id: string;
  circle_id: string;
  starts_at: Date;
  duration_minutes: number;
  mode: 'virtual' | 'in_person';
  place: string | null;
  agenda: string | null;
  notes: string | null;
  sequence: ColumnType<number, number | undefined, number>;
  created_by: string;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface MeetingAttendanceTable {
  tenant_id: string;
  meeting_id: string;
  participant_id: string;
  present: ColumnType<boolean, boolean | undefined, boolean>;
  marked_by: string;
  marked_at: UpdatedAt;
}

export interface MeetingFeedbackTable {
  id: Generated<string>;
  tenant_id: string;
  circle_id: string;
  meeting_id: string;
  from_participant_id: string;
  to_participant_id: string;
  rating: number;
  comment: string | null;
  created_at: CreatedAt;
}

export interface SurveyOpeningsTable {
  program_id: string;
  tenant_id: string;
  opened_by: string;
  opened_at: CreatedAt;
}

export interface SurveySubmissionsTable {
  tenant_id: string;
  program_id: string;
  participant_id: string;
  submitted_at: CreatedAt;
}

/** No participant column on purpose: answers cannot be traced to a person. */
export interface SurveyAnswersTable {
  id: Generated<string>;
  tenant_id: string;
  program_id: string;
  goal_progress: number;
  relationship: number;
  confidence: number;
  clarity: number;
  would_recommend: boolean;
  comment: string | null;
}

export interface CircleLifeTables {
  contract_versions: ContractVersionsTable;
  contract_acknowledgements: ContractAcknowledgementsTable;
  circle_goals: CircleGoalsTable;
  goal_milestones: GoalMilestonesTable;
  circle_meetings: CircleMeetingsTable;
  meeting_attendance: MeetingAttendanceTable;
  meeting_feedback: MeetingFeedbackTable;
  survey_openings: SurveyOpeningsTable;
  survey_submissions: SurveySubmissionsTable;
  survey_answers: SurveyAnswersTable;
}
