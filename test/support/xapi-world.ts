import { decodeJwt } from 'jose';
import { expect } from 'chai';
import type { Db } from '../../src/db/connection.js';
import type { DomainEvent } from '../../src/mentoring/events.js';
import type { StatementSnapshot } from '../../src/xapi/snapshot.js';
import type { Session } from '../../src/web/session.js';
import { buildLaunch } from './factories.js';
import { LtiBrowser } from './lti-browser.js';
import type { LaunchSpec, PlatformUser } from './platform-claims.js';
import type { TestPlatform } from './test-platform.js';
import type { TestTool } from './test-tool.js';

/** A real launch; returns the tool's session token and what it says (tenant, course, user, enrolment). */
export async function launchAs(tool: TestTool, platform: TestPlatform, user: PlatformUser, overrides: Partial<LaunchSpec> = {}): Promise<{ token: string; session: Session }> {
  const { response } = await new LtiBrowser(tool.app.express).launch(platform, buildLaunch(platform, { user, ...overrides }));
  expect(response.status, response.text).to.equal(303);
  const token = new URL(response.headers.location!, 'http://tool.test').searchParams.get('s')!;
  return { token, session: decodeJwt(token) as unknown as Session };
}

export async function insertProgram(db: Db, s: { tenantId: string; courseId: string }, overrides: { title?: string; types?: string[]; virtual?: boolean } = {}): Promise<string> {
  const row = await db
    .insertInto('programs')
    .values({
      tenant_id: s.tenantId, course_id: s.courseId, title: overrides.title ?? 'Leaders of tomorrow', purpose: 'leadership_pipeline', purpose_detail: null,
      program_types: JSON.stringify(overrides.types ?? ['one_on_one']), virtual: overrides.virtual ?? false, starts_on: '2026-09-01', ends_on: '2027-02-28',
      cadence: 'monthly', circle_size_min: 1, circle_size_max: 4, mentor_capacity: 3, mentor_selection: 'lms_role', mentor_lms_roles: '[]',
      matching_mode: 'admin_approves', confidentiality: 'standard', prompt_track: 'monthly_reflection', duplicated_from: null, created_by: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function insertParticipant(db: Db, s: { tenantId: string; programId: string; userId: string }, role: 'mentee' | 'mentor' = 'mentee'): Promise<string> {
  const row = await db.insertInto('participants').values({ tenant_id: s.tenantId, program_id: s.programId, user_id: s.userId, program_role: role, attention: null, left_at: null, last_activity_at: null }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export interface StoredEvent {
  id: string;
  status: string;
  event: DomainEvent;
  snapshot: StatementSnapshot;
  lastError: string | null;
}

export async function outboxRowsFor(db: Db, courseId: string): Promise<StoredEvent[]> {
  const rows = await db.selectFrom('xapi_outbox').where('course_id', '=', courseId).orderBy('seq').selectAll().execute();
  return rows.map((r) => ({
    id: r.id,
    status: r.status,
    event: { ...(r.event as unknown as DomainEvent), occurredAt: new Date((r.event as { occurredAt: string }).occurredAt) },
    snapshot: r.snapshot as unknown as StatementSnapshot,
    lastError: r.last_error,
  }));
}
