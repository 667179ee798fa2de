import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';
import { projectRoot } from '../../src/shared/project-root.js';
import { freePort } from './database-server.js';

export type Outcome = number | 'dropped';

/** One plain HTTP request on a fresh connection: a status, or `dropped` if no answer came. */
export function send(url: string, options: { method?: string; form?: Record<string, string | string[]> } = {}): Promise<Outcome> {
  const body = options.form
    ? new URLSearchParams(Object.entries(options.form).flatMap(([k, v]) => [v].flat().map((one) => [k, one]))).toString()
    : undefined;
  return new Promise((resolve) => {
    const req = http.request(url, {
      method: options.method ?? 'GET', agent: false, timeout: 60_000,
      headers: body ? { 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body) } : {},
    }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 'dropped'));
      res.on('error', () => resolve('dropped'));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', () => resolve('dropped'));
    req.end(body);
  });
}

/** SIGTERM, then SIGKILL if it has not exited after 20 s; resolves once it has exited. */
export async function stopProcess(child: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const force = setTimeout(() => child.kill('SIGKILL'), 20_000);
  await exited;
  clearTimeout(force);
}

/** Polls `check` until it is true, at most `timeoutMs`; the message says what never happened. */
export async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** `src/server.ts` as its own process, as an operator runs it. */
export class ToolProcess {
  private output = '';

  private constructor(readonly name: string, readonly url: string, private readonly child: ChildProcess) {
    const keep = (chunk: Buffer) => void (this.output = (this.output + chunk.toString()).slice(-20_000));
    child.stdout!.on('data', keep);
    child.stderr!.on('data', keep);
  }

  static async start(name: string, env: Record<string, string>): Promise<ToolProcess> {
    const port = await freePort();
    const root = projectRoot();
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'src/server.ts')], {
      cwd: root, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env, PORT: String(port) }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    const tool = new ToolProcess(name, `http://127.0.0.1:${port}`, child);
    await waitFor(`${name} to answer /readyz`, async () => {
      if (!tool.alive) throw new Error(`${name} exited with ${child.exitCode}:\n${tool.output}`);
      return (await send(`${tool.url}/readyz`)) === 200;
    });
    return tool;
  }

  get alive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** The last lines it logged (for a failing assertion's message). */
  get log(): string {
    return this.output.slice(-4000);
  }

  async stop(): Promise<void> {
    if (this.alive) await stopProcess(this.child);
  }
}
