/** Profiles, skill taxonomy, matching settings, proposals, choices and rotation plans (issue 4). */
import type { ColumnType, Generated } from 'kysely';
import type { CreatedAt, Json, UpdatedAt } from './column-types.js';

export interface ProgramSkillsTable {
  id: Generated<string>;
  tenant_id: string;
  program_id: string;
  name: string;
  position: number;
  created_at: CreatedAt;
}

export interface ProfilesTable {
  participant_id: string;
  tenant_id: string;
  program_id: string;
  answers: Json<unknown>;
  /** Percent complete per program role: { mentee, mentor, both }. */
  completeness: Json<Record<string, number>>;
  completed_at: Date | null;
  updated_at: UpdatedAt;
}

export interface MatchingSettingsTable {
  program_id: string;
  tenant_id: string;
  settings: Json<unknown>;
  updated_by: string | null;
  updated_at: UpdatedAt;
}

export interface MatchConstraintsTable {
  id: Generated<string>;
  tenant_id: string;
  program_id: string;
  kind: 'pin' | 'forbid';
  mentor_participant_id: string;
  mentee_participant_id: string;
  created_by: string | null;
  created_at: CreatedAt;
}

export type ProposalStatus = 'draft' | 'approved' | 'discarded';

export interface MatchProposalsTable {
  id: Generated<string>;
  tenant_id: string;
  program_id: string;
  status: ColumnType<ProposalStatus, ProposalStatus | undefined, ProposalStatus>;
  result: Json<unknown>;
  created_by: string | null;
  created_at: CreatedAt;
  decided_by: string | null;
  decided_at: Date | null;
}

export type ChoiceStatus = 'queued' | 'pending' | 'accepted' | 'declined' | 'expired' | 'withdrawn';

export interface MatchChoicesTable {
  id: Generated<string>;
  tenant_id: string;
  program_id: string;
  mentee_participant_id: string;
  mentor_participant_id: string;
  rank: number;
  score: number;
  status: ChoiceStatus;
  deadline_at: Date | null;
  decided_at: Date | null;
  created_at: CreatedAt;
}

export interface RotationPlansTable {
  program_id: string;
  tenant_id: string;
  every_weeks: number;
  next_on: ColumnType<string, string, string>;
  last_rotated_at: Date | null;
  updated_at: UpdatedAt;
}

export interface ProfileTables {
  program_skills: ProgramSkillsTable;
  profiles: ProfilesTable;
  matching_settings: MatchingSettingsTable;
  match_constraints: MatchConstraintsTable;
  match_proposals: MatchProposalsTable;
  match_choices: MatchChoicesTable;
  rotation_plans: RotationPlansTable;
}
