import type { ProgramType } from '../programs/program-options.js';

/** The kinds of prompt the library holds, in the order a program usually meets them. */
export const PROMPT_CATEGORIES = {
  getting_started: 'Getting started',
  goal_setting: 'Goal setting',
  feedback: 'Feedback practice',
  reflection: 'Reflection and journaling',
  after_action: 'After-action review',
  stretch: 'Stretch experiments',
  perspective: 'Perspective taking',
  close_out: 'Close-out',
} as const;

export const PROMPT_AUDIENCES = { mentor: 'Mentors', mentee: 'Mentees', circle: 'The whole circle' } as const;

export const PROMPT_CADENCES = { weekly: 'Weekly', fortnightly: 'Every two weeks', monthly: 'Monthly', custom: 'Every few days (choose)' } as const;

export type PromptCategory = keyof typeof PROMPT_CATEGORIES;
export type PromptAudience = keyof typeof PROMPT_AUDIENCES;

/** After-action reviews are answered in four parts; every other prompt in free text. */
export const REVIEW_PARTS = {
  planned: 'What did you plan or expect to happen?',
  happened: 'What actually happened?',
  why: 'Why was there a difference?',
  next: 'What will you do next time?',
} as const;
export type ReviewPart = keyof typeof REVIEW_PARTS;

export const isReview = (category: string) => category === 'after_action';

/** The words and facts of a prompt (one version of it). */
export interface PromptContent {
  category: PromptCategory;
  title: string;
  body: string;
  audience: PromptAudience;
  programTypes: ProgramType[];
  minutes: number;
  followUp: string | null;
}

/** A prompt as the tool ships it; a program gets its own editable copy. */
export interface LibraryPrompt extends PromptContent {
  key: string;
}

/** Circle roles a prompt of this audience is addressed to: peers take both sides. */
export function addresses(audience: PromptAudience, role: 'mentor' | 'mentee' | 'peer'): boolean {
  return audience === 'circle' || role === 'peer' || audience === role;
}
