import { execFileSync } from 'node:child_process';
import { chownSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { serializeProtocolExchanges } from '../../src/db/pglite-exchange-queue.js';

/** A database server of the test's own, which the test can take away and bring back. */
export interface DatabaseServer {
  readonly url: string;
  readonly label: string;
  /** Stops it (open connections are cut); data is kept. */
  stop(): Promise<void>;
  start(): Promise<void>;
  /** `pg_ctl restart -m fast` on PostgreSQL; stop then start on PGlite. */
  restart(): Promise<void>;
  close(): Promise<void>;
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A private PostgreSQL cluster from Debian's binaries (as .ci/run finds them), or null when absent. */
export async function startPostgresCluster(): Promise<DatabaseServer | null> {
  let bins: string[];
  try {
    bins = readdirSync('/usr/lib/postgresql').map((v) => `/usr/lib/postgresql/${v}/bin`).sort();
  } catch {
    return null;
  }
  const bin = bins.at(-1);
  if (!bin) return null;
  const dir = mkdtempSync(path.join(tmpdir(), 'mc-outage-pg-'));
  const port = await freePort();
  const asRoot = process.getuid?.() === 0;
  // PostgreSQL refuses to run as root: the cluster belongs to the postgres user then.
  if (asRoot) chownSync(dir, Number(execFileSync('id', ['-u', 'postgres']).toString()), Number(execFileSync('id', ['-g', 'postgres']).toString()));
  const run = (args: string[]) => {
    const command = [`${bin}/pg_ctl`, ...args].map((a) => `'${a}'`).join(' ');
    execFileSync(asRoot ? 'su' : 'bash', asRoot ? ['postgres', '-s', '/bin/bash', '-c', command] : ['-c', command], { stdio: 'pipe', timeout: 120_000 });
  };
  const data = path.join(dir, 'data');
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=100`;
  run(['initdb', '-D', data, '-o', '-U postgres -A trust --no-sync']);
  const start = () => run(['-D', data, '-l', path.join(dir, 'server.log'), '-w', '-t', '120', '-o', options, 'start']);
  start();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    label: `PostgreSQL cluster on port ${port}`,
    stop: async () => run(['-D', data, '-m', 'fast', '-w', 'stop']),
    start: async () => start(),
    // -l on every start: a server writing to our pipes would keep execFileSync waiting.
    restart: async () => run(['-D', data, '-l', path.join(dir, 'server.log'), '-m', 'fast', '-w', '-t', '120', '-o', options, 'restart']),
    async close() {
      try {
        run(['-D', data, '-m', 'immediate', 'stop']);
      } catch {
        // already stopped
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * In-memory PGlite behind its socket server, reached through a TCP relay: the outage is the
 * relay going away with every connection cut, as a stopped PostgreSQL does. (Stopping
 * pglite-socket itself leaves its open sockets silent, so clients would wait instead of failing.)
 */
export async function startPgliteServer(): Promise<DatabaseServer> {
  const db = await PGlite.create();
  const backendPort = await freePort();
  const backend = new PGLiteSocketServer({ db, host: '127.0.0.1', port: backendPort, maxConnections: 80 });
  serializeProtocolExchanges(backend);
  await backend.start();
  const port = await freePort();
  const sockets = new Set<Socket>();
  let relay: Server | null = null;
  const start = async () => {
    relay = createServer((client) => {
      const upstream = connect(backendPort, '127.0.0.1');
      for (const socket of [client, upstream]) {
        sockets.add(socket);
        socket.on('close', () => sockets.delete(socket));
        socket.on('error', () => undefined);
      }
      client.pipe(upstream).pipe(client);
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
    await new Promise<void>((resolve) => relay!.listen(port, '127.0.0.1', resolve));
  };
  const stop = async () => {
    const closing = relay && new Promise((resolve) => relay!.close(resolve));
    for (const socket of sockets) socket.destroy();
    await closing;
    relay = null;
  };
  await start();
  return {
    url: `postgres://postgres:postgres@127.0.0.1:${port}/postgres`,
    label: `PGlite socket server behind a relay on port ${port}`,
    stop,
    start,
    restart: async () => {
      await stop();
      await start();
    },
    async close() {
      await stop();
      await backend.stop();
      await db.close();
    },
  };
}
