import type { Clock } from '../shared/clock.js';

export interface TargetHealthOptions {
  /** First pause after a failure; doubles per failed probe. */
  baseMs: number;
  /** Longest pause between probes of a target that does not answer. */
  probeMaxMs: number;
  /** Longest pause an LRS may ask for with `Retry-After`. */
  retryAfterMaxMs: number;
  clock: Clock;
  random: () => number;
}

interface Pause {
  backoffMs: number;
  until: number;
}

/** A claim's plan: targets to leave out, and the paused targets this claim probes. */
export interface ClaimPlan {
  skip: string[];
  probes: Set<string>;
}

/** Milliseconds from `Retry-After` (delta-seconds or an HTTP date), if it can be read. */
function retryAfterMs(value: string | undefined, now: number): number | null {
  if (!value) return null;
  if (/^\s*\d+\s*$/.test(value)) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

/**
 * Backoff per LRS target, not per row: after a network error, timeout, 5xx or refusal the target
 * is paused (doubling from the base up to the probe cap, with jitter, or as long as its
 * `Retry-After` asks); while paused, claims leave its rows out, and when the pause is over one
 * claim probes it with one batch. A probe that succeeds ends the pause: the rows flow again at
 * full concurrency. Rows are never pushed into the future one by one, so a backlog drains at the
 * LRS's pace as soon as it answers. State is per instance; each instance probes on its own.
 * @see https://www.rfc-editor.org/rfc/rfc9110#field.retry-after
 */
export function createTargetHealth(options: TargetHealthOptions) {
  const paused = new Map<string, Pause>();
  const probing = new Map<string, { done: Promise<void>; end: () => void }>();
  const now = () => options.clock.now().getTime();

  return {
    /** Leaves out paused targets; reserves the probe of each whose pause is over. */
    plan(): ClaimPlan {
      const plan: ClaimPlan = { skip: [], probes: new Set() };
      for (const [id, pause] of paused) {
        if (probing.has(id) || pause.until > now()) {
          plan.skip.push(id);
          continue;
        }
        let end = () => {};
        const done = new Promise<void>((resolve) => void (end = resolve));
        probing.set(id, { done, end });
        plan.probes.add(id);
      }
      return plan;
    },
    /** Ends a claim's probes, once its outcomes are recorded: waiting workers go on. */
    release(plan: ClaimPlan): void {
      for (const id of plan.probes) {
        probing.get(id)?.end();
        probing.delete(id);
      }
    },
    isPaused: (id: string) => paused.has(id),
    /** The target did not take a batch: pause it, unless a concurrent failure already did. */
    failed(id: string, retryAfter?: string): void {
      const at = now();
      const previous = paused.get(id);
      if (previous && previous.until > at && !retryAfter) return;
      const doubled = previous ? previous.backoffMs * 2 : options.baseMs;
      const backoffMs = Math.min(options.probeMaxMs, doubled);
      const asked = retryAfterMs(retryAfter, at);
      const waitMs = asked === null
        ? backoffMs * (0.5 + options.random() / 2)
        : Math.min(options.retryAfterMaxMs, asked);
      paused.set(id, { backoffMs, until: Math.max(at + waitMs, previous?.until ?? 0) });
    },
    succeeded(id: string): void {
      paused.delete(id);
    },
    /** Resolves when the probes in flight now have ended; null when none is. */
    settled(): Promise<void> | null {
      if (probing.size === 0) return null;
      return Promise.all([...probing.values()].map((p) => p.done)).then(() => {});
    },
    /** Forgets every pause (new LRS settings, a retry by staff): the next claim tries at once. */
    reset(): void {
      paused.clear();
    },
  };
}

export type TargetHealth = ReturnType<typeof createTargetHealth>;
