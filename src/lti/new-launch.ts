import { CLAIM } from './claims.js';

/** Where the browser starts a new launch, in a top-level window, when the frame kept no proof. */
export interface NewLaunch {
  url: string;
  /** `activity`: the LMS's own launch of this link; `course`: the LMS page the link sits on. */
  kind: 'activity' | 'course';
}

const httpUrl = (value: unknown): string | undefined => {
  if (typeof value !== 'string') return undefined;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.toString() : undefined;
  } catch {
    return undefined;
  }
};

/**
 * Moodle's login hint is `{"cmid":…,"launchid":…}`, and its issuer is the site URL: the course
 * module's own launch page (`/mod/lti/launch.php?id=<cmid>`) starts a new login with a new hint
 * (Moodle deletes a hint after its first use, so a replay of the old one fails).
 */
function moodleLaunch(issuer: string, messageHint: string | undefined): string | undefined {
  if (!messageHint) return undefined;
  let cmid: unknown;
  try {
    cmid = (JSON.parse(messageHint) as { cmid?: unknown }).cmid;
  } catch {
    return undefined;
  }
  const site = httpUrl(issuer);
  const id = typeof cmid === 'number' || typeof cmid === 'string' ? String(cmid) : '';
  if (!site || !/^\d{1,18}$/.test(id)) return undefined;
  const base = site.endsWith('/') ? site : `${site}/`;
  return new URL(`mod/lti/launch.php?id=${id}`, base).toString();
}

/**
 * What the tool can know from a verified launch: on Moodle the activity's launch URL; elsewhere
 * the platform's `launch_presentation.return_url` (the course page, where the user starts the
 * activity again). Never a replay of the login: platforms may accept a message hint once only.
 */
export function newLaunchOf(
  payload: Record<string, unknown>, loginParams: Record<string, string>,
): NewLaunch | undefined {
  const platform = payload[CLAIM.toolPlatform] as { product_family_code?: unknown } | undefined;
  if (platform?.product_family_code === 'moodle' && typeof payload.iss === 'string') {
    const url = moodleLaunch(payload.iss, loginParams.lti_message_hint);
    if (url) return { url, kind: 'activity' };
  }
  const presentation = payload[CLAIM.launchPresentation] as { return_url?: unknown } | undefined;
  const returnUrl = httpUrl(presentation?.return_url);
  return returnUrl ? { url: returnUrl, kind: 'course' } : undefined;
}
