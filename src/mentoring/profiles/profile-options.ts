/** The fixed choices of a profile, with the words people see. Keys are stored; labels are shown. */
export const LEARNING_STYLES = {
  conversation: 'Conversation and discussion',
  practice: 'Hands-on practice with debriefs',
  reflection: 'Reading and reflection',
  shadowing: 'Shadowing and observation',
  feedback: 'Direct, structured feedback',
} as const;

export const GENERATIONS = {
  gen_z: 'Generation Z (born 1997 or later)',
  millennial: 'Millennial (1981–1996)',
  gen_x: 'Generation X (1965–1980)',
  boomer: 'Baby boomer (1964 or earlier)',
} as const;

export const WEEKDAYS = { mon: 'Monday', tue: 'Tuesday', wed: 'Wednesday', thu: 'Thursday', fri: 'Friday', sat: 'Saturday', sun: 'Sunday' } as const;

/** Availability is picked in two-hour blocks of the person's own day, starting at these hours. */
export const BLOCK_HOURS = [7, 9, 11, 13, 15, 17, 19] as const;
export const BLOCK_MINUTES = 120;

/** A leadership set to start from; staff edit it per program. */
export const DEFAULT_SKILLS = [
  'Strategic thinking', 'Decision making', 'Delegation', 'Giving feedback', 'Coaching others', 'Communicating with impact',
  'Executive presence', 'Leading change', 'Managing conflict', 'Building teams', 'Stakeholder management',
  'Influencing without authority', 'Business acumen', 'Financial literacy', 'Innovation', 'Inclusive leadership',
  'Emotional intelligence', 'Resilience', 'Priorities and time', 'Cross-functional collaboration', 'Negotiation', 'Digital fluency',
] as const;

export type LearningStyle = keyof typeof LEARNING_STYLES;
export type Generation = keyof typeof GENERATIONS;
export type WeekdayKey = keyof typeof WEEKDAYS;
