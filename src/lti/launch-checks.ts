import type { Request } from 'express';
import { decodeJwt, decodeProtectedHeader, jwtVerify, errors, type JWTPayload } from 'jose';
import type { Clock } from '../shared/clock.js';
import type { AppError } from '../shared/errors.js';
import { CLAIM } from './claims.js';
import { refusal, type RefusalCode } from './launch-refusals.js';
import { newLaunchOf } from './new-launch.js';
import {
  isStorageBinding, storageKey, storageReadOf, storageValueMatches, type StorageBinding,
} from './platform-storage.js';
import { LOGIN_STATE_TTL_SECONDS, loginCookieName, nonceHash, type LoginStateClaims } from './oidc-login.js';
import type { TokenVerifier } from './platform-keysets.js';
import type { Registration, RegistrationStore, UsedLogin } from './ports.js';

export interface LaunchCheckDeps {
  /** Read only on a refusal path: tells a replay from a browser without the login's cookie. */
  loginStates: { wasUsed(state: string): Promise<boolean> };
  registrations: RegistrationStore;
  verifier: TokenVerifier;
  stateKey: CryptoKey;
  clock: Clock;
  tokenMaxAgeSeconds: number;
  clockSkewSeconds: number;
}

/** What the checks learn as they go; each check reads what earlier ones set. */
interface Attempt {
  req: Request;
  idToken: string;
  /** Its issuer as claimed, before the signature is checked. */
  claimedIssuer: unknown;
  jti: string;
  login: UsedLogin;
  /** The deployment's tenant, from the registration read once for the launch. */
  tenantId: string;
  registration: Registration;
  payload: JWTPayload & Record<string, unknown>;
  /** Set when the login put its secret in the platform storage. */
  storage?: StorageBinding;
}

type Check = (a: Attempt, deps: LaunchCheckDeps) => Promise<AppError | void> | AppError | void;
/** What the launch page needs to read the login's secret back from the platform storage. */
export interface StorageRead {
  target: string;
  origin: string;
  key: string;
  idToken: string;
  state: string;
}

export type LaunchResult =
  | { ok: true; payload: Record<string, unknown>; jti: string; tenantId: string; login: UsedLogin }
  | { ok: false; refusal: AppError; jti?: string }
  | { ok: 'read-storage'; read: StorageRead };

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
    a.claimedIssuer = decodeJwt(a.idToken).iss;
  } catch {
    return refusal('ID_TOKEN_MALFORMED');
  }
};

const stateSigned: Check = async (a, deps) => {
  const state = fieldOf(a.req, 'state');
  if (!state) return refusal('STATE_MISSING');
  try {
    const { payload } = await jwtVerify(state, deps.stateKey, {
      algorithms: ['HS256'], currentDate: deps.clock.now(), maxTokenAge: LOGIN_STATE_TTL_SECONDS,
    });
    const claims = payload as Partial<LoginStateClaims> & typeof payload;
    const { jti, nh, pi, cid, lp, iat, ps } = claims;
    if (!jti || !nh || !pi || !cid || !lp || typeof lp !== 'object' || !iat) return refusal('STATE_UNKNOWN');
    const at = deps.clock.now();
    a.jti = jti;
    if (isStorageBinding(ps)) a.storage = ps;
    a.login = {
      state: jti, nonceHash: nh, issuer: pi, clientId: cid, loginParams: lp,
      issuedAt: new Date(iat * 1000), usedAt: at,
    };
  } catch (err) {
    return refusal(err instanceof errors.JWTExpired ? 'STATE_EXPIRED' : 'STATE_UNKNOWN');
  }
};

const sameIssuer: Check = (a) => {
  if (a.claimedIssuer !== a.login.issuer) return refusal('ISSUER_MISMATCH');
};

/** The registration of the login; read again when a cached one would refuse (`forget`). */
async function registrationOf(a: Attempt, deps: LaunchCheckDeps, fresh: boolean) {
  if (fresh) deps.registrations.forget?.();
  return deps.registrations.find(a.login.issuer, a.login.clientId);
}

const registrationActive: Check = async (a, deps) => {
  // The signed state names the registration the login was for (the login resolved its client_id).
  const clientId = a.login.clientId;
  let registration = await registrationOf(a, deps, false);
  if (registration?.status !== 'active') registration = await registrationOf(a, deps, true);
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
  if (typeof nonce !== 'string' || nonceHash(nonce) !== a.login.nonceHash) return refusal('NONCE_MISMATCH');
};

const MESSAGE_TYPES = new Set(['LtiResourceLinkRequest', 'LtiDeepLinkingRequest']);

const tenantOf = (registration: Registration | undefined, deploymentId: string) => {
  const tenantIds = registration?.tenantIds ?? {};
  return Object.hasOwn(tenantIds, deploymentId) ? tenantIds[deploymentId] : undefined;
};

const ltiMessage: Check = async (a, deps) => {
  if (a.payload[CLAIM.version] !== '1.3.0') return refusal('LTI_VERSION_INVALID');
  const type = a.payload[CLAIM.messageType];
  if (typeof type !== 'string' || !MESSAGE_TYPES.has(type)) return refusal('MESSAGE_TYPE_INVALID');
  const deploymentId = a.payload[CLAIM.deploymentId];
  if (typeof deploymentId !== 'string' || !deploymentId) return refusal('CLAIMS_INVALID');
  // A deployment added through another instance (or the CLI) is not in a cached registration yet.
  const tenantId = tenantOf(a.registration, deploymentId)
    ?? tenantOf(await registrationOf(a, deps, true), deploymentId);
  if (!tenantId) return refusal('DEPLOYMENT_NOT_REGISTERED', { deploymentId });
  a.tenantId = tenantId;
};

function hasLoginCookie(a: Attempt): boolean {
  const name = `${loginCookieName(a.jti)}=`;
  return (a.req.headers.cookie ?? '').split(';').some((c) => c.trim().startsWith(name));
}

/**
 * The browser that started the login must be the one posting the token (login CSRF): it has the
 * login's cookie, or it read the login's secret back from the platform storage. Otherwise the
 * user can only start a new launch from the LMS in a top-level window.
 */
const sameBrowser: Check = async (a, deps) => {
  if (hasLoginCookie(a)) return;
  if (a.storage && storageValueMatches(a.storage, storageReadOf(a.req).value)) return;
  // The launch that used the login cleared its cookie: a second post of its token is a replay.
  if (await deps.loginStates.wasUsed(a.jti)) return refusal('TOKEN_REPLAYED');
  return refusal('COOKIES_BLOCKED', { newLaunch: newLaunchOf(a.payload, a.login.loginParams) });
};

/**
 * Without the cookie, a login that used the platform storage gets a page that reads it back and
 * posts again. Before the one-time use is recorded: only the final post consumes the login.
 */
function storageReadNeeded(a: Attempt): StorageRead | undefined {
  if (!a.storage || hasLoginCookie(a) || storageReadOf(a.req).read) return undefined;
  return {
    target: a.storage.t, origin: a.storage.o, key: storageKey(a.jti),
    idToken: a.idToken, state: fieldOf(a.req, 'state')!,
  };
}

/**
 * The launch validation, in order; the first refusal ends it. The login's one-time use is
 * recorded by the launch's own write (`LaunchRecorder.record`), atomically: a replay, or a race of
 * two posts, finds it taken and writes nothing.
 */
const BEFORE_USE: readonly Check[] = [idTokenPresent, idTokenWellFormed, stateSigned];
const CHECKS: readonly Check[] = [
  sameIssuer, registrationActive, signatureValid, timesValid, authorizedParty,
  nonceBound, ltiMessage, sameBrowser,
];

export async function checkLaunch(req: Request, deps: LaunchCheckDeps): Promise<LaunchResult> {
  const attempt = { req } as Attempt;
  for (const check of BEFORE_USE) {
    const refused = await check(attempt, deps);
    if (refused) return { ok: false, refusal: refused, jti: attempt.jti };
  }
  const read = storageReadNeeded(attempt);
  if (read) return { ok: 'read-storage', read };
  for (const check of CHECKS) {
    const refused = await check(attempt, deps);
    if (refused) return { ok: false, refusal: refused, jti: attempt.jti };
  }
  const { payload, jti, tenantId, login } = attempt;
  return { ok: true, payload, jti, tenantId, login };
}

export type { RefusalCode };
