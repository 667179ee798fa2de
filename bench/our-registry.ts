import type { Db } from '../src/db/connection.js';
import { createPlatformRepository } from '../src/db/repositories/platform-repository.js';
import { createToolKeyRepository } from '../src/db/repositories/tool-key-repository.js';
import { createPlatformRegistry } from '../src/lti/platform-registry.js';
import { createToolKeys } from '../src/lti/tool-keys.js';
import { systemClock } from '../src/shared/clock.js';
import { createSecretBox } from '../src/shared/secret-box.js';

export const BENCH_KEY = 'bench-encryption-key-0123456789abcdef0123456789';

/** Our platform registry built as src/app.ts builds it (the CLI does the same). */
export function ourRegistry(db: Db) {
  const registrations = createPlatformRepository(db);
  const box = createSecretBox(BENCH_KEY, 'tool-keys');
  const keys = createToolKeys({
    store: createToolKeyRepository(db), registrations, box, clock: systemClock,
  });
  return createPlatformRegistry(registrations, keys);
}
