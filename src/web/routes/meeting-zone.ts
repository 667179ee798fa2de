import { currentZoneName } from '../../mentoring/profiles/time-zone-names.js';
import { fromLocal, toLocal } from '../../shared/zoned-time.js';
import { cityOf } from '../view-models/time-zones.js';
import { inViewerZone } from '../view-models/viewer-time.js';

/**
 * Meeting times may be typed in one's own zone: the form says which (`zone` = mine | circle), and
 * times typed in one's own zone become the circle's before the meeting rules see them.
 */
export type ZoneSide = 'mine' | 'circle';

export function zoneChoice(
  readerZone: string | undefined,
  circleZone: string,
  selected: ZoneSide | null,
) {
  const mine = readerZone ? currentZoneName(readerZone) : null;
  const circle = currentZoneName(circleZone);
  if (!mine || mine === circle) return null;
  const side = selected ?? 'mine';
  return {
    options: [
      { value: 'mine', label: `My time zone, ${cityOf(mine)}`, selected: side === 'mine' },
      {
        value: 'circle',
        label: `The circle's time zone, ${cityOf(circle)}`,
        selected: side === 'circle',
      },
    ],
  };
}

export const sideOf = (body: Record<string, unknown>): ZoneSide | null =>
  body.zone === 'mine' ? 'mine' : body.zone === 'circle' ? 'circle' : null;

/** The form as the circle's zone reads it (unchanged when typed in the circle's zone or not well formed). */
export function inCircleZone(
  body: Record<string, unknown>,
  readerZone: string | undefined,
  circleZone: string,
): Record<string, unknown> {
  if (sideOf(body) !== 'mine' || !readerZone) return body;
  const date = String(body.date ?? '');
  const time = String(body.time ?? '');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !/^\d{2}:\d{2}$/.test(time)) return body;
  const instant = fromLocal({ date, time }, readerZone);
  if (!instant) return body;
  return { ...body, ...toLocal(instant, circleZone) };
}

/** A suggested slot chosen from the form's list (`?date=&time=&zone=`), or null. */
export function pickedSlot(
  query: Record<string, unknown>,
): { date: string; time: string; zone: ZoneSide } | null {
  const date = String(query.date ?? '');
  const time = String(query.time ?? '');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !/^\d{2}:\d{2}$/.test(time)) return null;
  return { date, time, zone: sideOf(query) ?? 'circle' };
}

/** Shared free times as the reader reads them, each a link that fills the form in with it. */
export function slotLinks(
  slots: Array<{ startsAt: Date; minutes: number }>,
  readerZone: string | undefined,
  circleZone: string,
  link: (query: string) => string,
) {
  const own =
    readerZone && currentZoneName(readerZone) !== currentZoneName(circleZone) ? readerZone : null;
  return slots.map((slot) => {
    const local = toLocal(slot.startsAt, own ?? circleZone);
    const query = new URLSearchParams({ ...local, zone: own ? 'mine' : 'circle' }).toString();
    return {
      ...inViewerZone(slot.startsAt, readerZone, circleZone),
      minutes: slot.minutes,
      url: link(query),
    };
  });
}
