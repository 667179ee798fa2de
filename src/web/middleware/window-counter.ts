import type { RateLimitStore } from "../../db/repositories/rate-limit-repository.js";
import type { Clock } from "../../shared/clock.js";
import type { Logger } from "../../shared/logger.js";

/** This instance's hits not yet in the database reach it at most this late (with more traffic). */
export const FLUSH_EVERY_MS = 1_000;

interface Tally {
  bucket: string;
  key: string;
  windowStart: number;
  /** The window's total the database last returned. */
  known: number;
  /** Hits this instance counted since. */
  pending: number;
}

/**
 * Counts hits per window for the rate limits without a database write per request. Far from its
 * limit a key is counted here and the hits are added to the shared row about once a second;
 * from a quarter of its limit on, every hit is added at once and the database's total decides,
 * so a refusal always rests on the count of every instance. One instance counts exactly; across
 * N instances the others' hits below a quarter of the limit may not be in yet (at most
 * (N - 1) / 4 of the limit over, for at most a second).
 */
export function createWindowCounter(deps: {
  store: RateLimitStore;
  clock: Clock;
  logger: Logger;
}) {
  const tallies = new Map<string, Tally>();
  let lastFlush = deps.clock.now().getTime();

  async function sync(t: Tally): Promise<number> {
    const hits = t.pending;
    t.pending = 0;
    try {
      const total = await deps.store.hit(
        t.bucket,
        t.key,
        new Date(t.windowStart),
        hits,
      );
      t.known = Math.max(t.known, total);
      return total;
    } catch (err) {
      t.pending += hits;
      throw err;
    }
  }

  function flush(now: number, windowStart: number): void {
    if (now - lastFlush < FLUSH_EVERY_MS) return;
    lastFlush = now;
    for (const [id, t] of tallies) {
      if (t.pending > 0) {
        sync(t).catch((err: unknown) =>
          deps.logger.warn({ err }, "rate-limit hits not saved yet"),
        );
      } else if (t.windowStart < windowStart) {
        tallies.delete(id);
      }
    }
  }

  /** Counts one hit; resolves to the window's total with it (exact from a quarter of the limit on). */
  return async function count(
    bucket: string,
    key: string,
    windowStart: number,
    limit: number,
  ) {
    const id = `${bucket}\u0000${key}\u0000${windowStart}`;
    let t = tallies.get(id);
    if (!t)
      tallies.set(id, (t = { bucket, key, windowStart, known: 0, pending: 0 }));
    t.pending++;
    // sync() takes the pending hits at once, so the flush below does not count them twice.
    const total =
      (t.known + t.pending) * 4 > limit
        ? sync(t)
        : Promise.resolve(t.known + t.pending);
    flush(deps.clock.now().getTime(), windowStart);
    return total;
  };
}
