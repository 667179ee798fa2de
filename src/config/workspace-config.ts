import { z } from 'zod';

/** Standalone workspaces (tenants that are no LMS deployment): sign-in links. In configSchema. */
export const workspaceConfigShape = {
  WORKSPACE_SIGN_IN_LINK_MINUTES: z.coerce
    .number()
    .int()
    .min(5)
    .max(24 * 60)
    .default(30)
    .describe('How long a workspace sign-in link works (each link signs in once).'),
  RATE_LIMIT_SIGN_IN_PER_MINUTE: z.coerce
    .number()
    .int()
    .min(1)
    .max(1_000_000)
    .default(30)
    .describe(
      'Workspace sign-in link openings and uses (`/workspaces/…/sign-in`) per client address '
        + 'per minute.',
    ),
};

const workspaceSchema = z.object(workspaceConfigShape);

export interface WorkspaceConfig {
  readonly signInLinkTtlSeconds: number;
  readonly signInPerMinute: number;
}

export function workspaceConfigFrom(raw: z.infer<typeof workspaceSchema>): {
  workspaces: WorkspaceConfig;
} {
  return {
    workspaces: Object.freeze({
      signInLinkTtlSeconds: raw.WORKSPACE_SIGN_IN_LINK_MINUTES * 60,
      signInPerMinute: raw.RATE_LIMIT_SIGN_IN_PER_MINUTE,
    }),
  };
}
