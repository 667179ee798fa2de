import type express from 'express';
import { ROLE, type Flavour } from '../platform-claims.js';
import type { AccessTokens } from './access-tokens.js';
import type { Roster, RosterEntry } from './roster.js';
import { NRPS_SCOPE } from './scopes.js';

export const NRPS_MEDIA_TYPE = 'application/vnd.ims.lti-nrps.v2.membershipcontainer+json';

/** One GET of a membership URL as the platform saw it. */
export interface NrpsRequestRecord {
  at: Date;
  url: string;
  contextId: string;
  query: { limit?: string; from?: string; since?: string; role?: string; rlid?: string };
  accept: string | undefined;
  status: number;
  /** Members in the answer (0 when refused). */
  memberCount: number;
  /** The rel names of the Link header: 'next', 'differences'. */
  links: string[];
}

/** What the NRPS endpoint needs to know of its platform (the TestPlatform). */
export interface NrpsHost {
  readonly flavour: Flavour;
  readonly url: string;
  readonly features: { nrps: boolean };
  readonly accessTokens: AccessTokens;
  readonly nrpsPageSize: number | undefined;
  readonly nrpsDifferences: boolean;
  readonly nrpsRequests: NrpsRequestRecord[];
  roster(contextId: string): Roster;
}

const STAFF = [ROLE.instructor, ROLE.teachingAssistant, ROLE.contentDeveloper, 'http://purl.imsglobal.org/vocab/lis/v2/membership#Administrator'] as string[];

/**
 * Moodle answers the short names of its two LTI roles (services.observed.json); Canvas the
 * full URIs of the context (membership) roles.
 */
function memberRoles(flavour: Flavour, roles: string[]): string[] {
  if (flavour === 'moodle') return [roles.some((r) => STAFF.includes(r)) ? 'Instructor' : 'Learner'];
  return roles.filter((r) => r.startsWith('http://purl.imsglobal.org/vocab/lis/v2/membership'));
}

function member(flavour: Flavour, { user, status }: RosterEntry): Record<string, unknown> {
  const common = { status, name: user.name, given_name: user.givenName, family_name: user.familyName, email: user.email, user_id: user.sub, roles: memberRoles(flavour, user.roles) };
  return flavour === 'moodle' ? common : { ...common, lis_person_sourcedid: `SIS-${user.sub}`, lti11_legacy_user_id: `legacy-${user.sub}` };
}

function withQuery(base: string, query: Record<string, string | number | undefined>): string {
  const params = new URLSearchParams(Object.entries(query).filter((e): e is [string, string | number] => e[1] !== undefined).map(([k, v]) => [k, String(v)]));
  return params.size ? `${base}?${params}` : base;
}

/** The page asked for, and the Link header that goes with it (next page, or differences on the last). */
function page(host: NrpsHost, roster: Roster, base: string, query: NrpsRequestRecord['query']) {
  const since = query.since === undefined ? undefined : Number(query.since);
  const matchesRole = (r: string) => r === query.role || r.endsWith(`#${query.role}`);
  const entries = (since === undefined ? roster.members() : roster.changedSince(since))
    .map((e) => member(host.flavour, e))
    .filter((m) => !query.role || (m.roles as string[]).some(matchesRole));
  const limit = Number(query.limit) || host.nrpsPageSize || entries.length || 1;
  const from = Number(query.from) || 0;
  const links: Record<string, string> = {};
  if (from + limit < entries.length) links.next = withQuery(base, { ...query, limit, from: from + limit });
  else if (host.nrpsDifferences) links.differences = withQuery(base, { role: query.role, since: roster.version });
  return { members: entries.slice(from, from + limit), links };
}

/**
 * Names and Role Provisioning Services 2.0 membership endpoint, one roster per course.
 * @see https://www.imsglobal.org/spec/lti-nrps/v2p0#membership-container-endpoint
 */
function answerMemberships(host: NrpsHost, req: express.Request, res: express.Response): void {
  const contextId = String(req.params.contextId);
  const base = `${host.url}${req.path}`;
  const query = req.query as NrpsRequestRecord['query'];
  const record: NrpsRequestRecord = { at: new Date(), url: `${host.url}${req.originalUrl}`, contextId, query, accept: req.get('accept'), status: 200, memberCount: 0, links: [] };
  host.nrpsRequests.push(record);
  if (!host.features.nrps) return void res.status((record.status = 404)).json({ error: 'not_found' });
  const auth = host.accessTokens.check(req.get('authorization'), NRPS_SCOPE);
  if (!auth.ok) {
    record.status = auth.status;
    return void res.status(auth.status).set('www-authenticate', `Bearer error="${auth.error}", error_description="${auth.description}"`).json({ error: auth.error, error_description: auth.description });
  }
  const roster = host.roster(contextId);
  const { members, links } = page(host, roster, base, query);
  Object.assign(record, { memberCount: members.length, links: Object.keys(links) });
  if (record.links.length) res.set('link', Object.entries(links).map(([rel, url]) => `<${url}>; rel="${rel}"`).join(', '));
  res.type(NRPS_MEDIA_TYPE).send(JSON.stringify({ id: record.url, context: roster.context, members }));
}

export function mountNrpsEndpoint(app: express.Express, host: NrpsHost): void {
  const handler = (req: express.Request, res: express.Response) => answerMemberships(host, req, res);
  app.get('/api/lti/courses/:contextId/names_and_roles', handler);
  app.get('/mod/lti/services.php/CourseSection/:contextId/bindings/:typeId/memberships', handler);
}
