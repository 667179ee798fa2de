import type { Express } from 'express';
import request from 'supertest';
import type { LaunchSpec } from './platform-claims.js';
import type { TestPlatform, TokenTamper } from './test-platform.js';

type Agent = ReturnType<typeof request.agent>;

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
  /** Drop the tool's cookies before the id_token POST, as a browser blocking third-party cookies does. */
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
 * redirect to the platform's auth endpoint (real HTTP) → form_post of the id_token to the tool,
 * with the tool's cookies kept in between.
 */
export class LtiBrowser {
  readonly agent: Agent;

  constructor(readonly tool: Express) {
    this.agent = request.agent(tool);
  }

  async launch(platform: TestPlatform, spec: LaunchSpec, options: LaunchOptions = {}): Promise<LaunchResult> {
    const params = platform.loginInitiation(spec, options.tamper);
    const login = options.loginMethod === 'GET' ? await this.agent.get('/lti/login').query(params) : await this.agent.post('/lti/login').type('form').send(params);
    if (login.status !== 302) return { response: login, form: { action: '', id_token: '', state: '' } };
    const auth = await fetch(login.headers.location!);
    const html = await auth.text();
    if (!auth.ok) throw new Error(`Platform auth endpoint refused: ${auth.status} ${html}`);
    const form = parseForm(html);
    const fields = { id_token: form.id_token, state: form.state };
    await options.alterForm?.(fields);
    const path = new URL(form.action).pathname;
    const post = options.blockCookies ? request(this.tool).post(path) : this.agent.post(path);
    const response = await post.type('form').send(fields);
    return { response, form: { action: path, ...fields } };
  }

  /** Posts a captured form again (replay). */
  async repost(form: { action: string; id_token: string; state: string }): Promise<request.Response> {
    return this.agent.post(form.action).type('form').send({ id_token: form.id_token, state: form.state });
  }

  /** Follows the tool's 303 after a successful launch to the landing page. */
  async follow(response: request.Response): Promise<request.Response> {
    return this.agent.get(response.headers.location!);
  }
}
