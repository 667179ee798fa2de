import { createDecipheriv, createHash, createPrivateKey, createPublicKey } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../db/connection.js';
import type { ToolKeyRepository } from '../db/repositories/tool-key-repository.js';
import type { Clock } from '../shared/clock.js';
import type { Logger } from '../shared/logger.js';
import type { SecretBox } from '../shared/secret-box.js';
import { publicJwkOf } from './tool-keys.js';

interface LtijsKeyRow {
  kid: string;
  iv: string;
  data: string;
  registration_id: string;
}

/** ltijs-sequelize 2.4 sealed documents with AES-256-CBC under sha256(encryption key). */
function openLtijs(row: LtijsKeyRow, encryptionKey: string): string {
  const key = createHash('sha256').update(encryptionKey).digest().subarray(0, 32);
  const decipher = createDecipheriv('aes-256-cbc', key, Buffer.from(row.iv, 'hex'));
  const plain = Buffer.concat([decipher.update(Buffer.from(row.data, 'hex')), decipher.final()]);
  return (JSON.parse(plain.toString('utf8')) as { key: string }).key;
}

async function tableExists(db: Db, name: string): Promise<boolean> {
  const { rows } = await sql<{ t: string | null }>`select to_regclass(${name})::text as t`.execute(db);
  return rows[0]?.t != null;
}

/**
 * Registrations made when ltijs ran the launch keep their key pair and kid (platforms cached our
 * JWKS) and their authorization server: copied once from ltijs's tables into ours, re-sealed.
 * Idempotent; ltijs's tables are left in place for a rollback.
 */
export async function carryOverLtijsKeys(deps: {
  db: Db; store: ToolKeyRepository; box: SecretBox; encryptionKey: string; clock: Clock; logger: Logger;
}): Promise<number> {
  const { db } = deps;
  if (!(await tableExists(db, 'public.privatekeys'))) return 0;
  const { rows } = await sql<LtijsKeyRow>`
    select k.kid, k.iv, k.data, r.id as registration_id
    from privatekeys k
    join lti_registrations r on r.issuer = k."platformUrl" and r.client_id = k."clientId"
    where not exists (select 1 from lti_tool_keys t where t.registration_id = r.id)`.execute(db);
  let carried = 0;
  for (const row of rows) {
    try {
      const pem = createPrivateKey(openLtijs(row, deps.encryptionKey));
      const publicJwk = publicJwkOf(createPublicKey(pem), row.kid);
      const sealed = deps.box.seal(pem.export({ format: 'pem', type: 'pkcs8' }).toString());
      await deps.store.add(
        { kid: row.kid, registrationId: row.registration_id, privateKey: sealed, publicJwk, origin: 'ltijs' },
        deps.clock.now(), null,
      );
      carried += 1;
    } catch (err) {
      deps.logger.error({ err, kid: row.kid }, 'an ltijs key could not be carried over (other key?)');
    }
  }
  if (await tableExists(db, 'public.platforms')) await carryOverAuthorizationServers(db);
  if (carried) deps.logger.info({ carried }, 'carried ltijs registration keys over');
  return carried;
}

async function carryOverAuthorizationServers(db: Db): Promise<void> {
  const { rows } = await sql<{ c: string }>`
    select column_name as c from information_schema.columns
    where table_schema = 'public' and table_name = 'platforms' and column_name = 'authorizationServer'`
    .execute(db);
  if (!rows.length) return;
  await sql`
    update lti_registrations r set authorization_server = p."authorizationServer"
    from platforms p
    where p."platformUrl" = r.issuer and p."clientId" = r.client_id
      and r.authorization_server is null and p."authorizationServer" is not null`.execute(db);
}
