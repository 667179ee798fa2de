import type { Response } from 'express';
import { messageOf } from '../../mentoring/notifications/messages.js';
import type { InboxItem, MailState } from '../../mentoring/notifications/ports.js';
import { urlFor } from '../routes/route-helpers.js';

/** What happened to the mail copy, as the person reads it (exhaustive). */
const MAIL_TEXT: Record<MailState, string> = {
  pending: 'being e-mailed',
  digest: 'in your next weekly digest',
  sent: 'e-mailed',
  failed: 'could not be e-mailed',
  off: 'not e-mailed (your settings)',
  no_address: 'not e-mailed (the LMS shares no e-mail address)',
};

const when = (d: Date) => `${new Intl.DateTimeFormat('en-GB', {
  day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit',
  timeZone: 'UTC', hourCycle: 'h23',
}).format(d)} UTC`;

export function inboxModel(res: Response, items: InboxItem[], unread: number) {
  return {
    unread,
    items: items.map((item) => {
      const ids = { programId: item.programId, circleId: item.circleId };
      const message = messageOf(item.topic, item.facts, ids);
      return {
        subject: message.subject,
        lines: message.lines.filter((l) => !l.startsWith('The calendar invitation')),
        unread: item.readAt === null, when: when(item.createdAt),
        isoTime: item.createdAt.toISOString(), mail: MAIL_TEXT[item.mail],
        openUrl: urlFor(res, `/notifications/${item.id}`), targetPath: message.toolPath,
      };
    }),
  };
}

const QUEUE_ROWS: Array<{ state: MailState; label: string; help: string }> = [
  {
    state: 'pending', label: 'Waiting to be e-mailed',
    help: 'Queued, or retried after the mail server was unavailable.',
  },
  {
    state: 'digest', label: 'Waiting for the weekly digest',
    help: 'People who chose a weekly summary.',
  },
  {
    state: 'failed', label: 'Failed',
    help: 'The mail server refused them for good (for example, no such mailbox).',
  },
  { state: 'sent', label: 'E-mailed', help: 'Handed to the mail server.' },
  {
    state: 'no_address', label: 'Inbox only: no e-mail address',
    help: 'The LMS did not share their e-mail. Moodle: tool setting "Share launcher\'s email '
      + 'with tool"; Canvas: privacy level Public.',
  },
  {
    state: 'off', label: 'Inbox only: mail turned off',
    help: 'These people chose not to get mail of this kind.',
  },
];

export function queueModel(counts: Record<MailState, number>) {
  return {
    rows: QUEUE_ROWS.map((r) => ({
      ...r, count: counts[r.state], alert: r.state === 'failed' && counts.failed > 0,
    })),
    waiting: counts.pending + counts.digest,
    failed: counts.failed,
  };
}
