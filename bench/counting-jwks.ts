import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A counting proxy in front of the platform's JWKS: each tool gets its own, registered as its
 * jwks_uri, so the bench sees how often each tool fetches the platform's keys.
 */
export interface CountingJwks {
  readonly url: string;
  readonly requests: number;
  close(): Promise<void>;
}

export async function startCountingJwks(platformJwksUrl: string): Promise<CountingJwks> {
  let requests = 0;
  const server: Server = createServer((req, res) => {
    requests++;
    fetch(platformJwksUrl)
      .then(async (upstream) => {
        res.writeHead(upstream.status, { 'content-type': 'application/json' });
        res.end(await upstream.text());
      })
      .catch(() => {
        res.writeHead(502);
        res.end();
      });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/jwks`,
    get requests() {
      return requests;
    },
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
