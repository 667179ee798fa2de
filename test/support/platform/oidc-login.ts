import { randomUUID } from 'node:crypto';
import type express from 'express';
import { SignJWT } from 'jose';
import { buildClaims, DL_SETTINGS, TOKEN_LIFETIME_SECONDS, type Flavour, type LaunchSpec } from '../platform-claims.js';
import { newDeepLinkRequest, type DeepLinkHost } from './deep-linking.js';
import { forgeToken, type ForgedAlg } from './forged-tokens.js';
import { newSigningKey, type SigningKey } from './keys.js';
import { loginInitiationPage, mountActivityPage, STORAGE_FRAME } from './lms-pages.js';
import type { Roster } from './roster.js';
import type { PlatformFeatures } from './scopes.js';

/** How a test bends the id_token the platform signs (for the attack cases). */
export interface TokenTamper {
  claims?: (claims: Record<string, unknown>) => void;
  /** Sign with a key the platform does not publish, under this kid. */
  signWithUnpublishedKey?: { kid?: string };
  /** Sign with this key (another platform's), under its own kid or the one given. */
  signWithKey?: { key: SigningKey; kid?: string };
  /** Not RS256 at all: unsigned, or HMAC keyed with the platform's public key. */
  forge?: ForgedAlg;
  iatOffsetSeconds?: number;
  expOffsetSeconds?: number;
}

interface PendingLogin {
  spec: LaunchSpec;
  tamper: TokenTamper;
  /** Sent in the initiation; the tool must return it unchanged. */
  messageHint: string;
}

export interface OidcHost extends DeepLinkHost {
  readonly flavour: Flavour;
  readonly features: PlatformFeatures;
  roster(contextId: string): Roster;
  /** Where the tool may have id_tokens posted: the redirect_uris it registered. */
  registeredRedirectUris(): string[];
  /** Moodle deletes a message hint once the auth endpoint used it. */
  readonly singleUseMessageHints?: boolean;
}

const escapeAttribute = (value: string) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/** The platform side of the OIDC third-party login: initiation, authorization endpoint, id_token. */
export class OidcLogin {
  private readonly pending = new Map<string, PendingLogin>();
  private unpublishedKey: SigningKey | undefined;
  /** Moodle's course modules: each resource link launched so far, by the cmid its hints carry. */
  private readonly modules = new Map<string, { cmid: number; spec: LaunchSpec; tamper: TokenTamper }>();

  constructor(private readonly host: OidcHost, private readonly key: SigningKey) {}

  initiation(spec: LaunchSpec, tamper: TokenTamper): Record<string, string> {
    const loginHint = randomUUID();
    // Moodle's hint names the activity and launch; Canvas's is an opaque JWT-like string, not the login hint.
    const messageHint = this.host.flavour === 'moodle' ? JSON.stringify({ cmid: this.cmidOf(spec, tamper), launchid: `ltilaunch1_${loginHint.slice(0, 8)}` }) : `cv.${randomUUID()}`;
    this.pending.set(loginHint, { spec, tamper, messageHint });
    const params: Record<string, string> = {
      iss: this.host.issuer,
      login_hint: loginHint,
      target_link_uri: spec.targetLinkUri,
      lti_message_hint: messageHint,
      client_id: this.host.clientId,
      lti_deployment_id: spec.deploymentId,
    };
    if (this.host.flavour === 'canvas') params.canvas_region = 'us-east-1';
    return params;
  }

  private cmidOf(spec: LaunchSpec, tamper: TokenTamper): number {
    const key = `${spec.context.id}|${spec.resourceLink?.id ?? '1'}`;
    const cmid = this.modules.get(key)?.cmid ?? this.modules.size + 2;
    this.modules.set(key, { cmid, spec, tamper });
    return cmid;
  }

  /** `/mod/lti/launch.php?id=<cmid>`: a new login for the module, as a click on the activity. */
  private moduleLaunch(cmid: number, storageTarget: string | undefined): string | undefined {
    const module = [...this.modules.values()].find((m) => m.cmid === cmid);
    if (!module) return undefined;
    const params = this.initiation(module.spec, module.tamper);
    if (storageTarget) params.lti_storage_target = storageTarget;
    return loginInitiationPage(new URL('/lti/login', module.spec.targetLinkUri).toString(), params);
  }

  async sign(claims: Record<string, unknown>, tamper: TokenTamper): Promise<string> {
    let key = this.key;
    if (tamper.signWithUnpublishedKey) {
      this.unpublishedKey ??= await newSigningKey();
      key = { ...this.unpublishedKey, kid: tamper.signWithUnpublishedKey.kid ?? this.unpublishedKey.kid };
    }
    if (tamper.signWithKey) key = { ...tamper.signWithKey.key, kid: tamper.signWithKey.kid ?? tamper.signWithKey.key.kid };
    const now = Math.floor(Date.now() / 1000);
    const iat = now + (tamper.iatOffsetSeconds ?? 0);
    const exp = iat + TOKEN_LIFETIME_SECONDS[this.host.flavour] + (tamper.expOffsetSeconds ?? 0);
    if (tamper.forge) return forgeToken(tamper.forge, { ...claims, iat, exp }, key);
    return new SignJWT({ ...claims, iat, exp })
      .setProtectedHeader({ alg: 'RS256', kid: key.kid, typ: 'JWT' })
      .sign(key.privateKey);
  }

  /** The id_token claims of a pending login; records the deep-linking request it opens. */
  private claimsFor({ spec, tamper }: PendingLogin, nonce: string): Record<string, unknown> {
    const host = this.host;
    const deepLink = spec.messageType === 'LtiDeepLinkingRequest' ? newDeepLinkRequest(host, spec) : undefined;
    const claims = buildClaims(host.flavour, host.issuer, host.clientId, spec, host.url, { ...host.features, deepLinkReturnUrl: deepLink?.returnUrl });
    claims.nonce = nonce;
    tamper.claims?.(claims);
    if (deepLink) host.deepLinkRequests.push({ ...deepLink, settings: (claims[DL_SETTINGS] ?? {}) as Record<string, unknown> });
    host.roster(spec.context.id).context = { id: spec.context.id, label: spec.context.label, title: spec.context.title };
    return claims;
  }

  /** What is wrong with an authorization request, as a strict LMS checks it (empty when nothing). */
  private problemsOf(q: Record<string, unknown>, pending: PendingLogin | undefined): string[] {
    const redirectUri = typeof q.redirect_uri === 'string' ? q.redirect_uri : '';
    return [
      q.scope !== 'openid' && 'scope', q.response_type !== 'id_token' && 'response_type', q.response_mode !== 'form_post' && 'response_mode',
      q.prompt !== 'none' && 'prompt', q.client_id !== this.host.clientId && 'client_id', !q.nonce && 'nonce', !q.state && 'state',
      !pending && 'login_hint', pending && q.lti_message_hint !== pending.messageHint && 'lti_message_hint',
      !this.host.registeredRedirectUris().includes(redirectUri) && 'redirect_uri',
    ].filter((p): p is string => typeof p === 'string');
  }

  /**
   * Authorization endpoint: checks the tool's auth request like Moodle does (an unregistered
   * redirect_uri is an error, never a post), answers with an auto-submitting form.
   * @see https://www.imsglobal.org/spec/security/v1p0/#step-2-authentication-request
   */
  mount(app: express.Express): void {
    mountActivityPage(app);
    // The frame's parent is the platform storage target (`_parent`), or Canvas's named frame.
    app.get('/mod/lti/launch.php', (req, res) => {
      const target = req.query.nostorage ? undefined : req.query.target === STORAGE_FRAME ? STORAGE_FRAME : '_parent';
      const page = this.moduleLaunch(Number(req.query.id), target);
      if (!page) return void res.status(404).send('no such course module');
      res.type('html').send(page);
    });
    app.all('/auth', async (req, res) => {
      const q = { ...req.query, ...req.body } as Record<string, string>;
      const pending = this.pending.get(q.login_hint ?? '');
      const problems = this.problemsOf(q, pending);
      if (problems.length || !pending) return void res.status(400).json({ error: 'invalid_request', problems });
      if (this.host.singleUseMessageHints) this.pending.delete(q.login_hint!);
      const idToken = await this.sign(this.claimsFor(pending, q.nonce!), pending.tamper);
      res.type('html').send(
        `<form id="f" method="post" action="${q.redirect_uri}"><input type="hidden" name="id_token" value="${idToken}"><input type="hidden" name="state" value="${escapeAttribute(q.state!)}"></form><script>document.getElementById('f').submit()</script>`,
      );
    });
  }
}
