import { uuidV5 } from '../../xapi/ids.js';

/**
 * cmi5 defined statements of the AU (cmi5 section 9), pure: what the LMS launched us with in,
 * statement out. The context is the LMS's contextTemplate with our additions, never overwriting it.
 * @see https://github.com/AICC/CMI-5_Spec_Current/blob/quartz/cmi5_spec.md#xapi_data_model
 */
export const CMI5_IRI = {
  categoryCmi5: 'https://w3id.org/xapi/cmi5/context/categories/cmi5',
  categoryMoveOn: 'https://w3id.org/xapi/cmi5/context/categories/moveon',
  sessionId: 'https://w3id.org/xapi/cmi5/context/extensions/sessionid',
  masteryScore: 'https://w3id.org/xapi/cmi5/context/extensions/masteryscore',
} as const;

export type Cmi5Verb = 'initialized' | 'completed' | 'passed' | 'failed' | 'terminated';

const VERB_IDS: Record<Cmi5Verb, string> = {
  initialized: 'http://adlnet.gov/expapi/verbs/initialized',
  completed: 'http://adlnet.gov/expapi/verbs/completed',
  passed: 'http://adlnet.gov/expapi/verbs/passed',
  failed: 'http://adlnet.gov/expapi/verbs/failed',
  terminated: 'http://adlnet.gov/expapi/verbs/terminated',
};

/** What one AU session knows of its launch (8.1 parameters, 10.2 LMS.LaunchData). */
export interface Cmi5Launch {
  /** Our row id of the session: statement ids derive from it (a retry sends the same id). */
  id: string;
  actor: Record<string, unknown>;
  registration: string;
  activityId: string;
  contextTemplate: Record<string, any>;
  masteryScore: number | null;
  initializedAt: Date | null;
}

/** Namespace of cmi5 statement ids: uuidV5(`${session}:${verb}`). */
const CMI5_ID_NAMESPACE = 'c5a1d0e2-3b4f-5c6d-8e7f-90a1b2c3d4e5';

/** ISO 8601 duration with centiseconds (xAPI 4.6), e.g. PT1H2M3.45S. */
export function isoDuration(ms: number): string {
  const centis = Math.max(0, Math.round(ms / 10));
  const h = Math.floor(centis / 360_000);
  const m = Math.floor((centis % 360_000) / 6000);
  const s = (centis % 6000) / 100;
  return `PT${h ? `${h}H` : ''}${m ? `${m}M` : ''}${s.toFixed(2).replace(/\.?0+$/, '') || '0'}S`;
}

function contextOf(launch: Cmi5Launch, verb: Cmi5Verb, moveOn: boolean): Record<string, any> {
  const template = launch.contextTemplate;
  const activities = template.contextActivities ?? {};
  const category = [
    ...(activities.category ?? []),
    { id: CMI5_IRI.categoryCmi5, objectType: 'Activity' },
  ];
  if (moveOn) category.push({ id: CMI5_IRI.categoryMoveOn, objectType: 'Activity' });
  const judged = (verb === 'passed' || verb === 'failed') && launch.masteryScore !== null;
  const mastery = judged ? { [CMI5_IRI.masteryScore]: launch.masteryScore } : {};
  // The template's own values win (10.2.1: the AU adds to the context, never overwrites it).
  return {
    registration: launch.registration,
    ...template,
    contextActivities: { ...activities, category },
    extensions: { ...mastery, ...(template.extensions ?? {}) },
  };
}

function resultOf(verb: Cmi5Verb, launch: Cmi5Launch, at: Date, scaled: number | null) {
  const duration = isoDuration(at.getTime() - (launch.initializedAt ?? at).getTime());
  const score = scaled === null ? {} : { score: { scaled } };
  const results: Record<Cmi5Verb, Record<string, unknown> | undefined> = {
    initialized: undefined,
    completed: { completion: true, duration },
    passed: { success: true, duration, ...score },
    failed: { success: false, duration, ...score },
    terminated: { duration },
  };
  return results[verb];
}

/** One cmi5 defined statement; `scaled` goes only on passed/failed (9.5.1). */
export function cmi5Statement(
  launch: Cmi5Launch,
  verb: Cmi5Verb,
  at: Date,
  scaled: number | null = null,
) {
  const result = resultOf(verb, launch, at, verb === 'passed' || verb === 'failed' ? scaled : null);
  const moveOn = verb === 'completed' || verb === 'passed' || verb === 'failed';
  return {
    id: uuidV5(`${launch.id}:${verb}`, CMI5_ID_NAMESPACE),
    timestamp: at.toISOString(),
    actor: launch.actor,
    verb: { id: VERB_IDS[verb], display: { 'en-US': verb } },
    object: { id: launch.activityId, objectType: 'Activity' },
    ...(result ? { result } : {}),
    context: contextOf(launch, verb, moveOn),
  };
}
