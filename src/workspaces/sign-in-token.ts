import { createHash, randomBytes } from 'node:crypto';

/** 256 random bits, URL-safe: guessing one is hopeless, and the database only keeps its hash. */
export const newSignInToken = (): string => randomBytes(32).toString('base64url');

export const hashSignInToken = (token: string): string =>
  createHash('sha256').update(token, 'utf8').digest('hex');

/** What a token looks like: anything else is refused before the database is asked. */
export const SIGN_IN_TOKEN = /^[A-Za-z0-9_-]{43}$/;

export const signInPath = (tenantId: string, token: string) =>
  `/workspaces/${tenantId}/sign-in/${token}`;

/** The account home page of a workspace's people in xAPI statements. */
export const workspaceHomePage = (publicUrl: string, tenantId: string) =>
  `${new URL(publicUrl).origin}/workspaces/${tenantId}`;
