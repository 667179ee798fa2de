import { randomBytes } from 'node:crypto';
import { createParticipantRepository } from '../../src/db/repositories/participant-repository.js';
import { createProfileRepository, createSkillRepository } from '../../src/db/repositories/profile-repository.js';
import { createProgramRepository } from '../../src/db/repositories/program-repository.js';
import { getProgramSkills, saveMyProfile } from '../../src/mentoring/profiles/profile-use-cases.js';
import { assignProgramRole } from '../../src/mentoring/roster/participant-use-cases.js';
import type { ProgramRole } from '../../src/mentoring/roster/program-role.js';
import { buildProgramForm, instructor } from './factories.js';
import { buildUser } from './platform-claims.js';
import { TestPlatform } from './test-platform.js';
import { startTestTool, type TestTool } from './test-tool.js';
import { launchAs, type ToolSession } from './tool-session.js';

export type ProfileForm = Record<string, string | string[]>;

/** A complete profile form as a browser sends it; skills by name (the world turns them into ids). */
export function buildProfileForm(overrides: ProfileForm = {}): ProfileForm {
  return {
    division: 'Sales', geography: 'France', timeZone: 'Europe/Paris', languages: 'English', availability: ['mon-09', 'wed-09'],
    growthSkills: ['Delegation'], goals: 'Lead a cross-functional initiative', learningStyle: 'conversation', experienceYears: '4',
    strengths: ['Delegation'], markets: 'EMEA', functions: 'Operations', crises: '', mentoringStyles: ['conversation'], capacity: '1',
    ...overrides,
  };
}

type Response = Awaited<ReturnType<ToolSession['post']>>;

/** Mocha hooks of a suite: the real tool and a Moodle test platform, started once for its tests. */
export function matchingSuite(env: Record<string, string> = {}): { readonly tool: TestTool; readonly moodle: TestPlatform } {
  const suite = {} as { tool: TestTool; moodle: TestPlatform };
  before(async () => {
    suite.tool = await startTestTool(env);
    suite.moodle = await TestPlatform.start('moodle');
    await suite.tool.app.registry.registerPlatform(suite.moodle.manualRegistration);
  });
  after(async () => {
    await suite.tool.close();
    await suite.moodle.close();
  });
  return suite;
}

export interface Person {
  name: string;
  subject: string;
  session: ToolSession;
  participantId: string;
  userId: string;
}

export interface MatchingWorld {
  staff: ToolSession;
  programId: string;
  /** Paths of the program's staff pages: `staffPath('/matching')`. */
  staffPath: (rest?: string) => string;
  people: Record<string, Person>;
  /** Saves a profile through the real use case, as that person. */
  fillProfile: (key: string, form: ProfileForm) => Promise<void>;
  events: (type: string) => Promise<Array<{ actorUserId: string; data: Record<string, unknown>; circleId: string | null }>>;
  /** Staff run the matching (in automatic mode it also forms the circles). */
  propose: () => Promise<Response>;
  /** Staff run the matching and approve the draft it made. */
  approve: () => Promise<Response>;
  /** The id of the draft proposal waiting for review. */
  draftId: () => Promise<string>;
  /** Current circles of the program: name and member names by role. */
  circles: () => Promise<Array<{ id: string; name: string; status: string; mentors: string[]; others: string[] }>>;
}

const claimsOf = (s: ToolSession) => JSON.parse(Buffer.from(s.token.split('.')[1]!, 'base64url').toString()) as { userId: string; tenantId: string; courseId: string };

/**
 * A fresh course with a program and launched learners, keyed by name: `{ ana: 'mentor', bo: 'mentee' }`.
 * Roles are set by staff; profiles are filled with `fillProfile` (or through the page in a test).
 */
export async function buildMatchingWorld(tool: TestTool, platform: TestPlatform, roles: Record<string, ProgramRole>, program: Record<string, string | string[]> = {}): Promise<MatchingWorld> {
  const tag = randomBytes(3).toString('hex');
  const context = { id: `match-${tag}`, title: `Matching ${tag}`, label: 'MATCH' };
  const staff = await launchAs(tool.app.express, platform, instructor(`t-${tag}`), { context });
  const created = await staff.post('/staff/programs', buildProgramForm(program), '/staff/programs/new');
  const programId = new URL(created.headers.location!, 'http://tool.test').pathname.split('/').pop()!;
  const deps = { programs: createProgramRepository(tool.db), participants: createParticipantRepository(tool.db), profiles: createProfileRepository(tool.db), skills: createSkillRepository(tool.db) };
  const { tenantId, courseId } = claimsOf(staff);
  const people: Record<string, Person> = {};
  for (const [key, role] of Object.entries(roles)) {
    const name = `${key[0]!.toUpperCase()}${key.slice(1)} ${role === 'mentor' ? 'Mentor' : role === 'both' ? 'Peer' : 'Mentee'}`;
    const session = await launchAs(tool.app.express, platform, buildUser({ sub: `${key}-${tag}`, name }), { context });
    const { userId } = claimsOf(session);
    const me = (await deps.participants.findByUser({ tenantId, courseId }, programId, userId))!;
    if (me.programRole !== role) await assignProgramRole(deps, { tenantId, courseId, userId: claimsOf(staff).userId }, programId, me.id, role);
    people[key] = { name, subject: `${key}-${tag}`, session, participantId: me.id, userId };
  }
  const skills = await getProgramSkills(deps, { tenantId, courseId, userId: claimsOf(staff).userId }, programId);
  const idsOf = (names: string | string[] | undefined) => [names ?? []].flat().map((n) => skills.find((s) => s.name === n)?.id ?? n);
  const staffPath = (rest = '') => `/staff/programs/${programId}${rest}`;
  const draftId = async () => (await tool.db.selectFrom('match_proposals').select('id').where('program_id', '=', programId).where('status', '=', 'draft').executeTakeFirstOrThrow()).id;
  const propose = () => staff.post(staffPath('/matching/propose'), {}, staffPath('/matching'));
  return {
    staff, programId, people, staffPath, propose, draftId,
    async approve() {
      await propose();
      return staff.post(staffPath('/matching/approve'), { proposalId: await draftId() }, staffPath('/matching'));
    },
    async fillProfile(key, form) {
      const person = people[key]!;
      const input = { ...form, growthSkills: idsOf(form.growthSkills), strengths: idsOf(form.strengths) };
      const saved = await saveMyProfile(deps, { tenantId, courseId, userId: person.userId }, programId, input);
      if (!saved.ok) throw new Error(`Profile of ${key} refused: ${JSON.stringify(saved.errors)}`);
    },
    events: async (type) => (await tool.db.selectFrom('xapi_outbox').select('event').where('program_id', '=', programId).where('event_type', '=', type).execute()).map((r) => r.event as never),
    async circles() {
      const rows = await tool.db.selectFrom('circles as c').leftJoin('circle_members as m', (j) => j.onRef('m.circle_id', '=', 'c.id').on('m.left_at', 'is', null))
        .leftJoin('participants as p', 'p.id', 'm.participant_id').leftJoin('users as u', 'u.id', 'p.user_id')
        .select(['c.id', 'c.name', 'c.status', 'm.role', 'u.name as member']).where('c.program_id', '=', programId).orderBy('c.created_at').orderBy('u.name').execute();
      const byId = new Map<string, { id: string; name: string; status: string; mentors: string[]; others: string[] }>();
      for (const r of rows) {
        const circle = byId.get(r.id) ?? { id: r.id, name: r.name, status: r.status, mentors: [], others: [] };
        if (r.member) (r.role === 'mentor' ? circle.mentors : circle.others).push(r.member);
        byId.set(r.id, circle);
      }
      return [...byId.values()];
    },
  };
}
