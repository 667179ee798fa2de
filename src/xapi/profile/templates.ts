import { EXTENSION as X, ACTIVITY_TYPE as T, VERB as V, PROFILE_ACTIVITY_TYPE, PROFILE_VERSION, type Term } from '../vocabulary.js';

/** A statement template rule. @see https://github.com/adlnet/xapi-profiles/blob/master/xapi-profiles-structure.md#statement-template-rules */
export interface TemplateRule {
  location: string;
  selector?: string;
  presence?: 'included' | 'excluded' | 'recommended';
  any?: unknown[];
  all?: unknown[];
  none?: unknown[];
  scopeNote?: Record<string, string>;
}

export interface TemplateSpec {
  /** Last segment of the template IRI. */
  key: string;
  label: string;
  definition: string;
  verb: Term;
  objectActivityType?: Term;
  contextParentActivityType?: Term[];
  program: boolean;
  rules?: TemplateRule[];
}

const ext = (term: { id: string }) => `$.context.extensions['${term.id}']`;
const included = (location: string): TemplateRule => ({ location, presence: 'included' });
const completed: TemplateRule = { location: '$.result.completion', presence: 'included', all: [true] };
const objectIsAgent: TemplateRule = { location: '$.object.objectType', presence: 'included', all: ['Agent'] };
/** xAPI 1.0.3: `context.platform` only when the object is an Activity. */
const noPlatform: TemplateRule = { location: '$.context.platform', presence: 'excluded' };
export const PLATFORM_RULE: TemplateRule = { location: '$.context.platform', presence: 'included' };
const instructor = included('$.context.instructor');

/** Rules every statement of the tool follows: course context, registration, profile category, no free text. */
export const COMMON_RULES: TemplateRule[] = [
  { location: '$.actor.objectType', presence: 'included', all: ['Agent'] },
  included('$.id'),
  included('$.timestamp'),
  included('$.context.registration'),
  included('$.context.language'),
  { location: '$.context.contextActivities.category[*].id', presence: 'included', all: [PROFILE_VERSION] },
  included(ext(X.tenant)),
  // A standalone workspace is no LMS deployment: the extension is on every LTI tenant's statements.
  { location: ext(X.deployment), presence: 'recommended', scopeNote: { en: 'Absent for a standalone workspace.' } },
  { location: ext(X.deliveryPackage), presence: 'recommended', scopeNote: { en: 'Only for learners who came through a SCORM or cmi5 package.' } },
  { location: '$.result.response', presence: 'excluded', scopeNote: { en: 'Answers, journals and feedback text stay in the tool.' } },
];

const inProgram = (key: string, label: string, definition: string, verb: Term, object: Term | undefined, rules: TemplateRule[] = [], parent: Term[] = [T.program, T.circle]): TemplateSpec =>
  ({ key, label, definition, verb, ...(object ? { objectActivityType: object } : {}), contextParentActivityType: parent, program: true, rules: [included(ext(X.programTypes)), ...rules] });

export const TEMPLATES: TemplateSpec[] = [
  { key: 'launched', label: 'Launched the mentoring space', definition: 'A person opened the tool from the course (registration: the course enrolment).', verb: V.launched, objectActivityType: T.mentoringSpace, contextParentActivityType: [T.course], program: false, rules: [included(ext(X.courseRole))] },
  inProgram('program-created', 'Created a program', 'Staff created a mentoring program.', V.created, T.program, [], [T.program]),
  inProgram('program-configured', 'Configured a program', 'Staff changed a program\'s settings.', V.updated, T.program, [], [T.program]),
  inProgram('participant-registered', 'Joined a program', 'A person became a participant (by launch or roster).', V.registered, T.program, [included(ext(X.programRole)), included(ext(X.source))], [T.program]),
  inProgram('participant-left-program', 'Left a program', 'A participant left (roster sync or admin).', V.left, T.program, [included(ext(X.source))], [T.program]),
  inProgram('profile-completed', 'Completed the mentoring profile', 'A participant completed their profile.', V.completed, T.profile, [completed]),
  inProgram('match-proposed', 'Was matched', 'Matching proposed a mentor (context instructor) with a score.', V.matched, T.match, [instructor, included('$.result.score.raw')]),
  inProgram('match-accepted', 'Accepted a match', 'A mentee or mentor accepted a proposed match.', V.accepted, T.match, [instructor]),
  inProgram('match-declined', 'Declined a match', 'A mentee or mentor declined a proposed match.', V.declined, T.match, [instructor]),
  inProgram('circle-joined', 'Joined a circle', 'A mentee or peer joined a circle.', V.joined, T.circle, [{ location: ext(X.programRole), presence: 'included', any: ['mentee', 'peer'] }], [T.circle]),
  inProgram('circle-mentored', 'Took on a circle as mentor', 'A mentor took on a circle.', V.mentored, T.circle, [{ location: ext(X.programRole), presence: 'included', all: ['mentor'] }], [T.circle]),
  inProgram('circle-left', 'Left a circle', 'A member left a circle.', V.left, T.circle, [included(ext(X.reason))], [T.circle]),
  inProgram('contract-agreed', 'Agreed to the learning contract', 'A circle member agreed to a version of the contract.', V.agreed, T.contract, [included(ext(X.contractVersion))], [T.circle]),
  inProgram('goal-set', 'Set a goal', 'A participant set a development goal.', V.set, T.goal, [], [T.program, T.circle]),
  inProgram('milestone-completed', 'Completed a milestone', 'A participant completed a milestone of a goal.', V.completed, T.milestone, [completed], [T.program, T.circle]),
  inProgram('meeting-scheduled', 'Scheduled a meeting', 'A circle member scheduled a meeting.', V.scheduled, T.meeting, [included(ext(X.scheduledStart)), included(ext(X.plannedDuration))], [T.program, T.circle]),
  inProgram('meeting-attended', 'Attended a meeting', 'A circle member attended a meeting (result duration).', V.attended, T.meeting, [completed, included('$.result.duration')], [T.program, T.circle]),
  inProgram('feedback-given', 'Gave feedback', 'A participant rated a partner 1–5 (the object is that partner).', V.gaveFeedback, undefined, [objectIsAgent, noPlatform, included('$.result.score.raw')], [T.program, T.circle]),
  inProgram('prompt-received', 'Received a prompt', 'The prompt calendar delivered a prompt.', V.received, T.prompt, [included(ext(X.promptVersion))], [T.program, T.circle]),
  inProgram('prompt-responded', 'Answered a prompt privately', 'A private answer (never its text).', V.responded, T.prompt, [completed, { location: ext(X.visibility), presence: 'included', all: ['private'] }], [T.program, T.circle]),
  inProgram('prompt-shared', 'Shared a prompt answer', 'An answer shared with the circle (never its text).', V.shared, T.prompt, [completed, { location: ext(X.visibility), presence: 'included', all: ['circle'] }], [T.program, T.circle]),
  inProgram('answer-commented', 'Replied to a shared answer', 'A reply to a circle member\'s answer (never its text).', V.commented, T.answer, [], [T.program, T.circle]),
  inProgram('nudge-received', 'Received a nudge', 'The tool nudged a participant.', V.received, T.nudge, [included(ext(X.reason))], [T.program, T.circle]),
  inProgram('mentee-reassigned', 'Was reassigned', 'Rebalancing moved a mentee to another mentor.', V.reassigned, T.program, [instructor, included(ext(X.previousMentor))], [T.program, T.circle]),
  inProgram('program-completed', 'Completed the program', 'A participant completed the program.', V.completed, T.program, [completed], [T.program]),
];

