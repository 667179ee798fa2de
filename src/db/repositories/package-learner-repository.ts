import { sql } from 'kysely';
import type { PackageStore } from '../../delivery/package-ports.js';
import type { Db } from '../connection.js';
import { appendToOutbox } from './outbox-repository.js';

/**
 * The subject of a package learner: scoped to the package, so two packages never share a person.
 */
export const packageSubject = (packageId: string, learnerKey: string) =>
  `package:${packageId}:${learnerKey}`;

type LearnerQueries = Pick<PackageStore, 'learners' | 'spendNonce' | 'admit' | 'isLearnerOf'>;

export function packageLearnerQueries(db: Db): LearnerQueries {
  return {
    async learners(scope, programId, packageId) {
      const { rows } = await sql<{
        user_id: string;
        learner_key: string;
        name: string | null;
        launches: number;
        created_at: Date;
        last_launch_at: Date | null;
      }>`
        select pl.user_id, pl.learner_key, u.name, pl.created_at, pl.last_launch_at,
          (select count(*)::int from package_launches l where l.tenant_id = pl.tenant_id
            and l.package_id = pl.package_id and l.learner_key = pl.learner_key) as launches
        from package_learners pl
        join delivery_packages dp on dp.tenant_id = pl.tenant_id and dp.id = pl.package_id
        join programs p on p.tenant_id = dp.tenant_id and p.id = dp.program_id
        join users u on u.tenant_id = pl.tenant_id and u.id = pl.user_id
        where pl.tenant_id = ${scope.tenantId} and p.course_id = ${scope.courseId}
          and dp.program_id = ${programId} and pl.package_id = ${packageId}
        order by pl.last_launch_at desc nulls last, u.name`.execute(db);
      return rows.map((r) => ({
        userId: r.user_id,
        learnerKey: r.learner_key,
        name: r.name,
        launches: r.launches,
        firstSeenAt: new Date(r.created_at),
        lastLaunchAt: r.last_launch_at && new Date(r.last_launch_at),
      }));
    },
    async spendNonce(p, nonce, learnerKey, origin, at) {
      const r = await db
        .insertInto('package_launches')
        .values({
          tenant_id: p.tenantId,
          package_id: p.id,
          nonce,
          learner_key: learnerKey,
          origin,
          launched_at: at,
        })
        .onConflict((oc) => oc.doNothing())
        .returning('nonce')
        .executeTakeFirst();
      return r !== undefined;
    },
    async admit(p, learner, at, toEvents) {
      return db.transaction().execute(async (trx) => {
        const user = await trx
          .insertInto('users')
          .values({
            tenant_id: p.tenantId,
            subject: packageSubject(p.id, learner.learnerKey),
            name: learner.name,
            given_name: learner.givenName,
            family_name: learner.familyName,
          })
          .onConflict((oc) =>
            oc.columns(['tenant_id', 'subject']).doUpdateSet({
              name: learner.name,
              given_name: learner.givenName,
              family_name: learner.familyName,
              updated_at: at,
            }),
          )
          .returning('id')
          .executeTakeFirstOrThrow();
        const enrolment = await trx
          .insertInto('enrolments')
          .values({
            tenant_id: p.tenantId,
            course_id: p.courseId,
            user_id: user.id,
            lti_roles: '[]',
            course_role: 'learner',
            source: 'launch',
          })
          .onConflict((oc) =>
            oc.columns(['tenant_id', 'course_id', 'user_id']).doUpdateSet({
              last_launch_at: at,
              status: 'active',
              left_at: null,
            }),
          )
          .returning('id')
          .executeTakeFirstOrThrow();
        let joinedAs = null;
        if (learner.role) {
          const joined = await trx
            .insertInto('participants')
            .values({
              tenant_id: p.tenantId,
              program_id: p.programId,
              user_id: user.id,
              program_role: learner.role,
              last_activity_at: at,
            })
            .onConflict((oc) =>
              oc
                .columns(['tenant_id', 'program_id', 'user_id'])
                .doUpdateSet({ last_activity_at: at, status: 'active', left_at: null }),
            )
            .returning(sql<boolean>`(xmax = 0)`.as('inserted'))
            .executeTakeFirstOrThrow();
          if (joined.inserted) joinedAs = learner.role;
        }
        await trx
          .insertInto('package_learners')
          .values({
            tenant_id: p.tenantId,
            package_id: p.id,
            learner_key: learner.learnerKey,
            user_id: user.id,
            last_launch_at: at,
          })
          .onConflict((oc) =>
            oc
              .columns(['tenant_id', 'package_id', 'learner_key'])
              .doUpdateSet({ last_launch_at: at }),
          )
          .execute();
        await appendToOutbox(trx, toEvents(user.id, joinedAs));
        const course = await trx
          .selectFrom('courses')
          .select(['title', 'label'])
          .where('tenant_id', '=', p.tenantId)
          .where('id', '=', p.courseId)
          .executeTakeFirst();
        return {
          userId: user.id,
          enrolmentId: enrolment.id,
          courseTitle: course?.title ?? course?.label ?? null,
        };
      });
    },
    async isLearnerOf(tenantId, packageId, userId) {
      const row = await db
        .selectFrom('package_learners')
        .select('user_id')
        .where('tenant_id', '=', tenantId)
        .where('package_id', '=', packageId)
        .where('user_id', '=', userId)
        .executeTakeFirst();
      return row !== undefined;
    },
  };
}
