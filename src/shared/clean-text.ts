// PostgreSQL text cannot hold U+0000 (SQLSTATE 22021) and a lone surrogate is not valid UTF-8:
// neither carries meaning in a form field or a launch claim, so both are taken out on the way in.
const NUL = /\u0000/g;
const LONE_SURROGATE = /\p{Cs}/gu;

/** The string with U+0000 removed and lone surrogates replaced by U+FFFD. */
export function cleanText(value: string): string {
  return value.replace(NUL, '').replace(LONE_SURROGATE, '\uFFFD');
}

/** At most `max` code points (never splits a surrogate pair), with an ellipsis when cut. */
export function truncateText(value: string, max: number): string {
  const points = Array.from(value);
  return points.length <= max ? value : `${points.slice(0, max - 1).join('')}…`;
}

/** The URL when it is an absolute http(s) URL, else null (no `javascript:` or `data:` links). */
export function httpUrlOrNull(value: string | null | undefined): string | null {
  if (!value) return null;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}
