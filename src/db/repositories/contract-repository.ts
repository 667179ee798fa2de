import type { Transaction } from 'kysely';
import type { AgreementCheck, ContractStore, ContractVersion } from '../../mentoring/circle-life/contract-ports.js';
import type { Db } from '../connection.js';
import type { Database } from '../schema.js';
import { appendToOutbox } from './outbox-repository.js';

/** Serialises contract changes of one circle: its row is locked for the transaction. */
async function lockCircle(trx: Transaction<Database>, tenantId: string, circleId: string): Promise<number> {
  await trx.selectFrom('circles').select('id').where('id', '=', circleId).where('tenant_id', '=', tenantId).forUpdate().executeTakeFirstOrThrow();
  const row = await trx.selectFrom('contract_versions').select((eb) => eb.fn.max('version').as('latest')).where('circle_id', '=', circleId).executeTakeFirst();
  return Number(row?.latest ?? 0);
}

/** Marks the version agreed and writes the events when the check says everyone has acknowledged it. */
async function agreeIfComplete(trx: Transaction<Database>, tenantId: string, versionId: string, check: AgreementCheck): Promise<void> {
  const acks = await trx.selectFrom('contract_acknowledgements').select('user_id')
    .where('tenant_id', '=', tenantId).where('contract_version_id', '=', versionId).execute();
  const events = check(acks.map((a) => a.user_id));
  if (!events) return;
  const agreed = await trx.updateTable('contract_versions').set({ agreed_at: new Date() }).where('tenant_id', '=', tenantId).where('id', '=', versionId).where('agreed_at', 'is', null).executeTakeFirst();
  if (Number(agreed.numUpdatedRows) === 1) await appendToOutbox(trx, events);
}

export function createContractRepository(db: Db): ContractStore {
  return {
    async versions(tenantId, circleId) {
      const rows = await db.selectFrom('contract_versions').selectAll().where('tenant_id', '=', tenantId).where('circle_id', '=', circleId).orderBy('version', 'desc').execute();
      if (!rows.length) return [];
      const acks = await db.selectFrom('contract_acknowledgements').select(['contract_version_id', 'user_id'])
        .where('tenant_id', '=', tenantId).where('contract_version_id', 'in', rows.map((r) => r.id)).orderBy('acknowledged_at').execute();
      return rows.map((r): ContractVersion => ({
        version: r.version, mentorRole: r.mentor_role, menteeObjectives: r.mentee_objectives, cadence: r.cadence, confidentiality: r.confidentiality,
        feedbackChannel: r.feedback_channel, escalationPath: r.escalation_path, proposedBy: r.proposed_by, createdAt: r.created_at, agreedAt: r.agreed_at,
        acknowledgedBy: acks.filter((a) => a.contract_version_id === r.id).map((a) => a.user_id),
      }));
    },

    async propose(tenantId, circleId, baseVersion, terms, proposerUserId, check) {
      return db.transaction().execute(async (trx) => {
        if ((await lockCircle(trx, tenantId, circleId)) !== baseVersion) return 'stale';
        const row = await trx.insertInto('contract_versions').values({
          tenant_id: tenantId, circle_id: circleId, version: baseVersion + 1, mentor_role: terms.mentorRole, mentee_objectives: terms.menteeObjectives,
          cadence: terms.cadence, confidentiality: terms.confidentiality, feedback_channel: terms.feedbackChannel, escalation_path: terms.escalationPath, proposed_by: proposerUserId,
        }).returning('id').executeTakeFirstOrThrow();
        await trx.insertInto('contract_acknowledgements').values({ tenant_id: tenantId, contract_version_id: row.id, user_id: proposerUserId }).execute();
        await agreeIfComplete(trx, tenantId, row.id, check);
        return 'ok';
      });
    },

    async acknowledge(tenantId, circleId, version, userId, check) {
      return db.transaction().execute(async (trx) => {
        if ((await lockCircle(trx, tenantId, circleId)) !== version) return 'stale';
        const row = await trx.selectFrom('contract_versions').select('id').where('tenant_id', '=', tenantId).where('circle_id', '=', circleId).where('version', '=', version).executeTakeFirstOrThrow();
        await trx.insertInto('contract_acknowledgements').values({ tenant_id: tenantId, contract_version_id: row.id, user_id: userId })
          .onConflict((oc) => oc.doNothing()).execute();
        await agreeIfComplete(trx, tenantId, row.id, check);
        return 'ok';
      });
    },
  };
}
