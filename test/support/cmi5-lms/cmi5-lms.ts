import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import type { TestLrs } from '../lrs.js';
import { covers, violation, type Violation } from './requirements.js';
import {
  launchData,
  launchedStatement,
  launchUrlOf,
  newSession,
  type LaunchOptions,
  type LmsSession,
  type RegistrationTrack,
} from './lms-session.js';
import { lrsRoutes } from './lrs-routes.js';

covers('8.2.3.0-1', '7.1.1.0-1', '7.1.2.0-1', '11.0.0.0-3', '10.2.1.0-4', '8.1.2.0-4', '8.2.1.0-2');

/** The spec's error answers of the fetch URL (8.2.3). */
const FETCH_ERRORS = {
  used: { 'error-code': '1', 'error-text': 'The authorization token has already been returned.' },
  expired: { 'error-code': '1', 'error-text': 'The AU session has expired.' },
  unknown: { 'error-code': '2', 'error-text': 'This fetch URL is not valid.' },
} as const;

/**
 * A cmi5 LMS for the tests, written from the cmi5 spec (sections 8 to 11), not from the tool: it
 * launches an AU with the five parameters, hands the token out once at the fetch URL, answers the
 * xAPI Statements, State and Agent Profile resources behind that token, and checks every statement
 * the AU sends against the AU requirements (ids of @cmi5/requirements), refusing those that break
 * one. Accepted statements (and the LMS's own "launched") are stored in Learning Locker.
 */
export class TestCmi5Lms {
  readonly sessions: LmsSession[] = [];
  /** Requests refused for their credentials (no, unknown or expired token). */
  readonly refusals: string[] = [];
  private readonly registrations = new Map<string, RegistrationTrack>();
  private readonly documents = new Map<string, unknown>();
  private server!: Server;

  private constructor(readonly lrs: TestLrs) {}

  get origin(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  static async start(lrs: TestLrs): Promise<TestCmi5Lms> {
    const app = express();
    const lms = new TestCmi5Lms(lrs);
    app.use(
      '/xapi',
      lrsRoutes({
        lrs,
        documents: lms.documents,
        refusals: lms.refusals,
        now: () => new Date(),
        sessionOfToken: (auth) => lms.sessions.find((s) => auth === `Basic ${s.token}`),
      }),
    );
    app.all(
      '/fetch/:key',
      (req, res) => void res.status(200).json(lms.fetch(req.params.key, req.method)),
    );
    app.get('/return/:key', (req, res) => {
      const session = lms.sessions.find((s) => s.key === req.params.key);
      if (session) session.returned = true;
      res.type('html').send('<!doctype html><title>Test LMS</title><h1>Back in the test LMS</h1>');
    });
    lms.server = await new Promise<Server>((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    return lms;
  }

  private fetch(key: string, method: string): Record<string, string> {
    const session = this.sessions.find((s) => s.key === key);
    if (!session) return FETCH_ERRORS.unknown;
    if (method !== 'POST') {
      session.violations.push(violation('8.2.1.0-2', `${method} to the fetch URL`));
      return FETCH_ERRORS.unknown;
    }
    session.fetchCalls += 1;
    if (session.expired) return FETCH_ERRORS.expired;
    if (session.fetchCalls > 1) return FETCH_ERRORS.used;
    return { 'auth-token': session.token };
  }

  /**
   * Sets up the session the LMS way (LaunchData, "launched") and returns the URL that launches the
   * AU.
   */
  async launch(opts: LaunchOptions): Promise<{ url: string; session: LmsSession }> {
    const registrationKey = opts.registration ?? '';
    const track = this.registrations.get(registrationKey) ?? { completed: false, passed: false };
    const session = newSession(opts, this.origin, track, new Date());
    this.registrations.set(session.facts.registration, track);
    this.sessions.push(session);
    const { activityId, registration } = session.facts;
    if (!opts.withoutLaunchData) {
      const key = `state|${activityId}|${registration}|LMS.LaunchData|${session.facts.actor.account.name}`;
      this.documents.set(key, launchData(session, this.origin, opts.returnUrl ?? true));
    }
    const auth = `Basic ${Buffer.from(`${this.lrs.username}:${this.lrs.password}`).toString('base64')}`;
    const res = await fetch(`${this.lrs.endpoint}/statements`, {
      method: 'POST',
      body: JSON.stringify([launchedStatement(session, new Date())]),
      headers: {
        Authorization: auth,
        'Content-Type': 'application/json',
        'X-Experience-API-Version': '1.0.3',
      },
    });
    if (!res.ok) throw new Error(`the LRS refused the launched statement: ${await res.text()}`);
    return { url: launchUrlOf(session, this.origin), session };
  }

  /** Sets the learner's preferences the LMS keeps (section 11). */
  setPreferences(
    session: LmsSession,
    prefs: { languagePreference: string; audioPreference: 'on' | 'off' },
  ): void {
    this.documents.set(`profile|cmi5LearnerPreferences|${session.facts.actor.account.name}`, prefs);
  }

  /** Ends the session's token (the LMS's session timeout). */
  expire(session: LmsSession): void {
    session.expired = true;
  }

  /**
   * What a finished session broke: its refused statements plus what it never did (7.1, 8.2, 10,
   * 11).
   */
  finish(session: LmsSession): Violation[] {
    const missing: Violation[] = [];
    if (session.fetchCalls === 0)
      missing.push(violation('8.1.2.0-4', 'the fetch URL was never POSTed'));
    if (session.launchDataReads === 0)
      missing.push(violation('10.2.1.0-4', 'LMS.LaunchData was never read'));
    if (!session.track.preferencesRead)
      missing.push(violation('11.0.0.0-3', 'the learner preferences were never read'));
    if (!session.track.initializedAt)
      missing.push(violation('7.1.1.0-1', 'no initialized statement'));
    if (!session.track.terminated) missing.push(violation('7.1.2.0-1', 'no terminated statement'));
    return [...session.violations, ...missing];
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.server.closeAllConnections();
      this.server.close(() => resolve());
    });
  }
}
