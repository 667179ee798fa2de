import type { Selectable, Updateable } from 'kysely';
import type {
  Cmi5Session,
  Cmi5SessionStore,
  NewCmi5Session,
  RegistrationState,
  SessionStep,
} from '../../delivery/cmi5/cmi5-ports.js';
import type { Cmi5Verb } from '../../delivery/cmi5/cmi5-statements.js';
import type { SecretBox } from '../../shared/secret-box.js';
import type { Db } from '../connection.js';
import type { Cmi5SessionsTable } from '../schema.js';

type Row = Selectable<Cmi5SessionsTable>;

const COLUMN: Record<
  Cmi5Verb,
  'initialized_at' | 'completed_at' | 'passed_at' | 'failed_at' | 'terminated_at'
> = {
  initialized: 'initialized_at',
  completed: 'completed_at',
  passed: 'passed_at',
  failed: 'failed_at',
  terminated: 'terminated_at',
};

function toSession(row: Row, box: SecretBox): Cmi5Session {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    packageId: row.package_id,
    userId: row.user_id,
    registration: row.registration,
    lmsSessionId: row.lms_session_id,
    activityId: row.activity_id,
    actor: row.actor,
    endpoint: row.endpoint,
    authToken: box.open(row.auth_token),
    contextTemplate: row.context_template,
    launchMode: row.launch_mode,
    moveOn: row.move_on,
    masteryScore: row.mastery_score,
    returnUrl: row.return_url,
    languagePreference: row.language_preference,
    audioPreference: row.audio_preference,
    exitKeyHash: row.exit_key_hash,
    initializedAt: row.initialized_at,
    sent: {
      completed: row.completed_at,
      passed: row.passed_at,
      failed: row.failed_at,
      terminated: row.terminated_at,
    },
    lostAt: row.lost_at,
    lostReason: row.lost_reason,
  };
}

/**
 * The store of cmi5 AU sessions; every query is scoped by tenant (the exit page's lookup by id
 * aside).
 */
export function createCmi5SessionRepository(db: Db, box: SecretBox): Cmi5SessionStore {
  const scoped = (tenantId: string) =>
    db.selectFrom('cmi5_sessions').selectAll().where('tenant_id', '=', tenantId);
  return {
    create(s: NewCmi5Session, at: Date) {
      return db.transaction().execute(async (trx) => {
        // cmi5 9.3.6: a new launch in the registration abandons the open one; it reports no more.
        await trx
          .updateTable('cmi5_sessions')
          .set({ lost_at: at, lost_reason: 'superseded by a new launch' })
          .where('tenant_id', '=', s.tenantId)
          .where('package_id', '=', s.packageId)
          .where('registration', '=', s.registration)
          .where('terminated_at', 'is', null)
          .where('lost_at', 'is', null)
          .execute();
        await trx
          .insertInto('cmi5_sessions')
          .values({
            tenant_id: s.tenantId,
            id: s.id,
            package_id: s.packageId,
            user_id: s.userId,
            registration: s.registration,
            lms_session_id: s.lmsSessionId,
            activity_id: s.activityId,
            actor: JSON.stringify(s.actor),
            endpoint: s.endpoint,
            auth_token: box.seal(s.authToken),
            context_template: JSON.stringify(s.contextTemplate),
            launch_mode: s.launchMode,
            move_on: s.moveOn,
            mastery_score: s.masteryScore,
            return_url: s.returnUrl,
            language_preference: s.languagePreference,
            audio_preference: s.audioPreference,
            exit_key_hash: s.exitKeyHash,
          })
          .execute();
      });
    },
    async findById(id) {
      const row = await db
        .selectFrom('cmi5_sessions')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirst();
      return row && toSession(row, box);
    },
    async openSessionOf(tenantId, userId) {
      const row = await scoped(tenantId)
        .where('user_id', '=', userId)
        .where('initialized_at', 'is not', null)
        .where('terminated_at', 'is', null)
        .where('lost_at', 'is', null)
        .orderBy('created_at', 'desc')
        .limit(1)
        .executeTakeFirst();
      return row && toSession(row, box);
    },
    withRegistrationLocked(tenantId, id, step) {
      return db.transaction().execute(async (trx) => {
        const own = await trx
          .selectFrom('cmi5_sessions')
          .select(['package_id', 'registration'])
          .where('tenant_id', '=', tenantId)
          .where('id', '=', id)
          .executeTakeFirstOrThrow();
        const rows = await trx
          .selectFrom('cmi5_sessions')
          .selectAll()
          .where('tenant_id', '=', tenantId)
          .where('package_id', '=', own.package_id)
          .where('registration', '=', own.registration)
          .orderBy('id')
          .forUpdate()
          .execute();
        const row = rows.find((r) => r.id === id)!;
        const registration: RegistrationState = {
          completed: rows.some((r) => r.completed_at),
          passed: rows.some((r) => r.passed_at),
          failed: rows.some((r) => r.failed_at),
        };
        const done: SessionStep = await step(toSession(row, box), registration);
        const set: Updateable<Cmi5SessionsTable> = {};
        for (const { verb, at } of done.sent) set[COLUMN[verb]] = at;
        if (done.lost) Object.assign(set, { lost_at: done.lost.at, lost_reason: done.lost.reason });
        if (Object.keys(set).length > 0) {
          await trx
            .updateTable('cmi5_sessions')
            .set(set)
            .where('tenant_id', '=', tenantId)
            .where('id', '=', id)
            .execute();
        }
        return done;
      });
    },
  };
}
