import type { Request } from 'express';
import { decodeJwt, decodeProtectedHeader, jwtVerify, errors, type JWTPayload } from 'jose';
import type { Clock } from '../shared/clock.js';
import type { AppError } from '../shared/errors.js';
import { CLAIM } from './claims.js';
import { clientIdOf } from './launch-context.js';
import { refusal, type RefusalCode } from './launch-refusals.js';
import { LOGIN_STATE_TTL_SECONDS, loginCookieName, nonceHash } from './oidc-login.js';
import type { TokenVerifier } from './platform-keysets.js';
import type { IssuedLogin, LoginStateStore, Registration, RegistrationStore } from './ports.js';

export interface LaunchCheckDeps {
  loginStates: LoginStateStore;
  registrations: RegistrationStore;
  verifier: TokenVerifier;
  stateKey: Uint8Array;
  clock: Clock;
  tokenMaxAgeSeconds: number;
  clockSkewSeconds: number;
}

/** What the checks learn as they go; each check reads what earlier ones set. */
interface Attempt {
  req: Request;
  idToken: string;
  stateToken: string;
  jti: string;
  stateNonceHash: string;
  login: IssuedLogin;
  registration: Registration;
  payload: JWTPayload & Record<string, unknown>;
}

type Check = (a: Attempt, deps: LaunchCheckDeps) => Promise<AppError | void> | AppError | void;
export type LaunchResult =
  | { ok: true; payload: Record<string, unknown>; jti: string }
  | { ok: false; refusal: AppError; jti?: string };

const fieldOf = (req: Request, name: string) => {
  const value = (req.body as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' && value ? value : undefined;
};

const idTokenPresent: Check = (a) => {
  const token = fieldOf(a.req, 'id_token');
  if (!token) return refusal('ID_TOKEN_MISSING');
  a.idToken = token;
};

const idTokenWellFormed: Check = (a) => {
  try {
    decodeProtectedHeader(a.idToken);
    decodeJwt(a.idToken);
  } catch {
    return refusal('ID_TOKEN_MALFORMED');
  }
};

const stateSigned: Check = async (a, deps) => {
  const state = fieldOf(a.req, 'state');
  if (!state) return refusal('STATE_MISSING');
  try {
    const { payload } = await jwtVerify(state, deps.stateKey, {
      algorithms: ['HS256'], currentDate: deps.clock.now(),
    });
    if (typeof payload.jti !== 'string' || typeof payload.nh !== 'string') return refusal('STATE_UNKNOWN');
    [a.stateToken, a.jti, a.stateNonceHash] = [state, payload.jti, payload.nh];
  } catch (err) {
    return refusal(err instanceof errors.JWTExpired ? 'STATE_EXPIRED' : 'STATE_UNKNOWN');
  }
};

/** One-time use: consuming first makes a replay, or a race of two posts, fail atomically. */
const loginConsumed: Check = async (a, deps) => {
  const login = await deps.loginStates.consume(a.jti);
  if (!login) return refusal((await deps.loginStates.find(a.jti)) ? 'TOKEN_REPLAYED' : 'STATE_UNKNOWN');
  const ageMs = deps.clock.now().getTime() - login.createdAt.getTime();
  if (ageMs > LOGIN_STATE_TTL_SECONDS * 1000) return refusal('STATE_EXPIRED');
  a.login = login;
};

const sameIssuer: Check = (a) => {
  if (decodeJwt(a.idToken).iss !== a.login.issuer) return refusal('ISSUER_MISMATCH');
};

const registrationActive: Check = async (a, deps) => {
  const clientId = a.login.clientId ?? clientIdOf(decodeJwt(a.idToken) as { aud: string | string[] });
  const registration = await deps.registrations.find(a.login.issuer, clientId);
  if (!registration) return refusal('UNKNOWN_PLATFORM', { issuer: a.login.issuer, clientId });
  if (registration.status !== 'active') return refusal('PLATFORM_PENDING');
  a.registration = registration;
};

const signatureValid: Check = async (a, deps) => {
  try {
    a.payload = (await deps.verifier.verify(a.idToken, a.registration)) as Attempt['payload'];
  } catch (err) {
    return err as AppError;
  }
};

/** Exact time rules on the verified token (jose's tolerance applies both ways). */
const timesValid: Check = (a, deps) => {
  const now = deps.clock.now().getTime() / 1000;
  const { iat, exp } = a.payload;
  if (typeof iat === 'number' && iat > now + deps.clockSkewSeconds) return refusal('TOKEN_FROM_FUTURE');
  if (typeof exp === 'number' && exp < now) return refusal('TOKEN_EXPIRED');
  if (typeof iat === 'number' && now - iat > deps.tokenMaxAgeSeconds) return refusal('TOKEN_EXPIRED');
};

/** With several audiences the token must name the tool as its authorized party. */
const authorizedParty: Check = (a) => {
  const { aud, azp } = a.payload;
  if (Array.isArray(aud) && aud.length > 1 && azp !== a.registration.clientId) return refusal('AUDIENCE_INVALID');
  if (azp !== undefined && azp !== a.registration.clientId) return refusal('AUDIENCE_INVALID');
};

const nonceBound: Check = (a) => {
  const nonce = a.payload.nonce;
  if (typeof nonce !== 'string' || nonce !== a.login.nonce) return refusal('NONCE_MISMATCH');
  if (nonceHash(nonce) !== a.stateNonceHash) return refusal('NONCE_MISMATCH');
};

const MESSAGE_TYPES = new Set(['LtiResourceLinkRequest', 'LtiDeepLinkingRequest']);

const ltiMessage: Check = (a) => {
  if (a.payload[CLAIM.version] !== '1.3.0') return refusal('LTI_VERSION_INVALID');
  const type = a.payload[CLAIM.messageType];
  if (typeof type !== 'string' || !MESSAGE_TYPES.has(type)) return refusal('MESSAGE_TYPE_INVALID');
  const deploymentId = a.payload[CLAIM.deploymentId];
  if (typeof deploymentId !== 'string' || !deploymentId) return refusal('CLAIMS_INVALID');
  if (!a.registration.deploymentIds.includes(deploymentId)) {
    return refusal('DEPLOYMENT_NOT_REGISTERED', { deploymentId });
  }
};

/** The browser that started the login must be the one posting the token (login CSRF). */
const sameBrowser: Check = (a) => {
  const name = `${loginCookieName(a.jti)}=`;
  const cookies = (a.req.headers.cookie ?? '').split(';').map((c) => c.trim());
  if (!cookies.some((c) => c.startsWith(name))) {
    return refusal('COOKIES_BLOCKED', { relaunchParams: a.login.loginParams });
  }
};

/** The launch validation, in order; the first refusal ends it. */
const CHECKS: readonly Check[] = [
  idTokenPresent, idTokenWellFormed, stateSigned, loginConsumed, sameIssuer, registrationActive,
  signatureValid, timesValid, authorizedParty, nonceBound, ltiMessage, sameBrowser,
];

export async function checkLaunch(req: Request, deps: LaunchCheckDeps): Promise<LaunchResult> {
  const attempt = { req } as Attempt;
  for (const check of CHECKS) {
    const refused = await check(attempt, deps);
    if (refused) return { ok: false, refusal: refused, jti: attempt.jti };
  }
  return { ok: true, payload: attempt.payload, jti: attempt.jti };
}

export type { RefusalCode };
