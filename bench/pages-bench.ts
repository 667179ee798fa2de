import { sql } from 'kysely';
import type { OpenDatabase } from '../src/db/open-database.js';
import { freePort } from '../test/support/database-server.js';
import { TestPlatform } from '../test/support/test-platform.js';
import { BenchChild } from './bench-child.js';
import { profiling, registerWithOurs } from './launch-tools.js';
import { BENCH_KEY } from './our-registry.js';
import type { Measured, PagesClient } from './pages-client.js';
import { buildPagesFixture } from './pages-fixture.js';
import { analyzeTables } from '../test/support/scale/scale-fixture.js';

export interface PagesBenchOptions {
  mentors: number;
  mentees: number;
  /** Visits of each page after a first, unmeasured one; the median is printed. */
  visits: number;
  /** The program is a graded LMS activity (its link carries a line item): changes queue scores. */
  grades?: boolean;
}

/** Bench targets from issue #19 (printed next to the measure, never asserted). */
const TARGETS = { approveMs: 2000, staffPageMs: 300 };

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`.padStart(8);

function line(name: string, runs: Measured[], target?: number) {
  if (runs[0]!.status >= 400)
    console.log(
      `  ${name}: ${runs[0]!.text
        .replace(/<[^>]+>/g, ' ')
        .replace(/\s+/g, ' ')
        .slice(0, 400)}`,
    );
  const server = median(runs.map((r) => r.serverMs));
  const mark =
    target === undefined
      ? ''
      : server <= target
        ? `  (target < ${target} ms: met)`
        : `  (target < ${target} ms: MISSED)`;
  const statements = [...new Set(runs.map((r) => r.statements))].join('/');
  console.log(
    `  ${name.padEnd(28)} ${String(runs[0]!.status).padEnd(4)} ${statements.padStart(5)} statements ${server.toFixed(0).padStart(7)} ms server ${median(
      runs.map((r) => r.clientMs),
    )
      .toFixed(0)
      .padStart(7)} ms client ${kb(runs[0]!.bytes)}${mark}`,
  );
}

/** BENCH_PAGES_TOP=1 on PostgreSQL with pg_stat_statements: the slowest statements of each step. */
async function topStatements(db: OpenDatabase['db'], step: string) {
  if (!process.env.BENCH_PAGES_TOP) return;
  const { rows } = await sql<{
    calls: number;
    ms: number;
    q: string;
  }>`select calls, round(total_exec_time::numeric) as ms,
    left(regexp_replace(query, '\\s+', ' ', 'g'), 140) as q from pg_stat_statements order by total_exec_time desc limit 5`.execute(
    db,
  );
  for (const r of rows)
    console.log(
      `      ${step}: ${String(r.calls).padStart(5)} × ${String(r.ms).padStart(6)} ms  ${r.q}`,
    );
  await sql`select pg_stat_statements_reset()`.execute(db);
}

async function visit(
  client: PagesClient,
  path: string,
  visits: number,
  query: Record<string, string> = {},
) {
  await client.request('GET', path, query);
  const runs: Measured[] = [];
  for (let i = 0; i < visits; i++) runs.push(await client.request('GET', path, query));
  return runs;
}

/**
 * Heavy pages and actions of one program at scale (2,000 people by default): statements, server
 * time (measured in the tool) and page size. The tool runs in its own process with its background
 * jobs on; this process holds the platform, the fixture writer and the load generator.
 */
export async function pagesBenchmark(
  database: OpenDatabase,
  options: PagesBenchOptions,
): Promise<void> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const tool = BenchChild.spawn('Mentoring Circles (pages)', 'bench/pages-tool.ts', {
    DATABASE_URL: database.url,
    PUBLIC_URL: url,
    PORT: String(port),
    LTI_ENCRYPTION_KEY: BENCH_KEY,
    DB_POOL_SIZE: '10',
    LOG_LEVEL: 'warn',
    RATE_LIMIT_LOGIN_PER_MINUTE: '1000000',
    RATE_LIMIT_POSTS_PER_MINUTE: '1000000',
    NODE_ENV: 'production',
    ...profiling(),
  });
  const platform = await TestPlatform.start('moodle');
  try {
    await tool.ready();
    platform.registerToolByHand([`${url}/lti/launch`]);
    await registerWithOurs(database.db, platform, `${platform.url}/jwks`);
    const people = options.mentors + options.mentees;
    // BENCH_PAGES_GRADES=1: the program is a graded activity of the course.
    const grades = options.grades ?? Boolean(process.env.BENCH_PAGES_GRADES);
    console.log(
      `\npages: one program of ${people + 2} people (${options.mentors + 1} mentors, ${options.mentees + 1} mentees), ${grades ? 'graded (scores queued)' : 'not graded'}, median of ${options.visits} visits; tables analyzed after each bulk change, as autovacuum does`,
    );
    const { programId, staff, learner } = await buildPagesFixture(database, url, platform, {
      mentors: options.mentors,
      mentees: options.mentees,
      grades,
    });
    const p = `/staff/programs/${programId}`;
    await topStatements(database.db, 'fixture');
    const propose = await staff.post(`${p}/matching/propose`, {}, `${p}/matching`);
    line('match now (propose)', [propose]);
    await topStatements(database.db, 'propose');
    line('match review', await visit(staff, `${p}/matching`, options.visits), TARGETS.staffPageMs);
    await topStatements(database.db, 'review');
    const draft = await database.db
      .selectFrom('match_proposals')
      .select('id')
      .where('program_id', '=', programId)
      .where('status', '=', 'draft')
      .executeTakeFirstOrThrow();
    const approve = await staff.post(
      `${p}/matching/approve`,
      { proposalId: draft.id },
      `${p}/matching`,
    );
    const circles = await database.db
      .selectFrom('circles')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('program_id', '=', programId)
      .executeTakeFirstOrThrow();
    line(`approve (${circles.n} circles)`, [approve], TARGETS.approveMs);
    await topStatements(database.db, 'approve');
    await analyzeTables(database.db);
    line('participants', await visit(staff, p, options.visits), TARGETS.staffPageMs);
    line(
      'participants, search',
      await visit(staff, p, options.visits, { q: 'Person 01' }),
      TARGETS.staffPageMs,
    );
    line('circles admin', await visit(staff, `${p}/circles`, options.visits), TARGETS.staffPageMs);
    await topStatements(database.db, 'staff pages');
    line(
      'prompt overview',
      await visit(staff, `${p}/prompts`, options.visits),
      TARGETS.staffPageMs,
    );
    await topStatements(database.db, 'prompt overview');
    line('learner home', await visit(learner, '/home', options.visits));
    line(
      'learner profile form',
      await visit(learner, `/programs/${programId}/profile`, options.visits),
    );
  } finally {
    if (process.env.BENCH_PAGES_LOG) console.log(tool.log);
    await tool.stop();
    await platform.close();
  }
}
