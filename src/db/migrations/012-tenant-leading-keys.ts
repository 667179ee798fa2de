import { sql, type Kysely, type RawBuilder } from 'kysely';

/**
 * tenant_id leads every primary key, unique constraint, unique index and foreign key between
 * tenant tables, so the schema can be distributed by tenant: a distributed table's unique keys and
 * the foreign keys between co-located tables must include the distribution column.
 * @see https://docs.citusdata.com/en/stable/develop/migration_mt_schema.html
 * Composite foreign keys also make a row pointing at another tenant's row impossible.
 * Each former key stays as a plain index: queries and joins that find a row by its id alone
 * keep an index scan (PostgreSQL before 18 cannot skip the leading column).
 * Written against the catalog (not a list of tables) and run in the migration's transaction.
 * No down: afterwards, which keys led with tenant_id from the start cannot be told apart.
 * test/integration/tenant-keys.test.ts holds every later table to the same rule.
 */

/** Child tables that had no tenant_id: theirs is their parent's. */
const CHILDREN = [
  { table: 'contract_acknowledgements', parent: 'contract_versions', via: 'contract_version_id' },
  { table: 'meeting_attendance', parent: 'circle_meetings', via: 'meeting_id' },
  { table: 'survey_submissions', parent: 'programs', via: 'program_id' },
] as const;

type ForeignKey = { table: string; name: string; def: string };
type Key = ForeignKey & { indexDef: string };
type UniqueIndex = { name: string; indexDef: string };

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const child of CHILDREN) await addTenantColumn(db, child);
  const foreignKeys = await tenantForeignKeys(db);
  for (const fk of foreignKeys) {
    await sql`alter table ${sql.table(fk.table)} drop constraint ${sql.id(fk.name)}`.execute(db);
  }
  for (const key of await tenantKeys(db)) {
    await sql`alter table ${sql.table(key.table)} drop constraint ${sql.id(key.name)},
      add constraint ${sql.id(key.name)} ${sql.raw(leadKey(key.def))}`.execute(db);
    await sql.raw(lookupIndex(key.indexDef)).execute(db);
  }
  for (const index of await tenantUniqueIndexes(db)) {
    await sql`drop index ${sql.id(index.name)}`.execute(db);
    await sql.raw(leadIndex(index.indexDef)).execute(db);
    await sql.raw(lookupIndex(index.indexDef)).execute(db);
  }
  for (const fk of foreignKeys) {
    await sql`alter table ${sql.table(fk.table)}
      add constraint ${sql.id(fk.name)} ${sql.raw(leadForeignKey(fk.def))}`.execute(db);
  }
}

async function addTenantColumn(db: Kysely<unknown>, c: (typeof CHILDREN)[number]): Promise<void> {
  const table = sql.table(c.table);
  await sql`alter table ${table}
    add column tenant_id uuid references lti_deployments(id) on delete cascade`.execute(db);
  await sql`update ${table} c set tenant_id = p.tenant_id
    from ${sql.table(c.parent)} p where p.id = c.${sql.ref(c.via)}`.execute(db);
  await sql`alter table ${table} alter column tenant_id set not null`.execute(db);
}

/** `rel` is a table of the public schema with a tenant_id column. */
const isTenantTable = (rel: string) => sql`exists (select 1 from pg_attribute a
    where a.attrelid = ${sql.ref(rel)} and a.attname = 'tenant_id' and not a.attisdropped)
  and (select c.relnamespace from pg_class c where c.oid = ${sql.ref(rel)})
    = 'public'::regnamespace`;

const firstColumn = (rel: string, attnum: RawBuilder<unknown>) => sql`coalesce((select a.attname
  from pg_attribute a where a.attrelid = ${sql.ref(rel)} and a.attnum = ${attnum}), '')`;

/** Foreign keys between two tenant tables not yet led by tenant_id on both sides. */
async function tenantForeignKeys(db: Kysely<unknown>): Promise<ForeignKey[]> {
  const { rows } = await sql<ForeignKey>`select k.conrelid::regclass::text as table,
      k.conname as name, pg_get_constraintdef(k.oid) as def
    from pg_constraint k
    where k.contype = 'f' and ${isTenantTable('k.conrelid')} and ${isTenantTable('k.confrelid')}
      and not (${firstColumn('k.conrelid', sql`k.conkey[1]`)} = 'tenant_id'
        and ${firstColumn('k.confrelid', sql`k.confkey[1]`)} = 'tenant_id')
    order by 1, 2`.execute(db);
  return rows;
}

/** Primary keys and unique constraints of tenant tables not led by tenant_id. */
async function tenantKeys(db: Kysely<unknown>): Promise<Key[]> {
  const { rows } = await sql<Key>`select k.conrelid::regclass::text as table,
      k.conname as name, pg_get_constraintdef(k.oid) as def,
      pg_get_indexdef(k.conindid) as "indexDef"
    from pg_constraint k
    where k.contype in ('p', 'u') and ${isTenantTable('k.conrelid')}
      and ${firstColumn('k.conrelid', sql`k.conkey[1]`)} <> 'tenant_id'
    order by 1, 2`.execute(db);
  return rows;
}

/** Unique indexes no constraint owns (partial, on expressions), not led by tenant_id. */
async function tenantUniqueIndexes(db: Kysely<unknown>): Promise<UniqueIndex[]> {
  const { rows } = await sql<UniqueIndex>`select c.relname as name,
      pg_get_indexdef(i.indexrelid) as "indexDef"
    from pg_index i join pg_class c on c.oid = i.indexrelid
    where i.indisunique and ${isTenantTable('i.indrelid')}
      and not exists (select 1 from pg_constraint k where k.conindid = i.indexrelid)
      and ${firstColumn('i.indrelid', sql`i.indkey[0]`)} <> 'tenant_id'
    order by 1`.execute(db);
  return rows;
}

const withTenant = (cols: string) =>
  ['tenant_id', ...cols.split(', ').filter((c) => c !== 'tenant_id')].join(', ');

/** `PRIMARY KEY (a, b)` → `PRIMARY KEY (tenant_id, a, b)`, keeping whatever follows the list. */
function leadKey(def: string): string {
  const match = /^(PRIMARY KEY|UNIQUE(?: NULLS NOT DISTINCT)?) \(([^)]*)\)(.*)$/s.exec(def);
  if (!match) throw new Error(`Unexpected key definition: ${def}`);
  return `${match[1]} (${withTenant(match[2]!)})${match[3]}`;
}

/** `CREATE UNIQUE INDEX … USING btree (a, lower(b))` → `… USING btree (tenant_id, a, …`. */
function leadIndex(def: string): string {
  if (!/ USING \w+ \(/.test(def)) throw new Error(`Unexpected index definition: ${def}`);
  return def.replace(/ USING (\w+) \(/, ' USING $1 (tenant_id, ');
}

/** `CREATE UNIQUE INDEX name ON t …` → `CREATE INDEX name_lookup ON t …` (63 bytes max). */
function lookupIndex(def: string): string {
  const match = /^CREATE UNIQUE INDEX (\S+) (ON .*)$/s.exec(def);
  if (!match) throw new Error(`Unexpected index definition: ${def}`);
  return `CREATE INDEX ${match[1]!.slice(0, 56)}_lookup ${match[2]}`;
}

/**
 * `FOREIGN KEY (a) REFERENCES p(id) ON DELETE SET NULL` →
 * `FOREIGN KEY (tenant_id, a) REFERENCES p(tenant_id, id) ON DELETE SET NULL (a)`: a plain
 * SET NULL would null tenant_id too (the column list is PostgreSQL 15+).
 */
function leadForeignKey(def: string): string {
  const match = /^FOREIGN KEY \(([^)]*)\) REFERENCES ([^(]+)\(([^)]*)\)(.*)$/s.exec(def);
  if (!match) throw new Error(`Unexpected foreign key definition: ${def}`);
  const [, cols, parent, parentCols, rest] = match as unknown as string[] as [
    string, string, string, string, string,
  ];
  const own = cols.split(', ').filter((c) => c !== 'tenant_id').join(', ');
  const actions = rest.replace(/ON DELETE SET (NULL|DEFAULT)(?! \()/, `ON DELETE SET $1 (${own})`);
  const reference = `${parent}(${withTenant(parentCols)})`;
  return `FOREIGN KEY (${withTenant(cols)}) REFERENCES ${reference}${actions}`;
}
