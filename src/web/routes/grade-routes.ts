import { Router, type Response } from 'express';
import type { GradeStore } from '../../mentoring/grades/ports.js';
import {
  previewGrades, saveGradeSettings, sendScoresNow,
} from '../../mentoring/grades/grade-use-cases.js';
import type { GradeFieldErrors } from '../../mentoring/grades/grade-settings.js';
import type { ProgramRepository } from '../../mentoring/programs/ports.js';
import { getProgram } from '../../mentoring/programs/program-use-cases.js';
import type { Clock } from '../../shared/clock.js';
import { allow } from '../policy.js';
import type { RenderView } from '../views.js';
import { gradePageModel } from '../view-models/grade-page.js';
import {
  bodyOf, noticeFrom, redirectTo, scopeOf, sessionOf, urlFor, uuidParams,
} from './route-helpers.js';

interface Deps {
  render: RenderView;
  programs: ProgramRepository;
  grades: GradeStore;
  clock: Clock;
  /** Deliver soon after "send scores now" (null without jobs: the next tick sends). */
  kick: (() => Promise<void>) | null;
}

const NOTICES: Record<string, string> = {
  saved: 'Grade settings saved. Changed scores are on their way to the LMS.',
  sent: 'Scores queued: they reach the LMS gradebook within a minute.',
  'nothing-sent': 'Nothing was sent: the LMS does not let the tool write scores here (see below).',
};

/** The program's "Grades" page: what the score means, every score and why, "send now". */
export function gradeRoutes(deps: Deps): Router {
  const router = Router();
  const base = (id: string) => `/staff/programs/${id}/grades`;

  async function renderPage(
    res: Response, programId: string, values?: Record<string, unknown>, errors?: GradeFieldErrors,
  ) {
    const scope = scopeOf(res);
    const program = await getProgram(deps, scope, programId);
    const offersAgs = await deps.grades.courseOffersAgs(scope);
    const preview = await previewGrades(deps, scope, programId, deps.clock.now(), offersAgs);
    res.type('html').send(deps.render('programs/grades', {
      ...gradePageModel(preview, values ?? preview.settings, errors),
      title: `Grades: ${program.title}`, programTitle: program.title,
      courseTitle: sessionOf(res).courseTitle, formAuth: res.locals.formAuth,
      notice: res.statusCode === 200 ? noticeFrom(res.req, NOTICES) : null,
      urls: {
        self: base(programId), send: `${base(programId)}/send`,
        program: urlFor(res, `/staff/programs/${programId}`),
      },
    }));
  }

  router.get('/staff/programs/:programId/grades', allow('manage-grades'), async (req, res) => {
    await renderPage(res, uuidParams(req, 'programId').programId);
  });

  router.post('/staff/programs/:programId/grades', allow('manage-grades'), async (req, res) => {
    const { programId } = uuidParams(req, 'programId');
    await getProgram(deps, scopeOf(res), programId);
    const now = deps.clock.now();
    const result = await saveGradeSettings(deps, scopeOf(res), programId, bodyOf(req), now);
    if (!result.ok) {
      res.status(422);
      return renderPage(res, programId, bodyOf(req), result.errors);
    }
    await deps.kick?.();
    redirectTo(res, base(programId), { notice: 'saved' });
  });

  router.post('/staff/programs/:programId/grades/send', allow('send-grades'), async (req, res) => {
    const { programId } = uuidParams(req, 'programId');
    await getProgram(deps, scopeOf(res), programId);
    const result = await sendScoresNow(deps, scopeOf(res), programId, deps.clock.now());
    if (result.queued) await deps.kick?.();
    const notice = result.service === 'ready' ? 'sent' : 'nothing-sent';
    redirectTo(res, base(programId), { notice });
  });

  return router;
}
