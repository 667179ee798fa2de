import type { Clock } from '../../shared/clock.js';

export interface FrameOrigins {
  /** The http(s) origins allowed to frame the tool; the last known list when the database is down. */
  current(): Promise<string[]>;
  invalidate(): void;
}

/**
 * Each instance reads the list at most every few seconds: a registration made by the CLI or on
 * another instance must be frameable by the time its first launch arrives.
 */
const TTL_MS = 5_000;
/** After a failed read, the last list is kept this long before trying again. */
const RETRY_MS = 5_000;

export function originOf(url: string): string | null {
  try {
    const { protocol, origin } = new URL(url);
    return protocol === 'https:' || protocol === 'http:' ? origin : null;
  } catch {
    return null;
  }
}

/** A process-wide cache of the registered platforms' origins, refreshed after a TTL. */
export function createFrameOrigins(listUrls: () => Promise<string[]>, clock: Clock): FrameOrigins {
  let origins: string[] = [];
  let freshUntil = 0;
  let loading: Promise<string[]> | null = null;
  const load = async () => {
    try {
      const urls = await listUrls();
      origins = [...new Set(urls.map(originOf).filter((o): o is string => o !== null))].sort();
      freshUntil = clock.now().getTime() + TTL_MS;
    } catch {
      freshUntil = clock.now().getTime() + RETRY_MS;
    } finally {
      loading = null;
    }
    return origins;
  };
  return {
    current() {
      if (clock.now().getTime() < freshUntil) return Promise.resolve(origins);
      loading ??= load();
      return loading;
    },
    invalidate() {
      freshUntil = 0;
    },
  };
}
