import {
  TOOL_CUSTOM_PARAMETERS, TOOL_DESCRIPTION, TOOL_SCOPES, toolUrls,
} from './tool-description.js';

export const TOOL_CONFIG = 'https://purl.imsglobal.org/spec/lti-tool-configuration';
const CANVAS_PRIVACY = 'https://canvas.instructure.com/lti/privacy_level';
const WANTED_CLAIMS = ['iss', 'sub', 'name', 'given_name', 'family_name', 'email', 'locale'];

export interface ToolIdentity {
  publicUrl: string;
  toolName: string;
}

/**
 * The tool's client registration, as POSTed to the platform's registration endpoint.
 * @see https://www.imsglobal.org/spec/lti-dr/v1p0#tool-configuration
 */
export function toolRegistrationRequest(
  tool: ToolIdentity,
  claimsSupported: string[] | undefined,
  productFamily: string | null,
) {
  const urls = toolUrls(tool.publicUrl);
  const canvas = productFamily === 'canvas';
  const message = (type: string, placements: string[]) => ({
    type,
    target_link_uri: urls.launch,
    label: tool.toolName,
    icon_uri: urls.icon,
    ...(canvas ? { placements } : {}),
  });
  return {
    application_type: 'web',
    response_types: ['id_token'],
    grant_types: ['implicit', 'client_credentials'],
    initiate_login_uri: urls.login,
    redirect_uris: [urls.launch],
    client_name: tool.toolName,
    jwks_uri: urls.keys,
    logo_uri: urls.icon,
    token_endpoint_auth_method: 'private_key_jwt',
    scope: TOOL_SCOPES.join(' '),
    [TOOL_CONFIG]: {
      domain: new URL(tool.publicUrl).host,
      description: TOOL_DESCRIPTION,
      target_link_uri: urls.launch,
      custom_parameters: TOOL_CUSTOM_PARAMETERS,
      claims: WANTED_CLAIMS.filter((c) => !claimsSupported || claimsSupported.includes(c)),
      messages: [
        message('LtiResourceLinkRequest', ['course_navigation', 'link_selection']),
        message('LtiDeepLinkingRequest', ['assignment_selection', 'editor_button']),
      ],
      ...(canvas ? { [CANVAS_PRIVACY]: 'public' } : {}),
    },
  };
}
