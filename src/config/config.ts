import { z } from 'zod';
import { xapiConfigFrom, xapiConfigProblems, xapiConfigShape, type XapiConfig } from './xapi-config.js';
import { limitsConfigFrom, limitsConfigShape, type RateLimitConfig } from './limits-config.js';
import { workspaceConfigFrom, workspaceConfigShape, type WorkspaceConfig } from './workspace-config.js';
import { cmi5ConfigFrom, cmi5ConfigShape, type Cmi5Config } from './cmi5-config.js';
import { notifyConfigFrom, notifyConfigProblems, notifyConfigShape, type NotifyConfig } from './notify-config.js';

const booleanFromEnv = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

/**
 * Every environment variable the tool reads. Each `describe` text is the documentation
 * shown in the README's configuration table.
 */
export const configSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000).describe('HTTP port to listen on.'),
  PUBLIC_URL: z
    .url({ protocol: /^https?$/ })
    .optional()
    .describe('Public base URL the LMS reaches the tool at (default `http://localhost:PORT`). https turns on `Secure; SameSite=None` cookies.'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .optional()
    .describe('PostgreSQL connection URL. Unset: embedded PGlite with data under DATA_DIR.'),
  DATA_DIR: z.string().min(1).default('./data').describe('Where the embedded database and generated secrets live (embedded mode only).'),
  DB_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10).describe('Connections in the tool\'s pool (pg-boss keeps a small pool of its own when jobs run).'),
  LTI_ENCRYPTION_KEY: z
    .string()
    .min(32, 'must be at least 32 characters')
    .optional()
    .describe('Secret that encrypts LTI keys at rest and signs cookies and sessions. Required with DATABASE_URL; generated and kept in DATA_DIR otherwise.'),
  COOKIE_POLICY: z
    .enum(['auto', 'lax', 'none'])
    .default('auto')
    .describe('`auto`: `SameSite=None; Secure` when PUBLIC_URL is https, else `Lax`. `none` forces cross-site cookies (needs https).'),
  REGISTRATION_APPROVAL: z
    .enum(['auto', 'manual'])
    .default('auto')
    .describe('`auto`: dynamically registered platforms are active at once. `manual`: they wait for `npm run platform -- activate`.'),
  SESSION_TTL_MINUTES: z.coerce.number().int().min(5).max(24 * 60).default(480).describe('Longest a launch session stays valid, however busy (absolute lifetime).'),
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(60)
    .describe('A launch session ends after this long without use; each use renews it (up to SESSION_TTL_MINUTES).'),
  TOKEN_MAX_AGE_SECONDS: z.coerce.number().int().min(10).max(3600).default(60).describe('Oldest id_token (by `iat`) accepted; Moodle issues 60 s tokens.'),
  CLOCK_SKEW_SECONDS: z.coerce.number().int().min(0).max(300).default(60).describe('Tolerance for platform clocks ahead of ours (`iat` in the future).'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info').describe('Log level of the JSON logs on stdout.'),
  TRUST_PROXY: z
    .union([z.coerce.number().int().min(1).max(10), booleanFromEnv])
    .default(false)
    .describe('Trust `X-Forwarded-*` headers behind a reverse proxy: `true` (the left-most address, when the proxy replaces the header) or the number of proxies in front (the address that many hops from the right, safe with proxies that append).'),
  TOOL_NAME: z.string().min(1).max(100).default('Mentoring Circles').describe('Name shown to LMS admins at registration.'),
  NRPS_PAGE_SIZE: z.coerce.number().int().min(1).max(1000).default(100).describe('Members asked per page (`limit`) when reading a course roster over NRPS.'),
  ROSTER_SYNC_CRON: z.string().min(1).default('17 */6 * * *').describe('When the background roster sync runs for courses with programs (cron, UTC; pg-boss).'),
  DEEP_LINK_MAX_AGE_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(60).describe('How long an "add activity" (Deep Linking) request can be answered.'),
  ...xapiConfigShape,
  ...limitsConfigShape,
  ...workspaceConfigShape,
  ...cmi5ConfigShape,
  ...notifyConfigShape,
});

export type RawConfig = z.infer<typeof configSchema>;

export interface Config {
  readonly port: number;
  readonly publicUrl: string;
  readonly databaseUrl: string | undefined;
  readonly dataDir: string;
  readonly dbPoolSize: number;
  readonly ltiEncryptionKey: string | undefined;
  readonly cookies: { readonly secure: boolean; readonly sameSite: 'Lax' | 'None' };
  readonly registrationApproval: 'auto' | 'manual';
  readonly sessionTtlSeconds: number;
  readonly sessionIdleSeconds: number;
  readonly tokenMaxAgeSeconds: number;
  readonly clockSkewSeconds: number;
  readonly logLevel: RawConfig['LOG_LEVEL'];
  readonly trustProxy: boolean | number;
  readonly toolName: string;
  readonly jobsEnabled: boolean;
  readonly xapi: XapiConfig;
  readonly registrationAllowPrivateHosts: boolean;
  readonly rateLimits: RateLimitConfig;
  readonly nrpsPageSize: number;
  readonly rosterSyncCron: string;
  readonly deepLinkMaxAgeSeconds: number;
  readonly workspaces: WorkspaceConfig;
  readonly cmi5: Cmi5Config;
  readonly notify: NotifyConfig;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** Reads and validates the environment; throws ConfigError naming each bad variable. */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const known = Object.fromEntries(
    Object.keys(configSchema.shape).map((key) => [key, env[key] === '' ? undefined : env[key]]),
  );
  const parsed = configSchema.safeParse(known);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const raw = parsed.data;
  const publicUrl = (raw.PUBLIC_URL ?? `http://localhost:${raw.PORT}`).replace(/\/+$/, '');
  const https = publicUrl.startsWith('https://');
  const problems: string[] = [];
  if (raw.COOKIE_POLICY === 'none' && !https) problems.push('COOKIE_POLICY: `none` needs an https PUBLIC_URL (browsers drop SameSite=None cookies without Secure)');
  if (raw.DATABASE_URL && !raw.LTI_ENCRYPTION_KEY) problems.push('LTI_ENCRYPTION_KEY: required when DATABASE_URL is set (at least 32 characters)');
  problems.push(...xapiConfigProblems(raw));
  problems.push(...notifyConfigProblems(raw));
  if (problems.length) throw new ConfigError(problems);
  const crossSite = raw.COOKIE_POLICY === 'none' || (raw.COOKIE_POLICY === 'auto' && https);
  return Object.freeze({
    port: raw.PORT,
    publicUrl,
    databaseUrl: raw.DATABASE_URL,
    dataDir: raw.DATA_DIR,
    dbPoolSize: raw.DB_POOL_SIZE,
    ltiEncryptionKey: raw.LTI_ENCRYPTION_KEY,
    cookies: Object.freeze({ secure: crossSite, sameSite: crossSite ? 'None' : 'Lax' }),
    registrationApproval: raw.REGISTRATION_APPROVAL,
    sessionTtlSeconds: raw.SESSION_TTL_MINUTES * 60,
    sessionIdleSeconds: raw.SESSION_IDLE_MINUTES * 60,
    tokenMaxAgeSeconds: raw.TOKEN_MAX_AGE_SECONDS,
    clockSkewSeconds: raw.CLOCK_SKEW_SECONDS,
    logLevel: raw.LOG_LEVEL,
    trustProxy: raw.TRUST_PROXY,
    toolName: raw.TOOL_NAME,
    ...xapiConfigFrom(raw),
    ...limitsConfigFrom(raw),
    ...workspaceConfigFrom(raw),
    ...cmi5ConfigFrom(raw),
    ...notifyConfigFrom(raw),
    nrpsPageSize: raw.NRPS_PAGE_SIZE,
    rosterSyncCron: raw.ROSTER_SYNC_CRON,
    deepLinkMaxAgeSeconds: raw.DEEP_LINK_MAX_AGE_MINUTES * 60,
  } as const);
}

/** For entry points (server, CLI): invalid configuration stops the process, naming each variable. */
export function loadConfigOrExit(env: Record<string, string | undefined>): Config {
  try {
    return loadConfig(env);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    process.stderr.write(`${err.message}\n`);
    process.exit(2);
  }
}
