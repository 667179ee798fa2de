import { Router, type Response } from 'express';
import type { ProgramRepository } from '../../mentoring/programs/ports.js';
import { PROGRAM_TYPES } from '../../mentoring/programs/program-options.js';
import type { ParticipantStore } from '../../mentoring/roster/participant-ports.js';
import type { Session } from '../session.js';
import type { RenderView } from '../views.js';
import type { PromptPanels } from '../view-models/prompt-panels.js';
import { scopeOf, sessionOf, urlFor } from './route-helpers.js';

interface Deps {
  render: RenderView;
  programs: ProgramRepository;
  participants: ParticipantStore;
  promptPanels?: PromptPanels;
  inboxLine?: (res: Response) => Promise<{ unread: number; url: string }>;
}

const staffTitle = (s: Session) =>
  s.tenantKind === 'workspace' ? 'Mentoring in this workspace' : 'Mentoring for this course';

/** The landing page of a launch: staff see the course's programs; learners see theirs. */
export function homeRoutes(deps: Deps): Router {
  const router = Router();

  router.get('/home', async (req, res) => {
    const session = sessionOf(res);
    const scope = scopeOf(res);
    const staff = session.courseRole === 'staff';
    const programs = await deps.programs.listForCourse(scope);
    const joined = staff || programs.length === 0 ? [] : await deps.participants.activeProgramIdsOf(scope, scope.userId);
    const mine = staff ? programs : programs.filter((p) => joined.includes(p.id));
    const prompts = staff ? {} : ((await deps.promptPanels?.forLearner(res, mine.map((p) => p.id))) ?? {});
    const inbox = staff ? null : ((await deps.inboxLine?.(res)) ?? null);
    res.type('html').send(
      deps.render(staff ? 'home/staff' : 'home/learner', {
        title: staff ? staffTitle(session) : 'Your mentoring space',
        userName: session.userName,
        courseTitle: session.courseTitle,
        returnUrl: session.returnUrl,
        copiedLink: req.query.copied === '1',
        programs: mine.map((p) => ({
          title: p.title, dates: `${p.startsOn} to ${p.endsOn}`, types: p.programTypes.map((t) => PROGRAM_TYPES[t]).join('; '),
          url: urlFor(res, staff ? `/staff/programs/${p.id}` : `/programs/${p.id}`), prompt: prompts[p.id] ?? null,
        })),
        newProgramUrl: urlFor(res, '/staff/programs/new'),
        dashboardUrl: urlFor(res, '/staff/dashboard'),
        lrsUrl: urlFor(res, '/staff/lrs'),
        inbox,
        workspaceUrl: session.tenantKind === 'workspace' ? urlFor(res, '/staff/workspace') : null,
      }),
    );
  });

  return router;
}
