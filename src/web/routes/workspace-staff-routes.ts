import { Router, type Response } from 'express';
import type { WorkspaceStore } from '../../workspaces/workspace-ports.js';
import {
  inviteWorkspaceStaff,
  resendSignInLink,
  type IssuedLink,
  type Inviter,
  type WorkspaceDeps,
} from '../../workspaces/workspace-use-cases.js';
import { workspaceRefusal } from '../../workspaces/workspace-refusals.js';
import { isAppError } from '../../shared/errors.js';
import { allow } from '../policy.js';
import type { RenderView } from '../views.js';
import { bodyOf, sessionOf, urlFor, uuidParams } from './route-helpers.js';

interface Deps {
  workspaces: WorkspaceDeps & { store: WorkspaceStore };
  render: RenderView;
}

const PAGE = '/staff/workspace';

const inviterOf = (res: Response): Inviter => {
  const s = sessionOf(res);
  return { tenantId: s.tenantId, userId: s.userId, admin: s.tenantAdmin };
};

const FORM_REFUSALS = new Set(['WORKSPACE_INPUT_INVALID', 'WORKSPACE_PERSON_EXISTS']);

const ROLE_LABEL = { admin: 'Administrator', staff: 'Staff' } as const;

/** The staff list of a standalone workspace; admins invite people and see their one-time link. */
export function workspaceStaffRoutes(deps: Deps): Router {
  const router = Router();
  const page = async (res: Response, status: number, issued: IssuedLink | null, form = {}) => {
    const session = sessionOf(res);
    if ((await deps.workspaces.store.kindOf(session.tenantId)) !== 'workspace') {
      throw workspaceRefusal('WORKSPACE_ONLY');
    }
    const people = await deps.workspaces.store.people(session.tenantId);
    const minutes = Math.round(deps.workspaces.linkTtlSeconds / 60);
    res
      .status(status)
      .type('html')
      .send(
        deps.render('workspaces/staff', {
          title: 'Workspace staff',
          courseTitle: session.courseTitle,
          formAuth: res.locals.formAuth,
          admin: session.tenantAdmin,
          minutes,
          people: people.map((p) => ({
            ...p,
            roleLabel: ROLE_LABEL[p.role],
            you: p.userId === session.userId,
            resendAction: urlFor(res, `${PAGE}/people/${p.userId}/link`),
          })),
          issued: issued && {
            url: issued.url,
            name: issued.person.name,
            expiresAt: issued.expiresAt.toISOString(),
            until: `${issued.expiresAt.toISOString().slice(0, 16).replace('T', ' ')} UTC`,
          },
          inviteAction: urlFor(res, `${PAGE}/people`),
          homeUrl: urlFor(res, '/home'),
          form,
        }),
      );
  };
  router.get(PAGE, allow('view-workspace-staff'), async (_req, res) => {
    await page(res, 200, null);
  });
  router.post(`${PAGE}/people`, allow('invite-workspace-staff'), async (req, res) => {
    const form = bodyOf(req);
    try {
      await page(res, 200, await inviteWorkspaceStaff(deps.workspaces, inviterOf(res), form));
    } catch (err) {
      // The form again, with what was typed and why it was refused; other refusals get their page.
      if (!isAppError(err) || !FORM_REFUSALS.has(err.code)) throw err;
      await page(res, err.status, null, { ...form, error: err.message, advice: err.data.advice });
    }
  });
  router.post(`${PAGE}/people/:userId/link`, allow('invite-workspace-staff'), async (req, res) => {
    const { userId } = uuidParams(req, 'userId');
    await page(res, 200, await resendSignInLink(deps.workspaces, inviterOf(res), userId));
  });
  return router;
}
