import type { NextFunction, Request, Response } from 'express';
import { decodeJwt } from 'jose';
import type { Clock } from '../shared/clock.js';
import { clientIdOf } from './launch-context.js';
import { refusal } from './launch-refusals.js';
import type { LoginStateStore, RegistrationDirectory } from './ports.js';

const LOGIN_STATE_TTL_MS = 10 * 60 * 1000;
const LOGIN_PARAM_NAMES = ['iss', 'login_hint', 'target_link_uri', 'lti_message_hint', 'client_id', 'lti_deployment_id'] as const;

export interface LaunchGuardDeps {
  loginStates: LoginStateStore;
  registrations: RegistrationDirectory;
  clock: Clock;
  clockSkewSeconds: number;
}

function loginParamsOf(req: Request): Record<string, string> {
  const source = { ...(req.query as Record<string, unknown>), ...((req.body ?? {}) as Record<string, unknown>) };
  const params: Record<string, string> = {};
  for (const name of LOGIN_PARAM_NAMES) {
    const value = source[name];
    if (typeof value === 'string' && value.length > 0 && value.length <= 4096) params[name] = value;
  }
  return params;
}

/**
 * Runs before ltijs's OIDC login: refuses unknown registrations and deployments with a clear
 * page, and records the state/nonce pair ltijs sends to the platform, so the launch can be
 * bound to it (ltijs 5.9.9 only checks that a nonce was not seen before).
 * @see https://www.imsglobal.org/spec/security/v1p0/#authentication-response-validation
 */
export function createLoginBinding(deps: LaunchGuardDeps) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const params = loginParamsOf(req);
    if (!params.iss || !params.login_hint || !params.target_link_uri) return next(refusal('LOGIN_PARAMS_MISSING'));
    if (params.client_id) {
      const registration = await deps.registrations.find(params.iss, params.client_id);
      if (!registration) return next(refusal('UNKNOWN_PLATFORM', { issuer: params.iss, clientId: params.client_id }));
      if (registration.status !== 'active') return next(refusal('PLATFORM_PENDING'));
      if (params.lti_deployment_id && !registration.deploymentIds.includes(params.lti_deployment_id)) {
        return next(refusal('DEPLOYMENT_NOT_REGISTERED', { deploymentId: params.lti_deployment_id }));
      }
    }
    const originalRedirect = res.redirect.bind(res) as (url: string) => void;
    (res as unknown as { redirect: (url: string) => void }).redirect = (url: string) => {
      const query = new URL(url).searchParams;
      const state = query.get('state');
      const nonce = query.get('nonce');
      if (!state || !nonce) return next(refusal('LAUNCH_FAILED'));
      deps.loginStates
        .save({ state, nonce, issuer: params.iss!, clientId: params.client_id ?? query.get('client_id'), loginParams: params })
        .then(() => originalRedirect(url), next);
    };
    next();
  };
}

/**
 * Runs before ltijs validates the id_token: the state must be one this tool issued, unused and
 * fresh; the token's nonce must be the one issued with it; its iat must not be in the future.
 * Keeps the decoded payload for the launch handler, which runs only once ltijs verified it.
 */
export function createLaunchGuard(deps: LaunchGuardDeps) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    if (req.method !== 'POST' || typeof body.ltik === 'string') return next();
    const idToken = body.id_token;
    if (typeof idToken !== 'string' || !idToken) return next(refusal('ID_TOKEN_MISSING'));
    let payload: Record<string, unknown>;
    try {
      payload = decodeJwt(idToken);
    } catch {
      return next(refusal('ID_TOKEN_MALFORMED'));
    }
    const state = body.state;
    if (typeof state !== 'string' || !state) return next(refusal('STATE_MISSING'));
    // One-time use: consuming first makes a replay (or a race of two posts) fail atomically.
    const login = await deps.loginStates.consume(state);
    if (!login) return next(refusal((await deps.loginStates.find(state)) ? 'TOKEN_REPLAYED' : 'STATE_UNKNOWN'));
    const now = deps.clock.now();
    if (now.getTime() - login.createdAt.getTime() > LOGIN_STATE_TTL_MS) return next(refusal('STATE_EXPIRED'));
    if (payload.iss !== login.issuer) return next(refusal('ISSUER_MISMATCH'));
    if (typeof payload.nonce !== 'string' || payload.nonce !== login.nonce) return next(refusal('NONCE_MISMATCH'));
    const nowSeconds = now.getTime() / 1000;
    if (typeof payload.iat === 'number' && payload.iat > nowSeconds + deps.clockSkewSeconds) return next(refusal('TOKEN_FROM_FUTURE'));
    if (typeof payload.exp === 'number' && payload.exp < nowSeconds) return next(refusal('TOKEN_EXPIRED'));
    if (typeof payload.aud === 'string' || Array.isArray(payload.aud)) {
      const clientId = clientIdOf(payload as { aud: string | string[]; azp?: string });
      if (login.clientId && clientId !== login.clientId) return next(refusal('AUDIENCE_INVALID'));
    }
    if (!hasCookie(req, `state${state}`)) {
      return next(refusal('COOKIES_BLOCKED', { relaunchParams: login.loginParams }));
    }
    res.locals.idTokenPayload = payload;
    next();
  };
}

function hasCookie(req: Request, name: string): boolean {
  const header = req.headers.cookie ?? '';
  return header.split(';').some((part) => part.trim().startsWith(`${name}=`));
}
