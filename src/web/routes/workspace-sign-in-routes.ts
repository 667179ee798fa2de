import { randomUUID } from 'node:crypto';
import { Router, type RequestHandler, type Response } from 'express';
import type { LinkLookup } from '../../workspaces/workspace-ports.js';
import {
  previewSignInLink,
  useSignInLink,
  type WorkspaceDeps,
} from '../../workspaces/workspace-use-cases.js';
import { workspaceRefusal } from '../../workspaces/workspace-refusals.js';
import type { Session, SessionSigner } from '../session.js';
import type { RenderView } from '../views.js';
import { param } from './route-helpers.js';

interface Deps {
  workspaces: WorkspaceDeps;
  signer: SessionSigner;
  render: RenderView;
  /** Counts openings and uses per client address (RATE_LIMIT_SIGN_IN_PER_MINUTE). */
  limit: RequestHandler;
}

const PATH = '/workspaces/:tenantId/sign-in/:token';

/** The token is a credential in the URL: no caching, and no Referer carrying it to other sites. */
function private_(res: Response): void {
  res.set('Cache-Control', 'no-store').set('Referrer-Policy', 'no-referrer');
}

const sessionOfLink = (l: LinkLookup): Session => ({
  sid: randomUUID(),
  tenantId: l.course.tenantId,
  userId: l.person.userId,
  userName: l.person.name,
  courseId: l.course.courseId,
  courseTitle: l.course.title,
  enrolmentId: l.enrolmentId,
  resourceLinkId: null,
  courseRole: 'staff',
  tenantAdmin: l.person.role === 'admin',
  returnUrl: null,
  programId: null,
  activity: null,
  deepLinkRequestId: null,
  tenantKind: 'workspace',
});

/**
 * One-time sign-in links of standalone workspaces. GET only shows whom the link signs in (mail
 * scanners and link previews fetch GETs); the POST of its button uses the link once and opens a
 * normal cookie-less staff session in the workspace's course.
 */
export function workspaceSignInRoutes(deps: Deps): Router {
  const router = Router();
  router.get(PATH, deps.limit, async (req, res) => {
    private_(res);
    const lookup = await previewSignInLink(
      deps.workspaces,
      param(req, 'tenantId'),
      param(req, 'token'),
    );
    res.type('html').send(
      deps.render('workspaces/sign-in', {
        title: `Sign in to ${lookup.workspaceName}`,
        workspaceName: lookup.workspaceName,
        personName: lookup.person.name,
        email: lookup.person.email,
        admin: lookup.person.role === 'admin',
        action: req.path,
      }),
    );
  });
  const toolOrigin = new URL(deps.workspaces.publicUrl).origin;
  router.post(PATH, deps.limit, async (req, res) => {
    private_(res);
    // A forged cross-site post would sign the victim in to the forger's workspace (login CSRF).
    const origin = req.get('origin');
    if (origin && origin !== 'null' && origin !== toolOrigin) {
      throw workspaceRefusal('SIGN_IN_CROSS_SITE', { origin });
    }
    const lookup = await useSignInLink(
      deps.workspaces,
      param(req, 'tenantId'),
      param(req, 'token'),
    );
    const token = await deps.signer.sign(sessionOfLink(lookup));
    res.redirect(303, `/home?${new URLSearchParams({ s: token }).toString()}`);
  });
  return router;
}
