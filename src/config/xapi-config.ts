import { z } from 'zod';

const booleanFromEnv = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

/** The xAPI and background-job part of the configuration schema (merged into configSchema). */
export const xapiConfigShape = {
  JOBS_ENABLED: booleanFromEnv.default(true).describe('Run background jobs (pg-boss) in this process: xAPI delivery, roster sync, prompt schedules. Turn off on web-only instances.'),
  LRS_ENDPOINT: z.url({ protocol: /^https?$/ }).optional().describe('Default LRS (xAPI endpoint, e.g. `https://lrs.example.org/xapi/`) for every platform and program without their own. Unset: statements wait in the outbox until an LRS is configured.'),
  LRS_USERNAME: z.string().min(1).optional().describe('Basic-auth key (username) of the default LRS.'),
  LRS_PASSWORD: z.string().min(1).optional().describe('Basic-auth secret (password) of the default LRS.'),
  LRS_XAPI_VERSION: z.enum(['1.0.3', '1.0.0']).default('1.0.3').describe('`X-Experience-API-Version` sent to the default LRS.'),
  XAPI_BATCH_SIZE: z.coerce.number().int().min(1).max(500).default(100).describe('Statements per POST to the LRS.'),
  XAPI_CONCURRENCY: z.coerce.number().int().min(1).max(8).default(2).describe('Batches in flight at once per instance (the next is claimed and built while the LRS stores one).'),
  XAPI_POLL_SECONDS: z.coerce.number().min(0.5).max(300).default(2).describe('How often the delivery job looks for new outbox rows when idle.'),
  XAPI_RETRY_BASE_MS: z.coerce.number().int().min(10).max(3_600_000).default(5000).describe('First pause of an LRS after a network error, timeout, 5xx, 429 or refusal; doubles per failed probe, with jitter, up to XAPI_PROBE_MAX_MS. The pause is per LRS, not per statement.'),
  XAPI_PROBE_MAX_MS: z.coerce.number().int().min(10).max(3_600_000).default(30_000).describe('Longest pause between probes (one batch) of an LRS that does not answer: once it answers again, its backlog drains within this time plus the drain itself.'),
  XAPI_RETRY_MAX_MS: z.coerce.number().int().min(10).max(86_400_000).default(900_000).describe('Longest pause an LRS may ask for with `Retry-After` (429, 503); longer requests are cut to this.'),
  XAPI_LEASE_SECONDS: z.coerce.number().int().min(1).max(3600).default(120).describe('How long a worker holds outbox rows it is sending; rows of a crashed worker are sent again after it.'),
  XAPI_HTTP_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(15_000).describe('Timeout of one request to an LRS.'),
};

const xapiSchema = z.object(xapiConfigShape);
type RawXapi = z.infer<typeof xapiSchema>;

export interface XapiConfig {
  readonly defaultLrs: { readonly endpoint: string; readonly username: string; readonly password: string; readonly version: string } | null;
  readonly batchSize: number;
  readonly concurrency: number;
  readonly pollSeconds: number;
  readonly retryBaseMs: number;
  readonly retryMaxMs: number;
  readonly probeMaxMs: number;
  readonly leaseSeconds: number;
  readonly httpTimeoutMs: number;
}

export function xapiConfigProblems(raw: RawXapi): string[] {
  const given = [raw.LRS_ENDPOINT, raw.LRS_USERNAME, raw.LRS_PASSWORD].filter(Boolean).length;
  return given > 0 && given < 3 ? ['LRS_ENDPOINT: set LRS_ENDPOINT, LRS_USERNAME and LRS_PASSWORD together (or none)'] : [];
}

export function xapiConfigFrom(raw: RawXapi): { jobsEnabled: boolean; xapi: XapiConfig } {
  return {
    jobsEnabled: raw.JOBS_ENABLED,
    xapi: Object.freeze({
      defaultLrs: raw.LRS_ENDPOINT && raw.LRS_USERNAME && raw.LRS_PASSWORD
        ? Object.freeze({ endpoint: raw.LRS_ENDPOINT, username: raw.LRS_USERNAME, password: raw.LRS_PASSWORD, version: raw.LRS_XAPI_VERSION })
        : null,
      batchSize: raw.XAPI_BATCH_SIZE,
      concurrency: raw.XAPI_CONCURRENCY,
      pollSeconds: raw.XAPI_POLL_SECONDS,
      retryBaseMs: raw.XAPI_RETRY_BASE_MS,
      retryMaxMs: raw.XAPI_RETRY_MAX_MS,
      probeMaxMs: raw.XAPI_PROBE_MAX_MS,
      leaseSeconds: raw.XAPI_LEASE_SECONDS,
      httpTimeoutMs: raw.XAPI_HTTP_TIMEOUT_MS,
    }),
  };
}
