import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { AppError } from '../../shared/errors.js';
import type { LrsAdmin, LrsForm } from '../../xapi/lrs-admin.js';
import { profileDocument } from '../../xapi/profile/profile-document.js';
import type { Csrf } from '../middleware/csrf.js';
import { requireSession, requireStaff } from '../middleware/session-auth.js';
import type { SessionSigner } from '../session.js';
import { lrsPageModel } from '../view-models/lrs-page.js';
import type { RenderView } from '../views.js';
import { bodyOf, redirectTo, scopeOf, urlFor } from './route-helpers.js';

const formSchema = z.object({
  scope: z.union([z.literal('tenant'), z.uuid()]),
  endpoint: z.url({ protocol: /^https?$/, error: 'Enter the LRS\'s xAPI endpoint, an http(s) URL.' }).max(500),
  username: z.string().trim().min(1, 'Enter the LRS key (username).').max(200),
  password: z.string().max(500).default(''),
  version: z.enum(['1.0.3', '1.0.0']).default('1.0.3'),
  identityMode: z.enum(['account', 'email', 'pseudonymous']).default('account'),
});

function parseForm(req: Request): LrsForm {
  const parsed = formSchema.safeParse(bodyOf(req));
  if (!parsed.success) throw new AppError('LRS_FORM_INVALID', 400, parsed.error.issues.map((i) => i.message).join(' '), { advice: 'Go back and correct the LRS settings.' });
  const { scope, ...rest } = parsed.data;
  return { ...rest, scope: scope === 'tenant' ? { kind: 'tenant' } : { kind: 'program', programId: scope } };
}

/** `GET /xapi/profile` (public) and the staff LRS page under /staff/lrs. */
export function xapiRoutes(deps: { render: RenderView; signer: SessionSigner; csrf: Csrf; lrsAdmin: LrsAdmin }): Router {
  const router = Router();
  const profile = JSON.stringify(profileDocument(), null, 2);
  router.get('/xapi/profile', (_req, res) => {
    res.type('application/ld+json').set('Cache-Control', 'public, max-age=3600').send(profile);
  });

  router.use('/staff/lrs', requireSession(deps.signer), deps.csrf.protect, requireStaff);

  const show = async (res: Response, extra: { test?: { ok: boolean; message: string }; notice?: string } = {}) => {
    const overview = await deps.lrsAdmin.overview(scopeOf(res));
    res.type('html').send(deps.render('xapi/lrs', { ...lrsPageModel(overview, (path, q) => urlFor(res, path, q)), ...extra, formAuth: res.locals.formAuth, courseTitle: res.locals.session.courseTitle }));
  };

  router.get('/staff/lrs', async (req, res) => {
    const notice = req.query.saved ? 'LRS settings saved.' : req.query.retried ? `${String(req.query.retried)} statement(s) queued again.` : undefined;
    await show(res, notice ? { notice } : {});
  });
  router.post('/staff/lrs/settings', async (req, res) => {
    await deps.lrsAdmin.saveSettings(scopeOf(res), parseForm(req));
    redirectTo(res, '/staff/lrs', { saved: '1' });
  });
  router.post('/staff/lrs/test', async (req, res) => {
    await show(res, { test: await deps.lrsAdmin.testConnection(scopeOf(res), parseForm(req)) });
  });
  router.post('/staff/lrs/retry', async (req, res) => {
    const id = bodyOf(req).id;
    if (id !== undefined && !z.uuid().safeParse(id).success) throw new AppError('NOT_FOUND', 404, 'There is no such statement in this course.');
    const n = await deps.lrsAdmin.retry(scopeOf(res), (id as string | undefined) ?? null);
    redirectTo(res, '/staff/lrs', { retried: String(n) });
  });
  return router;
}
