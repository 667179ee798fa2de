import { z } from 'zod';
import type { Clock } from '../../shared/clock.js';
import type { CourseRef, CourseScope, ProgramRepository } from '../programs/ports.js';
import { getProgram } from '../programs/program-use-cases.js';
import { addDays } from '../prompts/zoned-time.js';

/**
 * "Profiles due by": an optional date per program. From this many days before it (UTC days) until
 * the day itself, an hourly job reminds whoever's profile is still not complete, once per person
 * and due date.
 */
export const REMIND_DAYS_BEFORE = 3;

export interface ProfileDeadline {
  dueOn: string;
  /** The first day the automatic reminder goes out. */
  remindOn: string;
  /** How many people the automatic reminder reached for this due date. */
  reminded: number;
}

/** A program whose due date is near, as the job sees it (all tenants). */
export interface DueDeadline extends CourseRef {
  programId: string;
  dueOn: string;
  setBy: string | null;
}

export interface ProfileDeadlineStore {
  get(course: CourseRef, programId: string): Promise<ProfileDeadline | null>;
  /** Sets or (null) clears the date. */
  set(course: CourseRef, programId: string, dueOn: string | null, setBy: string): Promise<void>;
  /** Due dates from `today` to `until` (inclusive), every tenant's. */
  near(today: string, until: string): Promise<DueDeadline[]>;
  /**
   * Writes the reminder of this due date for each active participant without a complete profile
   * or a circle (nobody twice; nobody staff reminded in the last day). Returns how many.
   */
  remind(deadline: DueDeadline, now: Date): Promise<number>;
}

export const remindOnFor = (dueOn: string) => addDays(dueOn, -REMIND_DAYS_BEFORE);

interface Deps {
  programs: ProgramRepository;
  deadlines: ProfileDeadlineStore;
  clock: Clock;
}

const dueSchema = z.object({
  dueOn: z.union([z.literal(''), z.iso.date({ error: 'Enter the date as YYYY-MM-DD.' })], {
    error: 'Enter the date as YYYY-MM-DD.',
  }),
});

export type DueResult = { ok: true; cleared: boolean } | { ok: false; error: string };

/** Staff set (or, blank, clear) the program's "profiles due by" date; not a day in the past. */
export async function setProfilesDue(
  deps: Deps,
  scope: CourseScope,
  programId: string,
  input: Record<string, unknown>,
): Promise<DueResult> {
  const program = await getProgram(deps, scope, programId);
  const raw = typeof input.dueOn === 'string' ? input.dueOn.trim() : input.dueOn;
  const parsed = dueSchema.safeParse({ dueOn: raw ?? '' });
  if (!parsed.success) return { ok: false, error: parsed.error.issues[0]!.message };
  const dueOn = parsed.data.dueOn || null;
  const today = deps.clock.now().toISOString().slice(0, 10);
  if (dueOn && dueOn < today) return { ok: false, error: 'Choose today or a later day.' };
  await deps.deadlines.set(scope, program.id, dueOn, scope.userId);
  return { ok: true, cleared: dueOn === null };
}
