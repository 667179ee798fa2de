import { readdirSync, readFileSync } from 'node:fs';
import { sql } from 'kysely';
import type { Db } from '../src/db/connection.js';
import { cpuMsOf } from './bench-child.js';

/** utime, stime, cutime, cstime and ppid of a process (ms), from /proc/<pid>/stat. */
function statOf(pid: number) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ').map(Number);
  return { ppid: f[1]!, own: (f[11]! + f[12]!) * 10, reaped: (f[13]! + f[14]!) * 10 };
}

/** The postmaster's CPU, its live backends' and that of backends already gone (reaped). */
function clusterCpuMs(postmaster: number): number {
  let total = statOf(postmaster).own + statOf(postmaster).reaped;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const s = statOf(Number(entry));
      if (s.ppid === postmaster) total += s.own;
    } catch {
      // the process ended while we looked
    }
  }
  return total;
}

/**
 * A reader of the database server's CPU time so far: the PGlite process, or a PostgreSQL
 * cluster on this machine (found by its data directory); undefined when it cannot be seen.
 */
export async function databaseCpuReader(db: Db, pglitePid: number | undefined) {
  if (pglitePid) return () => cpuMsOf(pglitePid);
  try {
    const { rows } = await sql<{ dir: string }>`select current_setting('data_directory') as dir`
      .execute(db);
    const pidFile = readFileSync(`${rows[0]!.dir}/postmaster.pid`, 'utf8');
    const postmaster = Number(pidFile.split('\n')[0]);
    clusterCpuMs(postmaster);
    return () => clusterCpuMs(postmaster);
  } catch {
    return undefined;
  }
}
