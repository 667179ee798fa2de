import { z } from 'zod';
import { packageRefusal } from '../package-refusals.js';

/** The five launch parameters of cmi5 8.1 (in any order) and our own `k`, checked. */
export interface Cmi5LaunchParams {
  endpoint: URL;
  fetch: URL;
  actor: { objectType: 'Agent'; account: { homePage: string; name: string }; name?: string };
  registration: string;
  activityId: string;
  key: string;
}

const httpUrl = z
  .string()
  .max(2000)
  .refine((v) => {
    try {
      return ['http:', 'https:'].includes(new URL(v).protocol);
    } catch {
      return false;
    }
  }, 'not an http(s) URL');

const actor = z.object({
  objectType: z.literal('Agent').optional(),
  name: z.string().max(200).optional(),
  account: z.object({ homePage: httpUrl, name: z.string().min(1).max(200) }),
});

const params = z.object({
  endpoint: httpUrl,
  fetch: httpUrl,
  actor: z
    .string()
    .max(4000)
    .transform((v, ctx) => {
      try {
        return JSON.parse(v) as unknown;
      } catch {
        ctx.addIssue({ code: 'custom', message: 'actor is not JSON' });
        return z.NEVER;
      }
    })
    .pipe(actor),
  registration: z.uuid(),
  activityId: z
    .string()
    .min(1)
    .max(2000)
    .refine((v) => /^[a-z][a-z0-9+.-]*:/i.test(v), 'not an IRI'),
  k: z.string().regex(/^[A-Za-z0-9_-]{20,100}$/),
});

/** Reads the launch's query; a missing or malformed parameter is a clear 400 naming it. */
export function parseCmi5Launch(query: Record<string, unknown>): Cmi5LaunchParams {
  const parsed = params.safeParse(query);
  if (!parsed.success) {
    const field = String(parsed.error.issues[0]?.path[0] ?? 'query');
    throw packageRefusal('PACKAGE_LAUNCH_INVALID', { cause: { field }, field });
  }
  const p = parsed.data;
  return {
    endpoint: new URL(p.endpoint),
    fetch: new URL(p.fetch),
    registration: p.registration,
    actor: { ...p.actor, objectType: 'Agent' },
    activityId: p.activityId,
    key: p.k,
  };
}
