import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AGS_SCOPES, type PlatformFeatures } from './platform/scopes.js';

export type Flavour = 'moodle' | 'canvas';

export interface PlatformUser {
  sub: string;
  name: string;
  givenName: string;
  familyName: string;
  email: string;
  roles: string[];
}

export interface LaunchSpec {
  user: PlatformUser;
  context: { id: string; title: string; label: string };
  resourceLink?: { id: string; title: string };
  messageType?: 'LtiResourceLinkRequest' | 'LtiDeepLinkingRequest';
  targetLinkUri: string;
  deploymentId: string;
  /** Merged into the custom claim (a deep-linked item's `custom` arrives here when it is launched). */
  custom?: Record<string, string>;
  /** Overrides of the deep_linking_settings claim of an LtiDeepLinkingRequest. */
  deepLinking?: DeepLinkingSettingsOverrides;
}

/** @see https://www.imsglobal.org/spec/lti-dl/v2p0#deep-linking-settings */
export interface DeepLinkingSettingsOverrides {
  accept_types?: string[];
  accept_presentation_document_targets?: string[];
  accept_multiple?: boolean;
  auto_create?: boolean;
  title?: string;
  text?: string;
  /** Opaque value the tool must return unchanged. */
  data?: unknown;
}

/** What the platform offers, and where this launch's deep-linking response goes. */
export interface ClaimOptions extends PlatformFeatures {
  deepLinkReturnUrl?: string;
}

const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/moodle-4.5');
const fixture = (name: string): Record<string, unknown> => JSON.parse(readFileSync(path.join(FIXTURES, name), 'utf8'));

const LTI = 'https://purl.imsglobal.org/spec/lti/claim/';
const NRPS_CLAIM = 'https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice';
const AGS_CLAIM = 'https://purl.imsglobal.org/spec/lti-ags/claim/endpoint';
export const DL_SETTINGS = 'https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings';
export const ROLE = {
  learner: 'http://purl.imsglobal.org/vocab/lis/v2/membership#Learner',
  instructor: 'http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor',
  teachingAssistant: 'http://purl.imsglobal.org/vocab/lis/v2/membership/Instructor#TeachingAssistant',
  contentDeveloper: 'http://purl.imsglobal.org/vocab/lis/v2/membership#ContentDeveloper',
  mentor: 'http://purl.imsglobal.org/vocab/lis/v2/membership#Mentor',
  institutionStudent: 'http://purl.imsglobal.org/vocab/lis/v2/institution/person#Student',
  institutionInstructor: 'http://purl.imsglobal.org/vocab/lis/v2/institution/person#Instructor',
  institutionAdmin: 'http://purl.imsglobal.org/vocab/lis/v2/institution/person#Administrator',
  systemAdmin: 'http://purl.imsglobal.org/vocab/lis/v2/system/person#Administrator',
  systemUser: 'http://purl.imsglobal.org/vocab/lis/v2/system/person#User',
} as const;

/** The NRPS membership URL each flavour advertises for a course (one roster per context). */
export function membershipsUrl(flavour: Flavour, platformUrl: string, contextId: string): string {
  const id = encodeURIComponent(contextId);
  return flavour === 'moodle' ? `${platformUrl}/mod/lti/services.php/CourseSection/${id}/bindings/1/memberships` : `${platformUrl}/api/lti/courses/${id}/names_and_roles`;
}

/** The service claims both flavours share in shape: NRPS (with the custom copy) and the AGS endpoint. */
function putServiceClaims(claims: Record<string, unknown>, nrpsUrl: string | undefined, ags: Record<string, unknown> | undefined, custom: Record<string, string>): void {
  claims[`${LTI}custom`] = nrpsUrl ? { ...custom, context_memberships_url: nrpsUrl } : custom;
  if (nrpsUrl) claims[NRPS_CLAIM] = { service_versions: ['2.0'], ...(claims[NRPS_CLAIM] as object | undefined), context_memberships_url: nrpsUrl };
  else delete claims[NRPS_CLAIM];
  if (ags) claims[AGS_CLAIM] = { scope: AGS_SCOPES, ...ags };
  else delete claims[AGS_CLAIM];
}

/**
 * A Moodle 4.5 id_token: the captured fixture with this launch's values put in. Keeps Moodle's
 * quirks (CourseSection context, `ext` claim, basic outcome, 60 s lifetime, services in custom).
 */
function moodleClaims(issuer: string, clientId: string, spec: LaunchSpec, platformUrl: string, options: ClaimOptions): Record<string, unknown> {
  const deepLinking = spec.messageType === 'LtiDeepLinkingRequest';
  const base = fixture(deepLinking ? 'deep-linking-request.claims.json' : spec.user.roles.some((r) => r.includes('Instructor')) ? 'launch-instructor.claims.json' : 'launch-learner.claims.json');
  const claims = JSON.parse(JSON.stringify(base).replaceAll('https://moodle.example.test', platformUrl).replaceAll('https://tool.example.test/', spec.targetLinkUri)) as Record<string, unknown>;
  Object.assign(claims, {
    iss: issuer,
    aud: clientId,
    sub: spec.user.sub,
    name: spec.user.name,
    given_name: spec.user.givenName,
    family_name: spec.user.familyName,
    email: spec.user.email,
    [`${LTI}deployment_id`]: spec.deploymentId,
    [`${LTI}target_link_uri`]: spec.targetLinkUri,
    [`${LTI}roles`]: spec.user.roles,
    [`${LTI}context`]: { ...spec.context, type: ['CourseSection'] },
    [`${LTI}ext`]: { user_username: spec.user.email.split('@')[0], lms: 'moodle-2' },
  });
  const lineItems = `${platformUrl}/mod/lti/services.php/${encodeURIComponent(spec.context.id)}/lineitems`;
  const ags = {
    lineitems: `${lineItems}?type_id=1`, ...(deepLinking ? {} : { lineitem: `${lineItems}/2/lineitem?type_id=1` }),
    ...(options.agsScopes ? { scope: options.agsScopes } : {}),
  };
  putServiceClaims(claims, options.nrps ? membershipsUrl('moodle', platformUrl, spec.context.id) : undefined, options.ags ? ags : undefined, spec.custom ?? {});
  if (deepLinking) claims[DL_SETTINGS] = { ...(claims[DL_SETTINGS] as object), deep_link_return_url: options.deepLinkReturnUrl, ...spec.deepLinking };
  else claims[`${LTI}resource_link`] = { title: spec.resourceLink?.title ?? 'Mentoring', description: '', id: spec.resourceLink?.id ?? '1' };
  return claims;
}

/** A Canvas-shaped id_token: lis, custom variables, placement, lti11 legacy id, institution roles. */
function canvasClaims(issuer: string, clientId: string, spec: LaunchSpec, platformUrl: string, options: ClaimOptions): Record<string, unknown> {
  const deepLinking = spec.messageType === 'LtiDeepLinkingRequest';
  const claims: Record<string, unknown> = {
    iss: issuer,
    aud: clientId,
    azp: clientId,
    sub: spec.user.sub,
    name: spec.user.name,
    given_name: spec.user.givenName,
    family_name: spec.user.familyName,
    email: spec.user.email,
    picture: `${platformUrl}/images/messages/avatar-50.png`,
    locale: 'en',
    [`${LTI}message_type`]: spec.messageType ?? 'LtiResourceLinkRequest',
    [`${LTI}version`]: '1.3.0',
    [`${LTI}deployment_id`]: spec.deploymentId,
    [`${LTI}target_link_uri`]: spec.targetLinkUri,
    [`${LTI}roles`]: spec.user.roles,
    [`${LTI}context`]: { ...spec.context, type: ['http://purl.imsglobal.org/vocab/lis/v2/course#CourseOffering'] },
    [`${LTI}tool_platform`]: { guid: 'canvas-guid-1234:canvas-lms', name: 'Example University', version: 'cloud', product_family_code: 'canvas' },
    [`${LTI}launch_presentation`]: { document_target: 'iframe', return_url: `${platformUrl}/courses/${spec.context.id}/external_content/success/external_tool_redirect`, locale: 'en', height: 400, width: 800 },
    [`${LTI}lis`]: { person_sourcedid: `SIS-${spec.user.sub}`, course_offering_sourcedid: `SIS-COURSE-${spec.context.id}` },
    [`${LTI}lti11_legacy_user_id`]: `legacy-${spec.user.sub}`,
    [`${LTI}lti1p1`]: { user_id: `legacy-${spec.user.sub}` },
    'https://www.instructure.com/placement': deepLinking ? 'assignment_selection' : 'course_navigation',
    errors: { errors: {} },
  };
  const custom = { canvas_course_id: spec.context.id, canvas_user_id: spec.user.sub, ...spec.custom };
  const ags = { lineitems: `${platformUrl}/api/lti/courses/${encodeURIComponent(spec.context.id)}/line_items` };
  putServiceClaims(claims, options.nrps ? membershipsUrl('canvas', platformUrl, spec.context.id) : undefined, options.ags ? ags : undefined, custom);
  if (deepLinking) {
    claims[DL_SETTINGS] = {
      deep_link_return_url: options.deepLinkReturnUrl,
      accept_types: ['ltiResourceLink'], accept_presentation_document_targets: ['iframe', 'window'], accept_multiple: false, auto_create: true,
      ...spec.deepLinking,
    };
  } else {
    claims[`${LTI}resource_link`] = { id: spec.resourceLink?.id ?? `rl-${spec.context.id}`, title: spec.resourceLink?.title ?? 'Mentoring', description: null };
  }
  return claims;
}

export function buildClaims(flavour: Flavour, issuer: string, clientId: string, spec: LaunchSpec, platformUrl: string, options: ClaimOptions): Record<string, unknown> {
  return flavour === 'moodle' ? moodleClaims(issuer, clientId, spec, platformUrl, options) : canvasClaims(issuer, clientId, spec, platformUrl, options);
}

/** Id token lifetime of each LMS: Moodle 60 s, Canvas one hour. */
export const TOKEN_LIFETIME_SECONDS: Record<Flavour, number> = { moodle: 60, canvas: 3600 };

export function buildUser(overrides: Partial<PlatformUser> & { sub: string }): PlatformUser {
  return {
    name: `User ${overrides.sub}`,
    givenName: 'User',
    familyName: overrides.sub,
    email: `user${overrides.sub}@example.test`,
    roles: [ROLE.learner],
    ...overrides,
  };
}
