import { createHash, hkdfSync, randomBytes } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { SignJWT } from 'jose';
import type { Clock } from '../shared/clock.js';
import { hmacKey } from '../shared/hmac-key.js';
import type { RenderView } from '../web/views.js';
import { refusal } from './launch-refusals.js';
import {
  newStorageBinding, storageKey, storageTargetOf, type StorageBinding,
} from './platform-storage.js';
import type { Registration, RegistrationStore } from './ports.js';

export const LOGIN_STATE_TTL_SECONDS = 10 * 60;
const LOGIN_PARAM_NAMES = [
  'iss', 'login_hint', 'target_link_uri', 'lti_message_hint', 'client_id', 'lti_deployment_id',
] as const;

/** What a signed login state carries back to the launch. */
export interface LoginStateClaims {
  /** sha256 of the nonce sent to the platform. */
  nh: string;
  /** The registration's issuer and client_id. */
  pi: string;
  cid: string;
  /** The login parameters, to offer a first-party relaunch when the cookie was blocked. */
  lp: Record<string, string>;
  /** Present when the platform offered its storage (`lti_storage_target`). */
  ps?: StorageBinding;
}

export interface OidcLoginDeps {
  registrations: Pick<RegistrationStore, 'find' | 'findByIssuer' | 'forget'>;
  clock: Clock;
  stateKey: CryptoKey;
  /** The launch URL the tool registered (`redirect_uris`): the only one it asks to be posted to. */
  redirectUri: string;
  cookies: { secure: boolean; sameSite: 'Lax' | 'None' };
  render: RenderView;
}

/** The key that signs login states, derived from the tool's encryption key. */
export function loginStateKey(secret: string): Promise<CryptoKey> {
  return hmacKey(new Uint8Array(hkdfSync('sha256', secret, 'mentoring-circles', 'login-state-v1', 32)));
}

export const loginCookieName = (jti: string) => `mc_login_${jti}`;
export const nonceHash = (nonce: string) => createHash('sha256').update(nonce).digest('base64url');
const random = (bytes: number) => randomBytes(bytes).toString('base64url');

function loginParamsOf(req: Request): Record<string, string> {
  const query = req.query as Record<string, unknown>;
  const source = { ...query, ...((req.body ?? {}) as Record<string, unknown>) };
  const params: Record<string, string> = {};
  for (const name of LOGIN_PARAM_NAMES) {
    const value = source[name];
    if (typeof value === 'string' && value.length > 0 && value.length <= 4096) params[name] = value;
  }
  return params;
}

async function registrationOf(deps: OidcLoginDeps, params: Record<string, string>) {
  if (params.client_id) return deps.registrations.find(params.iss!, params.client_id);
  const all = await deps.registrations.findByIssuer(params.iss!);
  if (all.length > 1) throw refusal('CLIENT_ID_REQUIRED', { issuer: params.iss });
  return all[0];
}

/** A refusal read from a cached registration is given only after a fresh read agrees. */
async function activeRegistrationOf(deps: OidcLoginDeps, params: Record<string, string>) {
  try {
    return await checkedRegistrationOf(deps, params);
  } catch (err) {
    if (!deps.registrations.forget) throw err;
    deps.registrations.forget();
    return checkedRegistrationOf(deps, params);
  }
}

async function checkedRegistrationOf(deps: OidcLoginDeps, params: Record<string, string>) {
  const registration = await registrationOf(deps, params);
  if (!registration) {
    throw refusal('UNKNOWN_PLATFORM', { issuer: params.iss, clientId: params.client_id });
  }
  if (registration.status !== 'active') throw refusal('PLATFORM_PENDING');
  const deployment = params.lti_deployment_id;
  if (deployment && !registration.deploymentIds.includes(deployment)) {
    throw refusal('DEPLOYMENT_NOT_REGISTERED', { deploymentId: deployment });
  }
  return registration;
}

/**
 * OIDC third-party login initiation (GET or POST): checks the registration and deployment, then
 * sends the browser to the platform with a signed, short-lived state bound to a fresh nonce;
 * with `lti_storage_target`, through a page that first keeps a secret in the platform storage.
 * Stateless: the login writes nothing, so a flood of logins costs no database writes.
 * @see https://www.imsglobal.org/spec/security/v1p0/#step-1-third-party-initiated-login
 */
export function createOidcLogin(deps: OidcLoginDeps) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    try {
      const params = loginParamsOf(req);
      if (!params.iss || !params.login_hint || !params.target_link_uri) {
        throw refusal('LOGIN_PARAMS_MISSING');
      }
      const registration = await activeRegistrationOf(deps, params);
      const storageTarget = storageTargetOf(req);
      if (!storageTarget) {
        return res.redirect(302, (await startLogin(deps, registration, params, res)).url);
      }
      // The cookie may still get through; the platform storage is the way when it does not.
      const storage = newStorageBinding(storageTarget, registration.authEndpoint);
      const login = await startLogin(deps, registration, params, res, storage.binding);
      res.set('Cache-Control', 'no-store').type('html').send(deps.render('lti/storage-login', {
        title: 'Opening Mentoring Circles', authUrl: login.url, target: storageTarget,
        origin: storage.binding.o, key: storageKey(login.jti), value: storage.value,
      }));
    } catch (err) {
      next(err);
    }
  };
}

async function startLogin(
  deps: OidcLoginDeps, registration: Registration, params: Record<string, string>, res: Response,
  storage?: StorageBinding,
): Promise<{ url: string; jti: string }> {
  const jti = random(18);
  const nonce = random(24);
  const issuedAt = Math.floor(deps.clock.now().getTime() / 1000);
  // The state carries the login (nothing is written here): the launch checks its signature and
  // records its one-time use.
  const claims: LoginStateClaims = {
    nh: nonceHash(nonce), pi: registration.issuer, cid: registration.clientId, lp: params,
    ...(storage ? { ps: storage } : {}),
  };
  const state = await new SignJWT({ ...claims })
    .setProtectedHeader({ alg: 'HS256' })
    .setJti(jti)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + LOGIN_STATE_TTL_SECONDS)
    .sign(deps.stateKey);
  res.cookie(loginCookieName(jti), '1', {
    httpOnly: true, secure: deps.cookies.secure, sameSite: deps.cookies.sameSite === 'None' ? 'none' : 'lax',
    maxAge: LOGIN_STATE_TTL_SECONDS * 1000, path: '/lti',
  });
  const url = new URL(registration.authEndpoint);
  const query: Record<string, string> = {
    scope: 'openid', response_type: 'id_token', response_mode: 'form_post', prompt: 'none',
    client_id: registration.clientId, redirect_uri: deps.redirectUri,
    login_hint: params.login_hint!, state, nonce,
    ...(params.lti_message_hint ? { lti_message_hint: params.lti_message_hint } : {}),
  };
  for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
  return { url: url.toString(), jti };
}
