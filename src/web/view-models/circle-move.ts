import { findMoveOptions } from '../../mentoring/circles/move-options.js';
import type { CircleStore } from '../../mentoring/circles/ports.js';
import type { CourseScope, ProgramRepository } from '../../mentoring/programs/ports.js';
import { clampPage, type PageRequest } from './pager.js';

/** The move page: one page of target circles (searched by circle or member name). */
export async function moveChoices(
  deps: { programs: ProgramRepository; circles: CircleStore },
  scope: CourseScope,
  programId: string,
  circleId: string,
  participantId: string,
  page: PageRequest,
) {
  const options = await findMoveOptions(deps, scope, programId, circleId, participantId);
  const needle = page.q.toLowerCase();
  const found = options.targets.filter(
    (t) =>
      !needle ||
      t.name.toLowerCase().includes(needle) ||
      t.members.some((m) => m.name.toLowerCase().includes(needle)),
  );
  const shown = clampPage(page, found.length);
  return {
    member: { participantId, name: options.member.name },
    from: { id: options.from.id, name: options.from.name },
    total: found.length,
    page: shown,
    targets: found.slice(shown.offset, shown.offset + shown.limit).map((t) => ({
      id: t.id,
      name: t.name,
      size: t.members.length,
      capacity: t.capacity,
      timeZone: t.timeZone,
      members: t.members.map((m) => m.name).join(', '),
    })),
  };
}
