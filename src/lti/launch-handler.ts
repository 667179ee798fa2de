import type { NextFunction, Request, Response } from 'express';
import { AppError } from '../shared/errors.js';
import type { Logger } from '../shared/logger.js';
import type { RenderView } from '../web/views.js';
import { checkLaunch, type LaunchCheckDeps } from './launch-checks.js';
import { toLaunchContext, type LaunchContext } from './launch-context.js';
import { refusal } from './launch-refusals.js';
import { loginCookieName } from './oidc-login.js';
import type { LaunchRecord, LaunchRecorder, LaunchWrite, SessionOpening } from './ports.js';

export interface LaunchHandlerDeps {
  checks: LaunchCheckDeps;
  recorder: LaunchRecorder;
  /** The tool session a launch opens (recorded by the launch's own write). */
  openSession: (courseRole: LaunchContext['courseRole'], tenantAdmin: boolean) => SessionOpening;
  /** Where the browser goes once the launch is recorded (carries the tool's own session). */
  landingUrl: (record: LaunchRecord, ctx: LaunchContext) => Promise<string>;
  logger: Logger;
  render: RenderView;
}

const isForeignKeyViolation = (err: unknown) => (err as { code?: unknown }).code === '23503';

/**
 * The tenant went with its deployment after this instance cached the registration (the CLI or
 * another instance removed it): the launch is refused as the fresh registration would refuse it.
 */
async function recordLaunch(deps: LaunchHandlerDeps, tenantId: string, ctx: LaunchContext, write: LaunchWrite) {
  try {
    return await deps.recorder.record(tenantId, ctx, write);
  } catch (err) {
    if (!isForeignKeyViolation(err)) throw err;
    deps.checks.registrations.forget?.();
    throw refusal('DEPLOYMENT_NOT_REGISTERED', { deploymentId: ctx.deploymentId });
  }
}

/**
 * `POST /lti/launch` (the id_token form_post): the launch checks, then the tenant, then record
 * and land.
 */
export function createLaunchHandler(deps: LaunchHandlerDeps) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    try {
      const result = await checkLaunch(req, deps.checks);
      if (result.ok === 'read-storage') {
        res.set('Cache-Control', 'no-store').type('html');
        return void res.send(deps.render('lti/storage-launch', {
          title: 'Signing you in', action: req.baseUrl + req.path, ...result.read,
        }));
      }
      if (result.jti) res.clearCookie(loginCookieName(result.jti), { path: '/lti' });
      if (!result.ok) return next(result.refusal);
      const ctx = toLaunchContext(result.payload);
      // The checks verified the registration (active) and the deployment, and found its tenant.
      const tenantId = result.tenantId;
      // A learner's Deep Linking request is refused at landing: no session for it.
      const session = ctx.deepLinking && ctx.courseRole !== 'staff' ? null : deps.openSession(ctx.courseRole, ctx.tenantAdmin);
      const record = await recordLaunch(deps, tenantId, ctx, { login: result.login, session });
      if (record === 'replayed') return next(refusal('TOKEN_REPLAYED'));
      deps.logger.info({
        reqId: req.id, tenantId, courseId: record.courseId, userId: record.userId,
        role: ctx.courseRole, messageType: ctx.messageType,
      }, 'launch accepted');
      res.redirect(303, await deps.landingUrl(record, ctx));
    } catch (err) {
      if (err instanceof AppError && err.code.startsWith('LAUNCH_')) {
        return next(refusal('CLAIMS_INVALID', { detail: err.message }));
      }
      next(err);
    }
  };
}
