import type { AddressInfo } from 'node:net';
import express from 'express';
import { announceReady } from './bench-child.js';
import { createLtijsProvider } from './bare-ltijs-provider.js';

/**
 * The benchmark's baseline as its own process: a bare ltijs 5.9 tool (ltijs's own cookie + ltik
 * sessions, a minimal onConnect page) that registers the bench platform at start.
 * Env: DATABASE_URL, LTI_ENCRYPTION_KEY, DB_POOL_SIZE, BENCH_PLATFORM (JSON, see PlatformSpec).
 */
interface PlatformSpec {
  issuer: string;
  clientId: string;
  authEndpoint: string;
  tokenEndpoint: string;
  jwksUri: string;
}

process.on('unhandledRejection', (reason) => {
  // ltijs fires some database writes and forgets them; a failure there is the baseline's own.
  process.stderr.write(`ltijs unhandled rejection: ${(reason as Error)?.message}\n`);
});
const platform = JSON.parse(process.env.BENCH_PLATFORM ?? '{}') as PlatformSpec;
const provider = await createLtijsProvider({
  databaseUrl: process.env.DATABASE_URL!,
  poolSize: Number(process.env.DB_POOL_SIZE ?? 10),
  encryptionKey: process.env.LTI_ENCRYPTION_KEY!,
  cookies: { secure: false, sameSite: 'Lax' },
  tokenMaxAgeSeconds: 60,
  sessionMode: 'ltijs',
});
provider.onConnect((_token: unknown, _req: unknown, res: express.Response) => {
  res.send('<!doctype html><p>Hello from bare ltijs</p>');
});
await provider.registerPlatform({
  url: platform.issuer,
  name: 'bench platform',
  clientId: platform.clientId,
  authenticationEndpoint: platform.authEndpoint,
  accesstokenEndpoint: platform.tokenEndpoint,
  authConfig: { method: 'JWK_SET', key: platform.jwksUri },
});
const app = express();
app.use('/lti', provider.app);
const server = app.listen(0, '127.0.0.1', () => {
  announceReady({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
});
process.on('SIGTERM', () => {
  server.close();
  server.closeIdleConnections();
  void provider.close({ silent: true }).finally(() => process.exit(0));
});
