import type { ColumnType, Generated } from 'kysely';
import type { CreatedAt, Json } from './column-types.js';

export type PackageKind = 'scorm12' | 'scorm2004' | 'cmi5';
export type PackageStatus = 'active' | 'disabled';

export interface DeliveryPackagesTable {
  tenant_id: string;
  id: Generated<string>;
  program_id: string;
  kind: PackageKind;
  /** The target LMS, as staff name it ("Cornerstone EU"). */
  label: string;
  expires_at: Date | null;
  /** http(s) origins allowed to launch (empty: any). */
  allowed_origins: Json<string[]>;
  /** The launch-signing secret, sealed with the secret box (purpose `delivery-packages`). */
  secret: string;
  /** The IRI under which the package's learners are xAPI accounts. */
  home_page: string;
  status: ColumnType<PackageStatus, PackageStatus | undefined, PackageStatus>;
  created_at: CreatedAt;
  created_by: string;
  deleted_at: Date | null;
}

export interface PackageLearnersTable {
  tenant_id: string;
  package_id: string;
  learner_key: string;
  user_id: string;
  created_at: CreatedAt;
  last_launch_at: Date | null;
}

export interface PackageLaunchesTable {
  tenant_id: string;
  package_id: string;
  nonce: string;
  learner_key: string;
  origin: string | null;
  launched_at: CreatedAt;
}

export interface PackageTables {
  delivery_packages: DeliveryPackagesTable;
  package_learners: PackageLearnersTable;
  package_launches: PackageLaunchesTable;
}
