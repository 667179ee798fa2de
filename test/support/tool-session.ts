import { expect } from 'chai';
import type { Express } from 'express';
import request from 'supertest';
import { buildLaunch } from './factories.js';
import { decodeHtml } from './html.js';
import { LtiBrowser } from './lti-browser.js';
import type { LaunchSpec, PlatformUser } from './platform-claims.js';
import type { TestPlatform } from './test-platform.js';

export interface ToolSession {
  /** The tool's session token (`s`) from the landing URL. */
  token: string;
  /** Where the launch landed (path and query). */
  landing: string;
  /** GET a tool page with this session. */
  get(path: string, query?: Record<string, string>): Promise<request.Response>;
  /** POST a form of this session, with the CSRF token read from `fromPage` (a path to GET first; a form seen earlier serves when it has none). */
  post(path: string, fields: Record<string, string | string[]>, fromPage?: string): Promise<request.Response>;
}

/** The hidden `s` and `_csrf` fields of the first form on a page. */
export function formAuthOf(html: string): { s: string; _csrf: string } {
  const field = (name: string) => {
    const value = new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1];
    if (value === undefined) throw new Error(`No ${name} field on the page: ${html.slice(0, 300)}`);
    return decodeHtml(value);
  };
  return { s: field('s'), _csrf: field('_csrf') };
}

export function sessionFor(tool: Express, token: string, landing = ''): ToolSession {
  const get = (path: string, query: Record<string, string> = {}) => request(tool).get(path).query({ s: token, ...query });
  // The CSRF token is fixed for a session: once read from any form, it is reused.
  let known: { s: string; _csrf: string } | undefined;
  return {
    token,
    landing,
    get,
    async post(path, fields, fromPage = '/home') {
      const page = await get(fromPage);
      const auth = page.text.includes('name="_csrf"') || !known ? formAuthOf(page.text) : known;
      known = auth;
      return request(tool).post(path).type('form').send({ ...fields, ...auth });
    },
  };
}

/** Launches through the real OIDC flow and returns the tool session it lands with. */
export async function launchAs(tool: Express, platform: TestPlatform, user: PlatformUser, overrides: Partial<LaunchSpec> = {}): Promise<ToolSession> {
  const { response } = await new LtiBrowser(tool).launch(platform, buildLaunch(platform, { user, ...overrides }));
  expect(response.status, response.text).to.equal(303);
  const landing = response.headers.location!;
  const token = new URL(landing, 'http://tool.test').searchParams.get('s')!;
  return sessionFor(tool, token, landing);
}
