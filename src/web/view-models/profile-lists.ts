/** Lists the profile form offers so matching data is spelled one way (names from the runtime's CLDR). */

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
/** Region codes that are not a country or territory someone lives in. */
const NOT_COUNTRIES = new Set(['EU', 'EZ', 'UN', 'QO', 'XA', 'XB', 'ZZ', 'AA', 'XK']);

function namesOf(type: 'region' | 'language', codes: string[]): string[] {
  const display = new Intl.DisplayNames(['en'], { type, fallback: 'none' });
  const names = codes.map((c) => {
    try {
      return display.of(c);
    } catch {
      return undefined;
    }
  });
  return [...new Set(names.filter((n): n is string => Boolean(n)))].sort((a, b) =>
    a.localeCompare(b, 'en'),
  );
}

const pairs = (upper: boolean) =>
  [...LETTERS].flatMap((a) =>
    [...LETTERS].map((b) => (upper ? `${a}${b}` : `${a}${b}`.toLowerCase())),
  );

let countries: string[] | undefined;
let languages: string[] | undefined;

/** Country and territory names in English ("India", "United Kingdom"). */
export function countryNames(): string[] {
  countries ??= namesOf(
    'region',
    pairs(true).filter((c) => !NOT_COUNTRIES.has(c)),
  );
  return countries;
}

/** Language names in English from ISO 639-1 codes ("Hindi", "Japanese"). */
export function languageNames(): string[] {
  languages ??= namesOf('language', pairs(false)).filter((n) => !/[()]/.test(n));
  return languages;
}
