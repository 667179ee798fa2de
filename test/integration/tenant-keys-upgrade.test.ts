import { expect } from 'chai';
import type { Kysely } from 'kysely';
import { createDb } from '../../src/db/connection.js';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../../src/db/embedded-postgres.js';
import { migrateTo, migrateToLatest } from '../../src/db/migrate.js';

/**
 * Migration 012 on a database that already holds rows: a private PGlite migrated to 011, filled
 * in the shape of that version, then migrated to the latest.
 */

// The rows are written in the 011 shape, which the current schema types no longer describe.
type AnyDb = Kysely<any>;

async function insert(db: AnyDb, table: string, values: Record<string, unknown>): Promise<string> {
  const row = await db.insertInto(table).values(values).returning('id').executeTakeFirstOrThrow();
  return row.id as string;
}

const add = (db: AnyDb, table: string, values: Record<string, unknown>) =>
  db.insertInto(table).values(values).execute();

const program = (tenant: string, course: string, extra: Record<string, unknown> = {}) => ({
  tenant_id: tenant, course_id: course, title: 'Circles', purpose: 'onboarding',
  program_types: JSON.stringify(['one_on_one']), starts_on: '2027-01-11', ends_on: '2027-06-30',
  cadence: 'monthly', circle_size_min: 2, circle_size_max: 4, mentor_capacity: 2,
  mentor_selection: 'self_nomination', matching_mode: 'admin_approved', confidentiality: 'kept',
  prompt_track: 'foundations', ...extra,
});

/** Two tenants of one LMS; the first with a circle holding a row in each former child table. */
async function seedAtVersion011(db: AnyDb) {
  const platform = await insert(db, 'lti_registrations', {
    issuer: 'https://lms.test', client_id: 'tool', name: 'LMS',
    auth_endpoint: 'https://lms.test/auth', token_endpoint: 'https://lms.test/token',
    jwks_uri: 'https://lms.test/jwks', status: 'active', registered_via: 'manual',
  });
  const a = await insert(db, 'lti_deployments', { platform_id: platform, deployment_id: 'a' });
  const b = await insert(db, 'lti_deployments', { platform_id: platform, deployment_id: 'b' });
  const user = await insert(db, 'users', { tenant_id: a, subject: 'mentor' });
  const userB = await insert(db, 'users', { tenant_id: b, subject: 'other' });
  const course = await insert(db, 'courses', { tenant_id: a, context_id: 'c1' });
  const programA = await insert(db, 'programs', program(a, course, { created_by: user }));
  const participant = await insert(db, 'participants', {
    tenant_id: a, program_id: programA, user_id: user, program_role: 'mentor',
  });
  const circle = await insert(db, 'circles', {
    tenant_id: a, program_id: programA, name: 'One', capacity: 3, started_on: '2027-01-11',
  });
  const version = await insert(db, 'contract_versions', {
    tenant_id: a, circle_id: circle, version: 1, mentor_role: 'r', mentee_objectives: 'o',
    cadence: 'c', confidentiality: 'c', feedback_channel: 'f', escalation_path: 'e',
    proposed_by: user,
  });
  await add(db, 'contract_acknowledgements', { contract_version_id: version, user_id: user });
  const meeting = await insert(db, 'circle_meetings', {
    tenant_id: a, circle_id: circle, starts_at: new Date('2027-02-01T10:00:00Z'),
    duration_minutes: 30, mode: 'virtual', created_by: user,
  });
  await add(db, 'meeting_attendance', {
    meeting_id: meeting, participant_id: participant, marked_by: user,
  });
  await add(db, 'survey_submissions', { program_id: programA, participant_id: participant });
  return { a, b, user, userB, course, programA, participant, circle, meeting };
}

/** PostgreSQL's SQLSTATE of a failed statement (23503: foreign_key_violation). */
type Ids = Awaited<ReturnType<typeof seedAtVersion011>>;

const sqlState = (work: Promise<unknown>) =>
  work.then(() => 'accepted', (err: { code?: string }) => err.code);

const snapshot = async (db: AnyDb) => ({
  participants: await db.selectFrom('participants').selectAll().orderBy('id').execute(),
  attendance: await db.selectFrom('meeting_attendance').selectAll().execute(),
});

describe('migration 012 on a database with rows', () => {
  let server: EmbeddedPostgres;
  let db: AnyDb;
  let ids: Ids;

  before(async function () {
    this.timeout(120_000);
    server = await startEmbeddedPostgres({ maxConnections: 5 });
    db = createDb(server.url, 2) as AnyDb;
    await migrateTo(db, '011-rate-limits');
    ids = await seedAtVersion011(db);
    await migrateToLatest(db);
  });

  after(async () => {
    await db?.destroy();
    await server?.stop();
  });

  it('when rows are migrated, then each former child row has its parent’s tenant', async () => {
    for (const table of ['contract_acknowledgements', 'meeting_attendance', 'survey_submissions']) {
      const rows = await db.selectFrom(table).select('tenant_id').execute();
      expect(rows, table).to.deep.equal([{ tenant_id: ids.a }]);
    }
  });

  it('when a row names a parent of another tenant, then its foreign key refuses it', async () => {
    const before = await snapshot(db);
    const crossParticipant = db.insertInto('participants').values({
      tenant_id: ids.b, program_id: ids.programA, user_id: ids.userB, program_role: 'mentee',
    }).execute();
    expect(await sqlState(crossParticipant)).to.equal('23503');
    const crossAttendance = db.insertInto('meeting_attendance').values({
      tenant_id: ids.b, meeting_id: ids.meeting, participant_id: ids.participant,
      marked_by: ids.userB,
    }).execute();
    expect(await sqlState(crossAttendance)).to.equal('23503');
    expect(await snapshot(db)).to.deep.equal(before);
  });

  it('when a SET NULL parent goes, then the reference is cleared and the tenant kept', async () => {
    const author = await insert(db, 'users', { tenant_id: ids.a, subject: 'author' });
    const { a, course } = ids;
    const original = await insert(db, 'programs', program(a, course, { created_by: author }));
    const copy = await insert(db, 'programs', program(a, course, { duplicated_from: original }));
    const link = await insert(db, 'resource_links', {
      tenant_id: a, course_id: course, link_id: 'link-1', program_id: copy,
    });
    const programOf = (id: string) => db.selectFrom('programs')
      .select(['tenant_id', 'created_by', 'duplicated_from']).where('id', '=', id)
      .executeTakeFirst();
    const orphan = { tenant_id: a, created_by: null, duplicated_from: null };

    await db.deleteFrom('users').where('id', '=', author).execute();
    expect(await programOf(original), 'without its author').to.deep.equal(orphan);
    await db.deleteFrom('programs').where('id', '=', original).execute();
    expect(await programOf(copy), 'without its original').to.deep.equal(orphan);
    await db.deleteFrom('programs').where('id', '=', copy).execute();
    const linked = await db.selectFrom('resource_links').select(['tenant_id', 'program_id'])
      .where('id', '=', link).executeTakeFirst();
    expect(linked).to.deep.equal({ tenant_id: a, program_id: null });
  });
});
