import type { ColumnType, Generated } from 'kysely';
import type { CreatedAt, Json, UpdatedAt } from './column-types.js';

type DateOnly = ColumnType<string, string, string>;

export interface PromptProgramsTable {
  program_id: string;
  tenant_id: string;
  cadence: 'weekly' | 'fortnightly' | 'monthly' | 'custom';
  every_days: number | null;
  send_hour: number;
  starts_on: DateOnly | null;
  ends_on: DateOnly | null;
  nudge_after_days: number | null;
  nudge_repeat_days: number;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface PromptsTable {
  id: Generated<string>;
  tenant_id: string;
  program_id: string;
  library_key: string | null;
  current_version: ColumnType<number, number | undefined, number>;
  retired_at: Date | null;
  created_at: CreatedAt;
}

export interface PromptVersionsTable {
  id: Generated<string>;
  tenant_id: string;
  prompt_id: string;
  version: number;
  category: string;
  title: string;
  body: string;
  audience: 'mentor' | 'mentee' | 'circle';
  program_types: Json<string[]>;
  minutes: number;
  follow_up: string | null;
  created_by: string | null;
  created_at: CreatedAt;
}

export interface PromptTrackItemsTable {
  id: Generated<string>;
  tenant_id: string;
  program_id: string;
  prompt_id: string;
  position: number;
}

export type DeliveryOutcomeColumn = 'delivered' | 'paused' | 'off' | 'empty' | 'not_formed';

export interface PromptDeliveriesTable {
  id: Generated<string>;
  tenant_id: string;
  program_id: string;
  circle_id: string;
  seq: number;
  due_at: Date;
  outcome: DeliveryOutcomeColumn;
  prompt_id: string | null;
  prompt_version_id: string | null;
  recorded_at: CreatedAt;
}

export interface CirclePromptPausesTable {
  id: Generated<string>;
  tenant_id: string;
  circle_id: string;
  paused_at: Date;
  resumed_at: Date | null;
  paused_by: string | null;
}

export interface CirclePromptChangesTable {
  id: Generated<string>;
  tenant_id: string;
  circle_id: string;
  prompt_id: string;
  kind: 'skip' | 'insert';
  used_by: string | null;
  created_by: string | null;
  created_at: CreatedAt;
}

export interface PromptAnswersTable {
  id: Generated<string>;
  tenant_id: string;
  delivery_id: string;
  circle_id: string;
  author_user_id: string;
  visibility: 'private' | 'circle';
  body: string | null;
  review: ColumnType<Record<string, string> | null, string | null, string | null>;
  created_at: CreatedAt;
}

export interface PromptRepliesTable {
  id: Generated<string>;
  tenant_id: string;
  answer_id: string;
  author_user_id: string;
  body: string;
  created_at: CreatedAt;
}

export interface CircleNudgesTable {
  id: Generated<string>;
  tenant_id: string;
  circle_id: string;
  seq: number;
  reason: string;
  quiet_since: Date;
  starter: string;
  sent_at: Date;
}

/** Prompt library, tracks, schedules, answers, replies, nudges (issue 5). */
export interface PromptTables {
  prompt_programs: PromptProgramsTable;
  prompts: PromptsTable;
  prompt_versions: PromptVersionsTable;
  prompt_track_items: PromptTrackItemsTable;
  prompt_deliveries: PromptDeliveriesTable;
  circle_prompt_pauses: CirclePromptPausesTable;
  circle_prompt_changes: CirclePromptChangesTable;
  prompt_answers: PromptAnswersTable;
  prompt_replies: PromptRepliesTable;
  circle_nudges: CircleNudgesTable;
}
