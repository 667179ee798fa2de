import type { CircleLifeTables } from './schema/circle-life-tables.js';
import type { CircleTables } from './schema/circle-tables.js';
import type { MentoringTables } from './schema/mentoring-tables.js';
import type { ProfileTables } from './schema/profile-tables.js';
import type { PackageTables } from './schema/package-tables.js';
import type { Cmi5Tables } from './schema/cmi5-tables.js';
import type { NotificationTables } from './schema/notification-tables.js';
import type { PromptTables } from './schema/prompt-tables.js';
import type { SessionTables } from './schema/session-tables.js';
import type { TenancyTables } from './schema/tenancy-tables.js';
import type { XapiTables } from './schema/xapi-tables.js';
import type { WorkspaceTables } from './schema/workspace-tables.js';
import type { AnalyticsTables } from './schema/analytics-tables.js';

export type * from './schema/tenancy-tables.js';
export type * from './schema/mentoring-tables.js';
export type * from './schema/xapi-tables.js';
export type * from './schema/circle-tables.js';
export type * from './schema/profile-tables.js';
export type * from './schema/circle-life-tables.js';
export type * from './schema/prompt-tables.js';
export type * from './schema/session-tables.js';
export type * from './schema/notification-tables.js';
export type * from './schema/package-tables.js';
export type * from './schema/cmi5-tables.js';
export type * from './schema/workspace-tables.js';
export type * from './schema/analytics-tables.js';

/** The whole database as Kysely sees it: one table group per area. */
export interface Database extends TenancyTables, MentoringTables, XapiTables, CircleTables, ProfileTables, CircleLifeTables, PromptTables, SessionTables, PackageTables, Cmi5Tables, NotificationTables, WorkspaceTables, AnalyticsTables {}
