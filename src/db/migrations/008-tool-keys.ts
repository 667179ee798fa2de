import { sql, type Kysely } from 'kysely';

/**
 * The tool's own signing keys per registration (they lived in ltijs's tables before), and the
 * platform's authorization server (the audience of the tool's OAuth2 client assertion).
 * Keys of registrations made under ltijs are carried over at start (see `carryOverLtijsKeys`):
 * that needs the encryption key, which a migration does not have.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('lti_registrations')
    .addColumn('authorization_server', 'text')
    .execute();
  await db.schema
    .createTable('lti_tool_keys')
    .addColumn('kid', 'text', (c) => c.primaryKey())
    .addColumn('registration_id', 'uuid', (c) =>
      c.notNull().references('lti_registrations.id').onDelete('cascade'),
    )
    .addColumn('private_key', 'text', (c) => c.notNull())
    .addColumn('public_jwk', 'jsonb', (c) => c.notNull())
    .addColumn('origin', 'text', (c) => c.notNull().check(sql`origin in ('generated', 'ltijs')`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('retire_after', 'timestamptz')
    .execute();
  await db.schema
    .createIndex('lti_tool_keys_registration')
    .on('lti_tool_keys')
    .columns(['registration_id', 'created_at'])
    .execute();
}
