import { expect } from 'chai';
import { sql, type Kysely } from 'kysely';
import { createDb } from '../../src/db/connection.js';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../../src/db/embedded-postgres.js';
import { migrateTo, migrateToLatest } from '../../src/db/migrate.js';

/**
 * Migration 015 on a database that already holds rows: a private PostgreSQL migrated to 014, two
 * deployments with people, then migrated to the latest. Afterwards every tenant is a `tenants` row.
 */

// Rows are written in the 014 shape, before the schema types knew `tenants`.
type AnyDb = Kysely<any>;

async function insert(db: AnyDb, table: string, values: Record<string, unknown>): Promise<string> {
  const row = await db.insertInto(table).values(values).returning('id').executeTakeFirstOrThrow();
  return row.id as string;
}

const count = async (db: AnyDb, table: string, tenantId: string) =>
  Number(
    (
      await db
        .selectFrom(table)
        .select((e) => e.fn.countAll().as('n'))
        .where(table === 'tenants' ? 'id' : 'tenant_id', '=', tenantId)
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('migration 015 (tenants) on a database with rows', () => {
  let server: EmbeddedPostgres;
  let db: AnyDb;
  let platform: string;
  let a: string;
  let b: string;

  before(async function () {
    this.timeout(120_000);
    server = await startEmbeddedPostgres({ maxConnections: 5 });
    db = createDb(server.url, 2) as AnyDb;
    await migrateTo(db, '014-grades');
    platform = await insert(db, 'lti_registrations', {
      issuer: 'https://lms.test',
      client_id: 'tool',
      name: 'Campus LMS',
      auth_endpoint: 'https://lms.test/auth',
      token_endpoint: 'https://lms.test/token',
      jwks_uri: 'https://lms.test/jwks',
      status: 'active',
      registered_via: 'cli',
    });
    a = await insert(db, 'lti_deployments', { platform_id: platform, deployment_id: 'a' });
    b = await insert(db, 'lti_deployments', { platform_id: platform, deployment_id: 'b' });
    await insert(db, 'users', { tenant_id: a, subject: 'ada' });
    await insert(db, 'courses', { tenant_id: b, context_id: 'c1' });
    await migrateToLatest(db);
  });
  after(async () => {
    await db?.destroy();
    await server?.stop();
  });

  it('when rows are migrated, then each deployment is an lti tenant with the same id', async () => {
    const tenants = await db
      .selectFrom('tenants')
      .select(['id', 'kind', 'name', 'home_page'])
      .orderBy('name')
      .execute();
    expect(tenants).to.deep.equal([
      { id: a, kind: 'lti', name: 'Campus LMS · a', home_page: null },
      { id: b, kind: 'lti', name: 'Campus LMS · b', home_page: null },
    ]);
  });

  it('when the schema is migrated, then no tenant_id references lti_deployments any more', async () => {
    const { rows } = await sql<{ table: string; name: string }>`
      select conrelid::regclass::text as table, conname as name from pg_constraint
      where contype = 'f' and confrelid = 'lti_deployments'::regclass`.execute(db);
    expect(rows).to.deep.equal([]);
    const { rows: toTenants } = await sql<{
      n: number;
    }>`select count(*)::int as n from pg_constraint
      where contype = 'f' and confrelid = 'tenants'::regclass`.execute(db);
    expect(toTenants[0]!.n).to.be.greaterThan(30);
  });

  it('when a deployment is added or removed, then its tenant comes and goes with it, with its rows', async () => {
    const c = await insert(db, 'lti_deployments', { platform_id: platform, deployment_id: 'c' });
    expect(await count(db, 'tenants', c)).to.equal(1);
    await insert(db, 'users', { tenant_id: c, subject: 'cy' });
    await db.deleteFrom('lti_deployments').where('id', '=', c).execute();
    expect(await count(db, 'tenants', c)).to.equal(0);
    expect(await count(db, 'users', c)).to.equal(0);
    expect(await count(db, 'users', a)).to.equal(1);
  });

  it('when a workspace tenant exists, then it needs no deployment, and removing a platform leaves it', async () => {
    const w = await insert(db, 'tenants', {
      kind: 'workspace',
      name: 'Acme',
      home_page: 'https://tool.test/workspaces/x',
    });
    await insert(db, 'users', { tenant_id: w, subject: 'workspace:1' });
    const noHomePage = db
      .insertInto('tenants')
      .values({ kind: 'workspace', name: 'Bad' })
      .execute();
    expect(
      await noHomePage.then(
        () => 'accepted',
        (err: { code?: string }) => err.code,
      ),
    ).to.equal('23514');
    await db.deleteFrom('lti_registrations').where('id', '=', platform).execute();
    expect(await count(db, 'tenants', a)).to.equal(0);
    expect(await count(db, 'users', a)).to.equal(0);
    expect(await count(db, 'users', w)).to.equal(1);
  });
});
