import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../src/shared/project-root.js';
import { stopProcess } from '../test/support/tool-process.js';

/** The line a bench child prints once it serves; the JSON after it tells the parent where. */
export const READY = 'BENCH_READY ';

/** Prints the ready line for the parent (children call this once they listen). */
export function announceReady(info: Record<string, unknown>): void {
  process.stdout.write(`${READY}${JSON.stringify(info)}\n`);
}

/**
 * A TypeScript entry point in a process of its own, through the same tsx loader for every child
 * (ours and the bare ltijs tool pay the same loader overhead in RSS and start-up).
 */
export class BenchChild {
  private output = '';
  private readyInfo: Record<string, unknown> | undefined;

  private constructor(readonly name: string, private readonly child: ChildProcess) {
    const keep = (chunk: Buffer) => {
      this.output = (this.output + chunk.toString()).slice(-40_000);
      const line = this.output.split('\n').find((l) => l.startsWith(READY));
      if (line && !this.readyInfo) this.readyInfo = JSON.parse(line.slice(READY.length));
    };
    child.stdout!.on('data', keep);
    child.stderr!.on('data', keep);
  }

  /** `entry` in TypeScript through tsx, or (`built`) compiled JavaScript on plain Node, as shipped. */
  static spawn(
    name: string, entry: string, env: Record<string, string>, args: string[] = [], built = false,
  ) {
    const root = projectRoot();
    const loader = built ? [] : ['--import', 'tsx'];
    const child = spawn(process.execPath, [...loader, path.join(root, entry), ...args], {
      cwd: root,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return new BenchChild(name, child);
  }

  get pid(): number {
    return this.child.pid!;
  }

  get alive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  get log(): string {
    return this.output.slice(-4000);
  }

  /** Waits for the ready line (or `check`), failing with the child's log if it dies first. */
  async ready(check?: () => Promise<boolean>, timeoutMs = 120_000) {
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      if (!this.alive) throw new Error(`${this.name} exited (${this.child.exitCode}): ${this.log}`);
      if (check ? await check().catch(() => false) : this.readyInfo) return this.readyInfo ?? {};
      if (performance.now() > deadline) throw new Error(`${this.name} not ready:\n${this.log}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** Waits for the child to exit by itself and returns its ready-line JSON (one-shot children). */
  async result(timeoutMs = 180_000): Promise<Record<string, unknown>> {
    if (this.alive) {
      const timer = setTimeout(() => this.child.kill('SIGKILL'), timeoutMs);
      await new Promise((resolve) => this.child.once('exit', resolve));
      clearTimeout(timer);
    }
    if (this.child.exitCode !== 0 || !this.readyInfo) {
      throw new Error(`${this.name} failed (${this.child.exitCode}):\n${this.log}`);
    }
    return this.readyInfo;
  }

  rssMb(): number {
    return rssMbOf(this.pid);
  }

  async stop(): Promise<void> {
    if (this.alive) await stopProcess(this.child);
  }
}

/** Resident set of a process in MB, from /proc (Linux); 0 when it is gone. */
export function rssMbOf(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = Number(/VmRSS:\s+(\d+)\s+kB/.exec(status)?.[1] ?? 0);
    return kb / 1024;
  } catch {
    return 0;
  }
}

/** CPU time (user + system) a process has used so far, in ms, from /proc/<pid>/stat. */
export function cpuMsOf(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name: state is field 3, utime 14, stime 15 (in 1/100 s ticks).
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return 0;
  }
}

/** Samples a child's RSS every 200 ms while started; `peak` is the highest seen. */
export function rssSampler(child: BenchChild) {
  let peak = 0;
  let timer: NodeJS.Timeout | undefined;
  const sample = () => void (peak = Math.max(peak, child.rssMb()));
  return {
    start() {
      sample();
      timer ??= setInterval(sample, 200);
    },
    stop() {
      clearInterval(timer);
      timer = undefined;
      sample();
    },
    get peak() {
      return peak;
    },
  };
}
