import { Router, type Request, type Response } from 'express';
import type { ProgramRepository } from '../../mentoring/programs/ports.js';
import { configureProgram, createProgram, duplicateProgram, getProgram } from '../../mentoring/programs/program-use-cases.js';
import { defaultProgramSettings } from '../../mentoring/programs/program-settings.js';
import type { Clock } from '../../shared/clock.js';
import { AppError } from '../../shared/errors.js';
import type { RenderView } from '../views.js';
import { programFormModel } from '../view-models/program-form.js';
import { bodyOf, isUuid, param, redirectTo, scopeOf, sessionOf, urlFor } from './route-helpers.js';
import { allow } from '../policy.js';
import type { MembershipService, RosterStore } from '../../mentoring/roster/ports.js';
import { syncRoster } from '../../mentoring/roster/sync-roster.js';
import type { Logger } from '../../shared/logger.js';

/** What the short first step asks (it fits the LMS's 800 × 600 content dialog); the rest is the defaults. */
const FIRST_STEP_FIELDS = ['title', 'programTypes', 'startsOn', 'endsOn'] as const;

function firstStepInput(body: Record<string, unknown>, defaults: object): Record<string, unknown> {
  const asked = Object.fromEntries(FIRST_STEP_FIELDS.filter((f) => body[f] !== undefined).map((f) => [f, body[f]]));
  return { ...defaults, ...asked, virtual: body.virtual ?? false, returnTo: body.returnTo };
}

interface Deps {
  render: RenderView;
  programs: ProgramRepository;
  clock: Clock;
  roster: RosterStore;
  memberships: MembershipService;
  logger: Logger;
}

/** A new program starts with the course's people when the LMS shares its roster (one step fewer). */
async function bringInRoster(deps: Deps, scope: ReturnType<typeof scopeOf>): Promise<void> {
  // The program is saved whatever happens here: a failed sync is recorded and retried from the page.
  const result = await syncRoster(deps, scope, 'manual').catch((err: unknown) => ({ status: 'failed' as const, error: String(err) }));
  if (result.status === 'failed') deps.logger.warn({ ...scope, error: result.error }, 'roster sync after program creation failed');
}

/** Staff pages to create and configure a program; mounted behind session, staff and CSRF checks. */
export function programRoutes(deps: Deps): Router {
  const router = Router();
  const programId = (req: Request) => {
    const id = param(req, 'programId');
    if (!isUuid(id)) throw new AppError('PROGRAM_NOT_FOUND', 404, 'There is no such mentoring program in this course.', { cause: { programId: id } });
    return id;
  };

  function renderForm(res: Response, model: { title: string; action: string; submitLabel: string; values: object; errors?: Record<string, string>; deepLink: boolean; firstStep?: boolean }) {
    const session = sessionOf(res);
    res.type('html').send(deps.render(model.firstStep ? 'programs/first-step' : 'programs/form', {
      ...programFormModel(model.values as Record<string, unknown>, model.errors), title: model.title, action: model.action, submitLabel: model.submitLabel,
      deepLink: model.deepLink, firstStep: model.firstStep ?? false, courseTitle: session.courseTitle, formAuth: res.locals.formAuth,
      cancelUrl: urlFor(res, model.deepLink ? '/deep-linking' : '/home'),
    }));
  }

  router.get('/staff/programs/new', allow('manage-program'), (req, res) => {
    const values = defaultProgramSettings(deps.clock.now(), sessionOf(res).courseTitle);
    renderForm(res, { title: 'New mentoring program', action: '/staff/programs', submitLabel: 'Create the program', values, deepLink: req.query.from === 'deep-linking', firstStep: true });
  });

  router.post('/staff/programs', allow('manage-program'), async (req, res) => {
    const body = bodyOf(req);
    const firstStep = body.step === 'first';
    const input = firstStep ? firstStepInput(body, defaultProgramSettings(deps.clock.now(), sessionOf(res).courseTitle)) : body;
    const result = await createProgram(deps, scopeOf(res), input);
    if (!result.ok) {
      res.status(422);
      return renderForm(res, { title: 'New mentoring program', action: '/staff/programs', submitLabel: 'Create the program', values: input, errors: result.errors, deepLink: body.returnTo === 'deep-linking', firstStep });
    }
    await bringInRoster(deps, scopeOf(res));
    if (input.returnTo === 'deep-linking' && sessionOf(res).deepLinkRequestId) return redirectTo(res, '/deep-linking', { created: result.program.id });
    redirectTo(res, `/staff/programs/${result.program.id}`, { notice: 'created' });
  });

  router.get('/staff/programs/:programId/settings', allow('manage-program'), async (req, res) => {
    const program = await getProgram(deps, scopeOf(res), programId(req));
    renderForm(res, { title: `Settings: ${program.title}`, action: `/staff/programs/${program.id}/settings`, submitLabel: 'Save the settings', values: program, deepLink: false });
  });

  router.post('/staff/programs/:programId/settings', allow('manage-program'), async (req, res) => {
    const id = programId(req);
    const result = await configureProgram(deps, scopeOf(res), id, bodyOf(req));
    if (!result.ok) {
      res.status(422);
      return renderForm(res, { title: 'Program settings', action: `/staff/programs/${id}/settings`, submitLabel: 'Save the settings', values: bodyOf(req), errors: result.errors, deepLink: false });
    }
    redirectTo(res, `/staff/programs/${id}`, { notice: 'saved' });
  });

  router.post('/staff/programs/:programId/duplicate', allow('manage-program'), async (req, res) => {
    const target = String(bodyOf(req).targetCourseId ?? '');
    if (!isUuid(target)) throw new AppError('COURSE_NOT_FOUND', 404, 'You can copy a program only into another course where you teach.');
    await duplicateProgram(deps, scopeOf(res), programId(req), target);
    redirectTo(res, `/staff/programs/${programId(req)}`, { notice: 'duplicated' });
  });

  return router;
}
