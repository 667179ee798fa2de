import type { Transaction } from 'kysely';
import type { Db } from '../connection.js';
import type { Database } from '../schema.js';
import type { WorkspacePerson } from '../../workspaces/workspace-ports.js';

/** The context id of a workspace's one course (an LMS course's is the LMS's context id). */
export const WORKSPACE_CONTEXT_ID = 'workspace';
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type Trx = Transaction<Database>;

/** Every query of a workspace starts from its tenant row (kind workspace) and its one course. */
export const workspaces = (db: Db | Trx) =>
  db
    .selectFrom('tenants as t')
    .innerJoin('courses as c', (j) =>
      j.onRef('c.tenant_id', '=', 't.id').on('c.context_id', '=', WORKSPACE_CONTEXT_ID),
    )
    .where('t.kind', '=', 'workspace');

export const toPerson = (r: {
  tenantId: string;
  userId: string;
  name: string | null;
  email: string;
  role: WorkspacePerson['role'];
}) => ({ ...r, name: r.name ?? r.email });
