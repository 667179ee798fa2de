import nodemailer from 'nodemailer';
import type { SmtpConfig } from '../config/notify-config.js';

export interface OutgoingMail {
  to: { name: string | null; address: string };
  subject: string;
  text: string;
  html: string;
  /** The one-click unsubscribe URL (List-Unsubscribe and List-Unsubscribe-Post, RFC 8058). */
  unsubscribeUrl: string;
  /** An iTIP invitation: sent as the text/calendar part calendars act on, and as invite.ics. */
  calendar: { method: 'REQUEST' | 'CANCEL'; content: string } | null;
  /** Stable per notification: a retried mail keeps its Message-ID. */
  messageId: string;
}

export type SendOutcome =
  | { kind: 'sent' }
  /** `serverDown`: the server itself is unavailable (pause every mail), else this mail only. */
  | { kind: 'retry'; reason: string; serverDown: boolean }
  | { kind: 'refused'; reason: string };

export interface Mailer {
  readonly from: { name: string; address: string };
  send(mail: OutgoingMail): Promise<SendOutcome>;
  close(): void;
}

/** `Name <address>` or a bare address. */
export function parseFrom(from: string): { name: string; address: string } {
  const m = /^\s*"?([^"<]*?)"?\s*<([^>]+)>\s*$/.exec(from);
  if (!m) return { name: from.trim(), address: from.trim() };
  return { name: m[1]!.trim() || m[2]!, address: m[2]!.trim() };
}

/**
 * A 5xx reply is the server's final word on this message (no such mailbox, refused), and so is
 * an address or message nodemailer cannot send at all: retrying cannot help. Everything else is
 * temporary: a 4xx for this mail only (mailbox busy), or the server unavailable (421, no
 * connection, timeouts, TLS or login trouble), which pauses all mail for a while.
 * @see https://www.rfc-editor.org/rfc/rfc5321#section-4.2.1
 */
export function outcomeOf(err: unknown): SendOutcome {
  const e = err as { responseCode?: number; code?: string; message?: string };
  const reason = `${e.code ?? 'ERROR'} ${e.responseCode ?? ''} ${e.message ?? String(err)}`
    .replace(/\s+/g, ' ').trim();
  const code = e.responseCode;
  if (typeof code === 'number' && code >= 500 && e.code !== 'EAUTH') {
    return { kind: 'refused', reason };
  }
  if (code === undefined && (e.code === 'EENVELOPE' || e.code === 'EMESSAGE')) {
    return { kind: 'refused', reason };
  }
  const forThisMail = typeof code === 'number' && code >= 400 && code !== 421 && e.code !== 'EAUTH';
  return { kind: 'retry', reason, serverDown: !forThisMail };
}

export function createSmtpMailer(smtp: SmtpConfig): Mailer {
  const transport = nodemailer.createTransport({
    // A pool: a backlog (a digest morning, the end of an outage) reuses a few connections.
    pool: true, maxConnections: 2, maxMessages: 100,
    host: smtp.host, port: smtp.port, secure: smtp.tls === 'implicit',
    requireTLS: smtp.tls === 'starttls', ignoreTLS: smtp.tls === 'none',
    ...(smtp.user ? { auth: { user: smtp.user, pass: smtp.password } } : {}),
    connectionTimeout: 20_000, greetingTimeout: 20_000, socketTimeout: 60_000,
  });
  const from = parseFrom(smtp.from);
  return {
    from,
    async send(mail) {
      try {
        await transport.sendMail({
          from, to: mail.to.name ? { ...mail.to, name: mail.to.name } : mail.to.address,
          subject: mail.subject, text: mail.text, html: mail.html, messageId: mail.messageId,
          headers: {
            'List-Unsubscribe': `<${mail.unsubscribeUrl}>`,
            'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
            'Auto-Submitted': 'auto-generated',
          },
          ...(mail.calendar ? {
            icalEvent: {
              method: mail.calendar.method, filename: 'invite.ics', content: mail.calendar.content,
            },
          } : {}),
        });
        return { kind: 'sent' };
      } catch (err) {
        return outcomeOf(err);
      }
    },
    close: () => transport.close(),
  };
}
