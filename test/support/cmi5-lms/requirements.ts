import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const REQUIREMENTS = require('@cmi5/requirements/requirements.json') as Record<
  string,
  { txt: string }
>;

/** One broken rule, named by its id in @cmi5/requirements (so a failure points at the spec). */
export interface Violation {
  requirement: string;
  text: string;
  detail: string;
}

/** A violation of requirement `id`; an id the package does not know is a bug in this checker. */
export function violation(id: string, detail: string): Violation {
  const entry = REQUIREMENTS[id];
  if (!entry) throw new Error(`unknown cmi5 requirement id ${id}`);
  return { requirement: id, text: entry.txt, detail };
}

/**
 * The requirement ids the checker (and the test LMS) evaluates, for the report of a full session.
 */
export const CHECKED_REQUIREMENTS = new Set<string>();

/**
 * Registers the ids a check covers, so "passes every requirement the checker knows" is countable.
 */
export function covers(...ids: string[]): void {
  for (const id of ids) {
    if (!REQUIREMENTS[id]) throw new Error(`unknown cmi5 requirement id ${id}`);
    CHECKED_REQUIREMENTS.add(id);
  }
}
