import type { ColumnType, Generated } from 'kysely';
import type { CreatedAt, Json, UpdatedAt } from './column-types.js';

export type OutboxStatus = 'queued' | 'delivered' | 'failed' | 'dead';

export interface XapiOutboxTable {
  /** The domain event's id. */
  id: string;
  seq: ColumnType<string, never, never>;
  tenant_id: string;
  course_id: string;
  program_id: string | null;
  event_type: string;
  event: Json<Record<string, unknown>>;
  snapshot: Json<Record<string, unknown>>;
  statement_id: string;
  status: ColumnType<OutboxStatus, OutboxStatus | undefined, OutboxStatus>;
  attempts: Generated<number>;
  next_attempt_at: ColumnType<Date, Date | undefined, Date>;
  last_error: string | null;
  last_http_status: number | null;
  lrs_endpoint: string | null;
  /** The LRS settings row (and its endpoint version) the row was recorded for; null: none applied. */
  lrs_settings_id: ColumnType<string | null, string | null | undefined, string | null>;
  lrs_endpoint_version: ColumnType<number | null, number | null | undefined, number | null>;
  /** A worker's lease on the row while it sends it; an expired lease frees the row. */
  claimed_by: string | null;
  claimed_until: Date | null;
  created_at: CreatedAt;
  delivered_at: Date | null;
}

export interface XapiLrsSettingsTable {
  id: Generated<string>;
  tenant_id: string;
  program_id: string | null;
  endpoint: string;
  username: string;
  secret_encrypted: string;
  xapi_version: Generated<string>;
  identity_mode: ColumnType<'account' | 'email' | 'pseudonymous', 'account' | 'email' | 'pseudonymous' | undefined>;
  /** Bumped when the endpoint changes: outbox rows pinned to an older version are held. */
  endpoint_version: Generated<number>;
  updated_by: string | null;
  updated_at: UpdatedAt;
}

/** An administrator's "re-send to the new LRS". */
export interface XapiLrsResendsTable {
  id: Generated<string>;
  tenant_id: string;
  program_id: string | null;
  settings_id: string;
  endpoint: string;
  endpoint_version: number;
  rows: number;
  actor_user_id: string | null;
  created_at: CreatedAt;
}

/** Tables of the xAPI outbox and LRS settings. */
export interface XapiTables {
  xapi_outbox: XapiOutboxTable;
  xapi_lrs_settings: XapiLrsSettingsTable;
  xapi_lrs_resends: XapiLrsResendsTable;
}
