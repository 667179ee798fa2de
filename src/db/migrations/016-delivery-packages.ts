import { sql, type Kysely } from 'kysely';

/**
 * Delivery packages (issue #12 SCORM, #13 cmi5): a program dispatched as a zip to an LMS without
 * LTI 1.3. Its learners are ordinary users of the program's tenant, keyed per package; every launch
 * leaves its nonce (single use) and is what launch counts are made of.
 * The tenant is `tenants` once 015 introduced it, else the LTI deployment (the tenant before 015).
 */
const statements = (tenants: string) => [
  sql`create table delivery_packages (
    tenant_id uuid not null references ${sql.table(tenants)}(id) on delete cascade,
    id uuid not null default gen_random_uuid(),
    program_id uuid not null,
    kind text not null check (kind in ('scorm12', 'scorm2004', 'cmi5')),
    label text not null,
    expires_at timestamptz,
    allowed_origins jsonb not null default '[]'::jsonb,
    secret text not null,
    home_page text not null,
    status text not null default 'active' check (status in ('active', 'disabled')),
    created_at timestamptz not null default now(),
    created_by uuid not null,
    deleted_at timestamptz,
    primary key (tenant_id, id),
    foreign key (tenant_id, program_id) references programs (tenant_id, id) on delete cascade,
    foreign key (tenant_id, created_by) references users (tenant_id, id) on delete cascade
  )`,
  sql`create index delivery_packages_program_idx on delivery_packages (tenant_id, program_id)`,
  sql`create index delivery_packages_id_idx on delivery_packages (id)`,
  sql`create table package_learners (
    tenant_id uuid not null,
    package_id uuid not null,
    learner_key text not null,
    user_id uuid not null,
    created_at timestamptz not null default now(),
    last_launch_at timestamptz,
    primary key (tenant_id, package_id, learner_key),
    unique (tenant_id, user_id),
    foreign key (tenant_id, package_id) references delivery_packages (tenant_id, id)
      on delete cascade,
    foreign key (tenant_id, user_id) references users (tenant_id, id) on delete cascade
  )`,
  sql`create table package_launches (
    tenant_id uuid not null,
    package_id uuid not null,
    nonce text not null,
    learner_key text not null,
    origin text,
    launched_at timestamptz not null default now(),
    primary key (tenant_id, package_id, nonce),
    foreign key (tenant_id, package_id) references delivery_packages (tenant_id, id)
      on delete cascade
  )`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  const { rows } = await sql<{
    t: string | null;
  }>`select to_regclass('public.tenants')::text as t`.execute(db);
  const tenants = rows[0]?.t ? 'tenants' : 'lti_deployments';
  for (const statement of statements(tenants)) await statement.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table if exists package_launches`.execute(db);
  await sql`drop table if exists package_learners`.execute(db);
  await sql`drop table if exists delivery_packages`.execute(db);
}
