import { Router, type Request, type Response } from 'express';
import { addSkill, getProgramSkills, openMyProfile, removeSkill, renameSkill, saveMyProfile, type ProfileDeps } from '../../mentoring/profiles/profile-use-cases.js';
import type { ProfileSheet } from '../../mentoring/profiles/profile-use-cases.js';
import type { ProfileErrors } from '../../mentoring/profiles/profile-input.js';
import { getProgram } from '../../mentoring/programs/program-use-cases.js';
import type { RenderView } from '../views.js';
import { ROLE_LABELS } from '../view-models/participant-rows.js';
import { joinedLanguages, profileFormModel, valuesFromAnswers, valuesFromInput } from '../view-models/profile-form.js';
import { refusalMessage, uuidParams } from './circles-route-helpers.js';
import { bodyOf, redirectTo, scopeOf, sessionOf, urlFor } from './route-helpers.js';
import { allow } from '../policy.js';
import type { Clock } from '../../shared/clock.js';
import { searchProgramPeople, type PeopleSearchStore } from '../../mentoring/profiles/people-search.js';

type Deps = ProfileDeps & { render: RenderView; clock: Clock; peopleSearch: PeopleSearchStore };

const SKILL_REFUSALS = ['SKILL_NAME_INVALID', 'SKILL_DUPLICATE', 'SKILL_LAST'];
/** Divisions offered in the profile form's list (the most used in the program). */
const DIVISIONS_LISTED = 50;

/** A participant's profile form, and the program's skill list for staff. */
export function profileRoutes(deps: Deps): Router {
  const router = Router();

  async function renderProfile(res: Response, sheet: ProfileSheet, values: ReturnType<typeof valuesFromAnswers>, extra: { errors?: ProfileErrors; saved?: boolean; completedNow?: boolean } = {}) {
    const programPath = `/programs/${sheet.program.id}`;
    const divisions = await deps.peopleSearch.divisions(scopeOf(res), sheet.program.id, DIVISIONS_LISTED);
    res.type('html').send(deps.render('profiles/form', {
      divisions,
      ...profileFormModel(sheet, values, deps.clock.now(), extra.errors), saved: extra.saved, completedNow: extra.completedNow,
      title: 'Your profile', courseTitle: sessionOf(res).courseTitle, formAuth: res.locals.formAuth, program: sheet.program, roleLabel: ROLE_LABELS[sheet.me.programRole].toLowerCase(),
      urls: { program: urlFor(res, programPath), save: `${programPath}/profile`, people: urlFor(res, `${programPath}/profile/people`) },
    }));
  }

  router.get('/programs/:programId/profile', async (req, res) => {
    const { programId } = uuidParams(req, 'programId');
    const sheet = await openMyProfile(deps, scopeOf(res), programId);
    await renderProfile(res, sheet, valuesFromAnswers(sheet.answers), { saved: req.query.notice === 'saved', completedNow: req.query.completed === '1' });
  });

  router.get('/programs/:programId/profile/people', async (req, res) => {
    const { programId } = uuidParams(req, 'programId');
    res.json(await searchProgramPeople(deps, scopeOf(res), programId, { q: req.query.q, offset: req.query.offset }));
  });

  router.post('/programs/:programId/profile', async (req, res) => {
    const { programId } = uuidParams(req, 'programId');
    const body = joinedLanguages(bodyOf(req));
    const result = await saveMyProfile(deps, scopeOf(res), programId, body);
    if (!result.ok) {
      res.status(422);
      const values = result.keptSaved ? valuesFromAnswers(result.sheet.answers) : valuesFromInput(body);
      return renderProfile(res, result.sheet, values, { errors: result.errors });
    }
    redirectTo(res, `/programs/${programId}/profile`, { notice: 'saved', ...(result.completedNow && { completed: '1' }) });
  });

  async function renderSkills(res: Response, programId: string, error: string | null = null) {
    const program = await getProgram(deps, scopeOf(res), programId);
    const skills = await getProgramSkills(deps, scopeOf(res), programId);
    const base = `/staff/programs/${programId}/skills`;
    res.status(error ? 422 : 200).type('html').send(deps.render('profiles/skills', {
      title: `Skills · ${program.title}`, courseTitle: sessionOf(res).courseTitle, formAuth: res.locals.formAuth, program, error,
      notice: res.req.query.notice === 'saved' && !error ? 'Skills saved.' : null,
      skills: skills.map((s) => ({ ...s, renameUrl: `${base}/${s.id}`, removeUrl: `${base}/${s.id}/remove` })),
      urls: { admin: urlFor(res, `/staff/programs/${programId}`), add: base },
    }));
  }

  router.get('/staff/programs/:programId/skills', allow('manage-program'), async (req, res) => renderSkills(res, uuidParams(req, 'programId').programId));

  /** A change to the skill list: done, or the list again with the refusal in words. */
  const skillChange = (change: (req: Request, res: Response, programId: string) => Promise<void>) => async (req: Request, res: Response) => {
    const { programId } = uuidParams(req, 'programId');
    try {
      await change(req, res, programId);
    } catch (err) {
      return renderSkills(res, programId, refusalMessage(err, SKILL_REFUSALS));
    }
    redirectTo(res, `/staff/programs/${programId}/skills`, { notice: 'saved' });
  };

  router.post('/staff/programs/:programId/skills', allow('manage-program'), skillChange((req, res, programId) => addSkill(deps, scopeOf(res), programId, bodyOf(req).name)));
  router.post('/staff/programs/:programId/skills/:skillId', allow('manage-program'), skillChange((req, res, programId) =>
    renameSkill(deps, scopeOf(res), programId, uuidParams(req, 'skillId').skillId, bodyOf(req).name)));
  router.post('/staff/programs/:programId/skills/:skillId/remove', allow('manage-program'), skillChange((req, res, programId) =>
    removeSkill(deps, scopeOf(res), programId, uuidParams(req, 'skillId').skillId)));

  return router;
}
