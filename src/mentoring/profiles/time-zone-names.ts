/**
 * Current IANA zone names. The runtime's ICU still lists some zones by names IANA has since
 * renamed (Asia/Calcutta for Asia/Kolkata, Europe/Kiev for Europe/Kyiv): people look for the new
 * name, so lists show it and saved old names are read as the new one.
 * @see https://data.iana.org/time-zones/tzdb/backward
 */
export const RENAMED_ZONES: Readonly<Record<string, string>> = {
  'Africa/Asmera': 'Africa/Asmara',
  'America/Buenos_Aires': 'America/Argentina/Buenos_Aires',
  'America/Catamarca': 'America/Argentina/Catamarca',
  'America/Cordoba': 'America/Argentina/Cordoba',
  'America/Jujuy': 'America/Argentina/Jujuy',
  'America/Mendoza': 'America/Argentina/Mendoza',
  'America/Coral_Harbour': 'America/Atikokan',
  'America/Godthab': 'America/Nuuk',
  'America/Indianapolis': 'America/Indiana/Indianapolis',
  'America/Louisville': 'America/Kentucky/Louisville',
  'Asia/Calcutta': 'Asia/Kolkata',
  'Asia/Katmandu': 'Asia/Kathmandu',
  'Asia/Rangoon': 'Asia/Yangon',
  'Asia/Saigon': 'Asia/Ho_Chi_Minh',
  'Atlantic/Faeroe': 'Atlantic/Faroe',
  'Europe/Kiev': 'Europe/Kyiv',
  'Pacific/Enderbury': 'Pacific/Kanton',
  'Pacific/Ponape': 'Pacific/Pohnpei',
  'Pacific/Truk': 'Pacific/Chuuk',
};

/** The current name of a zone (an old name becomes its new one; others stay). */
export function currentZoneName(zone: string): string {
  return RENAMED_ZONES[zone] ?? zone;
}

/** Every zone the runtime knows, by current name, sorted, UTC first. */
export function currentZoneNames(known: readonly string[]): string[] {
  const names = new Set(known.map(currentZoneName));
  names.delete('UTC');
  return ['UTC', ...[...names].sort()];
}
