import { sql } from 'kysely';
import type { Db } from '../connection.js';
import type {
  LinkWrite,
  TenantKind,
  Workspace,
  WorkspacePerson,
  WorkspaceStore,
} from '../../workspaces/workspace-ports.js';
import { workspaceSubject } from '../../workspaces/workspace-input.js';
import { createWorkspaceLinkQueries, insertLink } from './workspace-link-repository.js';
import { toPerson, UUID, WORKSPACE_CONTEXT_ID, workspaces, type Trx } from './workspace-scope.js';

export { WORKSPACE_CONTEXT_ID };

type Person = {
  name: string;
  email: string;
  role: WorkspacePerson['role'];
  invitedBy: string | null;
};

const peopleOf = (db: Db | Trx, tenantId: string) =>
  db
    .selectFrom('workspace_people as p')
    .innerJoin('users as u', (j) =>
      j.onRef('u.tenant_id', '=', 'p.tenant_id').onRef('u.id', '=', 'p.user_id'),
    )
    .where('p.tenant_id', '=', tenantId)
    .select(['p.tenant_id as tenantId', 'p.user_id as userId', 'u.name', 'p.email', 'p.role']);

async function insertPerson(
  trx: Trx,
  tenantId: string,
  courseId: string,
  p: Person,
  link: LinkWrite,
) {
  const taken = await trx
    .selectFrom('workspace_people')
    .select('user_id')
    .where('tenant_id', '=', tenantId)
    .where('email', '=', p.email)
    .executeTakeFirst();
  if (taken) return undefined;
  const user = await trx
    .insertInto('users')
    .values({ tenant_id: tenantId, subject: workspaceSubject(), name: p.name, email: p.email })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx
    .insertInto('enrolments')
    .values({
      tenant_id: tenantId,
      course_id: courseId,
      user_id: user.id,
      lti_roles: '[]',
      course_role: 'staff',
      last_launch_at: null,
    })
    .execute();
  await trx
    .insertInto('workspace_people')
    .values({
      tenant_id: tenantId,
      user_id: user.id,
      email: p.email,
      role: p.role,
      invited_by: p.invitedBy,
    })
    .execute();
  await insertLink(trx, tenantId, user.id, link);
  return { tenantId, userId: user.id, name: p.name, email: p.email, role: p.role };
}

export function createWorkspaceRepository(db: Db): WorkspaceStore {
  const listQuery = () =>
    workspaces(db).select((eb) => [
      't.id as tenantId',
      't.name',
      't.home_page as homePage',
      't.created_at as createdAt',
      'c.id as courseId',
      'c.title',
      eb
        .selectFrom('workspace_people as p')
        .whereRef('p.tenant_id', '=', 't.id')
        .select((e) => e.fn.countAll<string>().as('n'))
        .as('people'),
    ]);
  const toWorkspace = (
    r: Awaited<ReturnType<ReturnType<typeof listQuery>['executeTakeFirstOrThrow']>>,
  ): Workspace => ({
    ...r,
    homePage: r.homePage ?? '',
    title: r.title ?? r.name,
    people: Number(r.people ?? 0),
  });
  return {
    async create(input) {
      return db.transaction().execute(async (trx) => {
        await trx
          .insertInto('tenants')
          .values({ id: input.id, kind: 'workspace', name: input.name, home_page: input.homePage })
          .execute();
        const course = await trx
          .insertInto('courses')
          .values({
            tenant_id: input.id,
            context_id: WORKSPACE_CONTEXT_ID,
            title: input.name,
            label: null,
            context_types: '[]',
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        const person = await insertPerson(
          trx,
          input.id,
          course.id,
          { ...input.admin, role: 'admin', invitedBy: null },
          input.link,
        );
        return {
          course: { tenantId: input.id, courseId: course.id, title: input.name },
          person: person!,
        };
      });
    },
    async list() {
      return (await listQuery().orderBy('t.created_at').execute()).map(toWorkspace);
    },
    async find(tenantId) {
      if (!UUID.test(tenantId)) return undefined;
      const row = await listQuery().where('t.id', '=', tenantId).executeTakeFirst();
      return row && toWorkspace(row);
    },
    async kindOf(tenantId): Promise<TenantKind | undefined> {
      if (!UUID.test(tenantId)) return undefined;
      return (
        await db.selectFrom('tenants').select('kind').where('id', '=', tenantId).executeTakeFirst()
      )?.kind;
    },
    async people(tenantId) {
      return (await peopleOf(db, tenantId).orderBy('p.created_at').execute()).map(toPerson);
    },
    async findPerson(tenantId, email) {
      const row = await peopleOf(db, tenantId).where('p.email', '=', email).executeTakeFirst();
      return row && toPerson(row);
    },
    async addPerson(tenantId, person, link) {
      return db.transaction().execute(async (trx) => {
        const course = await workspaces(trx)
          .where('t.id', '=', tenantId)
          .select('c.id')
          .executeTakeFirstOrThrow();
        // One invitation at a time per workspace: two admins adding one address cannot both win.
        const key = `workspace-people:${tenantId}`;
        await sql`select pg_advisory_xact_lock(hashtext(${key}))`.execute(trx);
        return insertPerson(trx, tenantId, course.id, person, link);
      });
    },
    ...createWorkspaceLinkQueries(db),
  };
}
