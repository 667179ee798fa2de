/**
 * Aggregates only: a figure computed over fewer than MIN_GROUP people is never shown (a count of
 * one or two, or an average or rate over one or two people, would point at someone).
 */
export const MIN_GROUP = 3;

/** A shown figure, or why it is hidden. */
export type Figure = { shown: true; value: number; text: string } | { shown: false; text: string };

export const HIDDEN_TEXT = 'fewer than 3';

const hidden = (): Figure => ({ shown: false, text: HIDDEN_TEXT });

/** A count of people: 0 and 3 or more are shown; 1 and 2 are hidden. */
export function peopleCount(n: number): Figure {
  if (n > 0 && n < MIN_GROUP) return hidden();
  return { shown: true, value: n, text: String(n) };
}

/** A share of a group of people, as a whole percent; hidden when the group is under MIN_GROUP. */
export function peopleRate(part: number, whole: number): Figure {
  if (whole < MIN_GROUP) return hidden();
  const value = Math.round((part / whole) * 100);
  return { shown: true, value, text: `${value} %` };
}

/** An average over `people` people, one decimal; hidden when fewer than MIN_GROUP. */
export function peopleAverage(sum: number, people: number, count = people): Figure {
  if (people < MIN_GROUP || count === 0) return hidden();
  const value = Math.round((sum / count) * 10) / 10;
  return { shown: true, value, text: value.toFixed(1) };
}

/** The value a chart may draw: hidden figures are not drawn. */
export const drawable = (f: Figure): number | null => (f.shown ? f.value : null);
