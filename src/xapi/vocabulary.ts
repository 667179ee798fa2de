/**
 * The tool's xAPI vocabulary: every IRI a statement uses, in one place. The published profile
 * (`GET /xapi/profile`) is generated from these definitions.
 * @see https://github.com/adlnet/xapi-profiles/blob/master/xapi-profiles-structure.md
 */

/** The tool's own IRI base: never changes, whatever host the tool runs on. */
export const XAPI_BASE = 'https://mentoring-circles.example/xapi';
export const PROFILE_ID = `${XAPI_BASE}/profile`;
export const PROFILE_VERSION = `${PROFILE_ID}/v1.0`;
export const PROFILE_ACTIVITY_TYPE = 'http://adlnet.gov/expapi/activities/profile';
/** The language of the tool's own labels (verb displays, activity names it makes up). */
export const TOOL_LANGUAGE = 'en-US';
export const TOOL_PLATFORM = 'Mentoring Circles';

export interface Term {
  id: string;
  label: string;
  definition: string;
  /** True when the IRI belongs to another vocabulary (ADL, Activity Streams, Tin Can registry). */
  external?: boolean;
}

const ADL = 'http://adlnet.gov/expapi/verbs';
const AS = 'http://activitystrea.ms/schema/1.0';

export const VERB = {
  launched: { id: `${ADL}/launched`, label: 'launched', definition: 'Opened the mentoring space from the LMS course.', external: true },
  created: { id: `${AS}/create`, label: 'created', definition: 'Created a mentoring program in a course.', external: true },
  updated: { id: `${AS}/update`, label: 'updated', definition: 'Changed the settings of a mentoring program.', external: true },
  registered: { id: `${ADL}/registered`, label: 'registered', definition: 'Became a participant of a mentoring program.', external: true },
  left: { id: `${AS}/leave`, label: 'left', definition: 'Stopped taking part in a program or a circle.', external: true },
  completed: { id: `${ADL}/completed`, label: 'completed', definition: 'Completed a mentoring profile, a milestone or a whole program.', external: true },
  matched: { id: `${XAPI_BASE}/verbs/matched`, label: 'was matched', definition: 'Was proposed a mentor by the matching engine; the mentor is the context instructor and the result score the match score (0–100).' },
  accepted: { id: `${AS}/accept`, label: 'accepted', definition: 'Accepted a proposed match.', external: true },
  declined: { id: `${AS}/reject`, label: 'declined', definition: 'Declined a proposed match.', external: true },
  joined: { id: `${AS}/join`, label: 'joined', definition: 'Joined a mentoring circle as a mentee or peer.', external: true },
  mentored: { id: 'http://id.tincanapi.com/verb/mentored', label: 'mentored', definition: 'Took on the mentor role of a circle.', external: true },
  agreed: { id: `${AS}/agree`, label: 'agreed to', definition: 'Agreed to a version of the circle\'s learning contract.', external: true },
  set: { id: `${XAPI_BASE}/verbs/set`, label: 'set', definition: 'Set a development goal in a mentoring program.' },
  scheduled: { id: `${XAPI_BASE}/verbs/scheduled`, label: 'scheduled', definition: 'Scheduled a mentoring meeting.' },
  attended: { id: `${ADL}/attended`, label: 'attended', definition: 'Attended a mentoring meeting; the result duration is the meeting\'s length.', external: true },
  gaveFeedback: { id: `${XAPI_BASE}/verbs/gave-feedback`, label: 'gave feedback to', definition: 'Rated a mentoring partner (1–5); the object is that person. The feedback text is never sent.' },
  received: { id: `${XAPI_BASE}/verbs/received`, label: 'received', definition: 'Was sent a reflective prompt or a nudge by the tool.' },
  responded: { id: `${ADL}/responded`, label: 'responded', definition: 'Answered a prompt privately (only the learner sees the answer; its text is never sent).', external: true },
  shared: { id: `${ADL}/shared`, label: 'shared', definition: 'Answered a prompt and shared the answer with the circle (the text is never sent).', external: true },
  commented: { id: `${ADL}/commented`, label: 'commented', definition: 'Replied to a circle member\'s shared answer (the text is never sent).', external: true },
  reassigned: { id: `${XAPI_BASE}/verbs/reassigned`, label: 'was reassigned', definition: 'Was moved to another mentor when a pairing was rebalanced; the new mentor is the context instructor.' },
} as const satisfies Record<string, Term>;

const TYPE = `${XAPI_BASE}/activity-types`;

export const ACTIVITY_TYPE = {
  course: { id: 'http://adlnet.gov/expapi/activities/course', label: 'course', definition: 'The LMS course the program runs in.', external: true },
  mentoringSpace: { id: `${TYPE}/mentoring-space`, label: 'mentoring space', definition: 'The Mentoring Circles activity placed in an LMS course.' },
  program: { id: `${TYPE}/program`, label: 'mentoring program', definition: 'A mentoring program of a course (one-on-one, group, reverse, peer; virtual or not).' },
  profile: { id: `${TYPE}/mentoring-profile`, label: 'mentoring profile', definition: 'A participant\'s profile in a program: skills, goals, availability.' },
  match: { id: `${TYPE}/match`, label: 'match', definition: 'A proposed pairing of a mentee with a mentor in a program.' },
  circle: { id: `${TYPE}/circle`, label: 'mentoring circle', definition: 'A mentor with one or more mentees (or peers) in a program.' },
  contract: { id: `${TYPE}/learning-contract`, label: 'learning contract', definition: 'The circle\'s agreement: roles, objectives, cadence, confidentiality.' },
  goal: { id: 'http://id.tincanapi.com/activitytype/goal', label: 'goal', definition: 'A development goal set by a participant.', external: true },
  milestone: { id: `${TYPE}/milestone`, label: 'milestone', definition: 'A milestone of a goal, with its success criteria.' },
  meeting: { id: 'http://adlnet.gov/expapi/activities/meeting', label: 'meeting', definition: 'A mentoring conversation of a circle.', external: true },
  prompt: { id: `${TYPE}/prompt`, label: 'prompt', definition: 'A reflective or conversation prompt of the program\'s prompt calendar.' },
  answer: { id: `${TYPE}/prompt-answer`, label: 'prompt answer', definition: 'A shared answer to a prompt (identified, never quoted).' },
  nudge: { id: `${TYPE}/nudge`, label: 'nudge', definition: 'A reminder the tool sends (e.g. no meeting logged for a while).' },
  deliveryPackage: { id: `${TYPE}/delivery-package`, label: 'delivery package', definition: 'A SCORM or cmi5 package of a program, imported by an LMS without LTI 1.3; its id is the package\'s home page IRI.' },
} as const satisfies Record<string, Term>;

export type ExtensionKind = 'ContextExtension' | 'ResultExtension';

export interface ExtensionTerm extends Term {
  kind: ExtensionKind;
  schema: Record<string, unknown>;
}

const EXT = `${XAPI_BASE}/extensions`;
const uuidSchema = { type: 'string', format: 'uuid' };
const shortText = { type: 'string', minLength: 1, maxLength: 200 };

export const EXTENSION = {
  tenant: { id: `${EXT}/tenant`, kind: 'ContextExtension', label: 'tenant', definition: 'The tool\'s tenant id: one LTI deployment of one platform registration, or one standalone workspace.', schema: uuidSchema },
  deployment: { id: `${EXT}/lti-deployment`, kind: 'ContextExtension', label: 'LTI deployment', definition: 'The platform\'s LTI deployment_id and client_id (absent for a standalone workspace).', schema: { type: 'object', required: ['deploymentId', 'clientId'], properties: { deploymentId: shortText, clientId: shortText }, additionalProperties: false } },
  programTypes: { id: `${EXT}/program-types`, kind: 'ContextExtension', label: 'program types', definition: 'The program\'s types; they combine.', schema: { type: 'array', items: { enum: ['one_on_one', 'group', 'reverse', 'peer', 'virtual'] }, uniqueItems: true } },
  programRole: { id: `${EXT}/program-role`, kind: 'ContextExtension', label: 'program role', definition: 'The actor\'s role in the program or circle.', schema: { enum: ['mentor', 'mentee', 'peer', 'staff', 'both'] } },
  source: { id: `${EXT}/source`, kind: 'ContextExtension', label: 'source', definition: 'What brought about a join or leave: a launch, the roster sync, or an admin.', schema: { enum: ['launch', 'roster', 'admin'] } },
  resourceLink: { id: `${EXT}/lti-resource-link`, kind: 'ContextExtension', label: 'LTI resource link', definition: 'The LTI resource link id the learner launched from.', schema: shortText },
  courseRole: { id: `${EXT}/course-role`, kind: 'ContextExtension', label: 'course role', definition: 'The actor\'s role in the LMS course, from the LTI roles.', schema: { enum: ['staff', 'learner'] } },
  reason: { id: `${EXT}/reason`, kind: 'ContextExtension', label: 'reason', definition: 'A short reason code (why a circle was left, why a nudge was sent).', schema: shortText },
  contractVersion: { id: `${EXT}/contract-version`, kind: 'ContextExtension', label: 'contract version', definition: 'The version of the learning contract agreed to.', schema: { type: 'integer', minimum: 1 } },
  promptVersion: { id: `${EXT}/prompt-version`, kind: 'ContextExtension', label: 'prompt version', definition: 'The version of the prompt text that was sent or answered.', schema: { type: 'integer', minimum: 1 } },
  visibility: { id: `${EXT}/answer-visibility`, kind: 'ContextExtension', label: 'answer visibility', definition: 'Who can read the answer in the tool: the learner alone or the circle.', schema: { enum: ['private', 'circle'] } },
  scheduledStart: { id: `${EXT}/scheduled-start`, kind: 'ContextExtension', label: 'scheduled start', definition: 'When the scheduled meeting starts (ISO 8601).', schema: { type: 'string', format: 'date-time' } },
  plannedDuration: { id: `${EXT}/planned-duration`, kind: 'ContextExtension', label: 'planned duration', definition: 'How long the scheduled meeting is planned to last (ISO 8601 duration).', schema: { type: 'string', pattern: '^PT\\d+M$' } },
  deliveryPackage: { id: `${EXT}/delivery-package`, kind: 'ContextExtension', label: 'delivery package', definition: 'The SCORM or cmi5 package the actor came through (its id and kind); absent for LTI launches.', schema: { type: 'object', required: ['id', 'kind'], properties: { id: uuidSchema, kind: { enum: ['scorm12', 'scorm2004', 'cmi5'] } }, additionalProperties: false } },
  previousMentor: { id: `${EXT}/previous-mentor`, kind: 'ContextExtension', label: 'previous mentor', definition: 'The mentor a rebalanced mentee had before (an xAPI Agent).', schema: { type: 'object', required: ['objectType'], properties: { objectType: { const: 'Agent' } } } },
} as const satisfies Record<string, ExtensionTerm>;

