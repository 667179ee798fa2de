import { AppError } from '../../shared/errors.js';
import type { CourseScope, ProgramRepository } from '../programs/ports.js';
import { getProgram } from '../programs/program-use-cases.js';
import type { ParticipantStore } from '../roster/participant-ports.js';
import { requireMe } from './profile-use-cases.js';

export interface PersonHit {
  id: string;
  name: string;
}

/** A page of the program's active participants whose name matches, never the one asking. */
export interface PeopleSearchStore {
  search(
    scope: CourseScope,
    programId: string,
    query: { text: string; offset: number; limit: number },
  ): Promise<PersonHit[]>;
  /** Divisions already given in the program's profiles, most used first, so people pick one spelling. */
  divisions(scope: CourseScope, programId: string, limit: number): Promise<string[]>;
}

export const SEARCH_PAGE = 20;
const MAX_OFFSET = 2_000;

function searchInput(input: { q?: unknown; offset?: unknown }): { text: string; offset: number } {
  const text = typeof input.q === 'string' ? input.q.trim() : '';
  const offset = Number(input.offset ?? 0);
  if (
    text.length < 1 ||
    text.length > 100 ||
    !Number.isInteger(offset) ||
    offset < 0 ||
    offset > MAX_OFFSET
  ) {
    throw new AppError('SEARCH_INVALID', 400, 'Type 1 to 100 characters of a name to search.');
  }
  return { text, offset };
}

/** "Not with" and "my manager": a participant finds others of their program by name, a page at a time. */
export async function searchProgramPeople(
  deps: { participants: ParticipantStore; peopleSearch: PeopleSearchStore },
  scope: CourseScope,
  programId: string,
  input: { q?: unknown; offset?: unknown },
): Promise<{ people: PersonHit[]; more: boolean }> {
  await requireMe(deps, scope, programId);
  const { text, offset } = searchInput(input);
  const hits = await deps.peopleSearch.search(scope, programId, {
    text,
    offset,
    limit: SEARCH_PAGE + 1,
  });
  return { people: hits.slice(0, SEARCH_PAGE), more: hits.length > SEARCH_PAGE };
}

/** The same search for program staff (pinning or forbidding a pair by name). */
export async function searchPeopleAsStaff(
  deps: { programs: ProgramRepository; peopleSearch: PeopleSearchStore },
  scope: CourseScope,
  programId: string,
  input: { q?: unknown; offset?: unknown },
): Promise<{ people: PersonHit[]; more: boolean }> {
  await getProgram(deps, scope, programId);
  const { text, offset } = searchInput(input);
  const hits = await deps.peopleSearch.search(scope, programId, {
    text,
    offset,
    limit: SEARCH_PAGE + 1,
  });
  return { people: hits.slice(0, SEARCH_PAGE), more: hits.length > SEARCH_PAGE };
}
