/** Small wording helpers so every explanation reads the same way. */

/** "a, b, c" — or "a, b, c, d, e and 2 more" when the list is long. */
export function listOf(items: readonly string[], max = 5): string {
  if (items.length <= max) return items.join(', ');
  return `${items.slice(0, max).join(', ')} and ${items.length - max} more`;
}

/** "1 mentor", "3 mentors". */
export function countOf(n: number, noun: string, plural = `${noun}s`): string {
  return `${n} ${n === 1 ? noun : plural}`;
}

/** "45 min", "2 h", "2 h 30 min". */
export function duration(minutes: number): string {
  const m = Math.round(minutes);
  const hours = Math.floor(m / 60);
  const rest = m % 60;
  if (hours === 0) return `${rest} min`;
  return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
}

export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Who an explanation speaks to: the mentee ("your") or, for peers, a named person ("Ben's"). */
export interface Voice {
  you: string;
  your: string;
}

export const SECOND_PERSON: Voice = { you: 'you', your: 'your' };

export function voiceOf(name: string): Voice {
  return { you: name, your: `${name}'s` };
}
