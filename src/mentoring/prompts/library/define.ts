import type { ProgramType } from '../../programs/program-options.js';
import type { LibraryPrompt, PromptAudience, PromptCategory } from '../prompt-options.js';

export const ALL_TYPES: ProgramType[] = ['one_on_one', 'group', 'reverse', 'peer'];
/** Prompts that need someone in the mentor's seat. */
export const GUIDED: ProgramType[] = ['one_on_one', 'group', 'reverse'];

/** Compact notation for the library files: one call per prompt. */
export function define(category: PromptCategory) {
  return (key: string, audience: PromptAudience, minutes: number, programTypes: ProgramType[], title: string, body: string, followUp: string | null = null): LibraryPrompt =>
    ({ key, category, audience, minutes, programTypes, title, body, followUp });
}
