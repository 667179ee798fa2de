import { Router, type Request } from 'express';
import { KINDS } from '../../mentoring/notifications/kinds.js';
import { notificationRefusal } from '../../mentoring/notifications/notification-refusals.js';
import { unsubscribe } from '../../mentoring/notifications/notification-use-cases.js';
import type { NotificationStore } from '../../mentoring/notifications/ports.js';
import type { UnsubscribeScope, UnsubscribeTokens } from '../../notify/unsubscribe-token.js';
import type { Clock } from '../../shared/clock.js';
import type { RenderView } from '../views.js';

interface Deps {
  render: RenderView;
  notifications: NotificationStore;
  tokens: UnsubscribeTokens;
  clock: Clock;
}

function claimOf(deps: Deps, req: Request) {
  const token = typeof req.query.t === 'string' ? req.query.t : '';
  const claim = token ? deps.tokens.verify(token) : null;
  if (!claim) throw notificationRefusal('UNSUBSCRIBE_LINK_INVALID');
  return { token, claim };
}

const what = (scope: UnsubscribeScope) =>
  (scope === 'all' ? 'mentoring notification mail' : `mail about “${KINDS[scope].label}”`);

/**
 * One-click unsubscribe without a session (RFC 8058): the mail's List-Unsubscribe URL answers a
 * POST (`List-Unsubscribe=One-Click`, sent by the mail provider) at once; a person opening the link
 * sees a button first, because mail scanners fetch links with GET.
 * @see https://www.rfc-editor.org/rfc/rfc8058#section-3.1
 */
export function notificationUnsubscribeRoutes(deps: Deps): Router {
  const router = Router();
  router.get('/notifications/unsubscribe', (req, res) => {
    const { token, claim } = claimOf(deps, req);
    res.type('html').send(deps.render('notifications/unsubscribe', {
      title: 'Stop these mails?', what: what(claim.scope),
      action: `/notifications/unsubscribe?t=${encodeURIComponent(token)}`,
    }));
  });
  router.post('/notifications/unsubscribe', async (req, res) => {
    const { claim } = claimOf(deps, req);
    await unsubscribe(deps, claim);
    res.type('html').send(deps.render('notifications/unsubscribed', {
      title: 'You are unsubscribed', what: what(claim.scope),
    }));
  });
  return router;
}
