/** OAuth2 scopes of the LTI Advantage services the test platform can offer. */
export const NRPS_SCOPE = 'https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly';

export const AGS_SCOPES = [
  'https://purl.imsglobal.org/spec/lti-ags/scope/lineitem',
  'https://purl.imsglobal.org/spec/lti-ags/scope/lineitem.readonly',
  'https://purl.imsglobal.org/spec/lti-ags/scope/result.readonly',
  'https://purl.imsglobal.org/spec/lti-ags/scope/score',
];

/** Which LTI Advantage services a test platform offers (launch claims, token scopes, OpenID configuration). */
export interface PlatformFeatures {
  nrps: boolean;
  ags: boolean;
  /** The AGS scopes offered, when fewer than all (Moodle's "grade sync only": no `lineitem`). */
  agsScopes?: string[];
}

export function offeredScopes(features: PlatformFeatures): string[] {
  return [...(features.nrps ? [NRPS_SCOPE] : []), ...(features.ags ? (features.agsScopes ?? AGS_SCOPES) : [])];
}
