/**
 * Wall-clock time in an IANA zone ↔ UTC instants, with the platform's Intl data (no library).
 * A local time skipped by a DST change has no instant; a repeated one takes the earlier.
 */
export interface LocalDateTime {
  /** YYYY-MM-DD */
  date: string;
  /** HH:MM (24 h) */
  time: string;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
    formatters.set(zone, f);
  }
  return f;
}

export function isTimeZone(zone: string): boolean {
  try {
    formatterFor(zone);
    return true;
  } catch {
    return false;
  }
}

/** The wall-clock date and time at `instant` in `zone`. */
export function toLocal(instant: Date, zone: string): LocalDateTime {
  const parts = Object.fromEntries(formatterFor(zone).formatToParts(instant).map((p) => [p.type, p.value]));
  return { date: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}` };
}

/** Minutes the zone is ahead of UTC at `instant`. */
function offsetMinutes(instant: Date, zone: string): number {
  const { date, time } = toLocal(instant, zone);
  const asUtc = Date.parse(`${date}T${time}:00Z`);
  return Math.round((asUtc - Math.floor(instant.getTime() / 60_000) * 60_000) / 60_000);
}

/** The instant a local date and time in `zone` names, or null when that local time does not exist there. */
export function fromLocal(local: LocalDateTime, zone: string): Date | null {
  const naive = Date.parse(`${local.date}T${local.time}:00Z`);
  if (Number.isNaN(naive)) return null;
  // Offsets a day either side cover every DST change; try the earlier candidate first.
  const offsets = [...new Set([offsetMinutes(new Date(naive - 86_400_000), zone), offsetMinutes(new Date(naive + 86_400_000), zone)])].sort((a, b) => b - a);
  for (const offset of offsets) {
    const candidate = new Date(naive - offset * 60_000);
    const back = toLocal(candidate, zone);
    if (back.date === local.date && back.time === local.time) return candidate;
  }
  return null;
}
