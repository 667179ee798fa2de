import { z } from 'zod';

/** The notification (e-mail) part of the configuration schema (merged into configSchema). */
export const notifyConfigShape = {
  SMTP_HOST: z.string().min(1).optional().describe('SMTP server that sends notification mail. Unset: no mail is sent; notifications still appear in the in-tool inbox.'),
  SMTP_PORT: z.coerce.number().int().min(1).max(65535).default(587).describe('SMTP port (587 submission with STARTTLS, 465 implicit TLS, 25 relay).'),
  SMTP_TLS: z.enum(['starttls', 'implicit', 'none']).default('starttls').describe('`starttls`: upgrade and require TLS; `implicit`: TLS from the first byte (port 465); `none`: plain text (a local relay only).'),
  SMTP_USER: z.string().min(1).optional().describe('SMTP login (with SMTP_PASSWORD); unset: no authentication.'),
  SMTP_PASSWORD: z.string().min(1).optional().describe('SMTP password of SMTP_USER.'),
  SMTP_FROM: z.string().min(3).optional().describe('Sender of notification mail, e.g. `Mentoring Circles <mentoring@example.org>`. Required with SMTP_HOST.'),
  NOTIFY_DIGEST_CRON: z.string().min(1).default('0 7 * * 1').describe('When weekly digests go out (cron, UTC; pg-boss). Default: Mondays 07:00 UTC.'),
  NOTIFY_RETRY_BASE_SECONDS: z.coerce.number().int().min(1).max(3600).default(60).describe('First pause after a temporary SMTP failure (4xx, no connection); doubles per attempt up to 6 hours. Mail is never dropped for a temporary failure.'),
};

const notifySchema = z.object(notifyConfigShape);
type RawNotify = z.infer<typeof notifySchema>;

export interface SmtpConfig {
  readonly host: string;
  readonly port: number;
  readonly tls: 'starttls' | 'implicit' | 'none';
  readonly user: string | undefined;
  readonly password: string | undefined;
  readonly from: string;
}

export interface NotifyConfig {
  readonly smtp: SmtpConfig | null;
  readonly digestCron: string;
  readonly retryBaseSeconds: number;
}

export function notifyConfigProblems(raw: RawNotify): string[] {
  const problems: string[] = [];
  if (raw.SMTP_HOST && !raw.SMTP_FROM) problems.push('SMTP_FROM: required when SMTP_HOST is set');
  if (Boolean(raw.SMTP_USER) !== Boolean(raw.SMTP_PASSWORD)) problems.push('SMTP_PASSWORD: SMTP_USER and SMTP_PASSWORD go together');
  return problems;
}

export function notifyConfigFrom(raw: RawNotify): { notify: NotifyConfig } {
  const smtp = raw.SMTP_HOST && raw.SMTP_FROM ? Object.freeze({
    host: raw.SMTP_HOST, port: raw.SMTP_PORT, tls: raw.SMTP_TLS, user: raw.SMTP_USER,
    password: raw.SMTP_PASSWORD, from: raw.SMTP_FROM,
  }) : null;
  return {
    notify: Object.freeze({
      smtp, digestCron: raw.NOTIFY_DIGEST_CRON, retryBaseSeconds: raw.NOTIFY_RETRY_BASE_SECONDS,
    }),
  };
}
