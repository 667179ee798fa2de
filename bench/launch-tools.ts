import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import type { Db } from '../src/db/connection.js';
import { projectRoot } from '../src/shared/project-root.js';
import { freePort } from '../test/support/database-server.js';
import type { TestPlatform } from '../test/support/test-platform.js';
import { BenchChild } from './bench-child.js';
import { BENCH_KEY, ourRegistry } from './our-registry.js';

/** BENCH_PROFILE_DIR: each tool (and the PGlite server) writes a V8 CPU profile there when it stops (for finding why). */
export const profiling = (): Record<string, string> => {
  const dir = process.env.BENCH_PROFILE_DIR;
  return dir ? { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${dir}` } : {};
};

/** Registers the platform in our tables from the bench process, as the platform CLI does. */
export async function registerWithOurs(db: Db, platform: TestPlatform, jwksUri: string) {
  await ourRegistry(db).registerPlatform({ ...platform.manualRegistration, jwksUri });
}

/**
 * Our server in a process of its own on the bench's database, as an operator runs it (background
 * jobs on: JOBS_ENABLED unset), ready once /readyz answers: `src/server.ts` through tsx, or
 * (`built`) `dist/src/server.js` on plain Node as `npm start` runs it.
 */
export async function spawnOurServer(
  label: string, databaseUrl: string, poolSize: number, env: Record<string, string> = {},
  built = false,
) {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const entry = built ? 'dist/src/server.js' : 'src/server.ts';
  const child = BenchChild.spawn(label, entry, {
    DATABASE_URL: databaseUrl, PUBLIC_URL: url, PORT: String(port), LTI_ENCRYPTION_KEY: BENCH_KEY,
    DB_POOL_SIZE: String(poolSize), LOG_LEVEL: 'warn', NODE_ENV: 'production', ...env,
  }, [], built);
  await child.ready(async () => (await fetch(`${url}/readyz`)).status === 200);
  return { child, url };
}

/** The login rate limit is lifted: every simulated learner comes from the bench's one address. */
export const startOurs = (databaseUrl: string, poolSize: number) =>
  spawnOurServer('Mentoring Circles', databaseUrl, poolSize, {
    RATE_LIMIT_LOGIN_PER_MINUTE: '1000000', ...profiling(),
  });

/**
 * RSS of the tool as `npm start` runs it (compiled, plain Node, no tsx loader), idle after start:
 * what production pays, next to the tsx-loaded child both tools are measured under.
 */
export async function shippedIdleRssMb(databaseUrl: string, poolSize: number): Promise<number> {
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  execFileSync(process.execPath, [tsc, '-b', 'tsconfig.build.json'], {
    cwd: projectRoot(), stdio: 'inherit',
  });
  const { child } = await spawnOurServer('Mentoring Circles (built)', databaseUrl, poolSize, {}, true);
  try {
    await new Promise((resolve) => setTimeout(resolve, 3000));
    return child.rssMb();
  } finally {
    await child.stop();
  }
}

/** The bare ltijs baseline (bench/bare-ltijs-server.ts), registering the platform at start. */
export async function startBareLtijs(
  databaseUrl: string, poolSize: number, platform: TestPlatform, jwksUri: string,
) {
  const spec = {
    issuer: platform.issuer, clientId: platform.clientId, authEndpoint: `${platform.url}/auth`,
    tokenEndpoint: platform.tokenEndpointUrl, jwksUri,
  };
  const child = BenchChild.spawn('bare ltijs', 'bench/bare-ltijs-server.ts', {
    DATABASE_URL: databaseUrl, LTI_ENCRYPTION_KEY: BENCH_KEY, DB_POOL_SIZE: String(poolSize),
    BENCH_PLATFORM: JSON.stringify(spec), NODE_ENV: 'production', ...profiling(),
  });
  const { url } = (await child.ready()) as { url: string };
  return { child, url };
}
