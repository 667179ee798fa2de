import type { CreatedAt, Json } from './column-types.js';

export type Cmi5LaunchMode = 'Normal' | 'Browse' | 'Review';

/** One cmi5 AU session (migration 017): the launch, its sealed token, the statements sent. */
export interface Cmi5SessionsTable {
  tenant_id: string;
  id: string;
  package_id: string;
  user_id: string;
  registration: string;
  lms_session_id: string;
  activity_id: string;
  actor: Json<Record<string, unknown>>;
  endpoint: string;
  /** Sealed with the secret box (purpose `cmi5-tokens`). */
  auth_token: string;
  context_template: Json<Record<string, unknown>>;
  launch_mode: Cmi5LaunchMode;
  move_on: string | null;
  mastery_score: number | null;
  return_url: string | null;
  language_preference: string | null;
  audio_preference: 'on' | 'off' | null;
  /** sha256 of the key in the exit page's URL. */
  exit_key_hash: string;
  created_at: CreatedAt;
  initialized_at: Date | null;
  completed_at: Date | null;
  passed_at: Date | null;
  failed_at: Date | null;
  terminated_at: Date | null;
  lost_at: Date | null;
  lost_reason: string | null;
}

export interface Cmi5Tables {
  cmi5_sessions: Cmi5SessionsTable;
}
