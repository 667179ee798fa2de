import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

interface StoredSecrets {
  ltiEncryptionKey: string;
}

/**
 * Embedded mode only: the first start generates the encryption key and keeps it in DATA_DIR,
 * so a restart can still decrypt the LTI keys it stored.
 */
export async function loadOrCreateEmbeddedSecrets(
  dataDir: string,
  warn: (message: string) => void,
): Promise<StoredSecrets> {
  const file = path.join(dataDir, 'secrets.json');
  try {
    const stored = JSON.parse(await readFile(file, 'utf8')) as Partial<StoredSecrets>;
    if (typeof stored.ltiEncryptionKey === 'string' && stored.ltiEncryptionKey.length >= 32) {
      return { ltiEncryptionKey: stored.ltiEncryptionKey };
    }
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  const secrets = { ltiEncryptionKey: randomBytes(32).toString('base64url') };
  await mkdir(dataDir, { recursive: true });
  await writeFile(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  warn(`Generated LTI_ENCRYPTION_KEY and stored it in ${file}. Back it up, or set LTI_ENCRYPTION_KEY yourself in production.`);
  return secrets;
}
