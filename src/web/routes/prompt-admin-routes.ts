import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { programCircleSchedules } from '../../mentoring/prompts/circle-prompt-use-cases.js';
import { calendarSlots, changeTrack, programPrompts, resetTrack, saveSchedule } from '../../mentoring/prompts/library-use-cases.js';
import { circlesNeedingAttention } from '../../mentoring/prompts/nudge-use-cases.js';
import { PROMPT_CADENCES } from '../../mentoring/prompts/prompt-options.js';
import { formatInZone } from '../../mentoring/prompts/zoned-time.js';
import { PROMPT_TRACKS } from '../../mentoring/programs/program-options.js';
import { AppError } from '../../shared/errors.js';
import type { PromptWebDeps } from '../prompt-web-deps.js';
import { OUTCOME_LABELS, scheduleFormValues } from '../view-models/prompt-admin-views.js';
import { promptContentView, typedValues } from '../view-models/prompt-views.js';
import { clampPage, pageRequest, pagerModel } from '../view-models/pager.js';
import { bodyOf, isUuid, param, redirectTo, scopeOf, sessionOf, urlFor, noticeFrom } from './route-helpers.js';
import { allow } from '../policy.js';

/** The quietest circles shown first; the rest are counted (a big program may have hundreds). */
const ATTENTION_SHOWN = 20;

const NOTICES: Record<string, string> = { schedule: 'Schedule saved.', track: 'Track updated.', reset: 'The track starts again from the preset.' };

export const programIdOf = (req: Request) => {
  const id = param(req, 'programId');
  if (!isUuid(id)) throw new AppError('PROGRAM_NOT_FOUND', 404, 'There is no such mentoring program in this course.');
  return id;
};

/** Staff: the program's prompt schedule, its track, circles needing attention and what is due. */
export function promptAdminRoutes(deps: PromptWebDeps): Router {
  const router = Router();

  async function renderOverview(req: Request, res: Response, form?: { values: Record<string, string>; errors: Record<string, string> }) {
    const scope = scopeOf(res);
    const programId = programIdOf(req);
    const all = await programPrompts(deps, scope, programId);
    const base = `/staff/programs/${programId}/prompts`;
    const attention = await circlesNeedingAttention(deps, scope, programId, all.schedule, deps.clock.now());
    const asked = pageRequest(req);
    let circles = await programCircleSchedules(deps, scope, programId, { search: asked.q || undefined, offset: asked.offset, limit: asked.limit });
    const page = clampPage(asked, circles.total);
    if (page !== asked) circles = await programCircleSchedules(deps, scope, programId, { search: page.q || undefined, offset: page.offset, limit: page.limit });
    const values = form?.values ?? scheduleFormValues(all.schedule);
    res.status(form ? 422 : 200).type('html').send(deps.render('prompts/staff-overview', {
      title: `Prompts: ${all.program.title}`, courseTitle: sessionOf(res).courseTitle, formAuth: res.locals.formAuth,
      program: all.program, notice: noticeFrom(req, NOTICES), errors: form?.errors ?? {}, values,
      cadences: Object.entries(PROMPT_CADENCES).map(([value, label]) => ({ value, label, selected: values.cadence === value })),
      hours: Array.from({ length: 24 }, (_, h) => ({ value: String(h), label: `${String(h).padStart(2, '0')}:00`, selected: values.sendHour === String(h) })),
      slots: calendarSlots(all.schedule, all.program), trackOff: all.program.promptTrack === 'none',
      track: all.track.map((p, i) => ({ ...promptContentView(p), id: p.id, position: i + 1, first: i === 0, last: i === all.track.length - 1, editUrl: urlFor(res, `${base}/library/${p.id}`) })),
      presets: Object.entries(PROMPT_TRACKS).filter(([k]) => k !== 'none').map(([value, label]) => ({ value, label, selected: value === all.program.promptTrack })),
      attentionMore: Math.max(0, attention.length - ATTENTION_SHOWN),
      attention: attention.slice(0, ATTENTION_SHOWN).map((a) => ({ ...a, lastNudge: a.lastNudgeAt ? a.lastNudgeAt.toISOString().slice(0, 10) : null, url: urlFor(res, `${base}/circles/${a.circleId}`) })),
      pager: pagerModel(res, base, page, circles.total), search: { q: page.q, action: base, session: res.locals.sessionToken },
      circles: circles.circles.map((c) => ({
        name: c.circle.name, timeZone: c.circle.timeZone, paused: c.paused, delivered: c.delivered, url: urlFor(res, `${base}/circles/${c.circle.id}`),
        next: c.next ? { when: formatInZone(c.next.dueAt, c.circle.timeZone), what: c.next.prompt?.title ?? OUTCOME_LABELS[c.next.outcome] } : null,
      })),
      urls: {
        admin: urlFor(res, `/staff/programs/${programId}`), library: urlFor(res, `${base}/library`), newPrompt: urlFor(res, `${base}/library/new`),
        schedule: `${base}/schedule`, track: `${base}/track`, reset: `${base}/track/reset`,
      },
    }));
  }

  router.get('/staff/programs/:programId/prompts', allow('manage-program'), (req, res) => renderOverview(req, res));

  router.post('/staff/programs/:programId/prompts/schedule', allow('manage-program'), async (req, res) => {
    const programId = programIdOf(req);
    const input = bodyOf(req);
    const result = await saveSchedule(deps, scopeOf(res), programId, input);
    if (!result.ok) return renderOverview(req, res, { values: typedValues(input), errors: result.errors });
    redirectTo(res, `/staff/programs/${programId}/prompts`, { notice: 'schedule' });
  });

  router.post('/staff/programs/:programId/prompts/track', allow('manage-program'), async (req, res) => {
    const programId = programIdOf(req);
    const input = z.object({ promptId: z.uuid(), move: z.enum(['up', 'down', 'add', 'remove']), back: z.enum(['library']).optional() }).safeParse(bodyOf(req));
    if (!input.success) throw new AppError('TRACK_CHANGE_INVALID', 400, 'Choose a prompt and how to move it.');
    await changeTrack(deps, scopeOf(res), programId, input.data.promptId, input.data.move);
    redirectTo(res, `/staff/programs/${programId}/prompts${input.data.back ? '/library' : ''}`, { notice: 'track' });
  });

  router.post('/staff/programs/:programId/prompts/track/reset', allow('manage-program'), async (req, res) => {
    const programId = programIdOf(req);
    const preset = z.enum(['foundations', 'leadership', 'perspectives']).safeParse(bodyOf(req).preset);
    if (!preset.success) throw new AppError('PRESET_INVALID', 400, 'Choose one of the listed tracks.');
    await resetTrack(deps, scopeOf(res), programId, preset.data);
    redirectTo(res, `/staff/programs/${programId}/prompts`, { notice: 'reset' });
  });

  return router;
}

