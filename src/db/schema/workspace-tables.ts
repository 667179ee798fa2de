import type { Generated } from 'kysely';
import type { TenantKind, WorkspaceRole } from '../../workspaces/workspace-ports.js';
import type { CreatedAt } from './column-types.js';

/** Every tenant: an LMS deployment (same id as its lti_deployments row) or a workspace. */
export interface TenantsTable {
  id: Generated<string>;
  kind: TenantKind;
  name: string;
  /** Workspaces only: the xAPI account home page of their people, fixed at creation. */
  home_page: string | null;
  created_at: CreatedAt;
}

/** The staff of a workspace: who signs in with links, by e-mail (stored lower-case). */
export interface WorkspacePeopleTable {
  tenant_id: string;
  user_id: string;
  email: string;
  role: WorkspaceRole;
  invited_by: string | null;
  created_at: CreatedAt;
}

/** One-time sign-in links: only the SHA-256 of the token is kept. */
export interface WorkspaceSignInLinksTable {
  tenant_id: string;
  id: Generated<string>;
  user_id: string;
  token_hash: string;
  created_by: string | null;
  created_at: Date;
  expires_at: Date;
  used_at: Date | null;
}

export interface WorkspaceTables {
  tenants: TenantsTable;
  workspace_people: WorkspacePeopleTable;
  workspace_sign_in_links: WorkspaceSignInLinksTable;
}
