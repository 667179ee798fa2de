import type { CircleStatus } from '../circles/ports.js';
import type { PromptAudience } from './prompt-options.js';
import { occurrenceOf, type Occurrence, type PromptSchedule } from './schedule.js';

/** What happened to one occurrence of a circle's calendar. Every occurrence gets exactly one. */
export type DeliveryOutcome = 'delivered' | 'paused' | 'off' | 'empty' | 'not_formed';

/** A prompt as it would be delivered now: its current version. */
export interface PromptVersionRef {
  promptId: string;
  versionId: string;
  version: number;
  title: string;
  audience: PromptAudience;
}

/** Everything the scheduler needs about one circle, read under the circle's lock. */
export interface CircleCalendar {
  circle: { id: string; programId: string; status: CircleStatus; startedOn: string; timeZone: string; formedAt: Date };
  schedule: PromptSchedule;
  programEndsOn: string;
  /** The program chose no prompt track. */
  promptsOff: boolean;
  /** The last recorded occurrence, or -1. */
  lastSeq: number;
  pauses: Array<{ from: Date; to: Date | null }>;
  /** The program's track, in order, active prompts only (current versions). */
  track: PromptVersionRef[];
  /** Prompts already delivered to this circle. */
  delivered: string[];
  /** Prompts staff skipped for this circle. */
  skipped: string[];
  /** Prompts staff inserted for this circle, not yet delivered, oldest first. */
  inserts: Array<{ changeId: string; prompt: PromptVersionRef }>;
}

export interface PlannedOccurrence extends Occurrence {
  outcome: DeliveryOutcome;
  prompt: PromptVersionRef | null;
  /** The insert this delivery uses up. */
  insertId: string | null;
}

interface Consumed {
  prompts: Set<string>;
  inserts: Set<string>;
}

function pick(calendar: CircleCalendar, consumed: Consumed): { prompt: PromptVersionRef; insertId: string | null } | null {
  const insert = calendar.inserts.find((i) => !consumed.inserts.has(i.changeId));
  if (insert) return { prompt: insert.prompt, insertId: insert.changeId };
  const next = calendar.track.find((p) => !consumed.prompts.has(p.promptId) && !calendar.skipped.includes(p.promptId));
  return next ? { prompt: next, insertId: null } : null;
}

const pausedAt = (calendar: CircleCalendar, at: Date) =>
  calendar.circle.status === 'paused' || calendar.pauses.some((p) => p.from <= at && (p.to === null || p.to > at));

function decide(calendar: CircleCalendar, occurrence: Occurrence, consumed: Consumed): PlannedOccurrence {
  const none = { ...occurrence, prompt: null, insertId: null };
  // A circle formed after its start date gets the latest prompt it missed, not the whole backlog.
  const following = occurrenceOf(calendar.schedule, calendar.circle, calendar.programEndsOn, occurrence.seq + 1);
  if (occurrence.dueAt < calendar.circle.formedAt && following && following.dueAt < calendar.circle.formedAt) return { ...none, outcome: 'not_formed' };
  if (calendar.promptsOff) return { ...none, outcome: 'off' };
  if (pausedAt(calendar, occurrence.dueAt)) return { ...none, outcome: 'paused' };
  const chosen = pick(calendar, consumed);
  return chosen ? { ...occurrence, outcome: 'delivered', prompt: chosen.prompt, insertId: chosen.insertId } : { ...none, outcome: 'empty' };
}

const consumedOf = (calendar: CircleCalendar): Consumed => ({ prompts: new Set(calendar.delivered), inserts: new Set() });

/** The next occurrence to record, when it is due by `now`; null when nothing is due. */
export function planNext(calendar: CircleCalendar, now: Date): PlannedOccurrence | null {
  if (calendar.circle.status === 'closed') return null;
  const occurrence = occurrenceOf(calendar.schedule, calendar.circle, calendar.programEndsOn, calendar.lastSeq + 1);
  if (!occurrence || occurrence.dueAt > now) return null;
  return decide(calendar, occurrence, consumedOf(calendar));
}

/** The next `count` occurrences as things stand (pauses, skips and inserts applied): what staff see as due. */
export function upcoming(calendar: CircleCalendar, count: number): PlannedOccurrence[] {
  if (calendar.circle.status === 'closed') return [];
  const consumed = consumedOf(calendar);
  const plan: PlannedOccurrence[] = [];
  for (let seq = calendar.lastSeq + 1; plan.length < count; seq++) {
    const occurrence = occurrenceOf(calendar.schedule, calendar.circle, calendar.programEndsOn, seq);
    if (!occurrence) break;
    const planned = decide(calendar, occurrence, consumed);
    if (planned.prompt) consumed.prompts.add(planned.prompt.promptId);
    if (planned.insertId) consumed.inserts.add(planned.insertId);
    plan.push(planned);
  }
  return plan;
}
