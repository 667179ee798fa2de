import { toLocal } from '../shared/zoned-time.js';

/**
 * The few RFC 5545 text rules an invitation needs: TEXT escaping, 75-octet folding, CRLF.
 * ical-generator writes native Dates with a TZID in the process's own zone, so zoned times
 * and VTIMEZONE are written here. @see https://www.rfc-editor.org/rfc/rfc5545#section-3.1
 */
export const escapeText = (value: string) =>
  value.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');

/** A parameter value: quoted, without the characters a quoted value may not hold. */
export const paramValue = (value: string) => `"${value.replace(/["\r\n]/g, '')}"`;

function fold(line: string): string {
  const out: string[] = [];
  let current = '';
  let octets = 0;
  for (const ch of line) {
    const size = Buffer.byteLength(ch);
    const limit = out.length === 0 ? 75 : 74;
    if (octets + size > limit) {
      out.push(current);
      current = '';
      octets = 0;
    }
    current += ch;
    octets += size;
  }
  out.push(current);
  return out.join('\r\n ');
}

export const calendarText = (lines: string[]) => `${lines.map(fold).join('\r\n')}\r\n`;

const pad = (n: number) => String(n).padStart(2, '0');

/** `YYYYMMDDTHHMMSSZ` */
export const utcStamp = (d: Date) =>
  `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}T${pad(d.getUTCHours())}`
  + `${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}Z`;

/** Local `YYYYMMDDTHHMMSS` of an instant in a zone (for `;TZID=`). */
export function localStamp(d: Date, zone: string): string {
  const { date, time } = toLocal(d, zone);
  return `${date.replace(/-/g, '')}T${time.replace(':', '')}00`;
}

/** Minutes the zone is ahead of UTC at an instant. */
export function offsetAt(d: Date, zone: string): number {
  const { date, time } = toLocal(d, zone);
  const wall = Date.parse(`${date}T${time}:00Z`);
  return Math.round((wall - Math.floor(d.getTime() / 60_000) * 60_000) / 60_000);
}

export const offsetText = (minutes: number) => {
  const abs = Math.abs(minutes);
  return `${minutes < 0 ? '-' : '+'}${pad(Math.floor(abs / 60))}${pad(abs % 60)}`;
};
