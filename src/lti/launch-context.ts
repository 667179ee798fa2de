import { z } from 'zod';
import { cleanText, httpUrlOrNull, truncateText } from '../shared/clean-text.js';
import { AppError } from '../shared/errors.js';
import { CLAIM } from './claims.js';
import { courseRoleOf, isTenantAdmin, type CourseRole } from './roles.js';

/** What the rest of the tool knows about a validated launch: plain data. */
export interface LaunchContext {
  issuer: string;
  clientId: string;
  deploymentId: string;
  messageType: 'LtiResourceLinkRequest' | 'LtiDeepLinkingRequest';
  user: { subject: string; name: string | null; givenName: string | null; familyName: string | null; email: string | null };
  course: { contextId: string; title: string | null; label: string | null; types: string[] };
  resourceLink: { id: string; title: string | null } | null;
  roles: string[];
  courseRole: CourseRole;
  /** An LMS administrator (institution or system Administrator): may change deployment-wide settings. */
  tenantAdmin: boolean;
  platform: { productFamily: string | null; name: string | null };
  presentation: { documentTarget: string | null; returnUrl: string | null; locale: string | null };
  custom: Record<string, string>;
  /** @see https://www.imsglobal.org/spec/lti-ags/v2p0#assignment-and-grade-service-claim */
  services: { membershipsUrl: string | null; lineItemsUrl: string | null; lineItemUrl: string | null; agsScopes: string[] };
  deepLinking: DeepLinkingSettings | null;
}

/** @see https://www.imsglobal.org/spec/lti-dl/v2p0#deep-linking-settings */
export interface DeepLinkingSettings {
  returnUrl: string;
  acceptTypes: string[];
  acceptPresentationDocumentTargets: string[];
  acceptMultiple: boolean;
  autoCreate: boolean;
  title: string | null;
  text: string | null;
  /** Opaque to the tool: returned unchanged in the response. */
  data: string | null;
}

// Claims reach PostgreSQL: U+0000 and lone surrogates are taken out first (see clean-text.ts).
const cleaned = (v: unknown) => (typeof v === 'string' ? cleanText(v) : v);
const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const text = z.preprocess(cleaned, z.string().trim().min(1).max(1000));
const optionalText = z.preprocess((v) => blankToUndefined(cleaned(v)), z.string().max(1000).optional());
/** Names and titles are only shown: an over-long one is shortened, not a refused launch. */
const NAME_MAX = 1000;
const shortened = (v: unknown) => (typeof v === 'string' ? truncateText(v, NAME_MAX) : v);
const displayText = z.preprocess((v) => shortened(blankToUndefined(cleaned(v))), z.string().optional());
/** Rendered as a link: anything but an http(s) URL (`javascript:…`) is dropped, not refused. */
const linkUrl = z.preprocess(
  (v) => (typeof v === 'string' && v.length <= 2000 ? (httpUrlOrNull(cleanText(v)) ?? undefined) : undefined),
  z.string().optional(),
);

const claimsSchema = z.object({
  iss: text,
  aud: z.union([text, z.array(text).min(1)]),
  azp: optionalText,
  sub: text,
  name: displayText,
  given_name: displayText,
  family_name: displayText,
  email: optionalText,
  [CLAIM.messageType]: z.enum(['LtiResourceLinkRequest', 'LtiDeepLinkingRequest']),
  [CLAIM.deploymentId]: text,
  [CLAIM.roles]: z.array(z.preprocess(cleaned, z.string())),
  [CLAIM.context]: z
    .object({ id: text, title: displayText, label: displayText, type: z.array(z.preprocess(cleaned, z.string())).optional() })
    .optional(),
  [CLAIM.resourceLink]: z.object({ id: text, title: displayText }).optional(),
  [CLAIM.toolPlatform]: z.object({ product_family_code: optionalText, name: displayText }).partial().optional(),
  [CLAIM.launchPresentation]: z.object({ document_target: optionalText, return_url: linkUrl, locale: optionalText }).partial().optional(),
  [CLAIM.custom]: z.record(z.string(), z.unknown()).optional(),
  [CLAIM.nrps]: z.object({ context_memberships_url: optionalText }).partial().optional(),
  [CLAIM.ags]: z.object({ lineitems: optionalText, lineitem: linkUrl, scope: z.array(z.preprocess(cleaned, z.string())).optional() })
    .partial().optional(),
  [CLAIM.deepLinkingSettings]: z
    .object({
      deep_link_return_url: z.url(),
      accept_types: z.array(z.string()).min(1),
      accept_presentation_document_targets: z.array(z.string()).optional(),
      accept_multiple: z.union([z.boolean(), z.enum(['true', 'false'])]).optional(),
      auto_create: z.union([z.boolean(), z.enum(['true', 'false'])]).optional(),
      title: optionalText,
      text: optionalText,
      data: z.string().max(10_000).optional(),
    })
    .optional(),
});

const flag = (v: boolean | 'true' | 'false' | undefined) => v === true || v === 'true';

function deepLinkingOf(settings: z.infer<typeof claimsSchema>[typeof CLAIM.deepLinkingSettings]): DeepLinkingSettings | null {
  if (!settings) return null;
  return {
    returnUrl: settings.deep_link_return_url,
    acceptTypes: settings.accept_types,
    acceptPresentationDocumentTargets: settings.accept_presentation_document_targets ?? [],
    acceptMultiple: flag(settings.accept_multiple),
    autoCreate: flag(settings.auto_create),
    title: settings.title ?? null,
    text: settings.text ?? null,
    data: settings.data ?? null,
  };
}

/** The client_id the token was issued for: `azp` when several audiences are present. */
export function clientIdOf(claims: { aud: string | string[]; azp?: string | undefined }): string {
  if (typeof claims.aud === 'string') return claims.aud;
  return claims.azp ?? claims.aud[0]!;
}

/** Turns the claims of an already verified id_token into a LaunchContext. */
export function toLaunchContext(payload: unknown): LaunchContext {
  const parsed = claimsSchema.safeParse(payload);
  if (!parsed.success) {
    const where = parsed.error.issues.map((i) => i.path.join('.')).join(', ');
    throw new AppError('LAUNCH_CLAIMS_INVALID', 400, `The launch message is missing or has malformed claims: ${where}.`);
  }
  const c = parsed.data;
  const deepLinking = deepLinkingOf(c[CLAIM.deepLinkingSettings]);
  if (c[CLAIM.messageType] === 'LtiDeepLinkingRequest' && !deepLinking) {
    throw new AppError('LAUNCH_CLAIMS_INVALID', 400, 'The deep linking request has no deep_linking_settings claim.');
  }
  const context = c[CLAIM.context];
  if (!context) {
    throw new AppError('LAUNCH_WITHOUT_COURSE', 400, 'The launch did not say which course it came from. Add the tool inside a course.');
  }
  const custom = Object.fromEntries(Object.entries(c[CLAIM.custom] ?? {})
    .map(([k, v]) => [cleanText(k), cleanText(typeof v === 'string' ? v : JSON.stringify(v) ?? '')]));
  const roles = c[CLAIM.roles];
  const link = c[CLAIM.resourceLink];
  return {
    issuer: c.iss,
    clientId: clientIdOf(c),
    deploymentId: c[CLAIM.deploymentId],
    messageType: c[CLAIM.messageType],
    user: { subject: c.sub, name: c.name ?? null, givenName: c.given_name ?? null, familyName: c.family_name ?? null, email: c.email ?? null },
    course: { contextId: context.id, title: context.title ?? null, label: context.label ?? null, types: context.type ?? [] },
    resourceLink: link ? { id: link.id, title: link.title ?? null } : null,
    roles,
    courseRole: courseRoleOf(roles),
    tenantAdmin: isTenantAdmin(roles),
    platform: { productFamily: c[CLAIM.toolPlatform]?.product_family_code ?? null, name: c[CLAIM.toolPlatform]?.name ?? null },
    presentation: {
      documentTarget: c[CLAIM.launchPresentation]?.document_target ?? null,
      returnUrl: c[CLAIM.launchPresentation]?.return_url ?? null,
      locale: c[CLAIM.launchPresentation]?.locale ?? null,
    },
    custom,
    services: {
      membershipsUrl: c[CLAIM.nrps]?.context_memberships_url ?? null, lineItemsUrl: c[CLAIM.ags]?.lineitems ?? null,
      lineItemUrl: c[CLAIM.ags]?.lineitem ?? null, agsScopes: c[CLAIM.ags]?.scope ?? [],
    },
    deepLinking,
  };
}
