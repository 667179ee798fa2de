import { AppError } from '../../shared/errors.js';
import type { CourseScope } from '../programs/ports.js';
import type { ParticipantStore } from '../roster/participant-ports.js';
import { requireMe } from './profile-use-cases.js';

export interface PersonHit {
  id: string;
  name: string;
}

/** A page of the program's active participants whose name matches, never the one asking. */
export interface PeopleSearchStore {
  search(scope: CourseScope, programId: string, query: { text: string; offset: number; limit: number }): Promise<PersonHit[]>;
}

export const SEARCH_PAGE = 20;
const MAX_OFFSET = 2_000;

/** "Not with" and "my manager": a participant finds others of their program by name, a page at a time. */
export async function searchProgramPeople(
  deps: { participants: ParticipantStore; peopleSearch: PeopleSearchStore },
  scope: CourseScope,
  programId: string,
  input: { q?: unknown; offset?: unknown },
): Promise<{ people: PersonHit[]; more: boolean }> {
  await requireMe(deps, scope, programId);
  const text = typeof input.q === 'string' ? input.q.trim() : '';
  const offset = Number(input.offset ?? 0);
  if (text.length < 1 || text.length > 100 || !Number.isInteger(offset) || offset < 0 || offset > MAX_OFFSET) {
    throw new AppError('SEARCH_INVALID', 400, 'Type 1 to 100 characters of a name to search.');
  }
  const hits = await deps.peopleSearch.search(scope, programId, { text, offset, limit: SEARCH_PAGE + 1 });
  return { people: hits.slice(0, SEARCH_PAGE), more: hits.length > SEARCH_PAGE };
}
