import { z } from 'zod';
import { AppError } from '../shared/errors.js';
import type { PlatformRegistry } from './platform-registry.js';
import type { Registration, RegistrationStatus } from './ports.js';
import { TOOL_CUSTOM_PARAMETERS, TOOL_DESCRIPTION, TOOL_SCOPES, toolUrls } from './tool-description.js';

const TOOL_CONFIG = 'https://purl.imsglobal.org/spec/lti-tool-configuration';
const PLATFORM_CONFIG = 'https://purl.imsglobal.org/spec/lti-platform-configuration';
const HTTP_TIMEOUT_MS = 10_000;

/** @see https://www.imsglobal.org/spec/lti-dr/v1p0#platform-configuration */
const openIdConfigurationSchema = z.object({
  issuer: z.url(),
  authorization_endpoint: z.url(),
  token_endpoint: z.url(),
  jwks_uri: z.url(),
  registration_endpoint: z.url(),
  authorization_server: z.string().optional(),
  claims_supported: z.array(z.string()).optional(),
  [PLATFORM_CONFIG]: z
    .object({ product_family_code: z.string().optional(), version: z.string().optional() })
    .partial()
    .optional(),
});

const registrationResponseSchema = z.object({
  client_id: z.string().min(1),
  [TOOL_CONFIG]: z.object({ deployment_id: z.string().min(1).optional() }).partial().optional(),
});

export interface DynamicRegistrationDeps {
  registry: PlatformRegistry;
  publicUrl: string;
  toolName: string;
  approval: 'auto' | 'manual';
}

async function fetchJson(url: string, init: RequestInit, what: string): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(url, { ...init, signal: AbortSignal.timeout(HTTP_TIMEOUT_MS), redirect: 'follow' });
  } catch (err) {
    throw new AppError('REGISTRATION_PLATFORM_UNREACHABLE', 400, `Could not reach the LMS to ${what}: ${(err as Error).message}.`, { url });
  }
  const text = await response.text();
  if (!response.ok) {
    throw new AppError('REGISTRATION_REFUSED_BY_PLATFORM', 400, `The LMS answered ${response.status} when asked to ${what}: ${text.slice(0, 300)}`, { url });
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError('REGISTRATION_BAD_PLATFORM_RESPONSE', 400, `The LMS did not answer JSON when asked to ${what}.`, { url });
  }
}

function toolRegistrationRequest(deps: DynamicRegistrationDeps, claimsSupported: string[] | undefined, productFamily: string | null) {
  const urls = toolUrls(deps.publicUrl);
  const message = (type: string, placements?: string[]) => ({
    type,
    target_link_uri: urls.launch,
    label: deps.toolName,
    icon_uri: urls.icon,
    ...(placements ? { placements } : {}),
  });
  const wanted = ['iss', 'sub', 'name', 'given_name', 'family_name', 'email', 'locale'];
  return {
    application_type: 'web',
    response_types: ['id_token'],
    grant_types: ['implicit', 'client_credentials'],
    initiate_login_uri: urls.login,
    redirect_uris: [urls.launch],
    client_name: deps.toolName,
    jwks_uri: urls.keys,
    logo_uri: urls.icon,
    token_endpoint_auth_method: 'private_key_jwt',
    scope: TOOL_SCOPES.join(' '),
    [TOOL_CONFIG]: {
      domain: new URL(deps.publicUrl).host,
      description: TOOL_DESCRIPTION,
      target_link_uri: urls.launch,
      custom_parameters: TOOL_CUSTOM_PARAMETERS,
      claims: claimsSupported ? wanted.filter((c) => claimsSupported.includes(c)) : wanted,
      messages: [
        message('LtiResourceLinkRequest', productFamily === 'canvas' ? ['course_navigation', 'link_selection'] : undefined),
        message('LtiDeepLinkingRequest', productFamily === 'canvas' ? ['assignment_selection', 'editor_button'] : undefined),
      ],
      ...(productFamily === 'canvas' ? { 'https://canvas.instructure.com/lti/privacy_level': 'public' } : {}),
    },
  };
}

/**
 * LTI Dynamic Registration, tool side: read the platform's OpenID configuration, POST the
 * tool's client registration with the registration token, store issuer + client_id + deployment.
 * @see https://www.imsglobal.org/spec/lti-dr/v1p0
 */
export async function registerDynamically(
  deps: DynamicRegistrationDeps,
  input: { openidConfiguration: string; registrationToken: string | undefined },
): Promise<{ registration: Registration; platformName: string; status: RegistrationStatus }> {
  const rawConfig = await fetchJson(input.openidConfiguration, { headers: { accept: 'application/json' } }, 'read its OpenID configuration');
  const parsedConfig = openIdConfigurationSchema.safeParse(rawConfig);
  if (!parsedConfig.success) {
    const fields = parsedConfig.error.issues.map((i) => i.path.join('.')).join(', ');
    throw new AppError('REGISTRATION_BAD_PLATFORM_CONFIGURATION', 400, `The LMS's OpenID configuration is missing or has invalid fields: ${fields}.`);
  }
  const config = parsedConfig.data;
  const productFamily = config[PLATFORM_CONFIG]?.product_family_code ?? null;
  const body = toolRegistrationRequest(deps, config.claims_supported, productFamily);
  const rawResponse = await fetchJson(
    config.registration_endpoint,
    {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', ...(input.registrationToken ? { authorization: `Bearer ${input.registrationToken}` } : {}) },
      body: JSON.stringify(body),
    },
    'register the tool',
  );
  const parsedResponse = registrationResponseSchema.safeParse(rawResponse);
  if (!parsedResponse.success) {
    throw new AppError('REGISTRATION_BAD_PLATFORM_RESPONSE', 400, 'The LMS accepted the registration but did not return a client_id.');
  }
  const deploymentId = parsedResponse.data[TOOL_CONFIG]?.deployment_id;
  const status: RegistrationStatus = deps.approval === 'manual' ? 'pending' : 'active';
  const platformName = productFamily ? `${productFamily} (${new URL(config.issuer).host})` : new URL(config.issuer).host;
  const registration = await deps.registry.registerPlatform({
    issuer: config.issuer,
    clientId: parsedResponse.data.client_id,
    name: platformName,
    productFamily,
    authEndpoint: config.authorization_endpoint,
    tokenEndpoint: config.token_endpoint,
    authorizationServer: config.authorization_server ?? null,
    jwksUri: config.jwks_uri,
    deploymentIds: deploymentId ? [deploymentId] : [],
    registeredVia: 'dynamic',
    status,
  });
  return { registration, platformName, status: registration.status };
}
