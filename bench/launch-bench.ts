import type { OpenDatabase } from '../src/db/open-database.js';
import { TestPlatform } from '../test/support/test-platform.js';
import { BenchChild, cpuMsOf, rssSampler } from './bench-child.js';
import { startCountingJwks, type CountingJwks } from './counting-jwks.js';
import { runLoad, summarize, type LoadResult, type LoadSummary } from './launch-load.js';
import { registerWithOurs, shippedIdleRssMb, startBareLtijs, startOurs } from './launch-tools.js';

export interface LaunchBenchOptions {
  /** Launches per measured round. */
  total: number;
  /** Concurrent learners, one level after the other. */
  levels: number[];
  /** Measured rounds per level; the order alternates ours, bare, bare, ours, … */
  rounds: number;
  poolSize: number;
  /** The database server's CPU time so far (ms), when this machine can see it. */
  databaseCpu?: (() => number) | undefined;
}

/** CPU ms per launch of the tool, the database process and this process (platform + load). */
interface CpuShare {
  tool: number;
  database: number;
  bench: number;
}

interface Side {
  name: 'ours' | 'bare';
  label: string;
  url: string;
  child: BenchChild;
  jwks: CountingJwks;
  rss: ReturnType<typeof rssSampler>;
  idleRssMb: number;
}

interface LevelResult {
  concurrency: number;
  stats: Record<Side['name'], LoadSummary>;
  jwksPerLaunch: Record<Side['name'], number>;
  cpu: Record<Side['name'], CpuShare>;
}

const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Both tools in their own processes; the platform and the load generator stay in this one. */
async function startSides(database: OpenDatabase, platform: TestPlatform, poolSize: number) {
  const oursJwks = await startCountingJwks(`${platform.url}/jwks`);
  const bareJwks = await startCountingJwks(`${platform.url}/jwks`);
  const ours = await startOurs(database.url, poolSize);
  platform.registerToolByHand([`${ours.url}/lti/launch`]);
  await registerWithOurs(database.db, platform, oursJwks.url);
  const bare = await startBareLtijs(database.url, poolSize, platform, bareJwks.url);
  platform.registerToolByHand([`${ours.url}/lti/launch`, `${bare.url}/lti/launch`]);
  const floor = BenchChild.spawn('tsx floor', 'bench/noop-child.ts', {});
  await floor.ready();
  // Idle: after start-up work (migrations, pg-boss, ltijs sync) has had time to finish.
  await settle(3000);
  // RSS of a child running nothing but Node and the tsx loader both tools start through.
  const loaderFloorMb = floor.rssMb();
  await floor.stop();
  const side = (name: Side['name'], label: string, t: typeof ours, jwks: CountingJwks): Side => ({
    name, label, url: t.url, child: t.child, jwks, rss: rssSampler(t.child),
    idleRssMb: t.child.rssMb(),
  });
  const sides = [
    side('ours', 'Mentoring Circles', ours, oursJwks),
    side('bare', 'bare ltijs 5.9.9 (minimal page)', bare, bareJwks),
  ] as const;
  return { sides, loaderFloorMb };
}

function cpuNow(side: Side, databaseCpu: (() => number) | undefined): CpuShare {
  const self = process.cpuUsage();
  return {
    tool: cpuMsOf(side.child.pid),
    database: databaseCpu?.() ?? NaN,
    bench: (self.user + self.system) / 1000,
  };
}

async function measureLevel(
  sides: readonly Side[], platform: TestPlatform, concurrency: number, options: LaunchBenchOptions,
): Promise<LevelResult> {
  const results: Record<Side['name'], LoadResult[]> = { ours: [], bare: [] };
  const zero = (): CpuShare => ({ tool: 0, database: 0, bench: 0 });
  const cpu = { ours: zero(), bare: zero() };
  const jwksBefore = Object.fromEntries(sides.map((s) => [s.name, 0]));
  for (const s of sides) {
    s.rss.start();
    await runLoad(s.url, platform, `${s.name}-${concurrency}`, concurrency * 2, concurrency);
    jwksBefore[s.name] = s.jwks.requests;
  }
  for (let round = 0; round < options.rounds; round++) {
    // ours, bare | bare, ours | …: neither side always gets the warmer (or the fuller) database.
    const order = round % 2 === 0 ? sides : [...sides].reverse();
    for (const s of order) {
      const before = cpuNow(s, options.databaseCpu);
      const learners = `${s.name}-${concurrency}`;
      results[s.name].push(await runLoad(s.url, platform, learners, options.total, concurrency));
      const after = cpuNow(s, options.databaseCpu);
      for (const k of ['tool', 'database', 'bench'] as const) {
        cpu[s.name][k] += after[k] - before[k];
      }
    }
  }
  for (const s of sides) s.rss.stop();
  const stats = { ours: summarize(results.ours), bare: summarize(results.bare) };
  const perLaunch = (s: Side) => (s.jwks.requests - jwksBefore[s.name]!) / stats[s.name].launches;
  const share = (name: Side['name']): CpuShare => {
    const n = stats[name].launches;
    const c = cpu[name];
    return { tool: c.tool / n, database: c.database / n, bench: c.bench / n };
  };
  return {
    concurrency, stats, jwksPerLaunch: { ours: perLaunch(sides[0]!), bare: perLaunch(sides[1]!) },
    cpu: { ours: share('ours'), bare: share('bare') },
  };
}

function printLevel(sides: readonly Side[], level: LevelResult): void {
  console.log(`  ${level.concurrency} concurrent learners`);
  for (const s of sides) {
    const st = level.stats[s.name];
    console.log([
      `    ${s.label.padEnd(32)} ${st.throughput.toFixed(1).padStart(7)} launches/s`,
      `p50 ${st.p50.toFixed(0).padStart(5)} ms   p95 ${st.p95.toFixed(0).padStart(5)} ms`,
      `failures ${st.failures}/${st.launches}`,
      `platform JWKS requests/launch ${level.jwksPerLaunch[s.name].toFixed(3)}`,
    ].join('   '));
    const c = level.cpu[s.name];
    const database = Number.isNaN(c.database) ? 'not visible' : `${c.database.toFixed(1)} ms`;
    console.log(`      CPU per launch: tool ${c.tool.toFixed(1)} ms, database ${database},`
      + ` bench process (platform + load) ${c.bench.toFixed(1)} ms`);
    if (st.firstFailure) console.log(`      first failure: ${st.firstFailure.slice(0, 300)}`);
    const log = s.child.log.trim();
    if (st.failures && log) console.log(`      its log ends:\n${log.slice(-1500)}`);
  }
  const ratio = level.stats.ours.throughput / level.stats.bare.throughput;
  const verdict = ratio >= 1.5 ? 'met' : 'NOT met';
  console.log(`    throughput ratio (ours / bare ltijs): ${ratio.toFixed(2)}`
    + `   (target ≥ 1.5: ${verdict})`);
  // CPU per launch over every process involved: steadier than throughput on a shared machine.
  const total = (c: CpuShare) => c.tool + (Number.isNaN(c.database) ? 0 : c.database) + c.bench;
  const cpuRatio = total(level.cpu.bare) / total(level.cpu.ours);
  console.log(`    CPU per launch, tool + database + platform/load (bare / ours): ${cpuRatio.toFixed(2)}`);
}

function printMemory(sides: readonly Side[], loaderFloorMb: number, shippedMb: number): void {
  console.log('  memory (VmRSS of each tool process, sampled every 200 ms)');
  for (const s of sides) {
    console.log(`    ${s.label.padEnd(32)} idle after start ${s.idleRssMb.toFixed(0).padStart(4)} MB`
      + `   peak under the launch load ${s.rss.peak.toFixed(0).padStart(4)} MB`);
  }
  console.log(`    (both include Node + the tsx loader: a child running nothing through it is`
    + ` ${loaderFloorMb.toFixed(0)} MB)`);
  const verdict = shippedMb < 200 ? 'met' : 'NOT met';
  console.log(`    Mentoring Circles as npm start runs it (dist, plain Node) idle after start`
    + ` ${shippedMb.toFixed(0)} MB   (target: idle RSS < 200 MB: ${verdict})`);
}

/**
 * Full launch (login → platform auth → id_token POST → rendered page) against a bare ltijs tool
 * on the same database, each tool in its own process (issue #11 with the fairness of #19).
 */
export async function launchBenchmark(database: OpenDatabase, options: LaunchBenchOptions) {
  const platform = await TestPlatform.start('moodle');
  const { sides, loaderFloorMb } = await startSides(database, platform, options.poolSize);
  try {
    const firstJwks = sides.map((s) => s.jwks.requests);
    const levels: LevelResult[] = [];
    for (const concurrency of options.levels) {
      levels.push(await measureLevel(sides, platform, concurrency, options));
    }
    console.log('\nLaunch benchmark: full launch (login → platform auth → id_token POST → page),'
      + ` ${options.total} launches × ${options.rounds} rounds per tool and level,`
      + ' A/B order alternated');
    console.log('  tools in their own processes (ours: src/server.ts with its background jobs on);'
      + ' platform + load generator in the bench process');
    for (const level of levels) printLevel(sides, level);
    const totals = sides.map((s, i) => `${s.name} ${s.jwks.requests}`
      + ` (before the first launch ${firstJwks[i]})`);
    console.log(`  platform JWKS requests in all, warm-ups included: ${totals.join(', ')}`);
    printMemory(sides, loaderFloorMb, await shippedIdleRssMb(database.url, options.poolSize));
  } finally {
    for (const s of sides) await s.child.stop();
    for (const s of sides) await s.jwks.close();
    await platform.close();
  }
}
