import { z } from 'zod';

const booleanFromEnv = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const perMinute = (fallback: number, what: string) =>
  z.coerce.number().int().min(1).max(1_000_000).default(fallback).describe(what);

/**
 * Outbound-request and rate-limit part of the configuration schema (merged into configSchema).
 * The per-address limits are flood guards: a whole institution may reach the tool from one NAT
 * address at the start of a class, and the test suite logs in from 127.0.0.1 all the time.
 */
export const limitsConfigShape = {
  REGISTRATION_ALLOW_PRIVATE_HOSTS: booleanFromEnv
    .default(false)
    .describe('Let Dynamic Registration contact loopback, private, link-local and other internal '
      + 'addresses (an LMS on the same machine or network). Off: only public addresses.'),
  RATE_LIMIT_LOGIN_PER_MINUTE: perMinute(
    2000, 'LTI logins (`/lti/login`) per client address per minute.'),
  RATE_LIMIT_REGISTER_PER_MINUTE: perMinute(
    20, 'Dynamic Registration attempts (`/lti/register`) per client address per minute.'),
  RATE_LIMIT_POSTS_PER_MINUTE: perMinute(
    3000, 'Form posts (under `/staff`, `/programs`, `/home`, `/deep-linking`) per client address '
      + 'per minute.'),
  RATE_LIMIT_TENANT_POSTS_PER_MINUTE: perMinute(
    6000, 'Form posts per tenant (LMS deployment) per minute, all its users together.'),
};

const limitsSchema = z.object(limitsConfigShape);
type RawLimits = z.infer<typeof limitsSchema>;

export interface RateLimitConfig {
  readonly loginPerMinute: number;
  readonly registerPerMinute: number;
  readonly postsPerMinute: number;
  readonly tenantPostsPerMinute: number;
}

export function limitsConfigFrom(raw: RawLimits) {
  return {
    registrationAllowPrivateHosts: raw.REGISTRATION_ALLOW_PRIVATE_HOSTS,
    rateLimits: Object.freeze({
      loginPerMinute: raw.RATE_LIMIT_LOGIN_PER_MINUTE,
      registerPerMinute: raw.RATE_LIMIT_REGISTER_PER_MINUTE,
      postsPerMinute: raw.RATE_LIMIT_POSTS_PER_MINUTE,
      tenantPostsPerMinute: raw.RATE_LIMIT_TENANT_POSTS_PER_MINUTE,
    }),
  };
}
