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

/** Plain text, and the same paragraphs as escaped HTML with the LMS link clickable. */
function body(paragraphs: string[], link: string | null) {
  const anchor = link ? `<a href="${escapeHtml(link)}">${escapeHtml(link)}</a>` : '';
  const html = paragraphs.map((p) => {
    const safe = escapeHtml(p);
    return `<p>${link && p.includes(link) ? safe.replace(escapeHtml(link), anchor) : safe}</p>`;
  }).join('\n');
  return {
    text: `${paragraphs.join('\n\n')}\n`, html: `<!doctype html><html><body>${html}</body></html>`,
  };
}

const idsOf = (n: DueNotification) => ({ programId: n.programId, circleId: n.circleId });
const host = (publicUrl: string) => new URL(publicUrl).host;
const hello = (name: string | null) => (name ? `Hello ${name},` : 'Hello,');

function invitationOf(n: DueNotification, deps: ComposeDeps): OutgoingMail['calendar'] {
  const meeting = n.facts.meeting;
  const invites = ['meeting_scheduled', 'meeting_changed', 'meeting_cancelled'];
  if (!invites.includes(n.topic) || !meeting) return null;
  // A cancellation outranks every invitation sent before it (RFC 5546 3.2.5).
  const method = n.topic === 'meeting_cancelled' ? 'CANCEL' : 'REQUEST';
  const sequence = meeting.sequence + (method === 'CANCEL' ? 1 : 0);
  const content = meetingInvitationText({
    meeting: { ...meeting, sequence }, method, circleName: n.facts.circle ?? 'Circle',
    programTitle: n.facts.program ?? '', timeZone: n.facts.timeZone ?? 'UTC',
    members: n.facts.members ?? [], organizer: deps.organizer, host: host(deps.publicUrl),
  });
  return { method, content };
}

/** One notification as a mail: its words, the way back through the LMS, unsubscribe, invitation. */
export function composeMail(n: DueNotification, deps: ComposeDeps): OutgoingMail {
  const message: Message = messageOf(n.topic, n.facts, idsOf(n));
  const f = footer(n, deps, n.kind as UnsubscribeScope);
  const { text, html } = body([hello(n.name), ...message.lines, f.open, f.stop], n.lmsUrl);
  return {
    to: { name: n.name, address: n.email }, subject: message.subject, text, html,
    unsubscribeUrl: f.unsubscribeUrl, messageId: `<notification-${n.id}@${host(deps.publicUrl)}>`,
    calendar: invitationOf(n, deps),
  };
}

/** A person's digest: every waiting notification in one mail, oldest first. */
export function composeDigest(rows: DueNotification[], deps: ComposeDeps): OutgoingMail {
  const first = rows[0]!;
  const items = rows.map((n) => {
    const m = messageOf(n.topic, n.facts, idsOf(n));
    return `• ${m.subject}\n  ${m.lines.join(' ')}`;
  });
  const f = footer(first, deps, 'all');
  const intro = `${hello(first.name)} here is what happened in your mentoring (${rows.length}):`;
  const { text, html } = body([intro, ...items, f.open, f.stop], first.lmsUrl);
  const count = `${rows.length} update${rows.length === 1 ? '' : 's'}`;
  return {
    to: { name: first.name, address: first.email }, subject: `Your mentoring week: ${count}`,
    text, html, unsubscribeUrl: f.unsubscribeUrl, calendar: null,
    messageId: `<digest-${first.id}@${host(deps.publicUrl)}>`,
  };
}
