import { createServer, type IncomingMessage, type Server } from 'node:http';

export interface RecordedRequest {
  method: string;
  url: string;
  authorization: string | null;
  body: string;
}

/**
 * An LRS endpoint the attacker controls: it records every request (with its Authorization
 * header) and answers statement reads with `readStatus` and a body carrying `marker`.
 */
export class RecordingLrs {
  readonly requests: RecordedRequest[] = [];
  readStatus = 401;
  readonly marker = `REMOTE-BODY-MARKER-${Math.random().toString(36).slice(2)}`;

  private constructor(private readonly server: Server, readonly port: number) {}

  static async start(): Promise<RecordingLrs> {
    let self: RecordingLrs | undefined;
    const server = createServer((req, res) => void self!.answer(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    self = new RecordingLrs(server, (server.address() as { port: number }).port);
    return self;
  }

  get endpoint(): string {
    return `http://127.0.0.1:${this.port}/xAPI`;
  }

  /** Statement ids this endpoint received in POSTs. */
  postedStatementIds(): string[] {
    return this.requests.filter((r) => r.method === 'POST').flatMap((r) => (JSON.parse(r.body) as Array<{ id: string }>).map((s) => s.id));
  }

  /** Did any request carry this secret in its Basic credentials? */
  sawSecret(secret: string): boolean {
    return this.requests.some((r) => r.authorization !== null && Buffer.from(r.authorization.replace(/^Basic /, ''), 'base64').toString().includes(secret));
  }

  private async answer(req: IncomingMessage, res: import('node:http').ServerResponse): Promise<void> {
    let body = '';
    for await (const chunk of req) body += chunk;
    this.requests.push({ method: req.method ?? '', url: req.url ?? '', authorization: req.headers.authorization ?? null, body });
    if (req.url?.endsWith('/about')) return void res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"version":["1.0.3"]}');
    if (req.method === 'POST') {
      const ids = (JSON.parse(body) as Array<{ id: string }>).map((s) => s.id);
      return void res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(ids));
    }
    res.writeHead(this.readStatus, { 'Content-Type': 'text/html' }).end(`<b>${this.marker}</b> <script>alert(1)</script>`);
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
