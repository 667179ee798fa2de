import { Router } from 'express';
import type { Session, SessionSigner } from '../session.js';
import { requireSession, requireStaff } from '../middleware/session-auth.js';
import type { RenderView } from '../views.js';
import type { Csrf } from '../middleware/csrf.js';

function withSession(path: string, token: string): string {
  return `${path}?${new URLSearchParams({ s: token }).toString()}`;
}

export function homeRoutes(deps: { render: RenderView; signer: SessionSigner; csrf: Csrf }): Router {
  const router = Router();
  const auth = requireSession(deps.signer);

  router.get('/home', auth, (_req, res) => {
    const session = res.locals.session as Session;
    const token = res.locals.sessionToken as string;
    const staff = session.courseRole === 'staff';
    res.type('html').send(
      deps.render(staff ? 'home/staff' : 'home/learner', {
        title: staff ? 'Mentoring for this course' : 'Your mentoring space',
        userName: session.userName,
        courseTitle: session.courseTitle,
        returnUrl: session.returnUrl,
        setupUrl: withSession('/staff/setup', token),
      }),
    );
  });

  router.get('/staff/setup', auth, requireStaff, (_req, res) => {
    const session = res.locals.session as Session;
    res.type('html').send(
      deps.render('home/setup', {
        title: 'Set up mentoring',
        courseTitle: session.courseTitle,
        homeUrl: withSession('/home', res.locals.sessionToken as string),
      }),
    );
  });

  return router;
}
