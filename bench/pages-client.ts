import { randomUUID } from 'node:crypto';
import { buildUser, ROLE } from '../test/support/platform-claims.js';
import type { TestPlatform } from '../test/support/test-platform.js';

const cookiesOf = (res: Response) => res.headers.getSetCookie().map((c) => c.split(';')[0]!);
const decode = (v: string) =>
  v
    .replace(/&quot;/g, '"')
    .replace(/&#x3D;/g, '=')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

export function formField(html: string, name: string): string {
  const value = new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1];
  if (value === undefined) throw new Error(`no ${name} in the page: ${html.slice(0, 300)}`);
  return decode(value);
}

function redirectOf(res: Response, step: string): string {
  const location = res.headers.get('location');
  if (res.status < 300 || res.status > 399 || !location)
    throw new Error(`${step} answered ${res.status}`);
  return location;
}

export interface Measured {
  status: number;
  statements: number;
  serverMs: number;
  clientMs: number;
  bytes: number;
  location: string | null;
  text: string;
}

/** A browser of the bench: launches from the platform, then GETs and POSTs with its session token. */
export class PagesClient {
  private constructor(
    readonly toolUrl: string,
    readonly token: string,
  ) {}

  /** The full launch (login → platform auth → id_token POST); the landing carries the session. */
  static async launch(
    toolUrl: string,
    platform: TestPlatform,
    sub: string,
    staff: boolean,
    course: { id: string; title: string },
  ) {
    const spec = {
      user: buildUser({
        sub,
        name: staff ? 'Bench Staff' : `Bench ${sub}`,
        roles: [staff ? ROLE.instructor : ROLE.learner],
      }),
      context: { ...course, label: 'BENCH' },
      resourceLink: { id: 'rl-pages', title: 'Mentoring' },
      targetLinkUri: `${toolUrl}/lti/launch`,
      deploymentId: platform.deploymentId,
    };
    const login = await fetch(`${toolUrl}/lti/login`, {
      method: 'POST',
      body: new URLSearchParams(platform.loginInitiation(spec)),
      redirect: 'manual',
    });
    await login.arrayBuffer();
    const auth = await (await fetch(redirectOf(login, 'login'))).text();
    const post = await fetch(`${toolUrl}/lti/launch`, {
      method: 'POST',
      headers: { cookie: cookiesOf(login).join('; ') },
      redirect: 'manual',
      body: new URLSearchParams({
        id_token: formField(auth, 'id_token'),
        state: formField(auth, 'state'),
      }),
    });
    await post.arrayBuffer();
    const landing = new URL(redirectOf(post, 'launch'), toolUrl);
    return new PagesClient(toolUrl, landing.searchParams.get('s')!);
  }

  /** One request, with the statements and server time the tool counted for it. */
  async request(
    method: 'GET' | 'POST',
    path: string,
    fields: Record<string, string | string[]> = {},
  ): Promise<Measured> {
    const id = randomUUID();
    const url = new URL(path, this.toolUrl);
    const body = new URLSearchParams();
    if (method === 'GET') url.searchParams.set('s', this.token);
    for (const [k, v] of Object.entries(fields))
      for (const one of [v].flat()) (method === 'GET' ? url.searchParams : body).append(k, one);
    const started = performance.now();
    const res = await fetch(url, {
      method,
      headers: { 'x-bench-id': id },
      redirect: 'manual',
      ...(method === 'POST' && { body }),
    });
    const text = await res.text();
    const clientMs = performance.now() - started;
    const stats = (await (await fetch(`${this.toolUrl}/__bench/requests/${id}`)).json()) as {
      statements: number;
      serverMs: number;
    };
    return {
      status: res.status,
      statements: stats.statements,
      serverMs: stats.serverMs,
      clientMs,
      bytes: Buffer.byteLength(text),
      location: res.headers.get('location'),
      text,
    };
  }

  /** A form POST with the session and CSRF token read from `fromPage` first (not measured). */
  async post(
    path: string,
    fields: Record<string, string | string[]>,
    fromPage: string,
  ): Promise<Measured> {
    const page = await this.request('GET', fromPage);
    return this.request('POST', path, {
      ...fields,
      s: formField(page.text, 's'),
      _csrf: formField(page.text, '_csrf'),
    });
  }
}
