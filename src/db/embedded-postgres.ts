import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import pg from 'pg';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { serializeProtocolExchanges } from './pglite-exchange-queue.js';

export interface EmbeddedPostgres {
  readonly url: string;
  stop(): Promise<void>;
}

/**
 * PGlite (PostgreSQL compiled to WASM) served over the PostgreSQL wire protocol on loopback,
 * so the tool, its CLI and pg-boss all talk to it like to a real server.
 * `maxConnections` must cover every pool together: the socket server's default is 1.
 */
export async function startEmbeddedPostgres(options: {
  dataDir?: string;
  maxConnections: number;
}): Promise<EmbeddedPostgres> {
  let dir: string | undefined;
  if (options.dataDir) {
    dir = path.resolve(options.dataDir, 'pglite');
    await mkdir(dir, { recursive: true });
  }
  const db = await PGlite.create(dir ? { dataDir: dir } : {});
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: options.maxConnections });
  serializeProtocolExchanges(server);
  await server.start();
  const port = (server as unknown as { port: number }).port;
  const url = `postgres://postgres:postgres@127.0.0.1:${port}/postgres`;
  const marker = dir ? path.join(dir, '..', RUNNING_MARKER) : undefined;
  if (marker) await writeFile(marker, JSON.stringify({ url, pid: process.pid }));
  return {
    url,
    async stop() {
      if (marker) await rm(marker, { force: true });
      await server.stop();
      await db.close();
    },
  };
}

const RUNNING_MARKER = 'pglite-server.json';

/**
 * PGlite data may only be opened by one process. When the tool is running on DATA_DIR, other
 * processes (the platform CLI) connect to its socket server instead; this finds it.
 */
export async function findRunningEmbeddedPostgres(dataDir: string): Promise<string | undefined> {
  let url: string;
  try {
    ({ url } = JSON.parse(await readFile(path.resolve(dataDir, RUNNING_MARKER), 'utf8')) as { url: string });
  } catch {
    return undefined;
  }
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    return url;
  } catch {
    return undefined;
  } finally {
    await client.end().catch(() => undefined);
  }
}
