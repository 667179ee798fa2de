import { z } from 'zod';
import {
  OutboundError, requestOutbound, type OutboundFailure, type OutboundRequest, type OutboundResponse,
} from './outbound-request.js';
import type { PlatformRegistry } from './platform-registry.js';
import type { Registration, RegistrationStatus } from './ports.js';
import { TOOL_CONFIG, toolRegistrationRequest } from './registration-request.js';
import {
  registrationRefusal, type RefusalFacts, type RegistrationRefusalCode,
} from './registration-refusals.js';

const PLATFORM_CONFIG = 'https://purl.imsglobal.org/spec/lti-platform-configuration';
const HTTP_TIMEOUT_MS = 10_000;
/** An OpenID configuration or a registration answer is a few kilobytes. */
const MAX_RESPONSE_BYTES = 256 * 1024;

/** @see https://www.imsglobal.org/spec/lti-dr/v1p0#platform-configuration */
const openIdConfigurationSchema = z.object({
  issuer: z.url(),
  authorization_endpoint: z.url(),
  token_endpoint: z.url(),
  jwks_uri: z.url(),
  registration_endpoint: z.url({ protocol: /^https?$/ }),
  authorization_server: z.string().optional(),
  claims_supported: z.array(z.string()).optional(),
  [PLATFORM_CONFIG]: z
    .object({ product_family_code: z.string().optional(), version: z.string().optional() })
    .partial()
    .optional(),
});
type OpenIdConfiguration = z.infer<typeof openIdConfigurationSchema>;

const registrationResponseSchema = z.object({
  client_id: z.string().min(1),
  [TOOL_CONFIG]: z.object({ deployment_id: z.string().min(1).optional() }).partial().optional(),
});

export interface DynamicRegistrationDeps {
  registry: PlatformRegistry;
  publicUrl: string;
  toolName: string;
  approval: 'auto' | 'manual';
  /** REGISTRATION_ALLOW_PRIVATE_HOSTS: a same-machine LMS (and the tests) live on loopback. */
  allowPrivateHosts: boolean;
}

type Step = NonNullable<RefusalFacts['step']>;
type Outbound = Pick<OutboundRequest, 'method' | 'headers' | 'body'>;

const FAILURES: Record<OutboundFailure, RegistrationRefusalCode> = {
  forbidden: 'REGISTRATION_HOST_FORBIDDEN',
  unresolvable: 'REGISTRATION_PLATFORM_UNREACHABLE',
  unreachable: 'REGISTRATION_PLATFORM_UNREACHABLE',
  timeout: 'REGISTRATION_PLATFORM_TIMEOUT',
  redirect: 'REGISTRATION_REDIRECT_REFUSED',
  'too-large': 'REGISTRATION_RESPONSE_TOO_LARGE',
};

/** The LMS's answer as JSON; anything else is refused without echoing what it sent. */
async function fetchJson(deps: DynamicRegistrationDeps, url: string, init: Outbound, step: Step) {
  let response: OutboundResponse;
  try {
    response = await requestOutbound(new URL(url), {
      ...init,
      allowPrivateHosts: deps.allowPrivateHosts,
      timeoutMs: HTTP_TIMEOUT_MS,
      maxBytes: MAX_RESPONSE_BYTES,
    });
  } catch (err) {
    if (!(err instanceof OutboundError)) throw err;
    throw registrationRefusal(FAILURES[err.failure], { step, errorCode: err.detail });
  }
  if (response.status < 200 || response.status >= 300) {
    const status = response.status;
    throw registrationRefusal('REGISTRATION_REFUSED_BY_PLATFORM', { step, status });
  }
  try {
    return JSON.parse(response.body) as unknown;
  } catch {
    throw registrationRefusal('REGISTRATION_BAD_PLATFORM_RESPONSE', { step });
  }
}

/**
 * The issuer must be the configuration URL's prefix: same origin, and the URL's path inside the
 * issuer's path. Otherwise any site could publish a configuration naming another LMS's issuer.
 * @see https://www.imsglobal.org/spec/lti-dr/v1p0#issuer-and-openid-configuration-url-match
 */
export function issuerMatchesConfigurationUrl(issuer: string, configurationUrl: string): boolean {
  const iss = new URL(issuer);
  const url = new URL(configurationUrl);
  if (iss.origin !== url.origin || iss.search || iss.hash) return false;
  const base = iss.pathname.endsWith('/') ? iss.pathname : `${iss.pathname}/`;
  return url.pathname === iss.pathname || url.pathname.startsWith(base);
}

/** The token goes out byte for byte as the LMS issued it, or not at all. */
const bearer = (token: string | undefined): Record<string, string> =>
  token === undefined ? {} : { authorization: `Bearer ${token}` };

async function readPlatformConfiguration(
  deps: DynamicRegistrationDeps,
  url: string,
  token: string | undefined,
): Promise<OpenIdConfiguration> {
  const step = 'read its OpenID configuration';
  const headers = { accept: 'application/json', ...bearer(token) };
  const parsed = openIdConfigurationSchema.safeParse(
    await fetchJson(deps, url, { method: 'GET', headers }, step),
  );
  if (!parsed.success) {
    const fields = [...new Set(parsed.error.issues.map((i) => String(i.path[0] ?? 'body')))];
    throw registrationRefusal('REGISTRATION_BAD_PLATFORM_CONFIGURATION', { step, fields });
  }
  if (!issuerMatchesConfigurationUrl(parsed.data.issuer, url)) {
    throw registrationRefusal('REGISTRATION_ISSUER_MISMATCH', { step });
  }
  return parsed.data;
}

async function postToolRegistration(
  deps: DynamicRegistrationDeps,
  config: OpenIdConfiguration,
  productFamily: string | null,
  token: string | undefined,
) {
  const step = 'register the tool';
  const request = toolRegistrationRequest(deps, config.claims_supported, productFamily);
  const body = JSON.stringify(request);
  const headers = {
    'content-type': 'application/json', accept: 'application/json', ...bearer(token),
  };
  const parsed = registrationResponseSchema.safeParse(
    await fetchJson(deps, config.registration_endpoint, { method: 'POST', headers, body }, step),
  );
  if (!parsed.success) throw registrationRefusal('REGISTRATION_BAD_PLATFORM_RESPONSE', { step });
  return { clientId: parsed.data.client_id, deploymentId: parsed.data[TOOL_CONFIG]?.deployment_id };
}

/**
 * LTI Dynamic Registration, tool side: read the platform's OpenID configuration (its issuer must
 * be the URL's prefix), POST the tool's client registration with the registration token, store
 * issuer + client_id + deployment beside any other client of the same issuer, never over one.
 * @see https://www.imsglobal.org/spec/lti-dr/v1p0
 */
export async function registerDynamically(
  deps: DynamicRegistrationDeps,
  input: { openidConfiguration: string; registrationToken: string | undefined },
): Promise<{ registration: Registration; platformName: string; status: RegistrationStatus }> {
  const token = input.registrationToken;
  const config = await readPlatformConfiguration(deps, input.openidConfiguration, token);
  const productFamily = config[PLATFORM_CONFIG]?.product_family_code ?? null;
  const client = await postToolRegistration(deps, config, productFamily, token);
  const host = new URL(config.issuer).host;
  const platformName = productFamily ? `${productFamily} (${host})` : host;
  // Insert-only: an existing issuer + client_id is never replaced, even by a racing registration.
  const registration = await deps.registry.registerNewPlatform({
    issuer: config.issuer,
    clientId: client.clientId,
    name: platformName,
    productFamily,
    authEndpoint: config.authorization_endpoint,
    tokenEndpoint: config.token_endpoint,
    authorizationServer: config.authorization_server ?? null,
    jwksUri: config.jwks_uri,
    deploymentIds: client.deploymentId ? [client.deploymentId] : [],
    registeredVia: 'dynamic',
    status: deps.approval === 'manual' ? 'pending' : 'active',
  });
  if (!registration) throw registrationRefusal('REGISTRATION_ALREADY_EXISTS');
  return { registration, platformName, status: registration.status };
}
