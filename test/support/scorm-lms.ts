import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import { once } from 'node:events';
import path from 'node:path';
import { unzipSync } from 'fflate';

export interface ScormCommit {
  final: boolean;
  data: Record<string, unknown>;
}

const SCORM_AGAIN = path.join(process.cwd(), 'node_modules', 'scorm-again', 'dist');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.xml': 'application/xml',
  '.xsd': 'application/xml',
};

/**
 * A SCORM LMS as the browser sees it: unzipped packages served as files, and a host page that puts
 * scorm-again (the real runtime) at window.API / API_1484_11 and frames the package's SCO. What
 * scorm-again commits reaches this server (its lmsCommitUrl) and is kept per attempt.
 */
export class ScormLms {
  private readonly packages = new Map<string, Record<string, Uint8Array>>();
  /** Packages whose SCO pages may frame nothing but the LMS itself (as some LMSs set). */
  private readonly framesBlocked = new Set<string>();
  readonly commits = new Map<string, ScormCommit[]>();

  private constructor(
    private readonly server: Server,
    readonly origin: string,
  ) {}

  static async start(tls: { key: string; cert: string }, port: number): Promise<ScormLms> {
    let lms: ScormLms | undefined;
    const server = createServer(tls, (req, res) => lms!.handle(req, res)).listen(port, '127.0.0.1');
    await once(server, 'listening');
    lms = new ScormLms(server, `https://lms.test:${port}`);
    return lms;
  }

  /** Unzips a package under a new key: its launcher is then at /pkg/<key>/launcher/index.html. */
  addPackage(key: string, zip: Uint8Array, options: { blockFrames?: boolean } = {}): void {
    this.packages.set(key, unzipSync(zip));
    if (options.blockFrames) this.framesBlocked.add(key);
  }

  /** The LMS's player page for one attempt of a learner. */
  hostUrl(
    key: string,
    version: 'scorm12' | 'scorm2004',
    learner: { id: string; name: string },
    attempt: string,
  ): string {
    const q = new URLSearchParams({
      pkg: key,
      v: version,
      id: learner.id,
      name: learner.name,
      attempt,
    });
    return `${this.origin}/host.html?${q.toString()}`;
  }

  launcherUrl(key: string): string {
    return `${this.origin}/pkg/${key}/launcher/index.html`;
  }

  private handle(
    req: import('node:http').IncomingMessage,
    res: import('node:http').ServerResponse,
  ): void {
    const url = new URL(req.url ?? '/', this.origin);
    if (url.pathname === '/host.html')
      return void res
        .writeHead(200, { 'content-type': TYPES['.html'] })
        .end(hostPage(url.searchParams));
    if (url.pathname.startsWith('/scorm-again/')) {
      const file = path.basename(url.pathname);
      return void res
        .writeHead(200, { 'content-type': TYPES['.js'] })
        .end(readFileSync(path.join(SCORM_AGAIN, file)));
    }
    if (url.pathname === '/commit' && req.method === 'POST') return this.commit(req, res, url);
    const match = /^\/pkg\/([^/]+)\/(.+)$/.exec(url.pathname);
    const bytes = match && this.packages.get(match[1]!)?.[decodeURIComponent(match[2]!)];
    if (!bytes) return void res.writeHead(404).end('not found');
    res
      .writeHead(200, {
        'content-type': TYPES[path.extname(match[2]!)] ?? 'application/octet-stream',
        ...(this.framesBlocked.has(match[1]!)
          ? { 'content-security-policy': "frame-src 'self'" }
          : {}),
      })
      .end(bytes);
  }

  private commit(
    req: import('node:http').IncomingMessage,
    res: import('node:http').ServerResponse,
    url: URL,
  ): void {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const attempt = url.searchParams.get('attempt') ?? '';
      const list = this.commits.get(attempt) ?? [];
      list.push({
        final: url.searchParams.get('final') === 'true',
        data: JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}'),
      });
      this.commits.set(attempt, list);
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ result: true, errorCode: 0 }));
    });
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    this.server.close();
    await once(this.server, 'close');
  }
}

/** The host page: scorm-again with the learner's data, counting the calls that must come once. */
function hostPage(q: URLSearchParams): string {
  const v = q.get('v') === 'scorm2004' ? 'scorm2004' : 'scorm12';
  const cls = v === 'scorm2004' ? 'Scorm2004API' : 'Scorm12API';
  const global = v === 'scorm2004' ? 'API_1484_11' : 'API';
  const learner =
    v === 'scorm2004'
      ? { 'cmi.learner_id': q.get('id'), 'cmi.learner_name': q.get('name') }
      : { 'cmi.core.student_id': q.get('id'), 'cmi.core.student_name': q.get('name') };
  const calls =
    v === 'scorm2004'
      ? ['Initialize', 'Terminate', 'Commit']
      : ['LMSInitialize', 'LMSFinish', 'LMSCommit'];
  const settings = {
    lmsCommitUrl: `/commit?attempt=${encodeURIComponent(q.get('attempt') ?? '')}`,
    dataCommitFormat: 'flattened',
    terminateCommitParam: 'final',
    autocommit: false,
    logLevel: 5,
  };
  return `<!doctype html><html><head><meta charset="utf-8"><title>LMS player</title>
<script src="/scorm-again/${v}.js"></script></head><body>
<h1>LMS player</h1>
<script>
  window.calls = { ${calls.map((c) => `${c}: 0`).join(', ')} };
  var api = new ${cls}(${JSON.stringify(settings)});
  api.loadFromFlattenedJSON(${JSON.stringify(learner)});
  ${calls.map((c) => `api.on('${c}', function () { window.calls.${c} += 1; });`).join('\n  ')}
  window.sets = [];
  api.on('${v === 'scorm2004' ? 'SetValue' : 'LMSSetValue'}.cmi.*', function (element, value) { window.sets.push([element, value]); });
  window.${global} = api;
  var frame = document.createElement('iframe');
  frame.id = 'sco'; frame.style.width = '100%'; frame.style.height = '700px'; frame.style.border = '0';
  frame.src = '/pkg/${encodeURIComponent(q.get('pkg') ?? '')}/launcher/index.html';
  document.body.appendChild(frame);
</script></body></html>`;
}
