import type { DueNotification } from '../db/repositories/notification-delivery-repository.js';
import { messageOf, type Message } from '../mentoring/notifications/messages.js';
import type { OutgoingMail } from './mailer.js';
import { meetingInvitationText } from './meeting-invitation.js';
import type { UnsubscribeScope, UnsubscribeTokens } from './unsubscribe-token.js';

export interface ComposeDeps {
  publicUrl: string;
  tokens: UnsubscribeTokens;
  organizer: { name: string; email: string };
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function footer(n: DueNotification, deps: ComposeDeps, scope: UnsubscribeScope) {
  const course = n.facts.course ?? 'your course';
  const open = n.lmsUrl
    ? `Open it in ${course}: ${n.lmsUrl}`
    : `Open the mentoring activity in ${course} in your LMS to see it.`;
  const token = deps.tokens.sign({ tenantId: n.tenantId, userId: n.userId, scope });
  const unsubscribeUrl = `${deps.publicUrl}/notifications/unsubscribe?t=${token}`;
  const why = scope === 'all' ? 'these digests' : 'mails of this kind';
  return { open, unsubscribeUrl, stop: `To stop ${why}: ${unsubscribeUrl}` };
}

function body(paragraphs: string[], link: string | null) {
  const text = paragraphs.join('\n\n');
  const html = paragraphs.map((p) => {
    const safe = escapeHtml(p);
    return `<p>${link && p.includes(link) ? safe.replace(escapeHtml(link), `<a href="${escapeHtml(link)}">${escapeHtml(link)}</a>`) : safe}</p>`;
  }).join('\n');
  return { text: `${text}\n`, html: `<!doctype html><html><body>${html}</body></html>` };
}

const idsOf = (n: DueNotification) => ({ programId: n.programId, circleId: n.circleId });
const host = (publicUrl: string) => new URL(publicUrl).host;

/** One notification as a mail: its words, the way back through the LMS, unsubscribe, invitation. */
export function composeMail(n: DueNotification, deps: ComposeDeps): OutgoingMail {
  const message: Message = messageOf(n.topic, n.facts, idsOf(n));
  const f = footer(n, deps, n.kind as UnsubscribeScope);
  const { text, html } = body([`Hello ${n.name ?? ''}`.trim() + ',', ...message.lines, f.open, f.stop], n.lmsUrl);
  const meeting = n.facts.meeting;
  const invite = (n.topic === 'meeting_scheduled' || n.topic === 'meeting_changed') && meeting;
  return {
    to: { name: n.name, address: n.email }, subject: message.subject, text, html,
    unsubscribeUrl: f.unsubscribeUrl, messageId: `<notification-${n.id}@${host(deps.publicUrl)}>`,
    calendar: invite ? {
      method: 'REQUEST',
      content: meetingInvitationText({
        meeting, method: 'REQUEST', circleName: n.facts.circle ?? 'Circle', programTitle: n.facts.program ?? '',
        timeZone: n.facts.timeZone ?? 'UTC', members: n.facts.members ?? [], organizer: deps.organizer,
        host: host(deps.publicUrl),
      }),
    } : null,
  };
}

/** A person's digest: every waiting notification in one mail, newest last. */
export function composeDigest(rows: DueNotification[], deps: ComposeDeps): OutgoingMail {
  const first = rows[0]!;
  const items = rows.map((n) => {
    const m = messageOf(n.topic, n.facts, idsOf(n));
    return `• ${m.subject}\n  ${m.lines.join(' ')}`;
  });
  const f = footer(first, deps, 'all');
  const intro = `Hello ${first.name ?? ''}`.trim() + `, here is what happened in your mentoring this week (${rows.length}):`;
  const { text, html } = body([intro, ...items, f.open, f.stop], first.lmsUrl);
  return {
    to: { name: first.name, address: first.email }, subject: `Your mentoring week: ${rows.length} update${rows.length === 1 ? '' : 's'}`,
    text, html, unsubscribeUrl: f.unsubscribeUrl, calendar: null,
    messageId: `<digest-${first.id}@${host(deps.publicUrl)}>`,
  };
}
