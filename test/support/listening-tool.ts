import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import type { TestTool } from './test-tool.js';
import type { TestPlatform } from './test-platform.js';

/** Serves the tool on a real port so platforms can fetch its JWKS over HTTP. */
export async function serveToolKeys(tool: TestTool, platforms: TestPlatform[]): Promise<Server> {
  const server = tool.app.express.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  for (const platform of platforms) platform.toolJwksUrl = `${url}/lti/keys`;
  return server;
}

export async function stopServer(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
}
