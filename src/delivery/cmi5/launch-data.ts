import type { Cmi5LaunchMode } from './cmi5-ports.js';
import { CMI5_IRI } from './cmi5-statements.js';

/** What the AU uses of LMS.LaunchData (cmi5 10.2). */
export interface LaunchData {
  contextTemplate: Record<string, unknown>;
  sessionId: string;
  launchMode: Cmi5LaunchMode;
  moveOn: string | null;
  masteryScore: number | null;
  returnUrl: string | null;
}

const MODES: Record<Cmi5LaunchMode, true> = { Normal: true, Browse: true, Review: true };
const isMode = (v: unknown): v is Cmi5LaunchMode =>
  typeof v === 'string' && Object.hasOwn(MODES, v);

function httpUrlOrNull(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
  } catch {
    return null;
  }
}

/**
 * The LMS.LaunchData document, or null when it is missing or lacks what the AU needs (a context
 * template with the session id, a launch mode). A returnURL that is not http(s) is ignored (it
 * would become a link on our page).
 */
export function readLaunchData(doc: Record<string, unknown> | null): LaunchData | null {
  const template = doc?.contextTemplate as Record<string, any> | undefined;
  if (!doc || !template || typeof template !== 'object' || Array.isArray(template)) return null;
  const sessionId = template.extensions?.[CMI5_IRI.sessionId];
  if (typeof sessionId !== 'string' || !sessionId || !isMode(doc.launchMode)) return null;
  const mastery = doc.masteryScore;
  return {
    contextTemplate: template,
    sessionId,
    launchMode: doc.launchMode,
    moveOn: typeof doc.moveOn === 'string' ? doc.moveOn.slice(0, 40) : null,
    masteryScore: typeof mastery === 'number' && mastery >= 0 && mastery <= 1 ? mastery : null,
    returnUrl: httpUrlOrNull(doc.returnURL),
  };
}
