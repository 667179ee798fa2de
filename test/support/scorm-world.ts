import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import request from 'supertest';
import { CHROMIUM } from './cross-site-browser.js';
import { freePort } from './database-server.js';
import { buildProgramForm, instructor } from './factories.js';
import { stopServer } from './listening-tool.js';
import { ScormLms } from './scorm-lms.js';
import { TestPlatform } from './test-platform.js';
import { startTestTool, type TestTool } from './test-tool.js';
import { launchAs, type ToolSession } from './tool-session.js';

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--no-first-run',
  '--disable-quic',
  '--ignore-certificate-errors',
  '--host-resolver-rules=MAP lms.test 127.0.0.1, MAP tool.test 127.0.0.1',
];

function certificate(dir: string): { key: string; cert: string } {
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '2',
      '-subj',
      '/CN=lms.test',
      '-addext',
      'subjectAltName=DNS:lms.test,DNS:tool.test',
      '-keyout',
      path.join(dir, 'key.pem'),
      '-out',
      path.join(dir, 'cert.pem'),
    ],
    { stdio: 'ignore' },
  );
  return {
    key: readFileSync(path.join(dir, 'key.pem'), 'utf8'),
    cert: readFileSync(path.join(dir, 'cert.pem'), 'utf8'),
  };
}

export interface StaffCourse {
  staff: ToolSession;
  programId: string;
  context: { id: string; title: string; label: string };
  packagesPage: string;
}

/**
 * A SCORM LMS (https://lms.test) and the tool (https://tool.test) on two sites for a real
 * Chromium, plus the tool's LTI platform where the program's staff work.
 */
export class ScormWorld {
  private constructor(
    readonly tool: TestTool,
    readonly platform: TestPlatform,
    readonly lms: ScormLms,
    readonly toolUrl: string,
    private readonly toolServer: Server,
    private readonly dir: string,
  ) {}

  static async start(): Promise<ScormWorld> {
    const dir = mkdtempSync(path.join(tmpdir(), 'mc-scorm-'));
    const tls = certificate(dir);
    const [lmsPort, toolPort] = [await freePort(), await freePort()];
    const toolUrl = `https://tool.test:${toolPort}`;
    const tool = await startTestTool({ PUBLIC_URL: toolUrl });
    const toolServer = createServer(tls, tool.app.express).listen(toolPort, '127.0.0.1');
    await once(toolServer, 'listening');
    const platform = await TestPlatform.start('moodle');
    await tool.app.registry.registerPlatform(platform.manualRegistration);
    platform.registerToolByHand([`${toolUrl}/lti/launch`]);
    const lms = await ScormLms.start(tls, lmsPort);
    return new ScormWorld(tool, platform, lms, toolUrl, toolServer, dir);
  }

  /** A course with staff and a program (grade mode as asked), through the real launch and pages. */
  async staffCourse(mode: 'completion' | 'participation' = 'completion'): Promise<StaffCourse> {
    const tag = randomBytes(4).toString('hex');
    const context = { id: `scorm-${tag}`, title: `SCORM ${tag}`, label: 'SCO' };
    const staff = await launchAs(this.tool.app.express, this.platform, instructor(`t-${tag}`), {
      context,
      targetLinkUri: `${this.toolUrl}/lti/launch`,
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
      { mode, contract: '20', meetings: '30', prompts: '20', milestones: '20', survey: '10' },
      grades,
    );
    return { staff, programId, context, packagesPage: `/staff/programs/${programId}/packages` };
  }

  /** Staff create a package on its page and download its zip; returns its id and bytes. */
  async createPackage(
    course: StaffCourse,
    fields: Record<string, string>,
  ): Promise<{ id: string; zip: Uint8Array }> {
    const res = await course.staff.post(
      course.packagesPage,
      { label: 'Corporate LMS', ...fields },
      course.packagesPage,
    );
    if (res.status !== 303)
      throw new Error(`package not created: ${res.status} ${res.text.slice(0, 500)}`);
    const row = await this.tool.db
      .selectFrom('delivery_packages')
      .select('id')
      .where('program_id', '=', course.programId)
      .orderBy('created_at', 'desc')
      .executeTakeFirstOrThrow();
    const zip = await this.download(course.staff, `${course.packagesPage}/${row.id}/download`);
    return { id: row.id, zip };
  }

  async download(session: ToolSession, url: string): Promise<Uint8Array> {
    const res = await request(this.tool.app.express)
      .get(url)
      .query({ s: session.token })
      .buffer(true)
      .parse((r, done) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => done(null, Buffer.concat(chunks)));
      });
    if (res.status !== 200) throw new Error(`download failed: ${res.status}`);
    return new Uint8Array(res.body as Buffer);
  }

  browser(): Promise<Browser> {
    return chromium.launch({ executablePath: CHROMIUM, args: ARGS, timeout: 60_000 });
  }

  async close(): Promise<void> {
    await stopServer(this.toolServer);
    await this.lms.close();
    await this.tool.close();
    await this.platform.close();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
