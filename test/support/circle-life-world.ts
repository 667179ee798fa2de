import { randomBytes } from 'node:crypto';
import type { CircleRole } from '../../src/mentoring/circles/ports.js';
import { buildCircle } from './circle-factory.js';
import { buildProgramForm, instructor } from './factories.js';
import { buildUser } from './platform-claims.js';
import { TestPlatform } from './test-platform.js';
import { startTestTool, type TestTool } from './test-tool.js';
import { launchAs, type ToolSession } from './tool-session.js';

export interface CircleWorld {
  staff: ToolSession;
  programId: string;
  circleId: string;
  /** Sessions of the circle's members, in the order asked for. */
  members: ToolSession[];
  /** A participant of the same program who is not in the circle. */
  outsider: ToolSession;
  /** The circle page's path; `path('/contract')` etc. for the pages under it. */
  path: (rest?: string) => string;
  /** The outbox events of this program, of one type. */
  events: (type: string) => Promise<Array<{ actorUserId: string; data: Record<string, unknown>; circleId: string | null }>>;
  userIdOf: (session: ToolSession) => string;
  /** Posts a form under the circle as this person (CSRF read from their program page). */
  post: (session: ToolSession, rest: string, fields: Record<string, string | string[]>) => ReturnType<ToolSession['post']>;
}

const claimsOf = (s: ToolSession) => JSON.parse(Buffer.from(s.token.split('.')[1]!, 'base64url').toString()) as { userId: string; courseId: string };

/**
 * A fresh course with a program, a circle of launched learners (named Mentor, Mentee 1…), an
 * outsider in the same program, and staff. Everything goes through the real launch and pages.
 */
export async function buildCircleWorld(tool: TestTool, platform: TestPlatform, roles: CircleRole[] = ['mentor', 'mentee'], options: { program?: Record<string, string>; timeZone?: string } = {}): Promise<CircleWorld> {
  const tag = randomBytes(3).toString('hex');
  const context = { id: `life-${tag}`, title: `Circle life ${tag}`, label: 'LIFE' };
  const staff = await launchAs(tool.app.express, platform, instructor(`t-${tag}`), { context });
  const created = await staff.post('/staff/programs', buildProgramForm(options.program), '/staff/programs/new');
  const programId = new URL(created.headers.location!, 'http://tool.test').pathname.split('/').pop()!;
  const subjects = roles.map((role, i) => `${role}-${i}-${tag}`);
  const names = roles.map((role, i) => (role === 'mentor' ? 'Mona Mentor' : `${role === 'peer' ? 'Pat Peer' : 'Mel Mentee'} ${i}`));
  const members: ToolSession[] = [];
  for (const [i, sub] of subjects.entries()) members.push(await launchAs(tool.app.express, platform, buildUser({ sub, name: names[i]! }), { context }));
  const outsider = await launchAs(tool.app.express, platform, buildUser({ sub: `out-${tag}`, name: 'Otto Outsider' }), { context });
  const circle = await buildCircle(tool.db, programId, roles.map((role, i) => ({ subject: subjects[i]!, role })), { name: `Circle ${tag}` });
  if (options.timeZone) await tool.db.updateTable('circles').set({ time_zone: options.timeZone }).where('id', '=', circle.id).execute();
  const base = `/programs/${programId}/circles/${circle.id}`;
  return {
    staff, programId, circleId: circle.id, members, outsider,
    path: (rest = '') => `${base}${rest}`,
    events: async (type) => (await tool.db.selectFrom('xapi_outbox').select('event').where('program_id', '=', programId).where('event_type', '=', type).execute()).map((r) => r.event as never),
    userIdOf: (s) => claimsOf(s).userId,
    post: (session, rest, fields) => session.post(`${base}${rest}`, fields, `/programs/${programId}`),
  };
}

/** Mocha hooks for a suite: the real tool and a Canvas test platform registered with it, closed after. */
export function useToolAndCanvas(): { tool: TestTool; canvas: TestPlatform } {
  const env = {} as { tool: TestTool; canvas: TestPlatform };
  before(async () => {
    env.tool = await startTestTool();
    env.canvas = await TestPlatform.start('canvas');
    await env.tool.app.registry.registerPlatform(env.canvas.manualRegistration);
  });
  after(async () => {
    await env.tool.close();
    await env.canvas.close();
  });
  return env;
}
