import { randomUUID, timingSafeEqual } from 'node:crypto';
import { hashExitKey, newExitKey } from './cmi5-exit-key.js';
import type { Logger } from '../../shared/logger.js';
import {
  admitPackageLearner,
  requireOpenPackage,
  type AdmitDeps,
} from '../admit-package-learner.js';
import type { DeliveryPackage } from '../package-ports.js';
import { packageRefusal } from '../package-refusals.js';
import { cmi5LaunchKey } from './cmi5-package.js';
import type { Cmi5SessionStore } from './cmi5-ports.js';

import { parseCmi5Launch, type Cmi5LaunchParams } from './cmi5-launch-params.js';
import { readLaunchData, type LaunchData } from './launch-data.js';
import { cmi5Statement } from './cmi5-statements.js';
import {
  fetchAuthToken,
  getDocument,
  LmsCallError,
  postStatement,
  type LmsClientOptions,
} from './lms-lrs-client.js';

export interface Cmi5LaunchDeps extends AdmitDeps {
  cmi5Sessions: Cmi5SessionStore;
  lms: LmsClientOptions;
  publicUrl: string;
  logger: Logger;
  /** A launch was recorded from an origin the frame-ancestors list may not know yet. */
  frameOriginsChanged: () => void;
}

export interface Cmi5Landing {
  token: string;
  programId: string;
  sessionId: string;
}

function keyMatches(secret: string, packageId: string, given: string): boolean {
  const expected = Buffer.from(cmi5LaunchKey(secret, packageId));
  const got = Buffer.from(given);
  return got.length === expected.length && timingSafeEqual(got, expected);
}

/** The package, the AU url's key and the LMS's addresses, checked before anything is spent. */
async function checkedPackage(
  deps: Cmi5LaunchDeps,
  packageId: string,
  p: Cmi5LaunchParams,
): Promise<DeliveryPackage> {
  const found = await deps.packages.findForLaunch(packageId);
  const pkg = requireOpenPackage(found, deps.clock.now());
  if (pkg.kind !== 'cmi5') throw packageRefusal('PACKAGE_KIND_MISMATCH', { cause: { packageId } });
  if (!keyMatches(found!.secret, pkg.id, p.key))
    throw packageRefusal('PACKAGE_LAUNCH_ALTERED', { cause: { packageId } });
  const origins = [p.endpoint.origin, p.fetch.origin];
  if (pkg.allowedOrigins.length > 0 && !origins.every((o) => pkg.allowedOrigins.includes(o))) {
    throw packageRefusal('PACKAGE_ORIGIN_NOT_ALLOWED', { cause: { packageId, origins } });
  }
  return pkg;
}

/** An LMS call's failure as the learner's page (and the log's cause). */
function refusalOf(err: unknown, stage: 'fetch' | 'launch-data' | 'initialized') {
  if (!(err instanceof LmsCallError)) return err;
  const cause = { stage, failure: err.failure, detail: err.detail };
  if (err.failure === 'token-used') return packageRefusal('CMI5_TOKEN_USED', { cause });
  if (err.failure === 'token-denied' || err.failure === 'unauthorized')
    return packageRefusal('CMI5_TOKEN_REFUSED', { cause });
  if (err.failure === 'unreachable') return packageRefusal('CMI5_LMS_UNREACHABLE', { cause });
  return packageRefusal(stage === 'initialized' ? 'CMI5_LRS_REFUSED' : 'CMI5_LMS_MALFORMED', {
    cause,
  });
}

async function guarded<T>(
  stage: 'fetch' | 'launch-data' | 'initialized',
  call: () => Promise<T>,
): Promise<T> {
  try {
    return await call();
  } catch (err) {
    throw refusalOf(err, stage);
  }
}

/** LMS.LaunchData (required) and the learner preferences (read on startup; none is fine). */
async function readLaunch(deps: Cmi5LaunchDeps, p: Cmi5LaunchParams, token: string) {
  const lrs = { endpoint: p.endpoint.href, token };
  const agent = JSON.stringify(p.actor);
  const state = {
    activityId: p.activityId,
    agent,
    registration: p.registration,
    stateId: 'LMS.LaunchData',
  };
  const doc = await guarded('launch-data', () =>
    getDocument(lrs, 'activities/state', state, deps.lms),
  );
  const data = readLaunchData(doc);
  if (!data) throw packageRefusal('CMI5_LAUNCH_DATA_MISSING', { cause: { present: doc !== null } });
  const prefs = await getDocument(
    lrs,
    'agents/profile',
    { agent, profileId: 'cmi5LearnerPreferences' },
    deps.lms,
  ).catch(
    (err: unknown) =>
      void deps.logger.info({ err }, 'cmi5 learner preferences unreadable; defaults used'),
  );
  return { data, prefs: prefs ?? null };
}

type Preferences = { languagePreference: string | null; audioPreference: 'on' | 'off' | null };

const preference = (prefs: Record<string, unknown> | null): Preferences => ({
  languagePreference:
    typeof prefs?.languagePreference === 'string' ? prefs.languagePreference.slice(0, 200) : null,
  audioPreference:
    prefs?.audioPreference === 'on' || prefs?.audioPreference === 'off'
      ? prefs.audioPreference
      : null,
});

/** The LMS's returnURL, kept only on the package's LMS addresses when it lists them. */
function returnUrlFor(pkg: DeliveryPackage, url: string | null): string | null {
  if (!url || pkg.allowedOrigins.length === 0) return url;
  return pkg.allowedOrigins.includes(new URL(url).origin) ? url : null;
}

type Launched = { p: Cmi5LaunchParams; pkg: DeliveryPackage; data: LaunchData; token: string };

function sessionOf(l: Launched, id: string, userId: string, prefs: Preferences, exitKey: string) {
  const { p, pkg, data } = l;
  return {
    id,
    tenantId: pkg.tenantId,
    packageId: pkg.id,
    userId,
    registration: p.registration,
    lmsSessionId: data.sessionId,
    activityId: p.activityId,
    actor: p.actor,
    endpoint: p.endpoint.href,
    authToken: l.token,
    contextTemplate: data.contextTemplate,
    launchMode: data.launchMode,
    moveOn: data.moveOn,
    masteryScore: data.masteryScore,
    returnUrl: returnUrlFor(pkg, data.returnUrl),
    ...prefs,
    exitKeyHash: hashExitKey(exitKey),
  };
}

/** `initialized`, the session's first statement, sent with the registration locked (cmi5 9.3.2). */
async function sendInitialized(deps: Cmi5LaunchDeps, session: ReturnType<typeof sessionOf>) {
  await deps.cmi5Sessions.withRegistrationLocked(session.tenantId, session.id, async () => {
    const at = deps.clock.now();
    const statement = cmi5Statement({ ...session, initializedAt: at }, 'initialized', at);
    const lrs = { endpoint: session.endpoint, token: session.authToken };
    await guarded('initialized', () => postStatement(lrs, statement, deps.lms));
    return { sent: [{ verb: 'initialized', at }], lost: null };
  });
}

/**
 * Records the launch (the staff's launch counts; the LMS page that may frame the tool) once per
 * LMS session: an LMS that hands out a fresh token for a session id it used before is refused.
 */
async function recordLaunch(deps: Cmi5LaunchDeps, l: Launched, pageOrigin: string | null) {
  const { p, pkg, data } = l;
  const listed = pkg.allowedOrigins;
  const origin =
    pageOrigin && (listed.length === 0 || listed.includes(pageOrigin))
      ? pageOrigin
      : p.fetch.origin;
  const nonce = `cmi5:${p.registration}:${data.sessionId}`.slice(0, 500);
  const fresh = await deps.packages.spendNonce(
    pkg,
    nonce,
    p.actor.account.name,
    origin,
    deps.clock.now(),
  );
  if (!fresh) throw packageRefusal('PACKAGE_LAUNCH_REPLAYED', { cause: { packageId: pkg.id } });
  if (listed.length === 0) deps.frameOriginsChanged();
}

/**
 * A cmi5 launch (cmi5 section 8): the package and key are checked, the token is fetched ONCE
 * server-side, LMS.LaunchData and the learner preferences are read, the learner is admitted to the
 * program, then `initialized` goes with the context template. The token is kept sealed.
 */
export async function launchCmi5Au(
  deps: Cmi5LaunchDeps,
  packageId: string,
  query: Record<string, unknown>,
  pageOrigin: string | null,
): Promise<Cmi5Landing> {
  const p = parseCmi5Launch(query);
  const pkg = await checkedPackage(deps, packageId, p);
  const token = await guarded('fetch', () => fetchAuthToken(p.fetch, deps.lms));
  const { data, prefs } = await readLaunch(deps, p, token);
  await recordLaunch(deps, { p, pkg, data, token }, pageOrigin);
  const id = randomUUID();
  const exitKey = newExitKey();
  const admitted = await admitPackageLearner(deps, {
    tenantId: pkg.tenantId,
    packageId: pkg.id,
    learnerKey: p.actor.account.name,
    name: p.actor.name ?? '',
    returnUrl: `${deps.publicUrl}/cmi5/sessions/${id}/exit?key=${exitKey}`,
  });
  const session = sessionOf(
    { p, pkg, data, token },
    id,
    admitted.userId,
    preference(prefs),
    exitKey,
  );
  await deps.cmi5Sessions.create(session, deps.clock.now());
  await sendInitialized(deps, session);
  return { token: admitted.token, programId: admitted.programId, sessionId: id };
}
