import { randomUUID } from 'node:crypto';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createDb } from '../src/db/connection.js';
import { announceReady } from './bench-child.js';
import { createLtijsProvider } from './bare-ltijs-provider.js';
import { BENCH_KEY, ourRegistry } from './our-registry.js';

/**
 * One side of the registration stall benchmark, in a process of its own:
 * `registration-stall.ts ours|ltijs COUNT` registers COUNT platforms one after the other (after
 * one untimed warm-up) and reports the event loop's longest stall while they ran.
 * Env: DATABASE_URL.
 */
type Register = (n: number) => Promise<unknown>;

const side = process.argv[2];
const count = Number(process.argv[3] ?? 3);
const databaseUrl = process.env.DATABASE_URL!;

const platformFor = (n: number) => {
  const issuer = `https://stall-${randomUUID().slice(0, 8)}-${n}.example`;
  return { issuer, clientId: `client-${n}`, auth: `${issuer}/auth`, token: `${issuer}/token` };
};

async function oursRegister(): Promise<{ register: Register; close: () => Promise<void> }> {
  const db = createDb(databaseUrl, 4);
  const registry = ourRegistry(db);
  const register: Register = (n) => {
    const p = platformFor(n);
    return registry.registerPlatform({
      issuer: p.issuer, clientId: p.clientId, name: 'stall', productFamily: 'moodle',
      authEndpoint: p.auth, tokenEndpoint: p.token, jwksUri: `${p.issuer}/jwks`,
      deploymentIds: ['1'], registeredVia: 'cli',
    });
  };
  return { register, close: () => db.destroy() };
}

async function ltijsRegister(): Promise<{ register: Register; close: () => Promise<void> }> {
  const provider = await createLtijsProvider({
    databaseUrl, poolSize: 4, encryptionKey: BENCH_KEY, cookies: { secure: false, sameSite: 'Lax' },
    tokenMaxAgeSeconds: 60, sessionMode: 'ltijs',
  });
  const register: Register = (n) => {
    const p = platformFor(n);
    return provider.registerPlatform({
      url: p.issuer, name: 'stall', clientId: p.clientId, authenticationEndpoint: p.auth,
      accesstokenEndpoint: p.token, authConfig: { method: 'JWK_SET', key: `${p.issuer}/jwks` },
    });
  };
  return { register, close: async () => void (await provider.close({ silent: true })) };
}

/** Longest gap between 1 ms timer ticks beyond the 1 ms asked for, and the loop-delay maximum. */
async function longestStall(work: () => Promise<void>) {
  const histogram = monitorEventLoopDelay({ resolution: 1 });
  let last = performance.now();
  let gap = 0;
  let ticking = true;
  const tick = () => {
    const now = performance.now();
    gap = Math.max(gap, now - last - 1);
    last = now;
    if (ticking) setTimeout(tick, 1);
  };
  histogram.enable();
  setTimeout(tick, 1);
  const t0 = performance.now();
  await work();
  const ms = performance.now() - t0;
  ticking = false;
  histogram.disable();
  return { timerGapMs: gap, loopDelayMaxMs: histogram.max / 1e6, ms };
}

const { register, close } = side === 'ltijs' ? await ltijsRegister() : await oursRegister();
// The first registration loads lazily required modules and opens pool connections: untimed.
await register(0);
const stall = await longestStall(async () => {
  for (let n = 1; n <= count; n++) await register(n);
});
await close();
announceReady({ side, count, ...stall, msPerRegistration: stall.ms / count });
process.exit(0);
