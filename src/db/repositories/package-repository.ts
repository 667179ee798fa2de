import { sql } from 'kysely';
import type {
  DeliveryPackage,
  PackageStore,
  PackageSummary,
} from '../../delivery/package-ports.js';
import type { CourseRef } from '../../mentoring/programs/ports.js';
import type { SecretBox } from '../../shared/secret-box.js';
import type { Db } from '../connection.js';
import { packageLearnerQueries } from './package-learner-repository.js';

type Row = {
  tenant_id: string;
  id: string;
  program_id: string;
  course_id: string;
  program_title: string;
  kind: DeliveryPackage['kind'];
  label: string;
  expires_at: Date | null;
  allowed_origins: string[];
  status: DeliveryPackage['status'];
  home_page: string;
  created_at: Date;
  deleted_at: Date | null;
  secret: string;
};

export const toPackage = (r: Row): DeliveryPackage => ({
  tenantId: r.tenant_id,
  id: r.id,
  programId: r.program_id,
  courseId: r.course_id,
  programTitle: r.program_title,
  kind: r.kind,
  label: r.label,
  expiresAt: r.expires_at,
  allowedOrigins: r.allowed_origins,
  status: r.status,
  homePage: r.home_page,
  createdAt: r.created_at,
  deletedAt: r.deleted_at,
});

/**
 * Packages of a program. Staff queries start from the course's programs (a package id of another
 * course finds nothing); a launch finds its package by id alone: the id is what names the tenant.
 */
export function createPackageStore(db: Db, box: SecretBox): PackageStore {
  const base = () =>
    db
      .selectFrom('delivery_packages as dp')
      .innerJoin('programs as p', (j) =>
        j.onRef('p.tenant_id', '=', 'dp.tenant_id').onRef('p.id', '=', 'dp.program_id'),
      )
      .select([
        'dp.tenant_id',
        'dp.id',
        'dp.program_id',
        'p.course_id',
        'p.title as program_title',
        'dp.kind',
        'dp.label',
        'dp.expires_at',
        'dp.allowed_origins',
        'dp.status',
        'dp.home_page',
        'dp.created_at',
        'dp.deleted_at',
        'dp.secret',
      ]);
  const inCourse = (scope: CourseRef, programId: string) =>
    base()
      .where('dp.tenant_id', '=', scope.tenantId)
      .where('p.course_id', '=', scope.courseId)
      .where('dp.program_id', '=', programId)
      .where('dp.deleted_at', 'is', null);
  const update = (scope: CourseRef, programId: string, packageId: string) =>
    db
      .updateTable('delivery_packages')
      .where('tenant_id', '=', scope.tenantId)
      .where('program_id', '=', programId)
      .where('id', '=', packageId)
      .where('deleted_at', 'is', null)
      .where('program_id', 'in', (q) =>
        q
          .selectFrom('programs')
          .select('id')
          .where('tenant_id', '=', scope.tenantId)
          .where('course_id', '=', scope.courseId),
      );
  return {
    async create(scope, input) {
      const id = crypto.randomUUID();
      const program = await db
        .selectFrom('programs')
        .select('id')
        .where('tenant_id', '=', scope.tenantId)
        .where('course_id', '=', scope.courseId)
        .where('id', '=', input.programId)
        .executeTakeFirst();
      if (!program) throw new Error('package for a program outside the course');
      await db
        .insertInto('delivery_packages')
        .values({
          tenant_id: scope.tenantId,
          id,
          program_id: input.programId,
          kind: input.kind,
          label: input.label,
          expires_at: input.expiresAt,
          allowed_origins: JSON.stringify(input.allowedOrigins),
          secret: box.seal(input.secret),
          home_page: input.homePageOf(id),
          created_by: input.createdBy,
        })
        .execute();
      return toPackage(
        (await inCourse(scope, input.programId)
          .where('dp.id', '=', id)
          .executeTakeFirstOrThrow()) as Row,
      );
    },
    async listForProgram(scope, programId) {
      const rows = await inCourse(scope, programId)
        .select([
          sql<number>`(select count(*)::int from package_launches l
            where l.tenant_id = dp.tenant_id and l.package_id = dp.id)`.as('launches'),
          sql<number>`(select count(*)::int from package_learners pl
            where pl.tenant_id = dp.tenant_id and pl.package_id = dp.id)`.as('learners'),
          sql<Date | null>`(select max(l.launched_at) from package_launches l
            where l.tenant_id = dp.tenant_id and l.package_id = dp.id)`.as('last_launch_at'),
        ])
        .orderBy('dp.created_at', 'desc')
        .execute();
      return rows.map((r): PackageSummary => ({
        ...toPackage(r as Row),
        launches: r.launches,
        learners: r.learners,
        lastLaunchAt: r.last_launch_at && new Date(r.last_launch_at),
      }));
    },
    async find(scope, programId, packageId) {
      const row = await inCourse(scope, programId)
        .where('dp.id', '=', packageId)
        .executeTakeFirst();
      return row && toPackage(row as Row);
    },
    async setStatus(scope, programId, packageId, status) {
      const r = await update(scope, programId, packageId).set({ status }).executeTakeFirst();
      return r.numUpdatedRows > 0n;
    },
    async replaceSecret(scope, programId, packageId, secret) {
      const r = await update(scope, programId, packageId)
        .set({ secret: box.seal(secret) })
        .executeTakeFirst();
      return r.numUpdatedRows > 0n;
    },
    async markDeleted(scope, programId, packageId, at) {
      const r = await update(scope, programId, packageId)
        .set({ deleted_at: at })
        .executeTakeFirst();
      return r.numUpdatedRows > 0n;
    },
    async secretOf(tenantId, packageId) {
      const row = await db
        .selectFrom('delivery_packages')
        .select('secret')
        .where('tenant_id', '=', tenantId)
        .where('id', '=', packageId)
        .executeTakeFirst();
      return row && box.open(row.secret);
    },
    async findForLaunch(packageId) {
      const row = await base().where('dp.id', '=', packageId).executeTakeFirst();
      return row && { ...toPackage(row as Row), secret: box.open(row.secret) };
    },
    ...packageLearnerQueries(db),
  };
}
