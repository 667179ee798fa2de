import { sql } from 'kysely';
import type { Db } from '../connection.js';
import type { LaunchContext } from '../../lti/launch-context.js';
import type { LaunchRecord } from '../../lti/ports.js';

export function createLaunchRepository(db: Db) {
  return {
    /** Creates or updates the user, course, resource link and enrolment of a launch, atomically. */
    async record(tenantId: string, ctx: LaunchContext): Promise<LaunchRecord> {
      return db.transaction().execute(async (trx) => {
        const now = sql<Date>`now()`;
        const user = await trx
          .insertInto('users')
          .values({ tenant_id: tenantId, subject: ctx.user.subject, name: ctx.user.name, given_name: ctx.user.givenName, family_name: ctx.user.familyName, email: ctx.user.email })
          .onConflict((oc) =>
            oc.columns(['tenant_id', 'subject']).doUpdateSet((eb) => ({
              name: eb.fn.coalesce('excluded.name', 'users.name'),
              given_name: eb.fn.coalesce('excluded.given_name', 'users.given_name'),
              family_name: eb.fn.coalesce('excluded.family_name', 'users.family_name'),
              email: eb.fn.coalesce('excluded.email', 'users.email'),
              updated_at: now,
            })),
          )
          .returning(['id', 'name'])
          .executeTakeFirstOrThrow();

        const course = await trx
          .insertInto('courses')
          .values({ tenant_id: tenantId, context_id: ctx.course.contextId, title: ctx.course.title, label: ctx.course.label, context_types: JSON.stringify(ctx.course.types) })
          .onConflict((oc) =>
            oc.columns(['tenant_id', 'context_id']).doUpdateSet((eb) => ({
              title: eb.fn.coalesce('excluded.title', 'courses.title'),
              label: eb.fn.coalesce('excluded.label', 'courses.label'),
              context_types: eb.ref('excluded.context_types'),
              updated_at: now,
            })),
          )
          .returning(['id', 'title', 'label'])
          .executeTakeFirstOrThrow();

        let resourceLinkId: string | null = null;
        if (ctx.resourceLink) {
          const link = await trx
            .insertInto('resource_links')
            .values({ tenant_id: tenantId, course_id: course.id, link_id: ctx.resourceLink.id, title: ctx.resourceLink.title })
            .onConflict((oc) =>
              oc.columns(['tenant_id', 'link_id']).doUpdateSet((eb) => ({
                title: eb.fn.coalesce('excluded.title', 'resource_links.title'),
                course_id: eb.ref('excluded.course_id'),
                updated_at: now,
              })),
            )
            .returning('id')
            .executeTakeFirstOrThrow();
          resourceLinkId = link.id;
        }

        const enrolment = await trx
          .insertInto('enrolments')
          .values({ tenant_id: tenantId, course_id: course.id, user_id: user.id, lti_roles: JSON.stringify(ctx.roles), course_role: ctx.courseRole })
          .onConflict((oc) =>
            oc.columns(['course_id', 'user_id']).doUpdateSet((eb) => ({
              lti_roles: eb.ref('excluded.lti_roles'),
              course_role: eb.ref('excluded.course_role'),
              last_launch_at: now,
            })),
          )
          .returning('id')
          .executeTakeFirstOrThrow();

        return {
          tenantId,
          userId: user.id,
          userName: user.name,
          courseId: course.id,
          courseTitle: course.title ?? course.label,
          resourceLinkId,
          enrolmentId: enrolment.id,
        };
      });
    },
  };
}
