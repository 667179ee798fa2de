import { isDeepStrictEqual } from 'node:util';
import { covers, violation, type Violation } from './requirements.js';
import { CMI5, type Agent } from './vocabulary.js';

type Stmt = Record<string, any>;

/** What the LMS set up for one AU session (section 10) and checks every statement against. */
export interface LaunchFacts {
  registration: string;
  actor: Agent;
  activityId: string;
  sessionId: string;
  contextTemplate: Record<string, any>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
const UTC = /(Z|[+-]00:?00)$/;

covers(
  '9.1.0.0-1',
  '9.1.0.0-1 (d)',
  '9.7.0.0-1 (d)',
  '9.7.0.0-2 (d)',
  '8.1.3.0-3 (d)',
  '9.2.0.0-2',
  '9.2.0.0-3',
);
covers('8.1.4.0-3 (d)', '9.6.3.1-4 (d)', '10.2.1.0-6 (d)', '10.2.1.0-7 (d)', '9.6.2.0-1 (d)');

/**
 * Rules every statement from the AU keeps, cmi5 defined or allowed (9.1, 9.2, 9.6, 9.7, 10.2.1).
 */
export function checkShape(s: Stmt, facts: LaunchFacts): Violation[] {
  const out: Violation[] = [];
  if (typeof s.id !== 'string') out.push(violation('9.1.0.0-1 (d)', 'statement without an id'));
  else if (!UUID.test(s.id)) out.push(violation('9.1.0.0-1', `id ${s.id} is not a UUID`));
  if (typeof s.timestamp !== 'string')
    out.push(violation('9.7.0.0-1 (d)', 'statement without a timestamp'));
  else if (!UTC.test(s.timestamp) || Number.isNaN(Date.parse(s.timestamp))) {
    out.push(violation('9.7.0.0-2 (d)', `timestamp ${s.timestamp} is not in UTC`));
  }
  if (s.actor?.objectType !== 'Agent')
    out.push(violation('9.2.0.0-2', 'actor is not of objectType Agent'));
  if (!s.actor?.account) out.push(violation('9.2.0.0-3', 'actor has no account'));
  else if (!isDeepStrictEqual(s.actor.account, facts.actor.account)) {
    out.push(
      violation(
        '8.1.3.0-3 (d)',
        `actor ${JSON.stringify(s.actor.account)} is not the launch actor`,
      ),
    );
  }
  return [...out, ...checkContext(s.context, facts)];
}

const ids = (list: unknown): string[] => (Array.isArray(list) ? list.map((a) => a?.id) : []);

function checkContext(context: Stmt | undefined, facts: LaunchFacts): Violation[] {
  if (!context) return [violation('10.2.1.0-6 (d)', 'statement without a context')];
  const out: Violation[] = [];
  if (context.registration !== facts.registration) {
    out.push(
      violation('8.1.4.0-3 (d)', `registration ${context.registration} is not the launch's`),
    );
  }
  if (context.extensions?.[CMI5.sessionId] !== facts.sessionId) {
    out.push(violation('9.6.3.1-4 (d)', 'the session id extension is missing or wrong'));
  }
  const template = facts.contextTemplate;
  for (const [key, value] of Object.entries(template.extensions ?? {})) {
    if (!isDeepStrictEqual(context.extensions?.[key], value)) {
      out.push(
        violation('10.2.1.0-7 (d)', `context template extension ${key} overwritten or missing`),
      );
    }
  }
  for (const [list, activities] of Object.entries(template.contextActivities ?? {})) {
    const have = ids(context.contextActivities?.[list]);
    for (const id of ids(activities)) {
      if (!have.includes(id))
        out.push(violation('9.6.2.0-1 (d)', `contextActivities.${list} lacks ${id}`));
    }
  }
  for (const [key, value] of Object.entries(template)) {
    if (key === 'extensions' || key === 'contextActivities') continue;
    if (!isDeepStrictEqual(context[key], value))
      out.push(violation('10.2.1.0-7 (d)', `context.${key} overwritten`));
  }
  return out;
}

/** A cmi5 defined statement carries the cmi5 category activity (7.1.3, 9.6.2.1). */
export const isCmi5Defined = (s: Stmt) =>
  ids(s.context?.contextActivities?.category).includes(CMI5.categoryCmi5);
export const hasMoveOnCategory = (s: Stmt) =>
  ids(s.context?.contextActivities?.category).includes(CMI5.categoryMoveOn);

const DURATION =
  /^P(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

/** Seconds of an ISO 8601 duration (days, hours, minutes, seconds), null when malformed. */
export function durationSeconds(value: unknown): number | null {
  if (typeof value !== 'string' || value === 'P' || value.endsWith('T')) return null;
  const m = DURATION.exec(value);
  if (!m) return null;
  const [d, h, min, sec] = m.slice(1).map((x) => Number(x ?? 0));
  return d! * 86400 + h! * 3600 + min! * 60 + sec!;
}
