import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { freePort } from './database-server.js';
import { buildLaunch, instructor, learner } from './factories.js';
import { stopServer } from './listening-tool.js';
import { TestPlatform } from './test-platform.js';
import { startTestTool, type TestTool } from './test-tool.js';

/** Debian's chromium, as the brief and .ci/run install it. */
export const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--ignore-certificate-errors', '--host-resolver-rules=MAP lms.test 127.0.0.1, MAP tool.test 127.0.0.1',
];

/** One self-signed certificate for both sites (the browser is told to accept it). */
function selfSignedCertificate(dir: string): { key: string; cert: string } {
  execFileSync('openssl', [
    'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=lms.test',
    '-addext', 'subjectAltName=DNS:lms.test,DNS:tool.test',
    '-keyout', path.join(dir, 'key.pem'), '-out', path.join(dir, 'cert.pem'),
  ], { stdio: 'ignore' });
  return { key: readFileSync(path.join(dir, 'key.pem'), 'utf8'), cert: readFileSync(path.join(dir, 'cert.pem'), 'utf8') };
}

/**
 * The LMS (the test platform as Moodle 4.5, at https://lms.test) and the tool (at
 * https://tool.test) on two sites, as in production, for a real Chromium.
 */
export class CrossSiteWorld {
  private constructor(
    readonly platform: TestPlatform,
    readonly tool: TestTool,
    readonly toolUrl: string,
    private readonly toolServer: Server,
    private readonly dir: string,
  ) {}

  static async start(): Promise<CrossSiteWorld> {
    const dir = mkdtempSync(path.join(tmpdir(), 'mc-cross-site-'));
    const tls = selfSignedCertificate(dir);
    const [lmsPort, toolPort] = [await freePort(), await freePort()];
    const platform = await TestPlatform.start('moodle', { site: { host: 'lms.test', port: lmsPort, ...tls } });
    platform.singleUseMessageHints = true;
    const toolUrl = `https://tool.test:${toolPort}`;
    const tool = await startTestTool({ PUBLIC_URL: toolUrl });
    const toolServer = createServer(tls, tool.app.express).listen(toolPort, '127.0.0.1');
    await once(toolServer, 'listening');
    await tool.app.registry.registerPlatform(platform.manualRegistration);
    platform.registerToolByHand([`${toolUrl}/lti/launch`]);
    return new CrossSiteWorld(platform, tool, toolUrl, toolServer, dir);
  }

  /** A new activity for a new learner (or a content selection for a new teacher): its cmid. */
  newActivity(messageType: 'LtiResourceLinkRequest' | 'LtiDeepLinkingRequest' = 'LtiResourceLinkRequest'): number {
    const user = messageType === 'LtiDeepLinkingRequest' ? instructor() : learner();
    const spec = buildLaunch(this.platform, { user, messageType, targetLinkUri: `${this.toolUrl}/lti/launch` });
    const hint = this.platform.loginInitiation(spec).lti_message_hint!;
    return (JSON.parse(hint) as { cmid: number }).cmid;
  }

  /**
   * The LMS's activity page framing the launch. `storage`: the page answers platform storage
   * (`on`), only a named frame does (`frame`, as Canvas), the page names a storage target but never
   * answers (`drop`), or the login has no `lti_storage_target` (`none`).
   */
  activityUrl(cmid: number, storage: 'on' | 'frame' | 'drop' | 'none'): string {
    return `${this.platform.siteUrl}/mod/lti/view.php?id=${cmid}&storage=${storage}`;
  }

  /**
   * A fresh Chromium profile. Third-party cookies blocked or allowed by the profile's own cookie
   * setting (Preferences `profile.cookie_controls_mode`: 1 blocks them, 0 allows them).
   */
  async browser(thirdPartyCookies: 'blocked' | 'allowed'): Promise<BrowserContext> {
    const profile = mkdtempSync(path.join(this.dir, 'profile-'));
    mkdirSync(path.join(profile, 'Default'));
    const mode = thirdPartyCookies === 'blocked' ? 1 : 0;
    writeFileSync(path.join(profile, 'Default', 'Preferences'), JSON.stringify({ profile: { cookie_controls_mode: mode } }));
    return chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM, args: CHROMIUM_ARGS, ignoreHTTPSErrors: true, timeout: 60_000,
      viewport: { width: 1000, height: 800 },
    });
  }

  async close(): Promise<void> {
    await stopServer(this.toolServer);
    await this.tool.close();
    await this.platform.close();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
