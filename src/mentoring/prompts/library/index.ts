import type { ProgramType, PromptTrack } from '../../programs/program-options.js';
import type { LibraryPrompt } from '../prompt-options.js';
import { FEEDBACK, REFLECTION } from './feedback-and-reflection.js';
import { CLOSE_OUT, PERSPECTIVE } from './perspective-and-close.js';
import { AFTER_ACTION, STRETCH } from './review-and-stretch.js';
import { GETTING_STARTED, GOAL_SETTING } from './start-and-goals.js';

/** The prompts the tool ships, written for it. A program gets its own copy to edit. */
export const LIBRARY: readonly LibraryPrompt[] = [...GETTING_STARTED, ...GOAL_SETTING, ...FEEDBACK, ...REFLECTION, ...AFTER_ACTION, ...STRETCH, ...PERSPECTIVE, ...CLOSE_OUT];

/** Ready-made tracks, one per program track choice: a sequence from first meeting to close-out. */
export const TRACK_PRESETS: Record<Exclude<PromptTrack, 'none'>, readonly string[]> = {
  foundations: [
    'gs-story-so-far', 'gs-working-styles', 'gs-confidentiality', 'gs-learning-contract', 'goal-one-goal', 'goal-milestones',
    'fb-ask-specifically', 'rf-three-lines', 'goal-check-in', 'fb-situation-behaviour-impact', 'rf-energy', 'aar-last-session',
    'rf-assumption', 'goal-small-wins', 'fb-circle-pulse', 'rf-confidence', 'co-look-back', 'co-what-changed', 'co-specific-thanks',
  ],
  leadership: [
    'gs-story-so-far', 'gs-bring-and-seek', 'gs-learning-contract', 'goal-one-goal', 'goal-obstacles', 'st-design',
    'aar-stretch-experiment', 'st-delegate', 'fb-situation-behaviour-impact', 'aar-meeting-you-led', 'st-chair',
    'aar-difficult-conversation', 'st-other-team', 'aar-decision', 'rf-turning-point', 'aar-presenting', 'co-next-goal', 'co-specific-thanks',
  ],
  perspectives: [
    'gs-story-so-far', 'gs-reverse-ground-rules', 'gs-confidentiality', 'pp-day-in-my-work', 'pp-digital-habit', 'pp-what-surprised-me',
    'pp-unwritten-rules', 'fb-saying-it-upward', 'pp-generations', 'pp-swap-a-problem', 'pp-customer-lens', 'aar-last-session',
    'pp-missing-voice', 'co-what-changed', 'co-advice-next-circle',
  ],
};

export const suits = (prompt: Pick<LibraryPrompt, 'programTypes'>, types: readonly ProgramType[]) => prompt.programTypes.some((t) => types.includes(t));

/**
 * The preset for a program: prompts that suit its types, thinned evenly to the number of
 * prompts its calendar has room for, keeping the opening two and the closing two.
 */
export function presetTrack(track: PromptTrack | string, types: readonly ProgramType[], slots: number): string[] {
  const keys = TRACK_PRESETS[track as keyof typeof TRACK_PRESETS] ?? TRACK_PRESETS.foundations;
  const fitting = keys.filter((key) => {
    const prompt = LIBRARY.find((p) => p.key === key);
    return prompt !== undefined && suits(prompt, types);
  });
  if (slots >= fitting.length || fitting.length <= 4) return fitting;
  const keep = Math.max(4, slots);
  const middle = fitting.slice(2, -2);
  const picks = keep - 4;
  const chosen = Array.from({ length: picks }, (_, i) => middle[Math.floor(((i + 0.5) * middle.length) / picks)]!);
  return [...fitting.slice(0, 2), ...chosen, ...fitting.slice(-2)];
}
