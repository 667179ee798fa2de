import type express from 'express';
import type { JWK } from 'jose';
import type { Flavour } from '../platform-claims.js';

export interface ToolRegistration {
  clientId: string;
  deploymentId: string;
  redirectUris: string[];
  initiateLoginUri: string;
  jwksUri: string;
  request: Record<string, unknown>;
}

/** What these routes need to know of their platform (the TestPlatform). */
export interface RegistrationHost {
  readonly flavour: Flavour;
  readonly url: string;
  readonly issuer: string;
  readonly clientId: string;
  readonly deploymentId: string;
  readonly registrationToken: string;
  readonly registrations: ToolRegistration[];
  readonly offeredScopes: string[];
  readonly publicJwk: JWK;
}

function openidConfiguration(host: RegistrationHost): Record<string, unknown> {
  return {
    issuer: host.issuer,
    authorization_endpoint: `${host.url}/auth`,
    token_endpoint: `${host.url}/token`,
    jwks_uri: `${host.url}/jwks`,
    registration_endpoint: `${host.url}/register`,
    scopes_supported: ['openid', ...host.offeredScopes],
    response_types_supported: ['id_token'],
    subject_types_supported: ['public', 'pairwise'],
    id_token_signing_alg_values_supported: ['RS256'],
    token_endpoint_auth_methods_supported: ['private_key_jwt'],
    token_endpoint_auth_signing_alg_values_supported: ['RS256'],
    claims_supported: ['iss', 'sub', 'name', 'given_name', 'family_name', 'email'],
    'https://purl.imsglobal.org/spec/lti-platform-configuration': {
      product_family_code: host.flavour,
      version: host.flavour === 'moodle' ? '4.5.6' : 'cloud',
      messages_supported: [{ type: 'LtiResourceLinkRequest' }, { type: 'LtiDeepLinkingRequest' }],
    },
  };
}

/** OpenID configuration, the platform's JWKS and the platform side of Dynamic Registration. */
export function mountRegistrationRoutes(app: express.Express, host: RegistrationHost): void {
  app.get('/.well-known/openid-configuration', (_req, res) => {
    res.json(openidConfiguration(host));
  });
  app.get('/jwks', (_req, res) => {
    res.json({ keys: [host.publicJwk] });
  });
  app.post('/register', (req, res) => {
    if (req.get('authorization') !== `Bearer ${host.registrationToken}`) return void res.status(401).json({ error: 'invalid_token' });
    const body = req.body as Record<string, unknown>;
    const toolConfig = body['https://purl.imsglobal.org/spec/lti-tool-configuration'] as Record<string, unknown> | undefined;
    const redirectUris = body.redirect_uris as string[] | undefined;
    if (!toolConfig || !Array.isArray(redirectUris) || typeof body.initiate_login_uri !== 'string' || typeof body.jwks_uri !== 'string') {
      return void res.status(400).json({ error: 'invalid_client_metadata' });
    }
    host.registrations.push({ clientId: host.clientId, deploymentId: host.deploymentId, redirectUris, initiateLoginUri: body.initiate_login_uri, jwksUri: body.jwks_uri, request: body });
    res.json({ ...body, client_id: host.clientId, 'https://purl.imsglobal.org/spec/lti-tool-configuration': { ...toolConfig, deployment_id: host.deploymentId } });
  });
}
