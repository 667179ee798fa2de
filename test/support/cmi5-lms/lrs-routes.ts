import { isDeepStrictEqual } from 'node:util';
import express, { type Request, type Response } from 'express';
import type { TestLrs } from '../lrs.js';
import { covers, violation, type Violation } from './requirements.js';
import type { LmsSession } from './lms-session.js';
import { checkShape, isCmi5Defined } from './statement-checks.js';
import { checkOrder, checkResult, checkVerb, verbOf } from './verb-rules.js';
import { AU_VERBS } from './vocabulary.js';

type Stmt = Record<string, any>;

export interface LrsSide {
  lrs: TestLrs;
  sessionOfToken(authorization: string | undefined): LmsSession | undefined;
  documents: Map<string, unknown>;
  /** Requests refused for their credentials (no, unknown or expired token): not AU rule breaks. */
  refusals: string[];
  now(): Date;
}

covers('8.1.2.0-5', '10.2.1.0-5 (d)', '11.0.0.0-1 (d)', '11.0.0.0-5 (d)', '4.1.0.0-1', '9.6.2.1-1');

/** Every rule one statement breaks, given what the session saw before it. */
export function judge(s: Stmt, session: LmsSession, now: Date): Violation[] {
  const verb = verbOf(s);
  const shape = checkShape(s, session.facts);
  const order = checkOrder(s, verb, session.track);
  // Stricter than an LMS must be: a cmi5 verb without the cmi5 category would slip past every
  // session rule as "cmi5 allowed", so this LMS calls it what it almost surely is, a missing
  // category.
  if (!isCmi5Defined(s) && verb && AU_VERBS.has(verb)) {
    return [
      ...shape,
      ...order,
      violation('9.6.2.1-1', `${verb} without the cmi5 category activity`),
    ];
  }
  if (!isCmi5Defined(s) || !verb) return [...shape, ...order];
  return [
    ...shape,
    ...order,
    ...checkVerb(s, verb, session.facts.activityId, session.track),
    ...checkResult(s, verb, session.track, now),
  ];
}

function accept(s: Stmt, session: LmsSession): void {
  const verb = verbOf(s);
  const { track } = session;
  session.statements.push(s);
  track.lastTimestamp = Date.parse(s.timestamp);
  if (!isCmi5Defined(s) || !verb) return;
  track.verbs.add(verb);
  if (verb === 'initialized') track.initializedAt = new Date(s.timestamp);
  if (verb === 'terminated') track.terminated = true;
  if (verb === 'completed') track.registration.completed = true;
  if (verb === 'passed') track.registration.passed = true;
}

async function store(side: LrsSide, statements: Stmt[]): Promise<{ status: number; body: string }> {
  const auth = `Basic ${Buffer.from(`${side.lrs.username}:${side.lrs.password}`).toString('base64')}`;
  const res = await fetch(`${side.lrs.endpoint}/statements`, {
    method: 'POST',
    body: JSON.stringify(statements),
    headers: {
      Authorization: auth,
      'Content-Type': 'application/json',
      'X-Experience-API-Version': '1.0.3',
    },
  });
  return { status: res.status, body: await res.text() };
}

async function postStatements(
  side: LrsSide,
  session: LmsSession,
  statements: Stmt[],
  res: Response,
) {
  const now = side.now();
  for (const s of statements) {
    const broken = judge(s, session, now);
    if (broken.length > 0) {
      session.violations.push(...broken);
      return res.status(400).json({ error: broken.map((v) => `${v.requirement}: ${v.detail}`) });
    }
    accept(s, session);
  }
  const stored = await store(side, statements);
  if (stored.status >= 300)
    session.violations.push(
      violation('4.1.0.0-1', `the LRS refused: ${stored.body.slice(0, 300)}`),
    );
  res.status(stored.status).type('json').send(stored.body);
}

const agentOf = (req: Request): unknown => {
  try {
    return JSON.parse(String(req.query.agent ?? ''));
  } catch {
    return null;
  }
};

function sameActor(req: Request, session: LmsSession): boolean {
  return isDeepStrictEqual(
    (agentOf(req) as { account?: unknown } | null)?.account,
    session.facts.actor.account,
  );
}

function stateRoute(side: LrsSide, session: LmsSession, req: Request, res: Response) {
  const { activityId, registration, stateId } = req.query as Record<string, string>;
  const launchData = stateId === 'LMS.LaunchData';
  if (launchData && req.method !== 'GET') {
    session.violations.push(violation('10.2.1.0-5 (d)', `${req.method} on LMS.LaunchData`));
    return res.status(403).end();
  }
  if (
    !sameActor(req, session) ||
    activityId !== session.facts.activityId ||
    registration !== session.facts.registration
  ) {
    session.violations.push(
      violation('8.1.3.0-3 (d)', 'state request for another agent, activity or registration'),
    );
    return res.status(403).end();
  }
  const key = `state|${activityId}|${registration}|${stateId}|${session.facts.actor.account.name}`;
  if (req.method === 'PUT' || req.method === 'POST')
    return void (side.documents.set(key, req.body), res.status(204).end());
  if (launchData) session.launchDataReads += 1;
  const doc = side.documents.get(key);
  return doc === undefined ? res.status(404).end() : res.json(doc);
}

const LANGUAGES = /^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*(,[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*)*$/;

function profileRoute(side: LrsSide, session: LmsSession, req: Request, res: Response) {
  if (!sameActor(req, session)) {
    session.violations.push(violation('11.0.0.0-1 (d)', 'agent profile request for another agent'));
    return res.status(403).end();
  }
  const key = `profile|${req.query.profileId}|${session.facts.actor.account.name}`;
  if (req.method === 'GET') {
    if (req.query.profileId === 'cmi5LearnerPreferences') session.track.preferencesRead = true;
    const doc = side.documents.get(key);
    return doc === undefined ? res.status(404).end() : res.json(doc);
  }
  const body = req.body as Record<string, unknown> | undefined;
  const valid =
    body &&
    typeof body === 'object' &&
    typeof body.languagePreference === 'string' &&
    LANGUAGES.test(body.languagePreference) &&
    (body.audioPreference === 'on' || body.audioPreference === 'off');
  if (!valid)
    session.violations.push(
      violation('11.0.0.0-5 (d)', 'learner preferences that are not the two named properties'),
    );
  return res.status(valid ? 204 : 400).end();
}

/**
 * The LMS's LRS as the AU sees it: Statements, State and Agent Profile behind the fetched token.
 */
export function lrsRoutes(side: LrsSide): express.Router {
  const router = express.Router();
  router.use(express.json({ limit: '1mb', type: () => true }));
  router.get('/about', (_req, res) => void res.json({ version: ['1.0.3'] }));
  router.use((req, res, next) => {
    const session = side.sessionOfToken(req.get('authorization'));
    if (!session || session.expired) {
      side.refusals.push(
        `${req.method} ${req.path}: ${session ? 'expired token' : 'no valid token'}`,
      );
      return void res.status(401).json({ error: 'unauthorized' });
    }
    res.locals.session = session;
    next();
  });
  router.post('/statements', (req, res) => {
    const list = Array.isArray(req.body) ? req.body : [req.body];
    return postStatements(side, res.locals.session, list, res);
  });
  router.put('/statements', (req, res) => {
    const s = { ...req.body, id: req.body?.id ?? req.query.statementId };
    return postStatements(side, res.locals.session, [s], res).then(() => undefined);
  });
  router.all(
    '/activities/state',
    (req, res) => void stateRoute(side, res.locals.session, req, res),
  );
  router.all(
    '/agents/profile',
    (req, res) => void profileRoute(side, res.locals.session, req, res),
  );
  return router;
}
