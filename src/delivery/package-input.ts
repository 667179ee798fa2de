import type { PackageKind } from './package-ports.js';
import { isPackageKind } from './package-ports.js';

export type PackageFieldErrors = Partial<
  Record<'kind' | 'label' | 'expiresOn' | 'allowedOrigins', string>
>;

export interface PackageInput {
  kind: PackageKind;
  label: string;
  expiresAt: Date | null;
  allowedOrigins: string[];
}

export type PackageInputResult =
  { ok: true; input: PackageInput } | { ok: false; errors: PackageFieldErrors };

const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const MAX_ORIGINS = 20;

/** An LMS address as an origin ("https://lms.example.com"), or null when it is not one. */
export function originOfAddress(value: string): string | null {
  try {
    const url = new URL(value);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
    return url.origin;
  } catch {
    return null;
  }
}

function parseOrigins(raw: string): { origins: string[] } | { error: string } {
  const lines = raw.split(/[\s,]+/).filter((l) => l.length > 0);
  if (lines.length > MAX_ORIGINS) return { error: `At most ${MAX_ORIGINS} LMS addresses.` };
  const origins: string[] = [];
  for (const line of lines) {
    const origin = originOfAddress(line);
    if (!origin) return { error: `"${line.slice(0, 80)}" is not an http(s) address.` };
    if (!origins.includes(origin)) origins.push(origin);
  }
  return { origins };
}

/** The create form: kind, target LMS label, optional expiry day (end of that day, UTC), origins. */
export function validatePackageInput(
  body: Record<string, unknown>,
  today: Date,
): PackageInputResult {
  const errors: PackageFieldErrors = {};
  const kind = text(body.kind);
  if (!isPackageKind(kind)) errors.kind = 'Choose SCORM 1.2, SCORM 2004 or cmi5.';
  const label = text(body.label);
  if (label.length === 0)
    errors.label = 'Name the LMS this package is for (e.g. "Cornerstone EU").';
  else if (label.length > 120) errors.label = 'At most 120 characters.';
  const expiresOn = text(body.expiresOn);
  let expiresAt: Date | null = null;
  if (expiresOn) {
    const day = DATE.test(expiresOn) ? new Date(`${expiresOn}T23:59:59.999Z`) : null;
    if (!day || Number.isNaN(day.getTime())) errors.expiresOn = 'Give a date (YYYY-MM-DD).';
    else if (day <= today) errors.expiresOn = 'The expiry date must be in the future.';
    else expiresAt = day;
  }
  const parsed = parseOrigins(text(body.allowedOrigins));
  if ('error' in parsed) errors.allowedOrigins = parsed.error;
  if (Object.keys(errors).length > 0 || !isPackageKind(kind) || 'error' in parsed) {
    return { ok: false, errors };
  }
  return { ok: true, input: { kind, label, expiresAt, allowedOrigins: parsed.origins } };
}
