/** cmi5 IRIs, written from the spec (section 9), not from the tool's code. */
export const CMI5 = {
  categoryCmi5: 'https://w3id.org/xapi/cmi5/context/categories/cmi5',
  categoryMoveOn: 'https://w3id.org/xapi/cmi5/context/categories/moveon',
  sessionId: 'https://w3id.org/xapi/cmi5/context/extensions/sessionid',
  masteryScore: 'https://w3id.org/xapi/cmi5/context/extensions/masteryscore',
  launchMode: 'https://w3id.org/xapi/cmi5/context/extensions/launchmode',
  launchUrl: 'https://w3id.org/xapi/cmi5/context/extensions/launchurl',
  moveOn: 'https://w3id.org/xapi/cmi5/context/extensions/moveon',
} as const;

export const VERBS = {
  launched: 'http://adlnet.gov/expapi/verbs/launched',
  initialized: 'http://adlnet.gov/expapi/verbs/initialized',
  completed: 'http://adlnet.gov/expapi/verbs/completed',
  passed: 'http://adlnet.gov/expapi/verbs/passed',
  failed: 'http://adlnet.gov/expapi/verbs/failed',
  abandoned: 'https://w3id.org/xapi/adl/verbs/abandoned',
  waived: 'https://w3id.org/xapi/adl/verbs/waived',
  terminated: 'http://adlnet.gov/expapi/verbs/terminated',
  satisfied: 'https://w3id.org/xapi/adl/verbs/satisfied',
} as const;

export type VerbName = keyof typeof VERBS;

/** The cmi5 verbs an AU may send itself (9.3: the others are the LMS's). */
export const AU_VERBS: ReadonlySet<VerbName> = new Set([
  'initialized',
  'completed',
  'passed',
  'failed',
  'terminated',
]);

export const verbName = (id: unknown): VerbName | null =>
  (Object.keys(VERBS) as VerbName[]).find((k) => VERBS[k] === id) ?? null;

export type LaunchMode = 'Normal' | 'Browse' | 'Review';
export type MoveOn =
  'Passed' | 'Completed' | 'CompletedAndPassed' | 'CompletedOrPassed' | 'NotApplicable';

export interface Agent {
  objectType: 'Agent';
  account: { homePage: string; name: string };
  name?: string;
}
