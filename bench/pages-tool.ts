import { AsyncLocalStorage } from 'node:async_hooks';
import express from 'express';
import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs } from 'kysely';
import { createApp } from '../src/app.js';
import { loadConfigOrExit } from '../src/config/config.js';
import { openDatabase } from '../src/db/open-database.js';
import { createLogger } from '../src/shared/logger.js';
import { announceReady } from './bench-child.js';

/**
 * The tool as src/server.ts runs it (background jobs on), in a process of its own, with one
 * addition for the pages benchmark: each request's SQL statements are counted (a Kysely plugin;
 * the request's async context tells them apart from the jobs') and its server time measured,
 * both read back by the load generator at /__bench/requests/:id (header x-bench-id).
 */
interface Slot {
  statements: number;
}
const slots = new AsyncLocalStorage<Slot>();
const counting: KyselyPlugin = {
  transformQuery: (args: PluginTransformQueryArgs) => args.node,
  async transformResult(args: PluginTransformResultArgs) {
    const slot = slots.getStore();
    if (slot) slot.statements++;
    return args.result;
  },
};

const config = loadConfigOrExit(process.env);
const logger = createLogger(config.logLevel);
const database = await openDatabase({
  databaseUrl: config.databaseUrl,
  poolSize: config.dbPoolSize,
});
const app = await createApp({
  config,
  databaseUrl: database.url,
  encryptionKey: config.ltiEncryptionKey!,
  db: database.db.withPlugin(counting),
  logger,
});
const seen = new Map<string, { statements: number; serverMs: number; status: number }>();
const outer = express();
outer.get('/__bench/requests/:id', (req, res) => {
  const found = seen.get(req.params.id);
  if (!found) return res.status(404).json({ error: 'unknown request' });
  res.json(found);
});
outer.use((req, res, next) => {
  const id = req.header('x-bench-id');
  if (!id) return next();
  const slot: Slot = { statements: 0 };
  const started = performance.now();
  res.on('finish', () =>
    seen.set(id, {
      statements: slot.statements,
      serverMs: performance.now() - started,
      status: res.statusCode,
    }),
  );
  slots.run(slot, next);
});
outer.use(app.express);
const server = outer.listen(config.port, () => announceReady({ url: config.publicUrl }));
const stop = () =>
  server.close(async () => {
    await app.close().catch(() => undefined);
    await database.close().catch(() => undefined);
    process.exit(0);
  });
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
