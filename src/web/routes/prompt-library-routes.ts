import { Router, type Request, type Response } from 'express';
import { addPrompt, programPrompts, revisePrompt, setPromptRetired } from '../../mentoring/prompts/library-use-cases.js';
import { PROMPT_CATEGORIES } from '../../mentoring/prompts/prompt-options.js';
import { AppError } from '../../shared/errors.js';
import type { PromptWebDeps } from '../prompt-web-deps.js';
import { promptFormChoices, promptFormValues } from '../view-models/prompt-admin-views.js';
import { promptContentView } from '../view-models/prompt-views.js';
import { programIdOf } from './prompt-admin-routes.js';
import { bodyOf, isUuid, param, redirectTo, scopeOf, sessionOf, urlFor, noticeFrom } from './route-helpers.js';
import { allow } from '../policy.js';

const NOTICES: Record<string, string> = {
  added: 'Prompt added to the library. Add it to the track to schedule it.', revised: 'Saved as a new version. Prompts already delivered keep their words.',
  retired: 'Prompt retired: it leaves the track and cannot be inserted.', restored: 'Prompt restored.', track: 'Track updated.',
};

const promptIdOf = (req: Request) => {
  const id = param(req, 'promptId');
  if (!isUuid(id)) throw new AppError('PROMPT_NOT_FOUND', 404, 'There is no such prompt in this program.');
  return id;
};

/** A form's fields as typed, keeping repeated fields (checkboxes) as lists. */
const formValues = (body: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(body).filter(([, v]) => typeof v === 'string' || Array.isArray(v))) as Record<string, string | string[]>;

/** Staff: the program's own library — add, edit (as new versions), retire and restore prompts. */
export function promptLibraryRoutes(deps: PromptWebDeps): Router {
  const router = Router();
  const base = (programId: string) => `/staff/programs/${programId}/prompts/library`;

  router.get('/staff/programs/:programId/prompts/library', allow('manage-program'), async (req, res) => {
    const programId = programIdOf(req);
    const all = await programPrompts(deps, scopeOf(res), programId);
    const groups = Object.entries(PROMPT_CATEGORIES).map(([category, label]) => ({
      label,
      prompts: all.prompts.filter((p) => p.category === category).map((p) => ({
        ...promptContentView(p), id: p.id, version: p.version, retired: p.retired, trackPosition: p.trackPosition, own: p.libraryKey === null, editUrl: urlFor(res, `${base(programId)}/${p.id}`),
      })),
    })).filter((g) => g.prompts.length);
    res.type('html').send(deps.render('prompts/library', {
      title: `Prompt library: ${all.program.title}`, courseTitle: sessionOf(res).courseTitle, formAuth: res.locals.formAuth, program: all.program,
      notice: noticeFrom(req, NOTICES), groups, total: all.prompts.length, active: all.prompts.filter((p) => !p.retired).length,
      urls: { overview: urlFor(res, `/staff/programs/${programId}/prompts`), newPrompt: urlFor(res, `${base(programId)}/new`), track: `/staff/programs/${programId}/prompts/track`, base: base(programId) },
    }));
  });

  async function renderForm(req: Request, res: Response, form: { values: Record<string, string | string[]>; errors?: Record<string, string> }, promptId: string | null) {
    const programId = programIdOf(req);
    const all = await programPrompts(deps, scopeOf(res), programId);
    const prompt = promptId ? all.prompts.find((p) => p.id === promptId) : undefined;
    if (promptId && !prompt) throw new AppError('PROMPT_NOT_FOUND', 404, 'There is no such prompt in this program.');
    const versions = promptId ? await deps.library.versions(scopeOf(res), programId, promptId) : [];
    const errors = form.errors ?? {};
    res.status(form.errors ? 422 : 200).type('html').send(deps.render('prompts/prompt-form', {
      title: prompt ? `Edit: ${prompt.title}` : 'New prompt', courseTitle: sessionOf(res).courseTitle, formAuth: res.locals.formAuth, program: all.program,
      editing: Boolean(prompt), version: prompt?.version, errors, errorCount: Object.keys(errors).length, values: form.values, ...promptFormChoices(form.values),
      versions: versions.map((v) => ({ ...promptContentView(v), version: v.version, date: v.createdAt.toISOString().slice(0, 10) })),
      action: prompt ? `${base(programId)}/${prompt.id}` : base(programId), cancelUrl: urlFor(res, base(programId)),
      retireAction: prompt ? `${base(programId)}/${prompt.id}/retire` : null, retired: prompt?.retired ?? false,
    }));
  }

  router.get('/staff/programs/:programId/prompts/library/new', allow('manage-program'), (req, res) =>
    renderForm(req, res, { values: { audience: 'circle', minutes: '5', programTypes: ['one_on_one', 'group', 'reverse', 'peer'] } }, null));

  router.post('/staff/programs/:programId/prompts/library', allow('manage-program'), async (req, res) => {
    const programId = programIdOf(req);
    const result = await addPrompt(deps, scopeOf(res), programId, bodyOf(req));
    if (!result.ok) return renderForm(req, res, { values: formValues(bodyOf(req)), errors: result.errors }, null);
    redirectTo(res, base(programId), { notice: 'added' });
  });

  router.get('/staff/programs/:programId/prompts/library/:promptId', allow('manage-program'), async (req, res) => {
    const programId = programIdOf(req);
    const promptId = promptIdOf(req);
    const prompt = (await programPrompts(deps, scopeOf(res), programId)).prompts.find((p) => p.id === promptId);
    if (!prompt) throw new AppError('PROMPT_NOT_FOUND', 404, 'There is no such prompt in this program.');
    await renderForm(req, res, { values: promptFormValues(prompt) }, promptId);
  });

  router.post('/staff/programs/:programId/prompts/library/:promptId', allow('manage-program'), async (req, res) => {
    const programId = programIdOf(req);
    const promptId = promptIdOf(req);
    const result = await revisePrompt(deps, scopeOf(res), programId, promptId, bodyOf(req));
    if (!result.ok) return renderForm(req, res, { values: formValues(bodyOf(req)), errors: result.errors }, promptId);
    redirectTo(res, base(programId), { notice: 'revised' });
  });

  router.post('/staff/programs/:programId/prompts/library/:promptId/retire', allow('manage-program'), async (req, res) => {
    const programId = programIdOf(req);
    const retired = bodyOf(req).retired !== 'false';
    await setPromptRetired(deps, scopeOf(res), programId, promptIdOf(req), retired);
    redirectTo(res, base(programId), { notice: retired ? 'retired' : 'restored' });
  });

  return router;
}
