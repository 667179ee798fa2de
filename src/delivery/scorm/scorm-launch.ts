import { createHmac, timingSafeEqual } from 'node:crypto';
import {
  admitPackageLearner,
  requireOpenPackage,
  type AdmitDeps,
  type AdmittedSession,
} from '../admit-package-learner.js';
import { originOfAddress } from '../package-input.js';
import type { DeliveryPackage } from '../package-ports.js';
import { packageRefusal } from '../package-refusals.js';

/** A launch request is good this long either side of the tool's clock (learners' clocks drift). */
export const LAUNCH_MAX_AGE_SECONDS = 300;

/** What the launcher posts (launcher.js `launch`): every field is signed but `sig`. */
export interface ScormLaunchRequest {
  p: string;
  k: string;
  l: string;
  n: string;
  t: string;
  x: string;
  o: string;
  sig: string;
}

const LIMITS: Record<keyof ScormLaunchRequest, RegExp> = {
  p: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
  k: /^scorm(12|2004)$/,
  l: /^[^\n]{1,1000}$/,
  n: /^[^\n]{0,500}$/,
  t: /^\d{1,12}$/,
  x: /^[0-9a-f]{32}$/,
  o: /^[^\n]{0,300}$/,
  sig: /^[0-9a-f]{64}$/,
};

export function parseLaunchRequest(body: Record<string, unknown>): ScormLaunchRequest {
  const out: Partial<ScormLaunchRequest> = {};
  for (const key of Object.keys(LIMITS) as Array<keyof ScormLaunchRequest>) {
    const value = body[key] ?? (key === 'o' ? '' : undefined);
    if (typeof value !== 'string' || !LIMITS[key].test(value)) {
      throw packageRefusal('PACKAGE_LAUNCH_INVALID', { cause: { field: key } });
    }
    out[key] = value;
  }
  return out as ScormLaunchRequest;
}

/** The text the launcher signs (launcher.js: the same fields, the same order). */
export const signedText = (r: Omit<ScormLaunchRequest, 'sig'>) =>
  ['mc-package-launch-v1', r.p, r.k, r.l, r.n, r.t, r.x, r.o].join('\n');

export const launchSignature = (secret: string, r: Omit<ScormLaunchRequest, 'sig'>) =>
  createHmac('sha256', secret).update(signedText(r), 'utf8').digest('hex');

function signatureMatches(secret: string, r: ScormLaunchRequest): boolean {
  const expected = Buffer.from(launchSignature(secret, r), 'hex');
  const given = Buffer.from(r.sig, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * The launcher's origin: the browser's Origin header; with an allow-list it must be on it (a
 * claimed origin is not enough there). Without a list, a browser that sends `null` (a no-referrer
 * LMS page) is taken at the signed claim.
 */
function launcherOrigin(p: DeliveryPackage, header: string | null, claimed: string): string | null {
  const seen = header && header !== 'null' ? originOfAddress(header) : null;
  if (p.allowedOrigins.length > 0) {
    if (!seen || !p.allowedOrigins.includes(seen)) {
      throw packageRefusal('PACKAGE_ORIGIN_NOT_ALLOWED', {
        cause: { packageId: p.id, origin: header },
      });
    }
    return seen;
  }
  return seen ?? (claimed ? originOfAddress(claimed) : null);
}

export interface ScormLaunch {
  admitted: AdmittedSession;
  /** Where the tool page may post progress (null: nowhere it can pin). */
  launcherOrigin: string | null;
}

/**
 * A signed, short-lived, single-use launch from a SCORM launcher: checked in the order that says
 * the most without spending anything (package, kind, signature, time, origin), then the nonce is
 * spent, then the learner is admitted.
 */
export async function launchScormPackage(
  deps: AdmitDeps,
  body: Record<string, unknown>,
  originHeader: string | null,
): Promise<ScormLaunch> {
  const r = parseLaunchRequest(body);
  const now = deps.clock.now();
  const found = await deps.packages.findForLaunch(r.p);
  const p = requireOpenPackage(found, now);
  if (p.kind !== r.k) throw packageRefusal('PACKAGE_KIND_MISMATCH', { cause: { packageId: p.id } });
  if (!signatureMatches(found!.secret, r))
    throw packageRefusal('PACKAGE_LAUNCH_ALTERED', { cause: { packageId: p.id } });
  const age = now.getTime() / 1000 - Number(r.t);
  if (Math.abs(age) > LAUNCH_MAX_AGE_SECONDS) {
    throw packageRefusal('PACKAGE_LAUNCH_EXPIRED', { cause: { packageId: p.id, age } });
  }
  const origin = launcherOrigin(p, originHeader, r.o);
  if (!(await deps.packages.spendNonce(p, r.x, r.l, origin, now))) {
    throw packageRefusal('PACKAGE_LAUNCH_REPLAYED', { cause: { packageId: p.id } });
  }
  const admitted = await admitPackageLearner(deps, {
    tenantId: p.tenantId,
    packageId: p.id,
    learnerKey: r.l,
    name: r.n,
  });
  return { admitted, launcherOrigin: origin };
}
