import { fork, type ChildProcess } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const SCRIPT = fileURLToPath(new URL('./lrs-process.cjs', import.meta.url));

export interface StatementsPage {
  statements: Array<Record<string, any>>;
  more: string;
}

/**
 * Learning Locker's xAPI statement service, in memory, in a child process (see lrs-process.cjs):
 * `stop()`/`restart()` make it unreachable and back on the same port without losing statements;
 * `kill()` ends it.
 */
export class TestLrs {
  private nextId = 0;
  readonly username = 'lrs-key';
  readonly password = 'lrs-secret';

  private constructor(private readonly child: ChildProcess, readonly port: number) {}

  static async start(): Promise<TestLrs> {
    const cwd = await mkdtemp(path.join(tmpdir(), 'mc-lrs-'));
    const child = fork(SCRIPT, [], { cwd, env: { ...process.env, LRS_TEST_USERNAME: 'lrs-key', LRS_TEST_PASSWORD: 'lrs-secret', FS_LOCAL_STORAGE_DIR: cwd, EXPRESS_MORGAN_DIRECTORY: cwd }, stdio: ['ignore', 'ignore', 'pipe', 'ipc'], execArgv: ['--no-warnings'] });
    // The LRS logs every rejected statement on stderr: kept quiet, shown only if it dies.
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => void (stderr = (stderr + chunk.toString()).slice(-4000)));
    child.on('exit', (code, signal) => signal !== 'SIGKILL' && process.stderr.write(`test LRS exited (${code ?? signal}):\n${stderr}\n`));
    const port = await new Promise<number>((resolve, reject) => {
      child.once('error', reject);
      child.once('exit', (code) => reject(new Error(`LRS exited with ${code}`)));
      child.on('message', (m: { ready?: boolean; port?: number }) => m.ready && resolve(m.port!));
    });
    return new TestLrs(child, port);
  }

  /** The xAPI endpoint, as an admin would enter it. */
  get endpoint(): string {
    return `http://127.0.0.1:${this.port}/xAPI`;
  }

  private command<T>(cmd: string, extra: Record<string, unknown> = {}): Promise<T> {
    const id = ++this.nextId;
    return new Promise((resolve) => {
      const onMessage = (m: { id?: number; result?: T }) => {
        if (m.id !== id) return;
        this.child.off('message', onMessage);
        resolve(m.result as T);
      };
      this.child.on('message', onMessage);
      this.child.send({ cmd, id, ...extra });
    });
  }

  stop = () => this.command<void>('stop');
  restart = () => this.command<void>('start', { port: this.port });
  /** How many times each statement id was POSTed (delivery attempts the LRS saw). */
  received = () => this.command<Record<string, number>>('received');
  /** While on, POSTs are stored by the LRS but their answers are held back. */
  hold = (on: boolean) => this.command<number>('hold', { on });
  heldCount = () => this.command<number>('heldCount');

  async kill(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill('SIGKILL');
    await exited;
  }

  /** GET /statements with the filters given, following `more` links. */
  async statements(query: Record<string, string> = {}): Promise<Array<Record<string, any>>> {
    const all: Array<Record<string, any>> = [];
    let url: string | null = `${this.endpoint}/statements?${new URLSearchParams({ limit: '500', ...query })}`;
    while (url) {
      const res: Response = await fetch(url, { headers: { Authorization: `Basic ${Buffer.from(`${this.username}:${this.password}`).toString('base64')}`, 'X-Experience-API-Version': '1.0.3' } });
      if (!res.ok) throw new Error(`LRS query failed: ${res.status} ${await res.text()}`);
      const page = (await res.json()) as StatementsPage;
      all.push(...page.statements);
      url = page.more ? new URL(page.more, this.endpoint).toString() : null;
    }
    return all;
  }
}
