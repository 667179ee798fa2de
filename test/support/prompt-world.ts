import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../../src/db/connection.js';
import { createMeetingActivity, createNudgeRepository } from '../../src/db/repositories/nudge-repository.js';
import { createProgramRepository } from '../../src/db/repositories/program-repository.js';
import { createPromptCalendarRepository } from '../../src/db/repositories/prompt-calendar-repository.js';
import { createPromptLibraryRepository } from '../../src/db/repositories/prompt-library-repository.js';
import { deliverDuePrompts, findDueCircles } from '../../src/mentoring/prompts/delivery-use-cases.js';
import type { Circle, CircleRole } from '../../src/mentoring/circles/ports.js';
import { buildCircle } from './circle-factory.js';
import { buildProgramForm, instructor } from './factories.js';
import { buildUser } from './platform-claims.js';
import type { TestPlatform } from './test-platform.js';
import type { TestTool } from './test-tool.js';
import { launchAs, type ToolSession } from './tool-session.js';

export interface PromptWorld {
  staff: ToolSession;
  programId: string;
  circle: Circle;
  /** Launched sessions by subject. */
  people: Record<string, ToolSession>;
  /** Platform subjects by the spec's `sub`. */
  subjects: Record<string, string>;
  context: { id: string; title: string; label: string };
}

export interface PromptWorldSpec {
  members?: Array<{ sub: string; name: string; role: CircleRole }>;
  program?: Record<string, string | string[]>;
  circle?: { startedOn?: string; timeZone?: string; formedAt?: string; name?: string };
}

export const DEFAULT_MEMBERS = [
  { sub: 'mara', name: 'Mara Mentor', role: 'mentor' as const },
  { sub: 'ines', name: 'Ines Mentee', role: 'mentee' as const },
  { sub: 'olu', name: 'Olu Mentee', role: 'mentee' as const },
];

/** Sets what a formed circle looks like in time (its zone, when it was formed), as matching would. */
export async function placeCircle(db: Db, circleId: string, change: { timeZone?: string; formedAt?: string }): Promise<void> {
  if (change.timeZone) await db.updateTable('circles').set({ time_zone: change.timeZone }).where('id', '=', circleId).execute();
  if (change.formedAt) await sql`update circles set created_at = ${new Date(change.formedAt)} where id = ${circleId}`.execute(db);
}

/**
 * A course with staff, a program created through its form, learners who launched into it, and one
 * circle of them. Subjects are made unique per world; `people` is keyed by the spec's `sub`.
 */
export async function buildPromptWorld(tool: TestTool, platform: TestPlatform, spec: PromptWorldSpec = {}): Promise<PromptWorld> {
  const tag = randomBytes(3).toString('hex');
  const context = { id: `prompts-${tag}`, title: 'Leading with care', label: 'LEAD' };
  const staff = await launchAs(tool.app.express, platform, instructor(`staff-${tag}`), { context });
  const created = await staff.post('/staff/programs', buildProgramForm({ cadence: 'weekly', startsOn: '2027-01-04', endsOn: '2027-12-20', ...spec.program }), '/staff/programs/new');
  if (created.status !== 303) throw new Error(`program form refused: ${created.status} ${created.text.slice(0, 300)}`);
  const programId = new URL(created.headers.location!, 'http://tool.test').pathname.split('/').pop()!;
  const members = spec.members ?? DEFAULT_MEMBERS;
  const people: Record<string, ToolSession> = {};
  for (const m of members) people[m.sub] = await launchAs(tool.app.express, platform, buildUser({ sub: `${m.sub}-${tag}`, name: m.name }), { context });
  const circle = await buildCircle(tool.db, programId, members.map((m) => ({ subject: `${m.sub}-${tag}`, role: m.role })), { startedOn: spec.circle?.startedOn ?? '2027-01-04', name: spec.circle?.name });
  await placeCircle(tool.db, circle.id, { timeZone: spec.circle?.timeZone ?? 'Europe/Berlin', formedAt: spec.circle?.formedAt ?? '2027-01-01T00:00:00Z' });
  return { staff, programId, circle, people, context, subjects: Object.fromEntries(members.map((m) => [m.sub, `${m.sub}-${tag}`])) };
}

/** The outbox events of a circle, by type. */
export async function circleEvents(db: Db, circleId: string, type: string): Promise<Array<{ actorUserId: string; data: Record<string, unknown> }>> {
  const rows = await db.selectFrom('xapi_outbox').select('event').where('event_type', '=', type).where(sql<boolean>`event->>'circleId' = ${circleId}`).execute();
  return rows.map((r) => r.event as unknown as { actorUserId: string; data: Record<string, unknown> });
}

/** The prompts feature's stores on the test database, as the jobs use them. */
export function promptStores(db: Db) {
  return {
    programs: createProgramRepository(db), library: createPromptLibraryRepository(db), calendars: createPromptCalendarRepository(db),
    nudges: createNudgeRepository(db), meetings: createMeetingActivity(db, () => new Date()),
  };
}

/** Runs the scheduler for one program as of `now` (what the sweep and circle jobs do), returning what was recorded. */
export async function deliverAsOf(db: Db, programId: string, now: string) {
  const stores = promptStores(db);
  const due = await findDueCircles(stores, new Date(now), [programId]);
  return (await Promise.all(due.map((circleId) => deliverDuePrompts(stores, circleId, new Date(now))))).flat();
}
