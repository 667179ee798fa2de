import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from './database-server.js';
import { waitFor } from './tool-process.js';

export interface Backend {
  name: string;
  url: string;
}

/** Per server of the backend, as HAProxy's stats page counts them. */
export interface ServerStats {
  status: string;
  /** HTTP requests HAProxy sent to it (health checks not included). */
  requests: number;
}

/** The `haproxy` binary, or a failure that says what to install (this test is never skipped). */
export function haproxyBinary(): string {
  try {
    return execFileSync('sh', ['-c', 'command -v haproxy'], { encoding: 'utf8' }).trim();
  } catch {
    throw new Error(
      'haproxy is not installed: run `apt-get install -y haproxy` (Debian), as .ci/run does.');
  }
}

/**
 * The HAProxy configuration: round-robin in http mode, a health check on /healthz (liveness:
 * with the database away every instance answers 503 pages itself, better than HAProxy's own
 * 503), X-Forwarded-For replaced (not appended) so a client cannot choose its rate-limit key,
 * and the name of the server in each answer for the test to see where requests went.
 * @see https://docs.haproxy.org/2.6/configuration.html#4.2-balance
 */
export function haproxyConfig(port: number, statsPort: number, backends: Backend[]): string {
  const servers = backends.map((b) => {
    const { hostname, port: p } = new URL(b.url);
    // Marked down only after seconds without an answer: a loaded machine's pauses are no outage.
    return `  server ${b.name} ${hostname}:${p} check inter 1s fall 5 rise 1`;
  });
  return [
    'global', '  maxconn 512',
    'defaults', '  mode http',
    '  timeout connect 5s', '  timeout client 60s', '  timeout server 60s',
    '  timeout check 5s',
    'frontend tool', `  bind 127.0.0.1:${port}`, '  default_backend web',
    'backend web', '  balance roundrobin', '  option httpchk GET /healthz',
    '  http-request set-header X-Forwarded-For %[src]',
    '  http-response set-header X-Served-By %[srv_name]',
    ...servers,
    'listen stats', `  bind 127.0.0.1:${statsPort}`, '  stats enable', '  stats uri /stats',
    '',
  ].join('\n');
}

/** HAProxy in front of the web instances, started by the test (`haproxy -f cfg -db`). */
export class Haproxy {
  private output = '';

  private constructor(
    readonly url: string,
    private readonly statsUrl: string,
    private readonly child: ChildProcess,
    private readonly dir: string,
  ) {
    const keep = (chunk: Buffer) =>
      void (this.output = (this.output + chunk.toString()).slice(-8000));
    child.stdout!.on('data', keep);
    child.stderr!.on('data', keep);
  }

  /** Listens on `port` (chosen before the instances start: their PUBLIC_URL names it). */
  static async start(port: number, backends: Backend[]): Promise<Haproxy> {
    const binary = haproxyBinary();
    const dir = mkdtempSync(path.join(tmpdir(), 'mc-haproxy-'));
    const file = path.join(dir, 'haproxy.cfg');
    const statsPort = await freePort();
    writeFileSync(file, haproxyConfig(port, statsPort, backends));
    const child = spawn(binary, ['-f', file, '-db'], { stdio: ['ignore', 'pipe', 'pipe'] });
    const statsUrl = `http://127.0.0.1:${statsPort}/stats;csv`;
    const proxy = new Haproxy(`http://127.0.0.1:${port}`, statsUrl, child, dir);
    await waitFor('HAProxy to see every web instance UP', async () => {
      if (!proxy.alive) throw new Error(`haproxy exited with ${child.exitCode}:\n${proxy.output}`);
      const stats = await proxy.serverStats().catch(() => null);
      return stats !== null && backends.every((b) => stats[b.name]?.status === 'UP');
    }, 60_000);
    return proxy;
  }

  get alive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  get log(): string {
    return this.output;
  }

  /** The backend's servers by name, read from the CSV stats page. */
  async serverStats(): Promise<Record<string, ServerStats>> {
    const csv = await (await fetch(this.statsUrl)).text();
    const [header = '', ...rows] = csv.replace(/^# /, '').trim().split('\n');
    const columns = header.split(',');
    const at = (row: string[], name: string) => row[columns.indexOf(name)] ?? '';
    const servers: Record<string, ServerStats> = {};
    for (const row of rows.map((r) => r.split(','))) {
      const name = at(row, 'svname');
      if (at(row, 'pxname') !== 'web' || name === 'FRONTEND' || name === 'BACKEND') continue;
      servers[name] = { status: at(row, 'status'), requests: Number(at(row, 'req_tot') || 0) };
    }
    return servers;
  }

  async stop(): Promise<void> {
    if (this.alive) {
      const exited = new Promise((resolve) => this.child.once('exit', resolve));
      this.child.kill('SIGTERM');
      const force = setTimeout(() => this.child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(force);
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}
