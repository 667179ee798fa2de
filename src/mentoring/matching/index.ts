/** The matching engine's public surface: pure functions over plain profiles. */
export type * from './types.js';
export { CRITERIA } from './types.js';
export { matchingSettings, capacityOf, DEFAULT_POINTS } from './settings.js';
export { scorePair, scorePeerPair } from './score-pair.js';
export { solveMatching, checkPins } from './solve-matching.js';
export type { PinProblem } from './pins.js';
export { suggestMentors, findAlternativeMentor, type Suggestion, type SuggestionOptions } from './suggestions.js';
export { objectiveWeight } from './objective.js';
export { isValidTimeZone, parseClock } from './availability.js';
