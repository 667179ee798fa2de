import { sql, type Kysely } from 'kysely';

/**
 * A tenant is no longer an LTI deployment by definition: `tenants` holds both kinds, an LMS
 * deployment (`lti`, same id as its lti_deployments row) and a standalone workspace (`workspace`,
 * staff sign in with one-time links). Every tenant_id that referenced lti_deployments now
 * references tenants, found in the live catalog (like 012): every table added before this one.
 *
 * Two triggers keep the deployment and its tenant one thing: inserting a deployment creates its
 * tenant row, deleting it deletes the tenant (whose tenant_id foreign keys cascade, as before).
 * Triggers rather than repository code because every path that writes deployments (Dynamic
 * Registration, the CLI, upgrade tests writing rows at older versions) must keep working unchanged.
 *
 * A workspace's `home_page` is the xAPI account home page of its people, fixed at creation so a
 * later change of PUBLIC_URL does not split their identities in the LRS.
 * No down: a workspace's rows have no deployment to hang off again.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table tenants (
    id uuid primary key default gen_random_uuid(),
    kind text not null check (kind in ('lti', 'workspace')),
    name text not null,
    home_page text,
    created_at timestamptz not null default now(),
    constraint tenants_home_page_of_workspaces
      check ((kind = 'workspace') = (home_page is not null))
  )`.execute(db);
  await sql`insert into tenants (id, kind, name, created_at)
    select d.id, 'lti', r.name || ' · ' || d.deployment_id, d.created_at
    from lti_deployments d join lti_registrations r on r.id = d.platform_id`.execute(db);
  await sql`alter table lti_deployments add constraint lti_deployments_tenant_fkey
    foreign key (id) references tenants (id) on delete cascade`.execute(db);
  await retargetTenantForeignKeys(db);
  await deploymentTriggers(db);
  await workspaceTables(db);
}

type ForeignKey = { table: string; name: string; def: string };

async function retargetTenantForeignKeys(db: Kysely<unknown>): Promise<void> {
  const { rows } = await sql<ForeignKey>`select k.conrelid::regclass::text as table,
      k.conname as name, pg_get_constraintdef(k.oid) as def
    from pg_constraint k
    where k.contype = 'f' and k.confrelid = 'lti_deployments'::regclass
      and k.conrelid <> 'lti_deployments'::regclass
    order by 1, 2`.execute(db);
  for (const fk of rows) {
    const def = fk.def.replace(/REFERENCES lti_deployments\(id\)/, 'REFERENCES tenants(id)');
    if (def === fk.def) throw new Error(`Unexpected foreign key definition: ${fk.def}`);
    await sql`alter table ${sql.table(fk.table)} drop constraint ${sql.id(fk.name)},
      add constraint ${sql.id(fk.name)} ${sql.raw(def)}`.execute(db);
  }
}

async function deploymentTriggers(db: Kysely<unknown>): Promise<void> {
  await sql`create function mc_deployment_tenant_insert() returns trigger language plpgsql as $$
    begin
      insert into tenants (id, kind, name)
        select new.id, 'lti', r.name || ' · ' || new.deployment_id
        from lti_registrations r where r.id = new.platform_id
        on conflict (id) do nothing;
      return new;
    end $$`.execute(db);
  await sql`create trigger lti_deployments_tenant_insert before insert on lti_deployments
    for each row execute function mc_deployment_tenant_insert()`.execute(db);
  await sql`create function mc_deployment_tenant_delete() returns trigger language plpgsql as $$
    begin
      delete from tenants where id = old.id and kind = 'lti';
      return null;
    end $$`.execute(db);
  await sql`create trigger lti_deployments_tenant_delete after delete on lti_deployments
    for each row execute function mc_deployment_tenant_delete()`.execute(db);
}

async function workspaceTables(db: Kysely<unknown>): Promise<void> {
  await sql`create table workspace_people (
    tenant_id uuid not null references tenants (id) on delete cascade,
    user_id uuid not null,
    email text not null,
    role text not null check (role in ('admin', 'staff')),
    invited_by uuid,
    created_at timestamptz not null default now(),
    primary key (tenant_id, user_id),
    unique (tenant_id, email),
    foreign key (tenant_id, user_id) references users (tenant_id, id) on delete cascade
  )`.execute(db);
  await sql`create table workspace_sign_in_links (
    tenant_id uuid not null references tenants (id) on delete cascade,
    id uuid not null default gen_random_uuid(),
    user_id uuid not null,
    token_hash text not null,
    created_by uuid,
    created_at timestamptz not null,
    expires_at timestamptz not null,
    used_at timestamptz,
    primary key (tenant_id, id),
    unique (tenant_id, token_hash),
    foreign key (tenant_id, user_id) references users (tenant_id, id) on delete cascade
  )`.execute(db);
  await sql`create index workspace_sign_in_links_expires_idx
    on workspace_sign_in_links (expires_at)`.execute(db);
}
