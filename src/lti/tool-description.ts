/** What the tool says about itself to LMSs: one source for Dynamic Registration and the Canvas JSON. */
export interface ToolUrls {
  base: string;
  login: string;
  launch: string;
  keys: string;
  register: string;
  icon: string;
}

export function toolUrls(publicUrl: string): ToolUrls {
  return {
    base: publicUrl,
    login: `${publicUrl}/lti/login`,
    launch: `${publicUrl}/lti/launch`,
    keys: `${publicUrl}/lti/keys`,
    register: `${publicUrl}/lti/register`,
    icon: `${publicUrl}/public/icon.svg`,
  };
}

export const TOOL_DESCRIPTION =
  'Mentoring circles and microlearning prompts inside your course: profiles, smart matching, learning contracts, goals, meetings and feedback, recorded to your LRS as xAPI.';

export const TOOL_SCOPES = [
  'https://purl.imsglobal.org/spec/lti-ags/scope/lineitem',
  'https://purl.imsglobal.org/spec/lti-ags/scope/lineitem.readonly',
  'https://purl.imsglobal.org/spec/lti-ags/scope/result.readonly',
  'https://purl.imsglobal.org/spec/lti-ags/scope/score',
  'https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly',
];

/** LTI custom parameters the tool asks for (variable substitution). */
export const TOOL_CUSTOM_PARAMETERS: Record<string, string> = {
  context_memberships_url: '$ToolProxyBinding.memberships.url',
  user_timezone: '$Person.address.timezone',
};
