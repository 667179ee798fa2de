import { z } from 'zod';
import { AppError } from '../shared/errors.js';
import { contextRoleNames, courseRoleOf, type CourseRole } from './roles.js';
import { SCOPE, type ServiceTokens } from './service-token.js';

/** One course member as the LMS reports it, in the tool's words. */
export interface CourseMember {
  subject: string;
  name: string | null;
  givenName: string | null;
  familyName: string | null;
  email: string | null;
  lmsRoles: string[];
  /** Context role names (`Learner`, `Mentor`, `TeachingAssistant`…), full URIs and short names alike. */
  contextRoleNames: string[];
  courseRole: CourseRole;
  active: boolean;
}

export interface MembershipPage {
  members: CourseMember[];
  pages: number;
  /** Present when the LMS offers incremental fetches: the URL to ask next time. */
  differencesUrl: string | null;
}

const MEDIA_TYPE = 'application/vnd.ims.lti-nrps.v2.membershipcontainer+json';
const MAX_PAGES = 2000;
const member = z.object({
  user_id: z.string().min(1),
  status: z.string().optional(),
  name: z.string().nullish(),
  given_name: z.string().nullish(),
  family_name: z.string().nullish(),
  email: z.string().nullish(),
  roles: z.array(z.string()).default([]),
});
const container = z.object({ members: z.array(z.unknown()) });

/** `Link: <url>; rel="next", <url>; rel="differences"` → { next: url, differences: url } */
export function parseLinkHeader(header: string | null): Record<string, string> {
  const links: Record<string, string> = {};
  for (const part of header?.split(/,(?=\s*<)/) ?? []) {
    const match = /<([^>]+)>\s*;\s*rel="?([^";]+)"?/.exec(part.trim());
    if (match) links[match[2]!] = match[1]!;
  }
  return links;
}

function toMember(raw: z.infer<typeof member>): CourseMember {
  return {
    subject: raw.user_id, name: raw.name ?? null, givenName: raw.given_name ?? null, familyName: raw.family_name ?? null, email: raw.email ?? null,
    lmsRoles: raw.roles,
    contextRoleNames: contextRoleNames(raw.roles),
    courseRole: courseRoleOf(raw.roles),
    active: (raw.status ?? 'Active') === 'Active',
  };
}

/**
 * Names and Role Provisioning Services 2.0: follows `rel="next"` pages and keeps the
 * `rel="differences"` link. @see https://www.imsglobal.org/spec/lti-nrps/v2p0#membership-container-media-type
 */
export function createNrpsClient(tokens: ServiceTokens, pageSize: number) {
  return {
    async fetchMembers(registration: { issuer: string; clientId: string }, url: string): Promise<MembershipPage> {
      const token = await tokens.get(registration.issuer, registration.clientId, [SCOPE.nrps]);
      const first = new URL(url);
      if (!first.searchParams.has('limit') && !first.searchParams.has('since')) first.searchParams.set('limit', String(pageSize));
      const members: CourseMember[] = [];
      let next: string | undefined = first.toString();
      let differencesUrl: string | null = null;
      let pages = 0;
      const seen = new Set<string>();
      while (next && !seen.has(next) && pages < MAX_PAGES) {
        seen.add(next);
        const response = await fetch(next, { headers: { authorization: `Bearer ${token}`, accept: MEDIA_TYPE }, signal: AbortSignal.timeout(30_000) });
        if (!response.ok) {
          throw new AppError('ROSTER_FETCH_FAILED', 502, `The LMS did not return the course roster (HTTP ${response.status}).`, { cause: (await response.text()).slice(0, 300) });
        }
        const body = container.safeParse(await response.json().catch(() => undefined));
        if (!body.success) throw new AppError('ROSTER_MALFORMED', 502, 'The LMS returned a roster the tool cannot read.');
        for (const raw of body.data.members) {
          const parsed = member.safeParse(raw);
          if (parsed.success) members.push(toMember(parsed.data));
        }
        pages += 1;
        const links = parseLinkHeader(response.headers.get('link'));
        differencesUrl = links.differences ?? differencesUrl;
        next = links.next;
      }
      return { members, pages, differencesUrl };
    },
  };
}

export type NrpsClient = ReturnType<typeof createNrpsClient>;
