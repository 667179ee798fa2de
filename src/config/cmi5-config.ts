import { z } from 'zod';

const booleanFromEnv = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

/** cmi5 part of the configuration schema (merged into configSchema): the AU's calls to an LMS. */
export const cmi5ConfigShape = {
  CMI5_ALLOW_PRIVATE_HOSTS: booleanFromEnv
    .default(false)
    .describe(
      'Let cmi5 launches make the tool call an LMS (fetch URL, LRS endpoint) on loopback, ' +
        'private, link-local and other internal addresses (an LMS on the same network). ' +
        'Off: only ' +
        'public addresses, since the launch URL names them.',
    ),
  CMI5_LMS_TIMEOUT_SECONDS: z.coerce
    .number()
    .int()
    .min(1)
    .max(60)
    .default(10)
    .describe(
      'Longest wait for one cmi5 call to an LMS (the token fetch, launch data, a statement).',
    ),
};

export interface Cmi5Config {
  readonly allowPrivateHosts: boolean;
  readonly lmsTimeoutMs: number;
}

export function cmi5ConfigFrom(raw: {
  CMI5_ALLOW_PRIVATE_HOSTS: boolean;
  CMI5_LMS_TIMEOUT_SECONDS: number;
}) {
  return {
    cmi5: Object.freeze({
      allowPrivateHosts: raw.CMI5_ALLOW_PRIVATE_HOSTS,
      lmsTimeoutMs: raw.CMI5_LMS_TIMEOUT_SECONDS * 1000,
    }) as Cmi5Config,
  };
}
