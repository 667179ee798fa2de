import { BenchChild } from './bench-child.js';

interface StallResult {
  timerGapMs: number;
  loopDelayMaxMs: number;
  msPerRegistration: number;
}

async function measure(side: 'ours' | 'ltijs', databaseUrl: string, count: number) {
  const child = BenchChild.spawn(`registration stall (${side})`, 'bench/registration-stall.ts', {
    DATABASE_URL: databaseUrl,
  }, [side, String(count)]);
  return (await child.result()) as unknown as StallResult;
}

/**
 * The event loop's longest stall while a platform registration runs: ours (key pair generated
 * off the event loop) next to ltijs's registerPlatform (4096-bit key, generateKeyPairSync),
 * each in a fresh process of its own on the same database, ours first then ltijs.
 */
export async function registrationStallBenchmark(databaseUrl: string, count: number) {
  const ours = await measure('ours', databaseUrl, count);
  const ltijs = await measure('ltijs', databaseUrl, count);
  const row = (label: string, r: StallResult) => `    ${label.padEnd(38)}`
    + ` longest stall ${r.timerGapMs.toFixed(1).padStart(7)} ms (1 ms timer gap),`
    + ` ${r.loopDelayMaxMs.toFixed(1).padStart(7)} ms (monitorEventLoopDelay max)`
    + `   ${r.msPerRegistration.toFixed(0).padStart(5)} ms per registration`;
  console.log(`\nRegistration stall benchmark: ${count} registrations in a row per tool`);
  console.log(row('Mentoring Circles (registerPlatform)', ours));
  console.log(row('ltijs 5.9.9 registerPlatform', ltijs));
  const worst = Math.max(ours.timerGapMs, ours.loopDelayMaxMs);
  const verdict = worst < 50 ? 'met' : 'NOT met';
  console.log(`    ours: longest event-loop stall ${worst.toFixed(1)} ms`
    + `   (target < 50 ms: ${verdict})`);
}
