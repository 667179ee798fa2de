import type { ColumnType, Generated } from 'kysely';
import type { CreatedAt, Json, UpdatedAt } from './column-types.js';

type DateOnly = ColumnType<string, string, string>;

export interface ProgramsTable {
  id: Generated<string>;
  tenant_id: string;
  course_id: string;
  title: string;
  purpose: string;
  purpose_detail: string | null;
  program_types: Json<string[]>;
  virtual: boolean;
  starts_on: DateOnly;
  ends_on: DateOnly;
  cadence: string;
  circle_size_min: number;
  circle_size_max: number;
  mentor_capacity: number;
  mentor_selection: string;
  mentor_lms_roles: Json<string[]>;
  matching_mode: string;
  confidentiality: string;
  prompt_track: string;
  duplicated_from: string | null;
  created_by: string | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface ParticipantsTable {
  /** Also the xAPI registration of this person in this program. */
  id: Generated<string>;
  tenant_id: string;
  program_id: string;
  user_id: string;
  program_role: 'mentee' | 'mentor' | 'both';
  mentor_nomination: ColumnType<'none' | 'nominated' | 'approved' | 'declined', 'none' | 'nominated' | 'approved' | 'declined' | undefined>;
  status: ColumnType<'active' | 'inactive', 'active' | 'inactive' | undefined>;
  attention: string | null;
  joined_at: CreatedAt;
  left_at: Date | null;
  last_activity_at: Date | null;
}

export interface DeepLinkRequestsTable {
  id: Generated<string>;
  tenant_id: string;
  course_id: string;
  user_id: string;
  settings: Json<Record<string, unknown>>;
  ags_granted: boolean;
  created_at: CreatedAt;
  used_at: Date | null;
}

export interface RosterSyncsTable {
  id: Generated<string>;
  tenant_id: string;
  course_id: string;
  trigger: 'manual' | 'schedule';
  status: 'running' | 'succeeded' | 'failed';
  members_seen: Generated<number>;
  joined: Generated<number>;
  left_course: Generated<number>;
  pages: Generated<number>;
  error: string | null;
  differences_url: string | null;
  started_at: CreatedAt;
  finished_at: Date | null;
}

/** Tables of programs, participants and roster (issue 3 onwards). */
export interface MentoringTables {
  programs: ProgramsTable;
  participants: ParticipantsTable;
  deep_link_requests: DeepLinkRequestsTable;
  roster_syncs: RosterSyncsTable;
}
