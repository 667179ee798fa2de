/** Program analytics: match-rate targets and the audit of weights applied from evidence (#16). */
import type { Generated } from 'kysely';
import type { CreatedAt, Json, UpdatedAt } from './column-types.js';

export interface AnalyticsSettingsTable {
  tenant_id: string;
  program_id: string;
  match_rate_target: number;
  updated_by: string | null;
  updated_at: UpdatedAt;
}

export interface MatchingWeightChangesTable {
  id: Generated<string>;
  tenant_id: string;
  program_id: string;
  weights_before: Json<Record<string, string>>;
  weights_after: Json<Record<string, string>>;
  evidence: Json<unknown>;
  actor_user_id: string | null;
  created_at: CreatedAt;
}

export interface AnalyticsTables {
  analytics_settings: AnalyticsSettingsTable;
  matching_weight_changes: MatchingWeightChangesTable;
}
