import type { Clock } from "../shared/clock.js";
import type { Registration, RegistrationStore } from "./ports.js";

/** How long an instance trusts a registration it read (another instance's change waits this long). */
export const REGISTRATION_CACHE_MS = 5_000;

interface Entry {
  until: number;
  value: Promise<Registration | undefined> | Promise<Registration[]>;
}

/**
 * Every login and every launch reads its registration; registrations change a few times a year.
 * This instance keeps what it read for a few seconds, and forgets everything when it changes a
 * registration itself, so its own writes (the registry, Dynamic Registration) apply at once.
 * Only what was found is kept: a platform registered by another process is seen at its first login,
 * and a refusal that rests on a kept registration reads it again (`forget`) before it is given.
 */
export function cachedRegistrationStore(
  store: RegistrationStore,
  clock: Clock,
): RegistrationStore {
  const entries = new Map<string, Entry>();
  function cached<T extends Registration | undefined | Registration[]>(
    key: string,
    read: () => Promise<T>,
  ): Promise<T> {
    const now = clock.now().getTime();
    const hit = entries.get(key);
    if (hit && hit.until > now) return hit.value as Promise<T>;
    const value = read();
    entries.set(key, {
      until: now + REGISTRATION_CACHE_MS,
      value: value as Entry["value"],
    });
    const found = (v: T) => (Array.isArray(v) ? v.length > 0 : v !== undefined);
    value.then(
      (v) => found(v) || entries.delete(key),
      () => entries.delete(key),
    );
    return value;
  }
  const forgetting =
    <A extends unknown[], R>(write: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      entries.clear();
      try {
        return await write(...args);
      } finally {
        entries.clear();
      }
    };
  return {
    ...store,
    find: (issuer, clientId) =>
      cached(`c ${issuer} ${clientId}`, () => store.find(issuer, clientId)),
    findByIssuer: (issuer) =>
      cached(`i ${issuer}`, () => store.findByIssuer(issuer)),
    save: forgetting(store.save.bind(store)),
    saveNew: forgetting(store.saveNew.bind(store)),
    setStatus: forgetting(store.setStatus.bind(store)),
    removeDeployment: forgetting(store.removeDeployment.bind(store)),
    remove: forgetting(store.remove.bind(store)),
    forget: () => entries.clear(),
  };
}
