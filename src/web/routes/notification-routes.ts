import { Router, type Request, type Response } from 'express';
import {
  KINDS, MAIL_MODES, type MailMode, type NotificationKind,
} from '../../mentoring/notifications/kinds.js';
import {
  getMailModes, listInbox, markInboxRead, openNotification, remindIncompleteProfiles, saveMailModes,
} from '../../mentoring/notifications/notification-use-cases.js';
import type { MailModes, NotificationStore } from '../../mentoring/notifications/ports.js';
import {
  REMIND_DAYS_BEFORE, setProfilesDue, type ProfileDeadlineStore,
} from '../../mentoring/notifications/profile-deadline.js';
import type { ProgramRepository } from '../../mentoring/programs/ports.js';
import { getProgram } from '../../mentoring/programs/program-use-cases.js';
import type { Clock } from '../../shared/clock.js';
import { allow } from '../policy.js';
import type { RenderView } from '../views.js';
import { inboxModel, queueModel } from '../view-models/notification-views.js';
import {
  bodyOf, noticeFrom, redirectTo, scopeOf, sessionOf, urlFor, uuidParams,
} from './route-helpers.js';

interface Deps {
  render: RenderView;
  notifications: NotificationStore;
  deadlines: ProfileDeadlineStore;
  programs: ProgramRepository;
  clock: Clock;
  /** False without SMTP settings: pages say mail is not sent. */
  mailConfigured: boolean;
}

const QUEUE_NOTICES: Record<string, string> = {
  reminded: 'Reminders sent to everyone whose profile is not complete yet.',
  'none-due':
    'Nobody to remind: every profile is complete, or everyone was reminded in the last day.',
  'due-set': 'Date saved: those whose profile is not complete are reminded automatically.',
  'due-cleared': 'Date removed: no automatic reminder.',
};

const NOTICES: Record<string, string> = {
  saved: 'Mail settings saved.',
  read: 'Everything is marked as read.',
};

function settingsModel(
  res: Response, modes: MailModes, hasAddress: boolean, errors: Record<string, string> = {},
) {
  return {
    hasAddress, formAuth: res.locals.formAuth, hasErrors: Object.keys(errors).length > 0,
    kinds: (Object.keys(KINDS) as NotificationKind[]).map((kind) => ({
      kind, label: KINDS[kind].label, help: KINDS[kind].help, error: errors[kind] ?? null,
      defaultLabel: MAIL_MODES[KINDS[kind].defaultMode],
      options: (Object.keys(MAIL_MODES) as MailMode[]).map((mode) => ({
        value: mode, label: MAIL_MODES[mode], checked: modes[kind] === mode, id: `${kind}-${mode}`,
      })),
    })),
  };
}

/** The person's inbox, its entries and their mail settings; the staff's mail queue counts. */
export function notificationRoutes(deps: Deps): Router {
  const router = Router();

  router.get('/notifications', async (req, res) => {
    const { items, unread } = await listInbox(deps, scopeOf(res));
    res.type('html').send(deps.render('notifications/inbox', {
      title: 'Your notifications', ...inboxModel(res, items, unread), formAuth: res.locals.formAuth,
      notice: noticeFrom(req, NOTICES), mailConfigured: deps.mailConfigured,
      urls: { home: urlFor(res, '/home'), settings: urlFor(res, '/notifications/settings') },
    }));
  });

  router.post('/notifications/read', async (_req, res) => {
    await markInboxRead(deps, scopeOf(res));
    redirectTo(res, '/notifications', { notice: 'read' });
  });

  router.get('/notifications/settings', async (req, res) => {
    const { modes, hasAddress } = await getMailModes(deps, scopeOf(res));
    res.type('html').send(deps.render('notifications/settings', {
      title: 'Mail settings', ...settingsModel(res, modes, hasAddress),
      notice: noticeFrom(req, NOTICES),
      mailConfigured: deps.mailConfigured, urls: { inbox: urlFor(res, '/notifications') },
    }));
  });

  router.post('/notifications/settings', async (req, res) => {
    const input = bodyOf(req);
    const result = await saveMailModes(deps, scopeOf(res), input);
    if (result.ok) return redirectTo(res, '/notifications/settings', { notice: 'saved' });
    const { modes, hasAddress } = await getMailModes(deps, scopeOf(res));
    const given = Object.entries(input).filter(([, v]) => typeof v === 'string');
    const typed = { ...modes, ...Object.fromEntries(given) };
    res.status(422).type('html').send(deps.render('notifications/settings', {
      title: 'Mail settings', ...settingsModel(res, typed as MailModes, hasAddress, result.errors),
      mailConfigured: deps.mailConfigured, urls: { inbox: urlFor(res, '/notifications') },
    }));
  });

  router.get('/notifications/:notificationId', async (req, res) => {
    const { notificationId } = uuidParams(req, 'notificationId');
    const item = await openNotification(deps, scopeOf(res), notificationId);
    const target = inboxModel(res, [item], 0).items[0]!.targetPath;
    redirectTo(res, target ?? '/notifications');
  });

  const queuePath = '/staff/programs/:programId/notifications';
  /** The queue page; after a refused date, with the date as typed and why (422). */
  type DueTyped = { value: string; error: string };
  async function showQueue(req: Request, res: Response, dueTyped?: DueTyped) {
    const { programId } = uuidParams(req, 'programId');
    const scope = scopeOf(res);
    const program = await getProgram(deps, scope, programId);
    const counts = await deps.notifications.queueCounts(scope, program.id);
    const incomplete = await deps.notifications.incompleteProfiles(scope, program.id);
    const due = await deps.deadlines.get(scope, program.id);
    const self = `/staff/programs/${program.id}/notifications`;
    res.status(dueTyped ? 422 : 200).type('html').send(deps.render('notifications/queue', {
      title: `Notifications: ${program.title}`, programTitle: program.title,
      courseTitle: sessionOf(res).courseTitle, ...queueModel(counts),
      mailConfigured: deps.mailConfigured, incomplete, formAuth: res.locals.formAuth,
      notice: dueTyped ? null : noticeFrom(req, QUEUE_NOTICES), remindAction: `${self}/remind`,
      due: {
        current: due, value: dueTyped?.value ?? due?.dueOn ?? '', error: dueTyped?.error ?? null,
        action: `${self}/profiles-due`, daysBefore: REMIND_DAYS_BEFORE,
      },
      urls: { program: urlFor(res, `/staff/programs/${program.id}`) },
    }));
  }

  router.get(queuePath, allow('view-notification-queue'), (req, res) => showQueue(req, res));

  router.post(`${queuePath}/remind`, allow('send-profile-reminders'), async (req, res) => {
    const { programId } = uuidParams(req, 'programId');
    const reminded = await remindIncompleteProfiles(deps, scopeOf(res), programId);
    const notice = reminded ? 'reminded' : 'none-due';
    redirectTo(res, `/staff/programs/${programId}/notifications`, { notice });
  });

  router.post(`${queuePath}/profiles-due`, allow('set-profiles-due'), async (req, res) => {
    const { programId } = uuidParams(req, 'programId');
    const input = bodyOf(req);
    const result = await setProfilesDue(deps, scopeOf(res), programId, input);
    if (result.ok) {
      const notice = result.cleared ? 'due-cleared' : 'due-set';
      return redirectTo(res, `/staff/programs/${programId}/notifications`, { notice });
    }
    const value = String(input.dueOn ?? '').slice(0, 40);
    await showQueue(req, res, { value, error: result.error });
  });

  return router;
}
