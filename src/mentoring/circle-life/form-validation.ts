import { z } from 'zod';

/** Per-field messages in words the person can act on; the form shows each next to its field. */
export type FieldErrors = Record<string, string>;

export type Validated<T> = { ok: true; value: T } | { ok: false; errors: FieldErrors };

const blankToUndefined = (v: unknown) => (v === null || (typeof v === 'string' && v.trim() === '') ? undefined : v);

/** Required text of bounded length, trimmed. */
export const requiredText = (what: string, max: number) =>
  z.preprocess(blankToUndefined, z.string({ error: `Write ${what}.` }).trim().max(max, `Keep ${what} under ${max.toLocaleString('en')} characters.`));

/** Optional text: blank becomes null. */
export const optionalText = (what: string, max: number) =>
  z.preprocess(blankToUndefined, z.string().trim().max(max, `Keep ${what} under ${max.toLocaleString('en')} characters.`).optional())
    .transform((v) => v ?? null);

export const isoDate = (what: string) => z.preprocess(blankToUndefined, z.iso.date({ error: `Enter ${what} as a date.` }));

/** A whole number on a 1–5 scale, as radio buttons send it. */
export const scale = (what: string) =>
  z.preprocess(blankToUndefined, z.coerce.number({ error: `Choose ${what} from 1 to 5.` }).int().min(1, `Choose ${what} from 1 to 5.`).max(5, `Choose ${what} from 1 to 5.`));

/** Checks a form against its schema; the first problem of each field is kept. */
export function validateWith<T>(schema: z.ZodType<T>, input: unknown): Validated<T> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return { ok: true, value: parsed.data };
  const errors: FieldErrors = {};
  for (const issue of parsed.error.issues) {
    const field = String(issue.path[0] ?? 'form');
    errors[field] ??= issue.message;
  }
  return { ok: false, errors };
}
