import { buildLaunch } from './factories.js';
import { decodeHtml } from './html.js';
import type { LaunchSpec, PlatformUser } from './platform-claims.js';
import type { TestPlatform } from './test-platform.js';
import { formAuthOf } from './tool-session.js';

type Form = Record<string, string | string[]>;

/** One answer of the tool, with the instance that gave it (HAProxy's X-Served-By). */
export interface Answer {
  status: number;
  location: string | null;
  text: string;
  servedBy: string;
}

export interface HttpLaunch {
  token: string;
  /** The instance of each step: login initiation, id_token POST, landing page. */
  steps: { login: string; launch: string; landing: string };
}

const TIMEOUT_MS = 60_000;
const fail = (step: string, a: Answer) =>
  new Error(`${step}: ${a.status} on ${a.servedBy}: ${a.text.slice(0, 300)}`);
const encode = (form: Form) =>
  new URLSearchParams(Object.entries(form).flatMap(([k, v]) => [v].flat().map((one) => [k, one])));

/**
 * A browser reaching the tool over real HTTP at its public URL (here: the load balancer), with
 * a cookie jar. The LMS and the tool both live on 127.0.0.1, so they are the same site and the
 * browser sends the tool's Lax login cookie with the platform's form_post (ports do not count).
 * @see https://html.spec.whatwg.org/multipage/browsers.html#same-site
 */
export class HttpBrowser {
  private readonly cookies = new Map<string, string>();

  constructor(readonly toolUrl: string) {}

  async request(path: string, form?: Form): Promise<Answer> {
    const headers: Record<string, string> = {};
    if (this.cookies.size) {
      headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    }
    if (form) headers.origin = new URL(this.toolUrl).origin;
    const res = await fetch(new URL(path, this.toolUrl), {
      method: form ? 'POST' : 'GET', headers, body: form && encode(form), redirect: 'manual',
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    for (const set of res.headers.getSetCookie()) {
      const [pair = ''] = set.split(';');
      const eq = pair.indexOf('=');
      if (eq > 0) this.cookies.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
    const servedBy = res.headers.get('x-served-by') ?? '?';
    const location = res.headers.get('location');
    return { status: res.status, location, text: await res.text(), servedBy };
  }

  /** The LTI 1.3 launch: login initiation → platform auth (direct) → id_token POST → landing. */
  async launch(
    platform: TestPlatform, user: PlatformUser, overrides: Partial<LaunchSpec> = {},
  ): Promise<HttpLaunch> {
    const targetLinkUri = `${this.toolUrl}/lti/launch`;
    const spec = buildLaunch(platform, { user, targetLinkUri, ...overrides });
    const login = await this.request('/lti/login', platform.loginInitiation(spec));
    if (login.status !== 302 || !login.location) throw fail('login', login);
    const auth = await fetch(login.location, { signal: AbortSignal.timeout(TIMEOUT_MS) });
    const html = await auth.text();
    if (!auth.ok) throw new Error(`platform auth: ${auth.status} ${html.slice(0, 300)}`);
    const field = (name: string) =>
      decodeHtml(new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1] ?? '');
    const action = decodeHtml(/action="([^"]*)"/.exec(html)?.[1] ?? '');
    const post = await this.request(action, { id_token: field('id_token'), state: field('state') });
    if (post.status !== 303 || !post.location) throw fail('launch', post);
    const landing = await this.request(post.location);
    if (landing.status !== 200) throw fail('landing', landing);
    const token = new URL(post.location, this.toolUrl).searchParams.get('s');
    if (!token) throw new Error(`launch: no session in ${post.location}`);
    const steps = { login: login.servedBy, launch: post.servedBy, landing: landing.servedBy };
    return { token, steps };
  }
}

/** A form sent with its CSRF token: where the form page came from and where the POST went. */
export interface FormPost {
  answer: Answer;
  pageServedBy: string;
}

/** A launched session over HTTP: pages by `s=`, forms with the `_csrf` their page handed out. */
export class HttpSession {
  constructor(private readonly browser: HttpBrowser, readonly token: string) {}

  get(path: string): Promise<Answer> {
    const url = new URL(path, 'http://x');
    url.searchParams.set('s', this.token);
    return this.browser.request(url.pathname + url.search);
  }

  async post(path: string, fields: Form, fromPage: string): Promise<FormPost> {
    const page = await this.get(fromPage);
    if (page.status !== 200) throw fail(fromPage, page);
    const answer = await this.browser.request(path, { ...fields, ...formAuthOf(page.text) });
    return { answer, pageServedBy: page.servedBy };
  }
}
