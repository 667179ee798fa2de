import type { Express } from 'express';
import request from 'supertest';
import type { LaunchSpec } from './platform-claims.js';
import { BrowserCookies, type RequestSite } from './platform/browser-cookies.js';
import type { TestPlatform, TokenTamper } from './test-platform.js';

export interface LaunchResult {
  /** The tool's answer to the id_token POST. */
  response: request.Response;
  /** What the platform's auth endpoint posted (to replay or alter it). */
  form: { action: string; id_token: string; state: string };
}

export interface LaunchOptions {
  tamper?: TokenTamper;
  /** Change the form fields before they are posted to the tool (altered state, swapped token…). */
  alterForm?: (form: { id_token: string; state: string }) => void | Promise<void>;
  loginMethod?: 'GET' | 'POST';
  /** The tool runs in an LMS frame whose browser blocks third-party cookies: none goes with the id_token POST. */
  blockCookies?: boolean;
}

function parseForm(html: string): { action: string; id_token: string; state: string } {
  const field = (name: string) => new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1];
  const action = /action="([^"]*)"/.exec(html)?.[1];
  const idToken = field('id_token');
  const state = field('state');
  if (!action || !idToken || !state) throw new Error(`The platform did not answer a form_post: ${html.slice(0, 200)}`);
  return { action, id_token: idToken, state };
}

/**
 * A browser going through the real LTI 1.3 OIDC flow: LMS login initiation → tool /lti/login →
 * redirect to the platform's auth endpoint (real HTTP) → form_post of the id_token to the tool.
 * It keeps the tool's cookies like a current browser: the form_post is a cross-site POST, so only
 * `SameSite=None; Secure` cookies go with it, and Secure ones only to an https tool.
 */
export class LtiBrowser {
  readonly cookies = new BrowserCookies();
  /** The tool's scheme and host, as the redirect_uri it sends the platform names it. */
  toolOrigin = 'https://tool.test';
  /** Requests to the tool with this browser's cookies: GET as a top-level navigation, POST as a form from another site. */
  readonly agent = {
    get: (path: string) => this.send('GET', path, 'top-level-get'),
    post: (path: string) => this.send('POST', path, 'cross-site-post'),
  };

  constructor(readonly tool: Express) {}

  private send(method: 'GET' | 'POST', path: string, site: RequestSite, thirdPartyBlocked = false): request.Test {
    const url = new URL(path, this.toolOrigin);
    const test = method === 'GET' ? request(this.tool).get(url.pathname + url.search) : request(this.tool).post(url.pathname + url.search);
    const cookie = this.cookies.header(url, site, thirdPartyBlocked);
    if (cookie) test.set('cookie', cookie);
    test.on('response', (res: request.Response) => {
      const redirectUri = res.headers.location && URL.canParse(res.headers.location) ? new URL(res.headers.location).searchParams.get('redirect_uri') : null;
      if (redirectUri && URL.canParse(redirectUri)) this.toolOrigin = new URL(redirectUri).origin;
      this.cookies.store(res.headers['set-cookie'], this.toolOrigin);
    });
    return test;
  }

  async launch(platform: TestPlatform, spec: LaunchSpec, options: LaunchOptions = {}): Promise<LaunchResult> {
    const params = platform.loginInitiation(spec, options.tamper);
    // The LMS starts the login from its own page: a cross-site GET redirect or auto-submitted form.
    const login = options.loginMethod === 'GET'
      ? await this.send('GET', `/lti/login?${new URLSearchParams(params).toString()}`, 'top-level-get')
      : await this.send('POST', '/lti/login', 'cross-site-post').type('form').send(params);
    if (login.status !== 302) return { response: login, form: { action: '', id_token: '', state: '' } };
    const auth = await fetch(login.headers.location!);
    const html = await auth.text();
    if (!auth.ok) throw new Error(`Platform auth endpoint refused: ${auth.status} ${html}`);
    const form = parseForm(html);
    const fields = { id_token: form.id_token, state: form.state };
    await options.alterForm?.(fields);
    const response = await this.send('POST', form.action, 'cross-site-post', options.blockCookies).type('form').send(fields);
    return { response, form: { action: form.action, ...fields } };
  }

  /** Posts a captured form again (replay), from the platform's page as before. */
  async repost(form: { action: string; id_token: string; state: string }): Promise<request.Response> {
    return this.agent.post(form.action).type('form').send({ id_token: form.id_token, state: form.state });
  }

  /** Follows the tool's 303 after a successful launch to the landing page. */
  async follow(response: request.Response): Promise<request.Response> {
    return this.agent.get(response.headers.location!);
  }
}
