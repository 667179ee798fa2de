import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { freePort } from './database-server.js';

export interface ReceivedMail {
  to: string[];
  parsed: ParsedMail;
  raw: string;
}

/**
 * A real SMTP server (the npm `smtp-server`) that keeps every accepted mail, parsed back with
 * `mailparser`. `refuse(code)` answers each RCPT with that code (421: temporary outage, 550:
 * no such mailbox) until `accept()`.
 */
export interface SmtpSink {
  port: number;
  mails: ReceivedMail[];
  /** Mails to one of these addresses (the shared test database holds other suites' people too). */
  to(...addresses: string[]): ReceivedMail[];
  refuse(code: 421 | 450 | 550): void;
  accept(): void;
  /** SMTP settings for the test tool. */
  env: Record<string, string>;
  close(): Promise<void>;
}

export async function startSmtpSink(): Promise<SmtpSink> {
  const port = await freePort();
  const mails: ReceivedMail[] = [];
  let refusal: number | null = null;
  const server = new SMTPServer({
    authOptional: true, disabledCommands: ['STARTTLS', 'AUTH'], logger: false, size: 10 * 1024 * 1024,
    onRcptTo(_address, _session, callback) {
      if (!refusal) return callback();
      const err = Object.assign(new Error(refusal === 550 ? 'No such user here' : 'Service not available, try later'), { responseCode: refusal });
      callback(err);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        simpleParser(raw).then((parsed) => {
          mails.push({ to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()), parsed, raw });
          callback();
        }, callback);
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return {
    port, mails,
    to: (...addresses) => {
      const wanted = new Set(addresses.map((a) => a.toLowerCase()));
      return mails.filter((m) => m.to.some((t) => wanted.has(t)));
    },
    refuse: (code) => void (refusal = code),
    accept: () => void (refusal = null),
    env: {
      SMTP_HOST: '127.0.0.1', SMTP_PORT: String(port), SMTP_TLS: 'none',
      SMTP_FROM: 'Mentoring Circles <mentoring@tool.test>', NOTIFY_RETRY_BASE_SECONDS: '1',
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
