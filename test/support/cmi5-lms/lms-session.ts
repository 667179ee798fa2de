import { randomBytes, randomUUID } from 'node:crypto';
import type { Violation } from './requirements.js';
import type { LaunchFacts } from './statement-checks.js';
import type { SessionTrack } from './verb-rules.js';
import { CMI5, type Agent, type LaunchMode, type MoveOn } from './vocabulary.js';

/**
 * How a test launches the AU, as an LMS admin would set up the course and the learner's enrolment.
 */
export interface LaunchOptions {
  /** The AU's `url` from cmi5.xml. */
  auUrl: string;
  /** The AU's `id` from cmi5.xml (the publisher id). */
  publisherId: string;
  learner: string;
  /** The actor's name, when the LMS shares it. */
  learnerName?: string;
  moveOn?: MoveOn;
  masteryScore?: number | null;
  launchMode?: LaunchMode;
  returnUrl?: boolean;
  /** A broken LMS that writes no LMS.LaunchData before launching. */
  withoutLaunchData?: boolean;
  /** Launch again in an existing registration (a second session of the same enrolment). */
  registration?: string;
}

export interface LmsSession {
  key: string;
  token: string;
  fetchCalls: number;
  expired: boolean;
  returned: boolean;
  launchDataReads: number;
  facts: LaunchFacts;
  track: SessionTrack;
  moveOn: MoveOn;
  launchUrl: string;
  /** Accepted statements, in the order received. */
  statements: Array<Record<string, any>>;
  /** What the LMS refused or found wrong in this session. */
  violations: Violation[];
}

/** Per registration (per AU): completed and passed happen at most once (9.3). */
export type RegistrationTrack = { completed: boolean; passed: boolean };

export function newSession(
  opts: LaunchOptions,
  origin: string,
  registration: RegistrationTrack,
  now: Date,
): LmsSession {
  const key = randomBytes(12).toString('hex');
  const sessionId = randomUUID();
  const actor: Agent = {
    objectType: 'Agent',
    account: { homePage: `${origin}/users`, name: opts.learner },
    ...(opts.learnerName ? { name: opts.learnerName } : {}),
  };
  // The LMS's own activity id for the AU, never the publisher id (8.1.5).
  const activityId = `${origin}/courses/au/${encodeURIComponent(opts.publisherId)}`;
  const contextTemplate = {
    contextActivities: { grouping: [{ id: opts.publisherId, objectType: 'Activity' }] },
    extensions: { [CMI5.sessionId]: sessionId },
  };
  return {
    key,
    token: randomBytes(18).toString('base64'),
    fetchCalls: 0,
    expired: false,
    returned: false,
    launchDataReads: 0,
    facts: {
      registration: opts.registration ?? randomUUID(),
      actor,
      activityId,
      sessionId,
      contextTemplate,
    },
    track: {
      launchMode: opts.launchMode ?? 'Normal',
      masteryScore: opts.masteryScore ?? null,
      launchedAt: now,
      initializedAt: null,
      terminated: false,
      preferencesRead: false,
      verbs: new Set(),
      lastTimestamp: null,
      registration,
    },
    moveOn: opts.moveOn ?? 'Completed',
    launchUrl: opts.auUrl,
    statements: [],
    violations: [],
  };
}

/** The LMS.LaunchData document (10.2). */
export function launchData(
  session: LmsSession,
  origin: string,
  withReturn: boolean,
): Record<string, unknown> {
  return {
    contextTemplate: session.facts.contextTemplate,
    launchMode: session.track.launchMode,
    moveOn: session.moveOn,
    ...(session.track.masteryScore !== null ? { masteryScore: session.track.masteryScore } : {}),
    ...(withReturn ? { returnURL: `${origin}/return/${session.key}` } : {}),
  };
}

/** The launch URL with the five parameters of 8.1, merged into the AU url's own query. */
export function launchUrlOf(session: LmsSession, origin: string): string {
  const url = new URL(session.launchUrl);
  url.searchParams.set('endpoint', `${origin}/xapi/`);
  url.searchParams.set('fetch', `${origin}/fetch/${session.key}`);
  url.searchParams.set('actor', JSON.stringify(session.facts.actor));
  url.searchParams.set('registration', session.facts.registration);
  url.searchParams.set('activityId', session.facts.activityId);
  return url.href;
}

/** The LMS's "launched" statement (9.3.1, with the launch extensions of 9.6.3). */
export function launchedStatement(session: LmsSession, now: Date): Record<string, unknown> {
  const { facts, track } = session;
  return {
    id: randomUUID(),
    timestamp: now.toISOString(),
    actor: facts.actor,
    verb: { id: 'http://adlnet.gov/expapi/verbs/launched', display: { 'en-US': 'launched' } },
    object: { id: facts.activityId, objectType: 'Activity' },
    context: {
      registration: facts.registration,
      contextActivities: {
        ...facts.contextTemplate.contextActivities,
        category: [{ id: CMI5.categoryCmi5 }],
      },
      extensions: {
        ...facts.contextTemplate.extensions,
        [CMI5.launchMode]: track.launchMode,
        [CMI5.moveOn]: session.moveOn,
        [CMI5.launchUrl]: session.launchUrl,
        ...(track.masteryScore !== null ? { [CMI5.masteryScore]: track.masteryScore } : {}),
      },
    },
  };
}
