import { expect } from 'chai';
import { sql } from 'kysely';
import { sharedDatabase } from '../support/hooks.js';

/**
 * The rule that lets the schema be distributed by tenant (Citus): tenant_id leads every key and
 * every foreign key between tenant tables. Read from the live schema, so a table a later migration
 * adds is held to it too.
 * @see https://docs.citusdata.com/en/stable/develop/migration_mt_schema.html
 */

/** Platform-level tables, each with the reason it belongs to no single tenant. */
const EXEMPT: Record<string, string> = {
  lti_registrations: 'an LMS registration (issuer + client_id) serves all of its deployments',
  tenants: 'a row is the tenant itself: every tenant_id references tenants.id',
  lti_deployments: 'an LMS deployment: its id is its tenant\'s (tenants.id), not a tenant_id column',
  lti_tool_keys: "the tool's signing keys belong to a registration, not to a deployment",
  login_states: 'written at the OIDC login, before the id_token names a deployment',
  rate_limit_windows: 'counters by client address, counted before any tenant is known',
  score_delivery_leases: 'one grade delivery at a time per LMS registration, across its deployments',
  mc_migrations: "the migrator's own record",
  mc_migrations_lock: "the migrator's own lock",
};
/**
 * ltijs's own tables, present only on a database that ran under ltijs (and in this suite, which
 * proves the carry-over): its keys are copied once into ours and its tables kept for a rollback.
 * Not ours to reshape; nothing of the tool writes to them.
 */
const LTIJS_LEFTOVERS = new Set([
  'SequelizeMeta', 'accesstokens', 'contexttokens', 'idtokens', 'nonces', 'platformStatuses',
  'platforms', 'privatekeys', 'publickeys', 'states',
]);

// xapi_outbox is tenant-owned: every event is about a course, so its tenant_id is NOT NULL. It
// has no foreign keys on purpose (an event outlives the rows it was about): only its keys count.

type Key = { table: string; name: string; kind: string; first: string | null };
type ForeignKey = { table: string; name: string; parent: string; first: string; parentOwn: string };
type Column = { table: string; tenant: boolean; nullable: boolean };

async function tenantColumns(): Promise<Column[]> {
  const { rows } = await sql<Column>`
    select c.relname as table, a.attname is not null as tenant,
      not coalesce(a.attnotnull, true) as nullable
    from pg_class c left join pg_attribute a
      on a.attrelid = c.oid and a.attname = 'tenant_id' and not a.attisdropped
    where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'p')
    order by 1`.execute(sharedDatabase().db);
  return rows;
}

const attname = (rel: string, attnum: string) => sql.raw(`(select a.attname from pg_attribute a
  where a.attrelid = ${rel} and a.attnum = ${attnum})`);

/** Primary keys, unique constraints and unique indexes of tenant tables, with the first column. */
async function keys(tables: string[]): Promise<Key[]> {
  const { rows } = await sql<Key>`
    select t.relname as table, c.relname as name,
      case when i.indisprimary then 'primary key' else 'unique' end as kind,
      ${attname('i.indrelid', 'i.indkey[0]')} as first
    from pg_index i join pg_class c on c.oid = i.indexrelid join pg_class t on t.oid = i.indrelid
    where i.indisunique and t.relnamespace = 'public'::regnamespace and t.relname = any(${tables})
    order by 1, 2`.execute(sharedDatabase().db);
  return rows;
}

/** Foreign keys from one tenant table to another, with the first column on each side. */
async function foreignKeys(tables: string[]): Promise<ForeignKey[]> {
  const { rows } = await sql<ForeignKey>`
    select t.relname as table, k.conname as name, p.relname as parent,
      ${attname('k.conrelid', 'k.conkey[1]')} as first,
      ${attname('k.confrelid', 'k.confkey[1]')} as "parentOwn"
    from pg_constraint k
      join pg_class t on t.oid = k.conrelid join pg_class p on p.oid = k.confrelid
    where k.contype = 'f' and t.relname = any(${tables}) and p.relname = any(${tables})
      and t.relnamespace = 'public'::regnamespace and p.relnamespace = 'public'::regnamespace
    order by 1, 2`.execute(sharedDatabase().db);
  return rows;
}

const tenantTables = async () =>
  (await tenantColumns()).filter((t) => t.tenant).map((t) => t.table);

const listed = (items: string[]) => `\n  ${items.join('\n  ')}`;

describe('tenant-leading keys on the live schema', () => {
  it('when the schema is migrated, then only platform-level tables lack tenant_id', async () => {
    const without = (await tenantColumns()).filter((t) => !t.tenant).map((t) => t.table);
    const unexpected = without.filter((t) => !(t in EXEMPT) && !LTIJS_LEFTOVERS.has(t));
    const missing = Object.keys(EXEMPT).filter((t) => !without.includes(t));
    expect(unexpected, `tables without tenant_id, not platform-level:${listed(unexpected)}`)
      .to.deep.equal([]);
    expect(missing, `exempt tables gone or with a tenant_id now:${listed(missing)}`)
      .to.deep.equal([]);
  });

  it('when the schema is migrated, then tenant_id is NOT NULL in every tenant table', async () => {
    const nullable = (await tenantColumns()).filter((t) => t.tenant && t.nullable);
    const names = nullable.map((t) => t.table);
    expect(names, `tables whose tenant_id may be null:${listed(names)}`).to.deep.equal([]);
  });

  it('when the schema is migrated, then tenant_id leads every primary and unique key', async () => {
    const tables = await tenantTables();
    const found = await keys(tables);
    const withoutPrimaryKey = tables
      .filter((t) => !found.some((k) => k.table === t && k.kind === 'primary key'));
    const offenders = found.filter((k) => k.first !== 'tenant_id')
      .map((k) => `${k.table}: ${k.kind} ${k.name} starts with ${k.first ?? 'an expression'}`);
    expect(withoutPrimaryKey, `tenant tables without a primary key:${listed(withoutPrimaryKey)}`)
      .to.deep.equal([]);
    expect(offenders, `keys not led by tenant_id:${listed(offenders)}`).to.deep.equal([]);
    expect(found.length, 'keys checked').to.be.greaterThan(tables.length);
  });

  it('when the schema is migrated, then tenant_id leads both sides of each tenant FK', async () => {
    const found = await foreignKeys(await tenantTables());
    const offenders = found.filter((k) => k.first !== 'tenant_id' || k.parentOwn !== 'tenant_id')
      .map((k) => `${k.table}.${k.name}: (${k.first}, …) → ${k.parent}(${k.parentOwn}, …)`);
    expect(offenders, `foreign keys not led by tenant_id:${listed(offenders)}`).to.deep.equal([]);
    expect(found.length, 'foreign keys checked').to.be.greaterThan(50);
  });
});
