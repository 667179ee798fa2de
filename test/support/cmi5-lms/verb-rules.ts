import { covers, violation, type Violation } from './requirements.js';
import { durationSeconds, hasMoveOnCategory, isCmi5Defined } from './statement-checks.js';
import { AU_VERBS, CMI5, verbName, type LaunchMode, type VerbName } from './vocabulary.js';

type Stmt = Record<string, any>;

/**
 * What the LMS tracks of one AU session (9.3.0.0-4/5 (d1)) and of its registration (9.3.0.0-6/7
 * (d1)).
 */
export interface SessionTrack {
  launchMode: LaunchMode;
  masteryScore: number | null;
  launchedAt: Date;
  initializedAt: Date | null;
  terminated: boolean;
  preferencesRead: boolean;
  verbs: Set<VerbName>;
  lastTimestamp: number | null;
  registration: { completed: boolean; passed: boolean };
}

covers(
  '9.3.0.0-4 (d2)',
  '9.3.0.0-5 (d2)',
  '7.1.3.0-1 (d1)',
  '7.1.3.0-1 (d2)',
  '9.3.2.0-2',
  '9.3.8.0-2',
);
covers(
  '11.0.0.0-3 (d2)',
  '9.3.0.0-1',
  '9.3.0.0-2 (d)',
  '9.3.0.0-3 (d)',
  '9.3.0.0-6 (d2)',
  '9.3.0.0-7 (d2)',
);
covers('9.3.0.0-8 (d)', '10.2.2.0-2 (d)', '10.2.2.0-3 (d)', '8.1.5.0-6 (d)', '9.4.0.0-1 (d)');

/**
 * Order within the session: initialized first, nothing after terminated, timestamps in order (9.3).
 */
export function checkOrder(s: Stmt, verb: VerbName | null, track: SessionTrack): Violation[] {
  if (track.terminated)
    return [violation('9.3.0.0-5 (d2)', `${verb ?? s.verb?.id} after terminated`)];
  const defined = isCmi5Defined(s);
  if (!track.initializedAt && !(defined && verb === 'initialized')) {
    return [
      violation(
        defined ? '9.3.0.0-4 (d2)' : '7.1.3.0-1 (d1)',
        `${verb ?? s.verb?.id} before initialized`,
      ),
    ];
  }
  const out: Violation[] = [];
  if (verb === 'initialized' && defined && !track.preferencesRead) {
    out.push(violation('11.0.0.0-3 (d2)', 'initialized before the learner preferences were read'));
  }
  const at = Date.parse(s.timestamp);
  if (track.lastTimestamp !== null && at < track.lastTimestamp) {
    out.push(
      violation(
        verb === 'terminated' ? '9.3.8.0-2' : '9.3.2.0-2',
        `${verb} timestamped before an earlier statement`,
      ),
    );
  }
  return out;
}

/** Rules of cmi5 defined statements: which verbs, how often, in which launch mode (9.3, 10.2.2). */
export function checkVerb(
  s: Stmt,
  verb: VerbName | null,
  activityId: string,
  track: SessionTrack,
): Violation[] {
  if (!verb || !AU_VERBS.has(verb))
    return [violation('9.3.0.0-1', `verb ${s.verb?.id} is not an AU verb of cmi5`)];
  const out: Violation[] = [];
  if (s.object?.id !== activityId)
    out.push(violation('8.1.5.0-6 (d)', `object ${s.object?.id} is not the activityId`));
  if (s.object?.objectType && s.object.objectType !== 'Activity')
    out.push(violation('9.4.0.0-1 (d)', 'object is not an Activity'));
  if (track.verbs.has(verb)) out.push(violation('9.3.0.0-2 (d)', `second ${verb} in the session`));
  const judged = verb === 'passed' || verb === 'failed';
  if (judged && (track.verbs.has('passed') || track.verbs.has('failed'))) {
    out.push(violation('9.3.0.0-3 (d)', `${verb} after a passed or failed`));
  }
  if (verb === 'completed' && track.registration.completed)
    out.push(violation('9.3.0.0-6 (d2)', 'second completed in the registration'));
  if (verb === 'passed' && track.registration.passed)
    out.push(violation('9.3.0.0-7 (d2)', 'second passed in the registration'));
  if (verb === 'failed' && track.registration.passed)
    out.push(violation('9.3.0.0-8 (d)', 'failed after passed'));
  const satisfaction = verb === 'completed' || judged;
  if (satisfaction && track.launchMode !== 'Normal') {
    out.push(
      violation(
        track.launchMode === 'Browse' ? '10.2.2.0-2 (d)' : '10.2.2.0-3 (d)',
        `${verb} in ${track.launchMode} mode`,
      ),
    );
  }
  return out;
}

covers(
  '9.5.1.0-1',
  '9.5.1.0-2 (d)',
  '9.5.1.0-3 (d1)',
  '9.5.1.0-3 (d2)',
  '9.5.2.0-1 (d1)',
  '9.5.2.0-2 (d)',
);
covers(
  '9.5.2.0-3 (d)',
  '9.5.3.0-1 (d1)',
  '9.5.3.0-2 (d)',
  '9.6.2.2-1 (d1)',
  '9.6.2.2-1 (d2)',
  '9.6.2.2-1 (d3)',
);
covers(
  '9.6.2.2-2 (d)',
  '9.6.3.2-2 (d)',
  '9.5.4.1-1 (d)',
  '9.5.4.1-2 (d)',
  '9.5.4.1-3 (d)',
  '9.5.4.1-4 (d)',
);

const DURATION_RULE: Partial<Record<VerbName, string>> = {
  terminated: '9.5.4.1-1 (d)',
  completed: '9.5.4.1-2 (d)',
  passed: '9.5.4.1-3 (d)',
  failed: '9.5.4.1-4 (d)',
};
const MOVE_ON_RULE: Partial<Record<VerbName, string>> = {
  completed: '9.6.2.2-1 (d1)',
  passed: '9.6.2.2-1 (d2)',
  failed: '9.6.2.2-1 (d3)',
};

/** Result rules (9.5) and the moveOn category (9.6.2.2); durations within the session's length. */
export function checkResult(s: Stmt, verb: VerbName, track: SessionTrack, now: Date): Violation[] {
  const out: Violation[] = [];
  const result = s.result ?? {};
  const judged = verb === 'passed' || verb === 'failed';
  if (result.score !== undefined && !judged)
    out.push(violation('9.5.1.0-2 (d)', `${verb} has a score`));
  if (result.score?.raw !== undefined && result.score.min === undefined)
    out.push(violation('9.5.1.0-3 (d1)', 'raw without min'));
  if (result.score?.raw !== undefined && result.score.max === undefined)
    out.push(violation('9.5.1.0-3 (d2)', 'raw without max'));
  if (verb === 'passed' && result.success !== true)
    out.push(violation('9.5.2.0-1 (d1)', 'passed without success true'));
  if (verb === 'failed' && result.success !== false)
    out.push(violation('9.5.2.0-2 (d)', 'failed without success false'));
  if (!judged && result.success !== undefined)
    out.push(violation('9.5.2.0-3 (d)', `${verb} has success`));
  if (verb === 'completed' && result.completion !== true)
    out.push(violation('9.5.3.0-1 (d1)', 'completed without completion true'));
  if (verb !== 'completed' && result.completion !== undefined)
    out.push(violation('9.5.3.0-2 (d)', `${verb} has completion`));
  const needsMoveOn = result.success !== undefined || result.completion !== undefined;
  if (needsMoveOn && !hasMoveOnCategory(s))
    out.push(violation(MOVE_ON_RULE[verb] ?? '9.6.2.2-2 (d)', `${verb} lacks the moveOn category`));
  if (!needsMoveOn && hasMoveOnCategory(s))
    out.push(violation('9.6.2.2-2 (d)', `${verb} has the moveOn category`));
  return [...out, ...checkMastery(s, verb, track), ...checkDuration(s, verb, track, now)];
}

function checkMastery(s: Stmt, verb: VerbName, track: SessionTrack): Violation[] {
  const scaled = s.result?.score?.scaled;
  if (track.masteryScore === null || typeof scaled !== 'number') return [];
  const out: Violation[] = [];
  if (s.context?.extensions?.[CMI5.masteryScore] !== track.masteryScore) {
    out.push(violation('9.6.3.2-2 (d)', `${verb} with a score lacks the masteryScore extension`));
  }
  if (
    (verb === 'passed' && scaled < track.masteryScore) ||
    (verb === 'failed' && scaled >= track.masteryScore)
  ) {
    out.push(
      violation('9.5.1.0-1', `${verb} with scaled ${scaled} against mastery ${track.masteryScore}`),
    );
  }
  return out;
}

function checkDuration(s: Stmt, verb: VerbName, track: SessionTrack, now: Date): Violation[] {
  const rule = DURATION_RULE[verb];
  const value = s.result?.duration;
  if (value === undefined) return rule ? [violation(rule, `${verb} without a duration`)] : [];
  const seconds = durationSeconds(value);
  // Never longer than the session so far (launched → now), with a second of rounding.
  const longest = (now.getTime() - track.launchedAt.getTime()) / 1000 + 1;
  if (seconds === null || seconds < 0 || seconds > longest) {
    return [
      violation(
        rule ?? '9.5.4.1-1 (d)',
        `${verb} duration ${value} is not an ISO 8601 time within the session`,
      ),
    ];
  }
  return [];
}

/** Everything the LMS checks of one statement, in the order the spec reads. */
export function verbOf(s: Stmt): VerbName | null {
  return verbName(s.verb?.id);
}
