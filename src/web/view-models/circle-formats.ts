import type { CircleRole } from '../../mentoring/circles/ports.js';

const whenFormats = new Map<string, Intl.DateTimeFormat>();

/** "Wed, 10 Mar 2027, 14:30" in the circle's zone. */
export function formatWhen(instant: Date, zone: string): string {
  let f = whenFormats.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', { timeZone: zone, weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    whenFormats.set(zone, f);
  }
  return f.format(instant);
}

const dateFormat = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', day: 'numeric', month: 'short', year: 'numeric' });

/** A calendar date ("YYYY-MM-DD") as "10 Mar 2027". */
export const formatDate = (isoDate: string) => dateFormat.format(new Date(`${isoDate}T00:00:00Z`));

export const CIRCLE_ROLE_LABELS: Record<CircleRole, string> = { mentor: 'Mentor', mentee: 'Mentee', peer: 'Peer' };

/** Share of done milestones as a whole percent (0 when there are none). */
export const percent = (done: number, total: number) => (total ? Math.round((100 * done) / total) : 0);

/** Options for a select or radio group, with the chosen one marked. */
export function choices(options: Record<string, string>, chosen: unknown) {
  return Object.entries(options).map(([value, label]) => ({ value, label, selected: value === chosen }));
}

/** URLs under one circle: `link` for pages (carries the session), `action` for forms (they carry it themselves). */
export interface CirclePaths {
  link: (rest: string) => string;
  action: (rest: string) => string;
}
