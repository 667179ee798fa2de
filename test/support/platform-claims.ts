import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

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
}

const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/moodle-4.5');
const fixture = (name: string): Record<string, unknown> => JSON.parse(readFileSync(path.join(FIXTURES, name), 'utf8'));

const LTI = 'https://purl.imsglobal.org/spec/lti/claim/';
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

/**
 * A Moodle 4.5 id_token: the captured fixture with this launch's values put in. Keeps Moodle's
 * quirks (CourseSection context, `ext` claim, basic outcome, 60 s lifetime, services in custom).
 */
function moodleClaims(issuer: string, clientId: string, spec: LaunchSpec, platformUrl: string): Record<string, unknown> {
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
  if (!deepLinking) claims[`${LTI}resource_link`] = { title: spec.resourceLink?.title ?? 'Mentoring', description: '', id: spec.resourceLink?.id ?? '1' };
  return claims;
}

/** A Canvas-shaped id_token: lis, custom variables, placement, lti11 legacy id, institution roles. */
function canvasClaims(issuer: string, clientId: string, spec: LaunchSpec, platformUrl: string): Record<string, unknown> {
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
    [`${LTI}custom`]: { canvas_course_id: spec.context.id, canvas_user_id: spec.user.sub, context_memberships_url: `${platformUrl}/api/lti/courses/${spec.context.id}/names_and_roles` },
    [`${LTI}lti11_legacy_user_id`]: `legacy-${spec.user.sub}`,
    [`${LTI}lti1p1`]: { user_id: `legacy-${spec.user.sub}` },
    'https://www.instructure.com/placement': deepLinking ? 'assignment_selection' : 'course_navigation',
    'https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice': { context_memberships_url: `${platformUrl}/api/lti/courses/${spec.context.id}/names_and_roles`, service_versions: ['2.0'] },
    errors: { errors: {} },
  };
  if (deepLinking) {
    claims['https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings'] = {
      deep_link_return_url: `${platformUrl}/courses/${spec.context.id}/deep_linking_response`,
      accept_types: ['ltiResourceLink'], accept_presentation_document_targets: ['iframe', 'window'], accept_multiple: false, auto_create: true,
    };
  } else {
    claims[`${LTI}resource_link`] = { id: spec.resourceLink?.id ?? `rl-${spec.context.id}`, title: spec.resourceLink?.title ?? 'Mentoring', description: null };
  }
  return claims;
}

export function buildClaims(flavour: Flavour, issuer: string, clientId: string, spec: LaunchSpec, platformUrl: string): Record<string, unknown> {
  return flavour === 'moodle' ? moodleClaims(issuer, clientId, spec, platformUrl) : canvasClaims(issuer, clientId, spec, platformUrl);
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
