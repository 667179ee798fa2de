import {
  currentZoneName,
  currentZoneNames,
  RENAMED_ZONES,
} from '../../mentoring/profiles/time-zone-names.js';

export interface ZoneOption {
  value: string;
  /** "Kolkata (Asia) · UTC+05:30": what people search for. */
  label: string;
  offset: string;
}

const offsetFormats = new Map<string, Intl.DateTimeFormat>();

/** "UTC+05:30" for a zone at an instant (offsets change with summer time). */
export function utcOffset(zone: string, at: Date): string {
  let format = offsetFormats.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' });
    offsetFormats.set(zone, format);
  }
  const name = format.formatToParts(at).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  return name === 'GMT' ? 'UTC±00:00' : name.replace('GMT', 'UTC');
}

/** "Asia/Kolkata" → "Kolkata (Asia)"; "America/Argentina/Buenos_Aires" → "Buenos Aires (America)". */
export function cityOf(zone: string): string {
  const parts = zone.split('/');
  if (parts.length === 1) return zone;
  return `${parts[parts.length - 1]!.replaceAll('_', ' ')} (${parts[0]})`;
}

const cache = { key: '', options: [] as ZoneOption[] };

/** The searchable list, with offsets as of today (worked out once per UTC day). */
export function zoneOptions(now: Date): ZoneOption[] {
  const key = now.toISOString().slice(0, 10);
  if (cache.key === key) return cache.options;
  const options = currentZoneNames(Intl.supportedValuesOf('timeZone')).map((value) => {
    const offset = utcOffset(value, now);
    return { value, offset, label: `${cityOf(value)} · ${offset}` };
  });
  Object.assign(cache, { key, options });
  return options;
}

/** What the form's script needs to turn the browser's guess into a listed name. */
export const zoneAliasesJson = JSON.stringify(RENAMED_ZONES);

export { currentZoneName };
