/**
 * LTI role vocabulary → what the tool needs: is this person course staff (sets up mentoring)
 * or a learner (takes part)?
 * @see https://www.imsglobal.org/spec/lti/v1p3/#role-vocabularies
 */
export type CourseRole = 'staff' | 'learner';

export type RoleScope = 'context' | 'institution' | 'system';

export interface ParsedRole {
  scope: RoleScope;
  /** Principal role, e.g. `Instructor` for `membership/Instructor#TeachingAssistant`. */
  name: string;
  subRole: string | null;
}

const VOCAB = 'http://purl.imsglobal.org/vocab/lis/v2/';
const CONTEXT_STAFF = new Set(['Instructor', 'TeachingAssistant', 'ContentDeveloper', 'Administrator']);
const PERSON_STAFF = new Set(['Administrator', 'SysAdmin']);

export function parseRole(role: string): ParsedRole | null {
  const value = role.trim();
  if (!value) return null;
  // LTI 1.1-style short names ("Instructor"), which Moodle's NRPS still returns, are context roles.
  if (!value.includes('/') && !value.includes('#')) return { scope: 'context', name: value, subRole: null };
  if (!value.startsWith(VOCAB)) return null;
  const rest = value.slice(VOCAB.length);
  const [path = '', fragment = ''] = rest.split('#');
  if (path === 'membership') return { scope: 'context', name: fragment, subRole: null };
  if (path.startsWith('membership/')) return { scope: 'context', name: path.slice('membership/'.length), subRole: fragment || null };
  if (path === 'institution/person') return { scope: 'institution', name: fragment, subRole: null };
  if (path === 'system/person') return { scope: 'system', name: fragment, subRole: null };
  return null;
}

export function courseRoleOf(roles: readonly string[]): CourseRole {
  for (const role of roles) {
    const parsed = parseRole(role);
    if (!parsed) continue;
    // The principal role decides: `membership/Instructor#TeachingAssistant` is staff, `membership/Learner#Instructor` is not.
    if (parsed.scope === 'context' && CONTEXT_STAFF.has(parsed.name)) return 'staff';
    if (parsed.scope !== 'context' && PERSON_STAFF.has(parsed.name)) return 'staff';
  }
  return 'learner';
}

/**
 * LMS administrators: the institution or system Administrator role (Moodle site administrators;
 * Canvas account administrators), or Canvas's system SysAdmin. Only they change deployment-wide
 * settings; a course Instructor, even of every course, is not one.
 * @see https://www.imsglobal.org/spec/lti/v1p3/#lis-vocabulary-for-system-roles
 */
export function isTenantAdmin(roles: readonly string[]): boolean {
  return roles.some((role) => {
    const parsed = parseRole(role);
    if (!parsed || parsed.scope === 'context') return false;
    return parsed.name === 'Administrator' || (parsed.scope === 'system' && parsed.name === 'SysAdmin');
  });
}

/** Context role names a person holds (`Learner`, `Mentor`, `TeachingAssistant`…), from URIs or short names. */
export function contextRoleNames(roles: readonly string[]): string[] {
  return roles.map(parseRole).flatMap((r) => (r?.scope === 'context' ? [r.subRole ?? r.name] : []));
}
