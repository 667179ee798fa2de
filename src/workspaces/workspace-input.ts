import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { workspaceRefusal } from './workspace-refusals.js';

const name = z.string().trim().min(1).max(100);
const email = z.string().trim().toLowerCase().pipe(z.email().max(254));

export const personInput = z.object({
  name,
  email,
  role: z.enum(['admin', 'staff']).default('staff'),
});
export type PersonInput = z.infer<typeof personInput>;

export const workspaceInput = z.object({ name, adminName: name, adminEmail: email });

/** Parses or throws WORKSPACE_INPUT_INVALID naming the fields at fault. */
export function parseInput<T>(schema: z.ZodType<T>, raw: unknown): T {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const fields = [...new Set(parsed.error.issues.map((i) => String(i.path[0])))];
  throw workspaceRefusal('WORKSPACE_INPUT_INVALID', { fields });
}

export const normalEmail = (raw: string) => parseInput(email, raw);

/** A workspace person's subject: random, so the LRS never sees an e-mail in `account` mode. */
export const workspaceSubject = () => `workspace:${randomUUID()}`;
