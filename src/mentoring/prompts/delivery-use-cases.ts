import { domainEvent, type DomainEvent } from '../events.js';
import type { ProgramRepository } from '../programs/ports.js';
import { planNext, type PlannedOccurrence } from './delivery-plan.js';
import { ensureProgramPrompts } from './library-use-cases.js';
import type { LoadedCalendar, PromptCalendarStore, PromptLibraryStore } from './ports.js';
import { addresses } from './prompt-options.js';
import { occurrenceOf } from './schedule.js';

interface Deps {
  programs: ProgramRepository;
  library: PromptLibraryStore;
  calendars: PromptCalendarStore;
}

/** A safety net: a circle never records more occurrences than this in one run (about ten years of weekly prompts). */
const MAX_OCCURRENCES_PER_RUN = 520;

/**
 * Circles with an occurrence due by `now` (seeding programs whose prompts were never needed
 * before). Only a hint: delivery re-checks under the circle's lock.
 */
export async function findDueCircles(deps: Deps, now: Date, programIds?: string[]): Promise<string[]> {
  const circles = await deps.calendars.circlesToCheck(programIds);
  const seeded = new Map<string, boolean>();
  const due: string[] = [];
  for (const c of circles) {
    if (!c.seeded && !seeded.has(c.programId)) {
      const course = { tenantId: c.tenantId, courseId: c.courseId };
      const program = await deps.programs.find(course, c.programId);
      if (program) await ensureProgramPrompts(deps, course, program);
      seeded.set(c.programId, Boolean(program));
    }
    if (!c.schedule) {
      if (seeded.get(c.programId)) due.push(c.circleId);
      continue;
    }
    const next = occurrenceOf(c.schedule, c, c.programEndsOn, c.lastSeq + 1);
    if (next && next.dueAt <= now) due.push(c.circleId);
  }
  return due;
}

function deliveryEvents(calendar: LoadedCalendar, planned: PlannedOccurrence, now: Date): DomainEvent[] {
  const prompt = planned.prompt;
  if (planned.outcome !== 'delivered' || !prompt) return [];
  return calendar.members.filter((m) => addresses(prompt.audience, m.role)).map((m) => domainEvent('prompt_delivered', {
    ...calendar.course, programId: calendar.circle.programId, circleId: calendar.circle.id, actorUserId: m.userId, occurredAt: now,
    data: { promptId: prompt.promptId, promptVersion: prompt.version, title: prompt.title },
  }));
}

/**
 * Records every occurrence of the circle that is due by `now`, oldest first, one transaction
 * each under the circle's lock. The (circle, occurrence) key makes a second run or a second
 * instance a no-op; working from the last recorded occurrence means none is ever skipped.
 */
export async function deliverDuePrompts(deps: Pick<Deps, 'calendars'>, circleId: string, now: Date): Promise<PlannedOccurrence[]> {
  const recorded: PlannedOccurrence[] = [];
  for (let i = 0; i < MAX_OCCURRENCES_PER_RUN; i++) {
    const step = await deps.calendars.withCircle(circleId, async (unit) => {
      const calendar = await unit.calendar();
      const next = calendar && planNext(calendar, now);
      if (!calendar || !next) return null;
      return (await unit.record(next, deliveryEvents(calendar, next, now))) ? next : 'taken';
    });
    if (step === null) break;
    if (step !== 'taken') recorded.push(step);
  }
  return recorded;
}
