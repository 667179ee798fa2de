import { Router, type Request } from 'express';
import { z } from 'zod';
import { changeCircleSequence, circleSchedule, setCirclePaused, undoCircleChange } from '../../mentoring/prompts/circle-prompt-use-cases.js';
import { formatInZone } from '../../mentoring/prompts/zoned-time.js';
import { AppError } from '../../shared/errors.js';
import type { PromptWebDeps } from '../prompt-web-deps.js';
import { OUTCOME_LABELS } from '../view-models/prompt-admin-views.js';
import { bodyOf, isUuid, param, redirectTo, scopeOf, sessionOf, urlFor, noticeFrom } from './route-helpers.js';
import { allow } from '../policy.js';

const NOTICES: Record<string, string> = {
  paused: 'Prompts are paused for this circle.', resumed: 'Prompts resume with the next date.', skip: 'That prompt will be skipped for this circle.',
  insert: 'That prompt comes next for this circle.', undone: 'Change undone.',
};

const idsOf = (req: Request) => {
  const ids = { programId: param(req, 'programId'), circleId: param(req, 'circleId') };
  if (!isUuid(ids.programId) || !isUuid(ids.circleId)) throw new AppError('CIRCLE_NOT_FOUND', 404, 'There is no such circle in this program.');
  return ids;
};

/** Staff: one circle's prompts — what is due, pause and resume, skip or insert, and what was sent (never what was answered). */
export function promptCircleRoutes(deps: PromptWebDeps): Router {
  const router = Router();
  const path = '/staff/programs/:programId/prompts/circles/:circleId';
  const base = (ids: { programId: string; circleId: string }) => `/staff/programs/${ids.programId}/prompts/circles/${ids.circleId}`;

  router.get(path, allow('manage-program'), async (req, res) => {
    const ids = idsOf(req);
    const page = await circleSchedule(deps, scopeOf(res), ids.programId, ids.circleId);
    const zone = page.circle.timeZone;
    res.type('html').send(deps.render('prompts/circle', {
      title: `Prompts: ${page.circle.name}`, courseTitle: sessionOf(res).courseTitle, formAuth: res.locals.formAuth, program: page.all.program,
      circle: { name: page.circle.name, timeZone: zone, startedOn: page.circle.startedOn, members: page.circle.members.map((m) => `${m.name} (${m.role})`).join(', ') },
      paused: page.paused, notice: noticeFrom(req, NOTICES),
      upcoming: page.upcoming.map((o) => ({
        when: formatInZone(o.dueAt, zone), title: o.prompt?.title ?? null, promptId: o.prompt?.promptId ?? null, inserted: Boolean(o.insertId),
        note: o.outcome === 'delivered' ? null : OUTCOME_LABELS[o.outcome],
      })),
      changes: page.changes.filter((c) => !(c.kind === 'insert' && c.used)).map((c) => ({ ...c, kindLabel: c.kind === 'skip' ? 'Skipped' : 'Inserted next', undoAction: `${base(ids)}/changes/${c.id}/undo` })),
      history: page.history.map((h) => ({ when: formatInZone(h.dueAt, zone), title: h.title, version: h.version, note: OUTCOME_LABELS[h.outcome], delivered: h.outcome === 'delivered', answers: h.answers })),
      insertable: page.all.prompts.filter((p) => !p.retired).map((p) => ({ id: p.id, title: p.title })),
      urls: { overview: urlFor(res, `/staff/programs/${ids.programId}/prompts`), pause: `${base(ids)}/pause`, changes: `${base(ids)}/changes` },
    }));
  });

  router.post(`${path}/pause`, allow('manage-program'), async (req, res) => {
    const ids = idsOf(req);
    const paused = bodyOf(req).paused !== 'false';
    await setCirclePaused(deps, scopeOf(res), ids.programId, ids.circleId, paused);
    redirectTo(res, base(ids), { notice: paused ? 'paused' : 'resumed' });
  });

  router.post(`${path}/changes`, allow('manage-program'), async (req, res) => {
    const ids = idsOf(req);
    const input = z.object({ promptId: z.uuid(), kind: z.enum(['skip', 'insert']) }).safeParse(bodyOf(req));
    if (!input.success) throw new AppError('CHANGE_INVALID', 400, 'Choose a prompt to skip or insert.');
    await changeCircleSequence(deps, scopeOf(res), ids.programId, ids.circleId, input.data.promptId, input.data.kind);
    redirectTo(res, base(ids), { notice: input.data.kind });
  });

  router.post(`${path}/changes/:changeId/undo`, allow('manage-program'), async (req, res) => {
    const ids = idsOf(req);
    const changeId = param(req, 'changeId');
    if (!isUuid(changeId)) throw new AppError('NOT_FOUND', 404, 'There is no such change.');
    await undoCircleChange(deps, scopeOf(res), ids.programId, ids.circleId, changeId);
    redirectTo(res, base(ids), { notice: 'undone' });
  });

  return router;
}
