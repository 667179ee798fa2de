import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Db } from '../../src/db/connection.js';
import { appendToOutbox } from '../../src/db/repositories/outbox-repository.js';
import { domainEvent, type DomainEvent, type EventType } from '../../src/mentoring/events.js';
import { createSecretBox } from '../../src/shared/secret-box.js';
import type { Session } from '../../src/web/session.js';
import { instructor, learner } from './factories.js';
import type { TestLrs } from './lrs.js';
import type { TestPlatform } from './test-platform.js';
import { TEST_ENCRYPTION_KEY, type TestTool } from './test-tool.js';
import { MENTEE, MENTOR, OTHER_MENTOR, SAMPLE_DATA } from './xapi-factories.js';
import { insertParticipant, insertProgram, launchAs } from './xapi-world.js';

export interface CourseWorld {
  mentee: Session;
  menteeToken: string;
  mentor: Session;
  otherMentor: Session;
  staffToken: string;
  staff: Session;
  programId: string;
  registration: string;
}

/** A course with a staff member, a mentee, two mentors and a program the mentee takes part in. */
export async function buildCourseWorld(tool: TestTool, platform: TestPlatform, contextId: string): Promise<CourseWorld> {
  const context = { id: contextId, title: `Course ${contextId}`, label: contextId };
  const mentee = await launchAs(tool, platform, learner(), { context });
  const mentor = await launchAs(tool, platform, learner(), { context });
  const otherMentor = await launchAs(tool, platform, learner(), { context });
  const staff = await launchAs(tool, platform, instructor(), { context });
  const programId = await insertProgram(tool.db, mentee.session, { title: `Program of ${contextId}`, types: ['one_on_one', 'group'] });
  const registration = await insertParticipant(tool.db, { tenantId: mentee.session.tenantId, programId, userId: mentee.session.userId });
  await insertParticipant(tool.db, { tenantId: mentee.session.tenantId, programId, userId: mentor.session.userId }, 'mentor');
  return { mentee: mentee.session, menteeToken: mentee.token, mentor: mentor.session, otherMentor: otherMentor.session, staff: staff.session, staffToken: staff.token, programId, registration };
}

/** An event of `type` by the world's mentee, naming the world's real people. */
export function worldEvent(world: CourseWorld, type: EventType, circleId: string | null = crypto.randomUUID()): DomainEvent {
  const ids: Record<string, string> = { [MENTEE]: world.mentee.userId, [MENTOR]: world.mentor.userId, [OTHER_MENTOR]: world.otherMentor.userId };
  const data = JSON.parse(JSON.stringify(SAMPLE_DATA[type]).replace(/[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-8[0-9a-f]{3}-[0-9a-f]{12}/g, (id) => ids[id] ?? id));
  const programLevel = type.startsWith('program') || type.startsWith('participant') || type.startsWith('match') || type === 'profile_completed';
  return domainEvent(type, {
    tenantId: world.mentee.tenantId, courseId: world.mentee.courseId, programId: type === 'launched' ? null : world.programId,
    circleId: type === 'launched' || programLevel ? null : circleId, actorUserId: world.mentee.userId, data,
  });
}

export async function append(db: Db, events: DomainEvent[]): Promise<void> {
  for (let i = 0; i < events.length; i += 200) await db.transaction().execute((trx) => appendToOutbox(trx, events.slice(i, i + 200)));
}

/** Points the world's tenant at an LRS (as the LRS page would save it). */
export async function setTenantLrs(db: Db, tenantId: string, lrs: { endpoint: string; username: string; password: string }, identityMode: 'account' | 'email' | 'pseudonymous' = 'account'): Promise<void> {
  const secret = createSecretBox(TEST_ENCRYPTION_KEY, 'lrs-secret-v1').seal(lrs.password);
  await db.deleteFrom('xapi_lrs_settings').where('tenant_id', '=', tenantId).where('program_id', 'is', null).execute();
  await db.insertInto('xapi_lrs_settings').values({ tenant_id: tenantId, program_id: null, endpoint: lrs.endpoint, username: lrs.username, secret_encrypted: secret, identity_mode: identityMode, updated_by: null }).execute();
}

/** Batches until none is due (bounded: with the tests' short retry delays failing rows come due again quickly). */
export async function deliverAll(tool: TestTool): Promise<void> {
  for (let i = 0; i < 60 && (await tool.app.xapi.dispatcher.deliverOnce()) > 0; i++);
}

export const lrsLogin = (lrs: TestLrs) => ({ endpoint: lrs.endpoint, username: lrs.username, password: lrs.password });

export async function statusesOf(db: Db, ids: string[]): Promise<Record<string, number>> {
  const rows = await db.selectFrom('xapi_outbox').where('id', 'in', ids).select('status').execute();
  return rows.reduce<Record<string, number>>((acc, r) => ({ ...acc, [r.status]: (acc[r.status] ?? 0) + 1 }), {});
}

/** Starts the outbox worker of a second instance in its own process. */
export function startWorkerProcess(env: Record<string, string>) {
  const script = fileURLToPath(new URL('./outbox-worker-process.ts', import.meta.url));
  const child = fork(script, [], { env: { ...process.env, ...env }, execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const done = new Promise<number | null>((resolve) => child.on('message', (m: { done?: number }) => m.done !== undefined && resolve(m.done)));
  return { child, done };
}
