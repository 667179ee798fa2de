import { buildUser } from '../test/support/platform-claims.js';
import type { TestPlatform } from '../test/support/test-platform.js';

export interface LoadResult {
  launches: number;
  seconds: number;
  latencies: number[];
  failures: number;
  firstFailure: string | undefined;
}

const cookiesOf = (res: Response) => res.headers.getSetCookie().map((c) => c.split(';')[0]!);

function formField(html: string, name: string): string {
  const value = new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1];
  if (value === undefined) throw new Error(`no ${name} in the form: ${html.slice(0, 200)}`);
  return value.replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&amp;/g, '&');
}

function expectRedirect(res: Response, step: string): string {
  const location = res.headers.get('location');
  if (res.status < 300 || res.status > 399 || !location) {
    throw new Error(`${step} answered ${res.status}`);
  }
  return location;
}

/** One learner's full launch as a browser does it: login → platform auth → id_token POST → page. */
async function launchOnce(toolUrl: string, platform: TestPlatform, sub: string): Promise<void> {
  const spec = {
    user: buildUser({ sub }), context: { id: 'bench-101', title: 'Bench course', label: 'B101' },
    resourceLink: { id: 'rl-1', title: 'Mentoring' }, targetLinkUri: `${toolUrl}/lti/launch`,
    deploymentId: platform.deploymentId,
  };
  const body = new URLSearchParams(platform.loginInitiation(spec));
  const login = await fetch(`${toolUrl}/lti/login`, { method: 'POST', body, redirect: 'manual' });
  await login.arrayBuffer();
  const cookies = cookiesOf(login);
  const authPage = await fetch(expectRedirect(login, 'login'));
  const auth = await authPage.text();
  if (authPage.status !== 200) throw new Error(`platform auth: ${authPage.status} ${auth}`);
  const form = new URLSearchParams({
    id_token: formField(auth, 'id_token'), state: formField(auth, 'state'),
  });
  const post = await fetch(`${toolUrl}/lti/launch`, {
    method: 'POST', headers: { cookie: cookies.join('; ') }, body: form, redirect: 'manual',
  });
  const postBody = await post.text();
  const location = expectRedirect(post, `id_token POST (${postBody.slice(0, 200)})`);
  const landing = new URL(location, toolUrl);
  const cookie = [...cookies, ...cookiesOf(post)].join('; ');
  const page = await fetch(landing, { headers: { cookie } });
  const html = await page.text();
  if (page.status !== 200) throw new Error(`page answered ${page.status}: ${html.slice(0, 200)}`);
}

/**
 * `total` launches by `concurrency` learners at once; each learner relaunches only once their
 * previous launch is done (one browser each, as people do).
 */
export async function runLoad(
  toolUrl: string, platform: TestPlatform, learners: string, total: number, concurrency: number,
): Promise<LoadResult> {
  const latencies: number[] = [];
  let failures = 0;
  let firstFailure: string | undefined;
  let next = 0;
  const learner = async (_: unknown, n: number) => {
    while (next < total) {
      next++;
      const t0 = performance.now();
      try {
        await launchOnce(toolUrl, platform, `${learners}-${n}`);
      } catch (err) {
        failures++;
        firstFailure ??= (err as Error).message;
      }
      latencies.push(performance.now() - t0);
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, learner));
  const seconds = (performance.now() - started) / 1000;
  return { launches: total, seconds, latencies, failures, firstFailure };
}

/** Rounds of one tool merged: throughput over their summed time, percentiles over all launches. */
export function summarize(results: LoadResult[]) {
  const launches = results.reduce((a, r) => a + r.launches, 0);
  const seconds = results.reduce((a, r) => a + r.seconds, 0);
  const all = results.flatMap((r) => r.latencies).sort((a, b) => a - b);
  const pct = (p: number) => all[Math.min(all.length - 1, Math.floor((p / 100) * all.length))]!;
  return {
    launches, throughput: launches / seconds, p50: pct(50), p95: pct(95),
    failures: results.reduce((a, r) => a + r.failures, 0),
    firstFailure: results.find((r) => r.firstFailure)?.firstFailure,
  };
}

export type LoadSummary = ReturnType<typeof summarize>;
