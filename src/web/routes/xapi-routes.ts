import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { AppError } from '../../shared/errors.js';
import type { LrsScope } from '../../xapi/lrs-admin-ports.js';
import type { LrsAdmin, LrsFieldError, LrsForm } from '../../xapi/lrs-admin.js';
import type { LrsTestResult } from '../../xapi/lrs-test-result.js';
import { profileDocument } from '../../xapi/profile/profile-document.js';
import type { Csrf } from '../middleware/csrf.js';
import { requireSession } from '../middleware/session-auth.js';
import { allow, type Action } from '../policy.js';
import type { SessionSigner } from '../session.js';
import { lrsPageModel, type LrsFormValues } from '../view-models/lrs-page.js';
import type { RenderView } from '../views.js';
import { bodyOf, redirectTo, scopeOf, sessionOf, urlFor } from './route-helpers.js';

const scopeSchema = z.union([z.literal('tenant'), z.uuid()]);
const formSchema = z.object({
  scope: scopeSchema,
  endpoint: z.url({ protocol: /^https?$/, error: 'Enter the LRS\'s xAPI endpoint, an http(s) URL.' }).max(500),
  username: z.string().trim().min(1, 'Enter the LRS key (username).').max(200),
  password: z.string().max(500).default(''),
  version: z.enum(['1.0.3', '1.0.0']).default('1.0.3'),
  identityMode: z.enum(['account', 'email', 'pseudonymous']).default('account'),
});

const toScope = (scope: string): LrsScope => (scope === 'tenant' ? { kind: 'tenant' } : { kind: 'program', programId: scope });

function parseForm(req: Request): LrsForm {
  const parsed = formSchema.safeParse(bodyOf(req));
  if (!parsed.success) {
    const message = parsed.error.issues.map((i) => i.message).join(' ');
    throw new AppError('LRS_FORM_INVALID', 400, message, { advice: 'Go back and correct the LRS settings.' });
  }
  return { ...parsed.data, scope: toScope(parsed.data.scope) };
}

const typedValues = (req: Request, form: LrsForm): LrsFormValues => ({
  scope: String(bodyOf(req).scope), endpoint: form.endpoint, username: form.username, version: form.version, identityMode: form.identityMode,
});

/** The tenant's LRS is every course's: changing or testing it is an LMS administrator's action. */
const lrsAction = (req: Request): Action => (bodyOf(req).scope === 'tenant' ? 'manage-tenant-lrs' : 'manage-course-lrs');

interface Extra {
  test?: LrsTestResult;
  notice?: string;
  typed?: LrsFormValues;
  error?: LrsFieldError;
}

/** `GET /xapi/profile` (public) and the staff LRS page under /staff/lrs. */
export function xapiRoutes(deps: { render: RenderView; signer: SessionSigner; csrf: Csrf; lrsAdmin: LrsAdmin }): Router {
  const router = Router();
  const profile = JSON.stringify(profileDocument(), null, 2);
  router.get('/xapi/profile', (_req, res) => {
    res.type('application/ld+json').set('Cache-Control', 'public, max-age=3600').send(profile);
  });

  router.use('/staff/lrs', requireSession(deps.signer), deps.csrf.protect);

  const show = async (res: Response, extra: Extra = {}) => {
    const session = sessionOf(res);
    const overview = await deps.lrsAdmin.overview({ ...scopeOf(res), tenantAdmin: session.tenantAdmin === true });
    const form = { typed: extra.typed, error: extra.error };
    const workspace = session.tenantKind === 'workspace';
    const model = lrsPageModel(overview, (path, q) => urlFor(res, path, q), form, workspace);
    res.type('html').send(deps.render('xapi/lrs', {
      ...model, test: extra.test, notice: extra.notice, formAuth: res.locals.formAuth, courseTitle: session.courseTitle,
    }));
  };

  router.get('/staff/lrs', allow('view-lrs-page'), async (req, res) => {
    const notices: Record<string, string | undefined> = {
      saved: req.query.saved ? 'LRS settings saved.' : undefined,
      retried: req.query.retried ? `${Number(req.query.retried) || 0} statement(s) queued again.` : undefined,
      resent: req.query.resent ? `${Number(req.query.resent) || 0} statement(s) will be sent to the new LRS.` : undefined,
    };
    const notice = notices.saved ?? notices.retried ?? notices.resent;
    await show(res, notice ? { notice } : {});
  });
  router.post('/staff/lrs/settings', allow(lrsAction), async (req, res) => {
    const form = parseForm(req);
    const error = await deps.lrsAdmin.saveSettings(scopeOf(res), form);
    if (!error) return redirectTo(res, '/staff/lrs', { saved: '1' });
    res.status(400);
    await show(res, { typed: typedValues(req, form), error });
  });
  router.post('/staff/lrs/test', allow(lrsAction), async (req, res) => {
    const form = parseForm(req);
    const result = await deps.lrsAdmin.testConnection(scopeOf(res), form);
    if ('field' in result) res.status(400);
    await show(res, { typed: typedValues(req, form), ...('field' in result ? { error: result } : { test: result }) });
  });
  router.post('/staff/lrs/retry', allow('retry-statements'), async (req, res) => {
    const id = bodyOf(req).id;
    if (id !== undefined && !z.uuid().safeParse(id).success) throw new AppError('NOT_FOUND', 404, 'There is no such statement in this course.');
    const n = await deps.lrsAdmin.retry(scopeOf(res), (id as string | undefined) ?? null);
    redirectTo(res, '/staff/lrs', { retried: String(n) });
  });
  router.post('/staff/lrs/resend', allow('resend-statements'), async (req, res) => {
    const scope = scopeSchema.safeParse(bodyOf(req).scope);
    if (!scope.success) throw new AppError('NOT_FOUND', 404, 'There is no such program in this course.');
    const n = await deps.lrsAdmin.resendToNewLrs(scopeOf(res), toScope(scope.data));
    redirectTo(res, '/staff/lrs', { resent: String(n) });
  });
  return router;
}
