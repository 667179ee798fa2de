import { currentZoneName } from '../../mentoring/profiles/time-zone-names.js';
import { formatWhen } from './circle-formats.js';
import { cityOf } from './time-zones.js';

/**
 * A meeting time as the viewer reads it: in their own zone, with the circle's beside it when the
 * two differ ("Tue, 8 Dec 2026, 15:30 Kolkata time · 10:00 London time, the circle's zone").
 */
export function inViewerZone(instant: Date, viewerZone: string | undefined, circleZone: string) {
  const circle = currentZoneName(circleZone);
  const viewer = viewerZone ? currentZoneName(viewerZone) : circle;
  const mine = `${formatWhen(instant, viewer)} ${placeOf(viewer)} time`;
  if (viewer === circle || formatWhen(instant, viewer) === formatWhen(instant, circle))
    return { text: mine, other: null };
  return {
    text: mine,
    other: `${formatWhen(instant, circle)} ${placeOf(circle)} time, the circle's zone`,
  };
}

const placeOf = (zone: string) => cityOf(zone).replace(/ \(.*\)$/, '');
