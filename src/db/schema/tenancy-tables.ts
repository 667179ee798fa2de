import type { ColumnType, Generated } from 'kysely';
import type { CreatedAt, Json, UpdatedAt } from './column-types.js';

export type PlatformStatus = 'active' | 'pending' | 'disabled';

export interface PlatformsTable {
  id: Generated<string>;
  issuer: string;
  client_id: string;
  name: string;
  product_family: string | null;
  auth_endpoint: string;
  token_endpoint: string;
  jwks_uri: string;
  status: PlatformStatus;
  registered_via: 'dynamic' | 'cli';
  authorization_server: string | null;
  created_at: CreatedAt;
}

export interface ToolKeysTable {
  kid: string;
  registration_id: string;
  /** PKCS#8 PEM sealed with the secret box (purpose `tool-keys`). */
  private_key: string;
  public_jwk: Json<Record<string, unknown>>;
  origin: 'generated' | 'ltijs';
  created_at: CreatedAt;
  /** Set when a newer key replaced it: still published until then, for platforms' caches. */
  retire_after: Date | null;
}

export interface DeploymentsTable {
  id: Generated<string>;
  platform_id: string;
  deployment_id: string;
  created_at: CreatedAt;
}

export interface UsersTable {
  id: Generated<string>;
  tenant_id: string;
  subject: string;
  name: string | null;
  given_name: string | null;
  family_name: string | null;
  email: string | null;
  updated_at: UpdatedAt;
}

export interface CoursesTable {
  id: Generated<string>;
  tenant_id: string;
  context_id: string;
  title: string | null;
  label: string | null;
  context_types: Json<string[]>;
  /** NRPS context_memberships_url from the latest launch; null when the platform offers none. */
  memberships_url: string | null;
  updated_at: UpdatedAt;
}

export interface ResourceLinksTable {
  id: Generated<string>;
  tenant_id: string;
  course_id: string;
  link_id: string;
  title: string | null;
  program_id: string | null;
  activity: string | null;
  updated_at: UpdatedAt;
}

export interface EnrolmentsTable {
  id: Generated<string>;
  tenant_id: string;
  course_id: string;
  user_id: string;
  lti_roles: Json<string[]>;
  course_role: 'staff' | 'learner';
  status: ColumnType<'active' | 'inactive', 'active' | 'inactive' | undefined>;
  source: ColumnType<'launch' | 'roster', 'launch' | 'roster' | undefined>;
  left_at: Date | null;
  last_launch_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

export interface LoginStatesTable {
  state: string;
  nonce: string;
  issuer: string;
  client_id: string | null;
  login_params: Json<Record<string, string>>;
  created_at: CreatedAt;
  used_at: Date | null;
}

export interface TenancyTables {
  lti_registrations: PlatformsTable;
  lti_deployments: DeploymentsTable;
  users: UsersTable;
  courses: CoursesTable;
  resource_links: ResourceLinksTable;
  enrolments: EnrolmentsTable;
  login_states: LoginStatesTable;
  lti_tool_keys: ToolKeysTable;
}
