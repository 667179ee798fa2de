import { randomBytes } from 'node:crypto';
import { strFromU8, unzipSync } from 'fflate';
import request from 'supertest';
import { buildCircle } from './circle-factory.js';
import { TestCmi5Lms } from './cmi5-lms/cmi5-lms.js';
import type { LaunchOptions, LmsSession } from './cmi5-lms/lms-session.js';
import { buildProgramForm, instructor } from './factories.js';
import { decodeHtml } from './html.js';
import { TestLrs } from './lrs.js';
import { buildUser } from './platform-claims.js';
import { TestPlatform } from './test-platform.js';
import { startTestTool, type TestTool } from './test-tool.js';
import { launchAs, sessionFor, type ToolSession } from './tool-session.js';

export interface Cmi5Course {
  staff: ToolSession;
  mentor: ToolSession;
  mentorSubject: string;
  programId: string;
  packageId: string;
  /** From the downloaded package's cmi5.xml. */
  au: { id: string; url: string };
  xml: string;
}

export interface LearnerLaunch {
  lms: LmsSession;
  /** The launch URL's path and query at the tool. */
  url: string;
  /** The tool's answer to the launch URL. */
  response: request.Response;
  learner: ToolSession | null;
}

const terms = {
  baseVersion: '0', mentorRole: 'Listens and asks good questions.', menteeObjectives: 'Lead a cross-functional initiative by June.',
  cadence: 'Monthly, one hour, video.', confidentiality: 'What we say stays in the circle.',
  feedbackChannel: 'Five minutes at the end of each meeting.', escalationPath: 'Talk to each other first, then the program staff.',
};
const yesterday = () => new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);

/**
 * The tool, Learning Locker, a cmi5 LMS written from the spec, and an LTI platform where the
 * program's staff and the mentor work. Everything goes through the real pages and launches.
 */
export class Cmi5World {
  private constructor(
    readonly tool: TestTool, readonly lrs: TestLrs, readonly lms: TestCmi5Lms, readonly platform: TestPlatform,
    /** A second instance of the tool on the same database, at the `publicUrl` a real browser reaches. */
    readonly browserTool: TestTool | null,
  ) {}

  /** `publicUrl`: where a real browser reaches `browserTool` (the caller makes it listen there). */
  static async start(publicUrl?: string): Promise<Cmi5World> {
    const lrs = await TestLrs.start();
    const lms = await TestCmi5Lms.start(lrs);
    const tool = await startTestTool({ CMI5_ALLOW_PRIVATE_HOSTS: 'true' });
    const browserTool = publicUrl ? await startTestTool({ CMI5_ALLOW_PRIVATE_HOSTS: 'true', PUBLIC_URL: publicUrl }) : null;
    const platform = await TestPlatform.start('moodle');
    await tool.app.registry.registerPlatform(platform.manualRegistration);
    return new Cmi5World(tool, lrs, lms, platform, browserTool);
  }

  /** A course with a program (completion grade mode), a mentor, and a cmi5 package staff downloaded. */
  async course(packageFields: Record<string, string> = {}): Promise<Cmi5Course> {
    const tag = randomBytes(4).toString('hex');
    const context = { id: `cmi5-${tag}`, title: `cmi5 ${tag}`, label: 'CMI' };
    const staff = await launchAs(this.tool.app.express, this.platform, instructor(`t-${tag}`), { context });
    const created = await staff.post('/staff/programs', buildProgramForm({ title: `Leaders ${tag}` }), '/staff/programs/new');
    const programId = new URL(created.headers.location!, 'http://tool.test').pathname.split('/').pop()!;
    const grades = `/staff/programs/${programId}/grades`;
    await staff.post(grades, { mode: 'completion', contract: '20', meetings: '30', prompts: '20', milestones: '20', survey: '10' }, grades);
    const page = `/staff/programs/${programId}/packages`;
    const made = await staff.post(page, { kind: 'cmi5', label: 'Corporate LXP', ...packageFields }, page);
    if (made.status !== 303) throw new Error(`package not created: ${made.status} ${made.text.slice(0, 400)}`);
    const { id: packageId } = await this.tool.db.selectFrom('delivery_packages').select('id').where('program_id', '=', programId)
      .orderBy('created_at', 'desc').executeTakeFirstOrThrow();
    const xml = await this.cmi5Xml(staff, `${page}/${packageId}/download`);
    const au = { id: decodeHtml(/<au id="([^"]+)"/.exec(xml)![1]!), url: decodeHtml(/<url>([^<]+)<\/url>/.exec(xml)![1]!) };
    const mentorSubject = `mentor-${tag}`;
    const mentor = await launchAs(this.tool.app.express, this.platform, buildUser({ sub: mentorSubject, name: 'Mona Mentor' }), { context });
    return { staff, mentor, mentorSubject, programId, packageId, au, xml };
  }

  private async cmi5Xml(staff: ToolSession, url: string): Promise<string> {
    const res = await request(this.tool.app.express).get(url).query({ s: staff.token }).buffer(true)
      .parse((r, done) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => done(null, Buffer.concat(chunks)));
      });
    if (res.status !== 200) throw new Error(`download failed: ${res.status}`);
    return strFromU8(unzipSync(new Uint8Array(res.body as Buffer))['cmi5.xml']!);
  }

  /** The LMS launches the AU for a learner; the "browser" follows the launch URL to the tool. */
  async launch(course: Cmi5Course, learner: string, opts: Partial<LaunchOptions> = {}): Promise<LearnerLaunch> {
    const { url, session } = await this.lms.launch({ auUrl: course.au.url, publisherId: course.au.id, learner, ...opts });
    return this.follow(url, session);
  }

  /** GETs a launch URL at the tool (a first launch, a reload, a replay). */
  async follow(url: string, lms: LmsSession): Promise<LearnerLaunch> {
    const target = new URL(url);
    const response = await request(this.tool.app.express).get(target.pathname + target.search);
    const location = response.status === 303 ? new URL(response.headers.location!, 'https://tool.test') : null;
    const token = location?.searchParams.get('s') ?? null;
    return { lms, url: target.pathname + target.search, response, learner: token ? sessionFor(this.tool.app.express, token, location!.pathname + location!.search) : null };
  }

  /** GETs a tool URL as the learner's browser would (no session: the exit page's key stands in). */
  get(url: URL): Promise<request.Response> {
    return request(this.tool.app.express).get(url.pathname + url.search);
  }

  /** Presses "Return to the LMS" on the exit page at this URL. */
  exit(url: URL): Promise<request.Response> {
    return request(this.tool.app.express).post(url.pathname).type('form').send({ key: url.searchParams.get('key') ?? '' });
  }

  /** The learner and the mentor meet the completion rule through the pages (contract, meeting, goal, survey). */
  async complete(course: Cmi5Course, learner: ToolSession, learnerKey: string): Promise<void> {
    const circle = await buildCircle(this.tool.db, course.programId, [
      { subject: course.mentorSubject, role: 'mentor' }, { subject: `package:${course.packageId}:${learnerKey}`, role: 'mentee' },
    ]);
    const base = `/programs/${course.programId}/circles/${circle.id}`;
    const from = `/programs/${course.programId}`;
    const ok = (res: request.Response, what: string) => {
      if (res.status !== 303) throw new Error(`${what}: ${res.status} ${res.text.slice(0, 400)}`);
    };
    ok(await learner.post(`${base}/contract`, terms, from), 'contract');
    ok(await course.mentor.post(`${base}/contract/acknowledge`, { version: '1' }, from), 'mentor acknowledges');
    ok(await learner.post(`${base}/contract/acknowledge`, { version: '1' }, from), 'learner acknowledges');
    await this.meet(course, base, from);
    await this.reachGoal(course, learner, base, from);
    const survey = `/staff/programs/${course.programId}/survey`;
    ok(await course.staff.post(`${survey}/open`, {}, survey), 'survey opened');
    const answers = { goalProgress: '4', relationship: '5', confidence: '3', clarity: '4', wouldRecommend: 'yes', comment: '' };
    ok(await learner.post(`/programs/${course.programId}/survey`, answers, from), 'survey');
  }

  private async meet(course: Cmi5Course, base: string, from: string): Promise<void> {
    const meeting = { date: yesterday(), time: '10:00', durationMinutes: '45', mode: 'virtual', place: '', agenda: '', notes: '' };
    const scheduled = await course.mentor.post(`${base}/meetings`, meeting, from);
    if (scheduled.status !== 303) throw new Error(`meeting: ${scheduled.status}`);
    const circleId = base.split('/').pop()!;
    const { id } = await this.tool.db.selectFrom('circle_meetings').select('id').where('circle_id', '=', circleId).executeTakeFirstOrThrow();
    const attendees = (await this.tool.db.selectFrom('circle_members').select('participant_id').where('circle_id', '=', circleId).execute())
      .map((m) => m.participant_id);
    const marked = await course.mentor.post(`${base}/meetings/${id}/attendance`, { attendees }, from);
    if (marked.status !== 303) throw new Error(`attendance: ${marked.status} ${marked.text.slice(0, 300)}`);
  }

  private async reachGoal(course: Cmi5Course, learner: ToolSession, base: string, from: string): Promise<void> {
    const circleId = base.split('/').pop()!;
    const owner = await this.tool.db.selectFrom('circle_members as m').innerJoin('participants as p', 'p.id', 'm.participant_id')
      .innerJoin('users as u', 'u.id', 'p.user_id').select('m.participant_id').where('m.circle_id', '=', circleId)
      .where('u.subject', 'like', 'package:%').executeTakeFirstOrThrow();
    const goal = await learner.post(`${base}/goals`, {
      ownerParticipantId: owner.participant_id, title: 'Lead the planning initiative', measure: 'Plan approved',
      achievable: 'Two days a month', relevant: 'Towards a team lead role', dueOn: '2027-05-31',
    }, from);
    const goalId = /\/goals\/([0-9a-f-]{36})/.exec(goal.headers.location ?? '')?.[1];
    if (!goalId) throw new Error(`goal: ${goal.status} ${goal.text.slice(0, 300)}`);
    await learner.post(`${base}/goals/${goalId}/milestones`, { title: 'Draft the plan', criteria: 'A draft exists', dueOn: '2027-02-28' }, from);
    const { id } = await this.tool.db.selectFrom('goal_milestones').select('id').where('goal_id', '=', goalId).executeTakeFirstOrThrow();
    const done = await learner.post(`${base}/goals/${goalId}/milestones/${id}`, { status: 'done', evidence: 'Shared' }, from);
    if (done.status !== 303) throw new Error(`milestone: ${done.status} ${done.text.slice(0, 300)}`);
  }

  /** Waits (bounded) until the LMS has received a statement with this verb in the session. */
  async until(session: LmsSession, verb: string, timeoutMs = 20_000): Promise<void> {
    const end = Date.now() + timeoutMs;
    while (!session.statements.some((s) => String(s.verb?.id).endsWith(`/${verb}`))) {
      if (Date.now() > end) throw new Error(`no ${verb} statement reached the LMS; got ${session.statements.map((s) => s.verb?.id).join(', ')}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  async close(): Promise<void> {
    await this.browserTool?.close();
    await this.tool.close();
    await this.platform.close();
    await this.lms.close();
    await this.lrs.kill();
  }
}
