import { expect } from 'chai';
import type { Express } from 'express';
import request from 'supertest';
import type { Db } from '../../src/db/connection.js';
import { buildProgramForm } from './factories.js';
import type { LaunchSpec, PlatformUser } from './platform-claims.js';
import type { TestPlatform } from './test-platform.js';
import { formAuthOf, launchAs, type ToolSession } from './tool-session.js';

export const TOOL_ORIGIN = 'https://tool.test';
export const EVIL_ORIGIN = 'https://evil.example';

export interface SessionClaims {
  sid: string;
  tenantId: string;
  userId: string;
  courseId: string;
  courseRole: string;
  activity: string | null;
  deepLinkRequestId: string | null;
}

/** The (unverified) payload of a tool session token. */
export const claimsOf = (token: string): SessionClaims => JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as SessionClaims;

/** A token whose payload was changed while the signature was kept. */
export function tamperedToken(token: string, change: Partial<SessionClaims>): string {
  const [header, payload, signature] = token.split('.');
  const claims = { ...JSON.parse(Buffer.from(payload!, 'base64url').toString()), ...change };
  return `${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${signature}`;
}

export const inCourse = (contextId: string, extra: Partial<LaunchSpec> = {}): Partial<LaunchSpec> => ({ context: { id: contextId, title: `Course ${contextId}`, label: contextId }, ...extra });

/** A fresh, unique LMS context id, so tests sharing one database never meet. */
export const freshContext = (prefix: string) => `${prefix}-${Math.random().toString(36).slice(2, 9)}`;

export const enter = (tool: Express, platform: TestPlatform, user: PlatformUser, contextId: string, extra: Partial<LaunchSpec> = {}) =>
  launchAs(tool, platform, user, inCourse(contextId, extra));

/** Creates a program through the staff form and returns its id. */
export async function createProgram(staff: ToolSession, overrides: Record<string, string | string[]> = {}): Promise<string> {
  const res = await staff.post('/staff/programs', buildProgramForm(overrides), '/staff/programs/new');
  expect(res.status, res.text).to.equal(303);
  return new URL(res.headers.location!, TOOL_ORIGIN).pathname.split('/').pop()!;
}

/** The `s` and `_csrf` a page of this session hands out. */
export async function authFrom(session: ToolSession, page: string): Promise<{ s: string; _csrf: string }> {
  const res = await session.get(page);
  expect(res.status, res.text).to.equal(200);
  return formAuthOf(res.text);
}

/** A form POST exactly as given: the caller decides which auth fields and headers go along. */
export const postForm = (tool: Express, path: string, fields: Record<string, string | string[]>, headers: Record<string, string> = {}) =>
  request(tool).post(path).set(headers).type('form').send(fields);

/** The learner offers to mentor in the program (self-nomination), leaving a pending nomination. */
export async function nominate(learnerSession: ToolSession, programId: string): Promise<void> {
  const res = await learnerSession.post(`/programs/${programId}/nominate`, {}, `/programs/${programId}`);
  expect(res.status, res.text).to.equal(303);
}

export async function participantIdOf(db: Db, programId: string, session: ToolSession): Promise<string> {
  const row = await db.selectFrom('participants').select('id').where('program_id', '=', programId).where('user_id', '=', claimsOf(session.token).userId).executeTakeFirstOrThrow();
  return row.id;
}

/** Everything of a course a probe could change: programs, their participants, roster syncs, deep-link requests. */
export async function courseState(db: Db, session: ToolSession) {
  const { tenantId, courseId } = claimsOf(session.token);
  const programs = await db.selectFrom('programs').selectAll().where('tenant_id', '=', tenantId).where('course_id', '=', courseId).orderBy('id').execute();
  const ids = programs.map((p) => p.id);
  const participants = ids.length ? await db.selectFrom('participants').selectAll().where('program_id', 'in', ids).orderBy('id').execute() : [];
  const rosterSyncs = await db.selectFrom('roster_syncs').selectAll().where('tenant_id', '=', tenantId).where('course_id', '=', courseId).orderBy('id').execute();
  const deepLinks = await db.selectFrom('deep_link_requests').selectAll().where('tenant_id', '=', tenantId).where('course_id', '=', courseId).orderBy('id').execute();
  return { programs, participants, rosterSyncs, deepLinks };
}

/** Runs the probe and checks none of these courses changed. */
export async function expectUnchanged(db: Db, courses: ToolSession[], probe: () => Promise<void>): Promise<void> {
  const before = await Promise.all(courses.map((c) => courseState(db, c)));
  await probe();
  const after = await Promise.all(courses.map((c) => courseState(db, c)));
  expect(after, 'nothing changed in the probed courses').to.deep.equal(before);
}

export interface Probe {
  method: 'GET' | 'POST';
  path: string;
  fields?: Record<string, string | string[]>;
}

/** Every staff page and write that names a program (and, where it has one, a participant). */
export function staffProbes(programId: string, participantId: string, targetCourseId: string): Probe[] {
  const p = `/staff/programs/${programId}`;
  return [
    { method: 'GET', path: p },
    { method: 'GET', path: `${p}/participants.csv` },
    { method: 'GET', path: `${p}/settings` },
    { method: 'POST', path: `${p}/settings`, fields: buildProgramForm({ title: 'Hijacked program' }) },
    { method: 'POST', path: `${p}/duplicate`, fields: { targetCourseId } },
    { method: 'POST', path: `${p}/roster/sync`, fields: {} },
    { method: 'POST', path: `${p}/participants/${participantId}/role`, fields: { role: 'mentor' } },
    { method: 'POST', path: `${p}/participants/${participantId}/nomination`, fields: { decision: 'approve' } },
  ];
}

/** Sends the probe with this session and a valid CSRF token of it, so only the ids can be what is refused. */
export async function send(tool: Express, session: ToolSession, auth: { s: string; _csrf: string }, probe: Probe): Promise<request.Response> {
  if (probe.method === 'GET') return session.get(probe.path);
  return postForm(tool, probe.path, { ...probe.fields, ...auth }, { Origin: TOOL_ORIGIN });
}
