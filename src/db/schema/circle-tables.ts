import type { ColumnType, Generated } from 'kysely';
import type { CreatedAt } from './column-types.js';

export interface CirclesTable {
  id: Generated<string>;
  tenant_id: string;
  program_id: string;
  name: string;
  status: ColumnType<'active' | 'paused' | 'closed', 'active' | 'paused' | 'closed' | undefined>;
  capacity: number;
  started_on: ColumnType<string, string, string>;
  time_zone: ColumnType<string, string | undefined, string>;
  created_at: CreatedAt;
  closed_at: Date | null;
}

export interface CircleMembersTable {
  id: Generated<string>;
  tenant_id: string;
  circle_id: string;
  participant_id: string;
  role: 'mentor' | 'mentee' | 'peer';
  joined_at: CreatedAt;
  left_at: Date | null;
  left_reason: string | null;
  /** Set when the member left the course while in the circle, for staff to act on. */
  attention: string | null;
}

export interface CircleTables {
  circles: CirclesTable;
  circle_members: CircleMembersTable;
}
