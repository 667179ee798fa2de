import { expect } from 'chai';
import { openDatabase, type OpenDatabase } from '../../src/db/open-database.js';
import { freePort, startPostgresCluster, type DatabaseServer } from './database-server.js';
import { Haproxy, haproxyBinary } from './haproxy.js';
import { TestLrs } from './lrs.js';
import { runEntryPoint } from './run-process.js';
import { TestPlatform } from './test-platform.js';
import { TEST_ENCRYPTION_KEY } from './test-tool.js';
import { ToolProcess } from './tool-process.js';

export const WEB_INSTANCES = ['web1', 'web2'] as const;

/**
 * The production shape in small: a private PostgreSQL cluster, two web instances
 * (JOBS_ENABLED=false) behind HAProxy, one worker (JOBS_ENABLED=true) outside it, the test LRS,
 * and a Moodle test platform registered by the CLI while the instances run.
 */
export interface MultiInstanceWorld {
  cluster: DatabaseServer;
  database: OpenDatabase;
  lrs: TestLrs;
  moodle: TestPlatform;
  balancer: Haproxy;
  tools: ToolProcess[];
  /** Every process's last log lines, for failure messages. */
  logs(): string;
}

/** The test LRS answers over IPC: a dead one would leave the promise pending for ever. */
export function within<T>(ms: number, what: string, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

/** The web instances and the worker start together, as a deploy rolls them out. */
async function startInstances(w: Partial<MultiInstanceWorld>, env: Record<string, string>) {
  const started = await Promise.allSettled([
    ...WEB_INSTANCES.map((name) => ToolProcess.start(name, { ...env, JOBS_ENABLED: 'false' })),
    ToolProcess.start('worker', { ...env, JOBS_ENABLED: 'true' }),
  ]);
  for (const s of started) if (s.status === 'fulfilled') w.tools!.push(s.value);
  const failed = started.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failed) throw failed.reason;
}

/** Registration by hand, with the CLI in its own process. */
async function registerByCli(moodle: TestPlatform, databaseUrl: string, publicUrl: string) {
  const r = moodle.registerToolByHand([`${publicUrl}/lti/launch`]).manualRegistration;
  const args = ['add', '--issuer', r.issuer, '--client-id', r.clientId,
    '--auth-endpoint', r.authEndpoint, '--token-endpoint', r.tokenEndpoint, '--jwks-uri', r.jwksUri,
    '--deployment-id', r.deploymentIds[0]!, '--name', r.name];
  const env = {
    DATABASE_URL: databaseUrl, LTI_ENCRYPTION_KEY: TEST_ENCRYPTION_KEY, LOG_LEVEL: 'silent',
  };
  const result = await runEntryPoint('src/lti/cli/platform-cli.ts', args, env, 120_000);
  expect(result.code, `${result.stdout}\n${result.stderr}`).to.equal(0);
}

/**
 * Starts the world into `w` step by step, so that `stopMultiInstanceWorld` can stop whatever
 * started even when a later step failed. `env` is added to every instance's environment.
 */
export async function startMultiInstanceWorld(
  w: Partial<MultiInstanceWorld>, env: Record<string, string> = {},
): Promise<MultiInstanceWorld> {
  w.tools = [];
  w.logs = () => [
    ...w.tools!.map((t) => `--- ${t.name}\n${t.log}`), `--- haproxy\n${w.balancer?.log ?? ''}`,
  ].join('\n');
  haproxyBinary();
  w.cluster = (await startPostgresCluster()) ?? undefined;
  if (!w.cluster) {
    throw new Error('PostgreSQL is not installed (no /usr/lib/postgresql/*/bin): '
      + 'run `apt-get install -y postgresql`, as .ci/run does.');
  }
  w.lrs = await TestLrs.start();
  w.moodle = await TestPlatform.start('moodle');
  const port = await freePort();
  const publicUrl = `http://127.0.0.1:${port}`;
  await startInstances(w, {
    DATABASE_URL: w.cluster.url, PUBLIC_URL: publicUrl, LTI_ENCRYPTION_KEY: TEST_ENCRYPTION_KEY,
    DB_POOL_SIZE: '4', LOG_LEVEL: 'warn', TRUST_PROXY: 'true', XAPI_POLL_SECONDS: '1',
    LRS_ENDPOINT: w.lrs.endpoint, LRS_USERNAME: w.lrs.username, LRS_PASSWORD: w.lrs.password,
    ...env,
  });
  const web = w.tools.filter((t) => t.name !== 'worker').map((t) => ({ name: t.name, url: t.url }));
  w.balancer = await Haproxy.start(port, web);
  await registerByCli(w.moodle, w.cluster.url, publicUrl);
  w.database = await openDatabase({ databaseUrl: w.cluster.url, poolSize: 2 });
  return w as MultiInstanceWorld;
}

export async function stopMultiInstanceWorld(w: Partial<MultiInstanceWorld>): Promise<void> {
  await w.balancer?.stop();
  await Promise.all((w.tools ?? []).map((t) => t.stop()));
  await w.database?.close();
  await w.cluster?.close();
  await w.moodle?.close();
  if (w.lrs) await within(15_000, 'stopping the test LRS', w.lrs.kill()).catch(() => undefined);
}
