import { Router, type Request } from 'express';
import { z } from 'zod';
import type { ProgramRepository } from '../../mentoring/programs/ports.js';
import { ACTIVITIES, MATCHING_MODES, PROGRAM_TYPES, PURPOSES } from '../../mentoring/programs/program-options.js';
import { getProgram } from '../../mentoring/programs/program-use-cases.js';
import type { ParticipantStore } from '../../mentoring/roster/participant-ports.js';
import { assignProgramRole, decideMentorNomination, listParticipants, listParticipantsPage } from '../../mentoring/roster/participant-use-cases.js';
import type { MembershipService, RosterStore } from '../../mentoring/roster/ports.js';
import { syncRoster } from '../../mentoring/roster/sync-roster.js';
import { AppError } from '../../shared/errors.js';
import type { Logger } from '../../shared/logger.js';
import type { RenderView } from '../views.js';
import { participantRow, participantsCsv } from '../view-models/participant-rows.js';
import { clampPage, pageRequest, pagerModel } from '../view-models/pager.js';
import { bodyOf, isUuid, noticeFrom, param, redirectTo, scopeOf, sessionOf, urlFor } from './route-helpers.js';
import { allow } from '../policy.js';
import type { SetupProgressStore } from '../../mentoring/guided/setup-checklist.js';
import { setupStepsModel } from '../view-models/setup-steps.js';

interface Deps {
  render: RenderView;
  programs: ProgramRepository;
  participants: ParticipantStore;
  roster: RosterStore;
  memberships: MembershipService;
  logger: Logger;
  setupProgress: SetupProgressStore;
}

const NOTICES: Record<string, string> = {
  created: 'The program is set up. Bring in the roster, then add its activities to the course.',
  saved: 'Settings saved.', duplicated: 'The program was copied into the other course.', role: 'Role changed.', nomination: 'Nomination decided.',
  synced: 'The roster was brought in from the LMS.', 'sync-failed': 'The roster could not be brought in; see the last sync below.',
  'no-nrps': 'This LMS does not share its course roster with the tool. Participants appear as they open the activity.',
};

const filterSchema = z.object({
  role: z.enum(['mentee', 'mentor', 'both']).optional().catch(undefined),
  status: z.enum(['active', 'inactive']).optional().catch(undefined),
  q: z.string().trim().max(100).optional().catch(undefined),
});

const ids = (req: Request) => {
  const programId = param(req, 'programId');
  const participantId = req.params.participantId === undefined ? null : param(req, 'participantId');
  if (!isUuid(programId) || (participantId !== null && !isUuid(participantId))) throw new AppError('NOT_FOUND', 404, 'There is no such page in this course.', { cause: { programId, participantId } });
  return { programId, participantId: participantId ?? '' };
};

/** The program's admin page: participants, roster from the LMS, roles and nominations, CSV. */
export function programAdminRoutes(deps: Deps): Router {
  const router = Router();

  router.get('/staff/programs/:programId', allow('manage-program'), async (req, res) => {
    const scope = scopeOf(res);
    const { programId } = ids(req);
    const program = await getProgram(deps, scope, programId);
    const filter = filterSchema.parse(req.query);
    const wanted = { role: filter.role, status: filter.status, search: filter.q || undefined };
    const asked = pageRequest(req);
    let found = await listParticipantsPage(deps, scope, programId, wanted, asked);
    const page = clampPage(asked, found.total);
    if (page !== asked) found = await listParticipantsPage(deps, scope, programId, wanted, page);
    const { people, stats } = found;
    const source = await deps.roster.source(scope.tenantId, scope.courseId);
    const syncs = await deps.roster.lastSyncs(scope.tenantId, scope.courseId, 1);
    const targets = await deps.programs.coursesWhereStaff(scope);
    const self = `/staff/programs/${program.id}`;
    const setup = setupStepsModel(await deps.setupProgress.counts(scope, programId), Boolean(source?.membershipsUrl), {
      sync: `${self}/roster/sync`, propose: `${self}/matching/propose`, matching: urlFor(res, `${self}/matching`),
      progress: urlFor(res, `${self}/circle-progress`), participants: `${urlFor(res, self)}#people-title`,
      remind: `${self}/notifications/remind`,
    });
    res.type('html').send(deps.render('programs/admin', {
      setup,
      title: program.title, courseTitle: sessionOf(res).courseTitle, formAuth: res.locals.formAuth,
      notice: noticeFrom(req, NOTICES),
      program: { ...program, purposeLabel: PURPOSES[program.purpose], typeLabels: program.programTypes.map((t) => PROGRAM_TYPES[t]), matchingLabel: MATCHING_MODES[program.matchingMode] },
      stats, matching: found.total, filtered: found.total !== stats.total,
      participants: people.map(participantRow), filter,
      pager: pagerModel(res, `/staff/programs/${program.id}`, { ...page, q: filter.q ?? '' }, found.total, { ...(filter.role && { role: filter.role }), ...(filter.status && { status: filter.status }) }),
      rosterAvailable: Boolean(source?.membershipsUrl), lastSync: syncs[0] ?? null, targets,
      workspace: sessionOf(res).tenantKind === 'workspace',
      activities: Object.values(ACTIVITIES),
      urls: {
        self: `/staff/programs/${program.id}`, settings: urlFor(res, `/staff/programs/${program.id}/settings`), csv: urlFor(res, `/staff/programs/${program.id}/participants.csv`),
        home: urlFor(res, '/home'), sync: `/staff/programs/${program.id}/roster/sync`, duplicate: `/staff/programs/${program.id}/duplicate`, session: res.locals.sessionToken,
      },
    }));
  });

  router.get('/staff/programs/:programId/participants.csv', allow('manage-program'), async (req, res) => {
    const { programId } = ids(req);
    const program = await getProgram(deps, scopeOf(res), programId);
    const people = await listParticipants(deps, scopeOf(res), programId, {});
    const filename = `${program.title.replace(/[^\w.-]+/g, '-').slice(0, 60) || 'program'}-participants.csv`;
    res.type('text/csv; charset=utf-8').attachment(filename).send(participantsCsv(people));
  });

  router.post('/staff/programs/:programId/roster/sync', allow('manage-program'), async (req, res) => {
    const { programId } = ids(req);
    const scope = scopeOf(res);
    await getProgram(deps, scope, programId);
    const result = await syncRoster(deps, scope, 'manual');
    redirectTo(res, `/staff/programs/${programId}`, { notice: result.status === 'succeeded' ? 'synced' : result.status === 'unavailable' ? 'no-nrps' : 'sync-failed' });
  });

  router.post('/staff/programs/:programId/participants/:participantId/role', allow('manage-program'), async (req, res) => {
    const { programId, participantId } = ids(req);
    const role = z.enum(['mentee', 'mentor', 'both']).safeParse(bodyOf(req).role);
    if (!role.success) throw new AppError('ROLE_INVALID', 400, 'Choose mentee, mentor, or peer.');
    await assignProgramRole(deps, scopeOf(res), programId, participantId, role.data);
    redirectTo(res, `/staff/programs/${programId}`, { notice: 'role' });
  });

  router.post('/staff/programs/:programId/participants/:participantId/nomination', allow('manage-program'), async (req, res) => {
    const { programId, participantId } = ids(req);
    const decision = bodyOf(req).decision;
    if (decision !== 'approve' && decision !== 'decline') throw new AppError('DECISION_INVALID', 400, 'Approve or decline the nomination.');
    await decideMentorNomination(deps, scopeOf(res), programId, participantId, decision === 'approve');
    redirectTo(res, `/staff/programs/${programId}`, { notice: 'nomination' });
  });

  return router;
}
