import { randomBytes } from 'node:crypto';
import { strFromU8, unzipSync } from 'fflate';
import request from 'supertest';
import { meetCompletionRule } from './cmi5-completion.js';
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

/**
 * The tool, Learning Locker, a cmi5 LMS written from the spec, and an LTI platform where the
 * program's staff and the mentor work. Everything goes through the real pages and launches.
 */
export class Cmi5World {
  private constructor(
    readonly tool: TestTool,
    readonly lrs: TestLrs,
    readonly lms: TestCmi5Lms,
    readonly platform: TestPlatform,
    /**
     * A second instance of the tool on the same database, at the `publicUrl` a real browser
     * reaches.
     */
    readonly browserTool: TestTool | null,
  ) {}

  /** `publicUrl`: where a real browser reaches `browserTool` (the caller makes it listen there). */
  static async start(publicUrl?: string): Promise<Cmi5World> {
    const lrs = await TestLrs.start();
    const lms = await TestCmi5Lms.start(lrs);
    const tool = await startTestTool({ CMI5_ALLOW_PRIVATE_HOSTS: 'true' });
    const browserTool = publicUrl
      ? await startTestTool({ CMI5_ALLOW_PRIVATE_HOSTS: 'true', PUBLIC_URL: publicUrl })
      : null;
    const platform = await TestPlatform.start('moodle');
    await tool.app.registry.registerPlatform(platform.manualRegistration);
    return new Cmi5World(tool, lrs, lms, platform, browserTool);
  }

  /**
   * A course with a program (completion grade mode), a mentor, and a cmi5 package staff downloaded.
   */
  async course(packageFields: Record<string, string> = {}): Promise<Cmi5Course> {
    const tag = randomBytes(4).toString('hex');
    const context = { id: `cmi5-${tag}`, title: `cmi5 ${tag}`, label: 'CMI' };
    const staff = await launchAs(this.tool.app.express, this.platform, instructor(`t-${tag}`), {
      context,
    });
    const created = await staff.post(
      '/staff/programs',
      buildProgramForm({ title: `Leaders ${tag}` }),
      '/staff/programs/new',
    );
    const programId = new URL(created.headers.location!, 'http://tool.test').pathname
      .split('/')
      .pop()!;
    const grades = `/staff/programs/${programId}/grades`;
    await staff.post(
      grades,
      {
        mode: 'completion',
        contract: '20',
        meetings: '30',
        prompts: '20',
        milestones: '20',
        survey: '10',
      },
      grades,
    );
    const page = `/staff/programs/${programId}/packages`;
    const made = await staff.post(
      page,
      { kind: 'cmi5', label: 'Corporate LXP', ...packageFields },
      page,
    );
    if (made.status !== 303)
      throw new Error(`package not created: ${made.status} ${made.text.slice(0, 400)}`);
    const { id: packageId } = await this.tool.db
      .selectFrom('delivery_packages')
      .select('id')
      .where('program_id', '=', programId)
      .orderBy('created_at', 'desc')
      .executeTakeFirstOrThrow();
    const xml = await this.cmi5Xml(staff, `${page}/${packageId}/download`);
    const au = {
      id: decodeHtml(/<au id="([^"]+)"/.exec(xml)![1]!),
      url: decodeHtml(/<url>([^<]+)<\/url>/.exec(xml)![1]!),
    };
    const mentorSubject = `mentor-${tag}`;
    const mentor = await launchAs(
      this.tool.app.express,
      this.platform,
      buildUser({ sub: mentorSubject, name: 'Mona Mentor' }),
      { context },
    );
    return { staff, mentor, mentorSubject, programId, packageId, au, xml };
  }

  private async cmi5Xml(staff: ToolSession, url: string): Promise<string> {
    const res = await request(this.tool.app.express)
      .get(url)
      .query({ s: staff.token })
      .buffer(true)
      .parse((r, done) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => done(null, Buffer.concat(chunks)));
      });
    if (res.status !== 200) throw new Error(`download failed: ${res.status}`);
    return strFromU8(unzipSync(new Uint8Array(res.body as Buffer))['cmi5.xml']!);
  }

  /** The LMS launches the AU for a learner; the "browser" follows the launch URL to the tool. */
  async launch(
    course: Cmi5Course,
    learner: string,
    opts: Partial<LaunchOptions> = {},
  ): Promise<LearnerLaunch> {
    const { url, session } = await this.lms.launch({
      auUrl: course.au.url,
      publisherId: course.au.id,
      learner,
      ...opts,
    });
    return this.follow(url, session);
  }

  /** GETs a launch URL at the tool (a first launch, a reload, a replay). */
  async follow(url: string, lms: LmsSession): Promise<LearnerLaunch> {
    const target = new URL(url);
    const response = await request(this.tool.app.express).get(target.pathname + target.search);
    const location =
      response.status === 303 ? new URL(response.headers.location!, 'https://tool.test') : null;
    const token = location?.searchParams.get('s') ?? null;
    return {
      lms,
      url: target.pathname + target.search,
      response,
      learner: token
        ? sessionFor(this.tool.app.express, token, location!.pathname + location!.search)
        : null,
    };
  }

  /** GETs a tool URL as the learner's browser would (no session: the exit page's key stands in). */
  get(url: URL): Promise<request.Response> {
    return request(this.tool.app.express).get(url.pathname + url.search);
  }

  /** Presses "Return to the LMS" on the exit page at this URL. */
  exit(url: URL): Promise<request.Response> {
    return request(this.tool.app.express)
      .post(url.pathname)
      .type('form')
      .send({ key: url.searchParams.get('key') ?? '' });
  }

  /** The learner and the mentor meet the completion rule through the pages (see cmi5-completion). */
  complete(course: Cmi5Course, learner: ToolSession, learnerKey: string): Promise<void> {
    return meetCompletionRule(this.tool, course, learner, learnerKey);
  }

  /** Waits (bounded) until the LMS has received a statement with this verb in the session. */
  async until(session: LmsSession, verb: string, timeoutMs = 20_000): Promise<void> {
    const end = Date.now() + timeoutMs;
    while (!session.statements.some((s) => String(s.verb?.id).endsWith(`/${verb}`))) {
      if (Date.now() > end)
        throw new Error(
          `no ${verb} statement reached the LMS; got ${session.statements.map((s) => s.verb?.id).join(', ')}`,
        );
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
