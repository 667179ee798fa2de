import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Server } from 'node:http';
import type { TestLrs } from './lrs.js';

/** `up`: forwards to the LRS; else answers every request with that status (and `retryAfter`). */
export type ProxyMode = { kind: 'up' } | { kind: 'failing'; status: number; retryAfter?: string };

/**
 * A front for the real LRS that can fail like an overloaded one (503, 429 with `Retry-After`)
 * while recording what reaches it: every statements POST (in either mode) and, in arrival order,
 * the statement ids it forwarded to the LRS.
 */
export class LrsOutageProxy {
  mode: ProxyMode = { kind: 'up' };
  /** Statement POSTs answered with a failure, and when (as the test's clock tells). */
  readonly failedPosts: number[] = [];
  /** Statement ids forwarded to the LRS, in the order they arrived. */
  readonly forwarded: string[] = [];

  private constructor(
    private readonly server: Server,
    readonly port: number,
    private readonly lrs: TestLrs,
    private readonly now: () => number,
  ) {}

  static async start(lrs: TestLrs, now: () => number): Promise<LrsOutageProxy> {
    let self: LrsOutageProxy | undefined;
    const server = createServer((req, res) => void self!.handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    self = new LrsOutageProxy(server, (server.address() as { port: number }).port, lrs, now);
    return self;
  }

  get endpoint(): string {
    return `http://127.0.0.1:${this.port}/xAPI`;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const isPost = req.method === 'POST' && (req.url ?? '').includes('/statements');
    if (this.mode.kind === 'failing') {
      if (isPost) this.failedPosts.push(this.now());
      const { retryAfter } = this.mode;
      const headers: Record<string, string> = { 'Content-Type': 'text/plain' };
      if (retryAfter) headers['Retry-After'] = retryAfter;
      return void res.writeHead(this.mode.status, headers).end('LRS overloaded, try later');
    }
    const statements = isPost ? (JSON.parse(body.toString('utf8')) as Array<{ id: string }>) : [];
    this.forwarded.push(...statements.map((s) => s.id));
    const { method, url: path, headers } = req;
    const to = { host: '127.0.0.1', port: this.lrs.port, method, path, headers };
    const upstream = request(to, (up) => {
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
    });
    upstream.on('error', (err) => res.writeHead(502).end(String(err)));
    upstream.end(body);
  }

  close(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeAllConnections();
    return closed;
  }
}
