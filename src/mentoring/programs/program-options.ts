/** The choices a program offers, with the words staff see. Keys are stored; labels are shown. */
export const PURPOSES = {
  leadership_pipeline: 'Leadership pipeline',
  succession: 'Succession planning',
  onboarding: 'Onboarding',
  skill_transfer: 'Skill and knowledge transfer',
  inclusion: 'Inclusion and belonging',
  other: 'Other',
} as const;

export const PROGRAM_TYPES = {
  one_on_one: 'One-on-one mentoring',
  group: 'Group circles (one mentor, several mentees)',
  reverse: 'Reverse mentoring (junior mentors senior)',
  peer: 'Peer mentoring (lateral, both ways)',
} as const;

export const CADENCES = { weekly: 'Weekly', fortnightly: 'Every two weeks', monthly: 'Monthly' } as const;

export const MENTOR_SELECTIONS = {
  self_nomination: 'People nominate themselves; staff approve',
  instructor_assigned: 'Staff choose the mentors',
  lms_role: 'Everyone with a given LMS role',
} as const;

/** LMS context roles that can make someone a mentor when mentors are chosen "by LMS role". */
export const MENTOR_LMS_ROLES = { Mentor: 'Mentor', TeachingAssistant: 'Teaching assistant' } as const;

export const MATCHING_MODES = {
  admin_approved: 'Staff review and approve proposed matches',
  mentee_choice: 'Mentees choose from suggestions; mentors accept',
  automatic: 'Automatic: the best overall matches apply at once',
} as const;

export const PROMPT_TRACKS = {
  foundations: 'Foundations: rapport, goals, feedback, reflection, close-out',
  leadership: 'Leadership growth: stretch experiments and after-action reviews',
  perspectives: 'Perspectives: for reverse and peer mentoring',
  none: 'No prompts',
} as const;

/** What staff can place in the course (Deep Linking): the program hub and its milestones. */
export const ACTIVITIES = {
  hub: { label: 'Mentoring space', description: 'Profiles, matches, circles, goals and meetings.' },
  kickoff: { label: 'Kick-off', description: 'Introduces the program, its purpose and confidentiality.' },
  prompt_track: { label: 'Reflection prompts', description: 'This week\'s prompt and the journal.' },
  close_out: { label: 'Close-out survey', description: 'The end-of-program survey for every participant.' },
} as const;

export const DEFAULT_CONFIDENTIALITY =
  'What is said in a mentoring conversation stays between the people in it. Program staff see only ' +
  'that meetings happen and how goals progress, never private notes or journal entries. Anyone may raise ' +
  'a concern with the program staff at any time.';

export type Purpose = keyof typeof PURPOSES;
export type ProgramType = keyof typeof PROGRAM_TYPES;
export type Cadence = keyof typeof CADENCES;
export type MentorSelection = keyof typeof MENTOR_SELECTIONS;
export type MatchingMode = keyof typeof MATCHING_MODES;
export type PromptTrack = keyof typeof PROMPT_TRACKS;
export type ActivityKind = keyof typeof ACTIVITIES;

/** Own keys only: `constructor` or `toString` are not activities. */
export const isActivity = (value: unknown): value is ActivityKind => typeof value === 'string' && Object.hasOwn(ACTIVITIES, value);

export const keysOf = <T extends object>(o: T) => Object.keys(o) as [keyof T & string, ...(keyof T & string)[]];
