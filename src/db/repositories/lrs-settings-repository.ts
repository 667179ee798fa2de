import type { LrsSettingsStore } from '../../xapi/lrs-admin-ports.js';
import { sameEndpoint } from '../../xapi/lrs-client.js';
import type { Db } from '../connection.js';

export function createLrsSettingsRepository(db: Db): LrsSettingsStore {
  return {
    async listForCourse(scope) {
      const programs = await db.selectFrom('programs').where('tenant_id', '=', scope.tenantId)
        .where('course_id', '=', scope.courseId).select(['id', 'title']).orderBy('created_at').execute();
      const rows = await db
        .selectFrom('xapi_lrs_settings as s')
        .leftJoin('programs as p', 'p.id', 's.program_id')
        .where('s.tenant_id', '=', scope.tenantId)
        .where((eb) => eb.or([eb('s.program_id', 'is', null), eb('p.course_id', '=', scope.courseId)]))
        .select(['s.id', 's.program_id', 'p.title', 's.endpoint', 's.username', 's.secret_encrypted', 's.xapi_version',
          's.identity_mode', 's.updated_at'])
        .execute();
      return {
        programs,
        settings: rows.map((r) => ({
          id: r.id, programId: r.program_id, programTitle: r.title, endpoint: r.endpoint, username: r.username,
          secretEncrypted: r.secret_encrypted, version: r.xapi_version, identityMode: r.identity_mode, updatedAt: r.updated_at,
        })),
      };
    },

    async save(scope, target, input) {
      return db.transaction().execute(async (trx) => {
        const programId = target.kind === 'program' ? target.programId : null;
        if (programId) {
          const owned = await trx.selectFrom('programs').where('id', '=', programId).where('tenant_id', '=', scope.tenantId)
            .where('course_id', '=', scope.courseId).select('id').executeTakeFirst();
          if (!owned) return 'not-found';
        }
        const current = await trx.selectFrom('xapi_lrs_settings').where('tenant_id', '=', scope.tenantId)
          .where('program_id', programId ? '=' : 'is', programId)
          .select(['id', 'endpoint', 'username', 'secret_encrypted', 'endpoint_version']).forUpdate().executeTakeFirst();
        const values = {
          endpoint: input.endpoint, username: input.username, xapi_version: input.version, identity_mode: input.identityMode,
          updated_by: scope.userId, updated_at: new Date(),
        };
        if (!current) {
          if (!input.secretEncrypted) return 'secret-required';
          await trx.insertInto('xapi_lrs_settings')
            .values({ ...values, tenant_id: scope.tenantId, program_id: programId, secret_encrypted: input.secretEncrypted }).execute();
          return 'saved';
        }
        const moved = !sameEndpoint(current.endpoint, input.endpoint);
        // Checked under the row lock: the stored secret stays only with the endpoint it was saved for.
        if (!input.secretEncrypted && (moved || current.username !== input.username)) return 'secret-required';
        await trx.updateTable('xapi_lrs_settings').where('id', '=', current.id).set({
          ...values, secret_encrypted: input.secretEncrypted ?? current.secret_encrypted,
          endpoint_version: moved ? current.endpoint_version + 1 : current.endpoint_version,
        }).execute();
        return 'saved';
      });
    },
  };
}
