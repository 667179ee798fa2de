import { isAppError } from '../../shared/errors.js';
import type { Logger } from '../../shared/logger.js';
import { domainEvent, type DomainEvent } from '../events.js';
import type { ProgramRepository } from '../programs/ports.js';
import { initialProgramRole } from './program-role.js';
import type { CourseRosterSource, MembershipService, ParticipantChange, RosterOutcome, RosterStore, RosterSync } from './ports.js';

interface Deps {
  roster: RosterStore;
  programs: ProgramRepository;
  memberships: MembershipService;
  logger: Logger;
}

export type SyncResult =
  | { status: 'succeeded'; outcome: RosterOutcome; pages: number; mode: 'full' | 'differences' }
  | { status: 'unavailable' }
  | { status: 'failed'; error: string };

function changeEvents(tenantId: string, courseId: string, changes: ParticipantChange[]): DomainEvent[] {
  return changes.map((c) => {
    const fields = { tenantId, courseId, programId: c.programId, circleId: null, actorUserId: c.userId };
    return c.kind === 'joined'
      ? domainEvent('participant_joined_program', { ...fields, data: { programRole: c.programRole === 'both' ? 'peer' : c.programRole, source: 'roster' } })
      : domainEvent('participant_left_program', { ...fields, data: { source: 'roster' } });
  });
}

/** Incremental when the LMS gave a differences link last time; a full fetch if that link fails. */
async function fetchRoster(deps: Deps, source: CourseRosterSource & { membershipsUrl: string }) {
  if (source.differencesUrl) {
    try {
      return { ...(await deps.memberships.fetchMembers(source, source.differencesUrl)), mode: 'differences' as const };
    } catch (err) {
      deps.logger.warn({ tenantId: source.tenantId, courseId: source.courseId, err }, 'roster differences failed; fetching the full roster');
    }
  }
  return { ...(await deps.memberships.fetchMembers(source, source.membershipsUrl)), mode: 'full' as const };
}

/**
 * Brings the course roster in from the LMS (NRPS): joiners become participants of every program
 * of the course, leavers become inactive and are flagged for staff, never deleted.
 */
export async function syncRoster(deps: Deps, scope: { tenantId: string; courseId: string; userId: string | null }, trigger: RosterSync['trigger']): Promise<SyncResult> {
  const source = await deps.roster.source(scope.tenantId, scope.courseId);
  if (!source?.membershipsUrl) return { status: 'unavailable' };
  const withUrl = { ...source, membershipsUrl: source.membershipsUrl };
  const syncId = await deps.roster.startSync(scope.tenantId, scope.courseId, trigger);
  try {
    const fetched = await fetchRoster(deps, withUrl);
    const programs = await deps.programs.listForCourse(scope);
    const byId = new Map(programs.map((p) => [p.id, p]));
    const mode = fetched.mode;
    const outcome = await deps.roster.apply(
      { tenantId: scope.tenantId, courseId: scope.courseId, members: fetched.members, mode, roleFor: (programId, m) => initialProgramRole(byId.get(programId)!, m.courseRole, m.contextRoleNames) },
      (changes) => changeEvents(scope.tenantId, scope.courseId, changes),
    );
    await deps.roster.finishSync(syncId, { ok: true, outcome, pages: fetched.pages, differencesUrl: fetched.differencesUrl });
    deps.logger.info({ ...scope, trigger, mode, ...outcome, pages: fetched.pages }, 'roster synced');
    return { status: 'succeeded', outcome, pages: fetched.pages, mode };
  } catch (err) {
    const error = isAppError(err) ? err.message : `Unexpected error: ${(err as Error).message}`;
    await deps.roster.finishSync(syncId, { ok: false, error });
    deps.logger.warn({ ...scope, trigger, err }, 'roster sync failed');
    return { status: 'failed', error };
  }
}
