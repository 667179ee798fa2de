import type { MentoringTables } from './schema/mentoring-tables.js';
import type { TenancyTables } from './schema/tenancy-tables.js';
import type { XapiTables } from './schema/xapi-tables.js';

export type * from './schema/tenancy-tables.js';
export type * from './schema/mentoring-tables.js';
export type * from './schema/xapi-tables.js';

/** The whole database as Kysely sees it: one table group per area. */
export interface Database extends TenancyTables, MentoringTables, XapiTables {}
