/** Prompt library, tracks, schedules, answers, replies, nudges (issue 5). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface PromptTables {}
