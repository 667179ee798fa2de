import ICAL from 'ical.js';
import { buildCircleWorld, type CircleWorld } from './circle-life-world.js';
import { startSmtpSink, type ReceivedMail, type SmtpSink } from './smtp-sink.js';
import { TestPlatform } from './test-platform.js';
import { startTestTool, type TestTool } from './test-tool.js';
import type { ToolSession } from './tool-session.js';
import { KINDS, type MailMode, type NotificationKind } from '../../src/mentoring/notifications/kinds.js';

/** The mail settings form with every kind at its default, but for `changes` (new kinds come along). */
export const mailSettings = (changes: Partial<Record<NotificationKind, string>> = {}) => ({
  ...(Object.fromEntries(Object.entries(KINDS).map(([k, v]) => [k, v.defaultMode])) as Record<
    NotificationKind,
    MailMode
  >),
  ...changes,
});

export interface NotifyEnv {
  tool: TestTool;
  canvas: TestPlatform;
  smtp: SmtpSink;
}

/** Mocha hooks: a real SMTP server, the tool configured to mail through it, a Canvas platform. */
export function useToolWithSmtp(): NotifyEnv {
  const env = {} as NotifyEnv;
  before(async function () {
    // The run's shared database may hold other suites' unsent notifications: they go first.
    this.timeout(600_000);
    env.smtp = await startSmtpSink();
    env.tool = await startTestTool(env.smtp.env);
    env.canvas = await TestPlatform.start('canvas');
    await env.tool.app.registry.registerPlatform(env.canvas.manualRegistration);
    while ((await drain(env)) > 0);
  });
  after(async () => {
    await env.tool?.close();
    await env.canvas?.close();
    await env.smtp?.close();
  });
  return env;
}

export type NotifyWorld = CircleWorld & { emails: Map<string, string>; circleName: string };

export const emailOf = (world: NotifyWorld, session: ToolSession) => world.emails.get(world.userIdOf(session))!;

/** A circle world plus each member's e-mail (from the launch). */
export async function buildNotifyWorld(
  env: NotifyEnv, roles: Parameters<typeof buildCircleWorld>[2], timeZone = 'Asia/Kolkata',
): Promise<NotifyWorld> {
  const world = await buildCircleWorld(env.tool, env.canvas, roles, { timeZone });
  const users = await env.tool.db.selectFrom('users').select(['id', 'email'])
    .where('id', 'in', [...world.members, world.outsider].map(world.userIdOf)).execute();
  const circle = await env.tool.db.selectFrom('circles').select('name').where('id', '=', world.circleId)
    .executeTakeFirstOrThrow();
  return Object.assign(world, { emails: new Map(users.map((u) => [u.id, u.email!])), circleName: circle.name });
}

/** Drains the mail queue (the delivery job's work) and returns how many were sent. */
export const drain = (env: NotifyEnv) => env.tool.app.notifications.dispatcher!.drain();

/** The mail's calendar part (text/calendar, METHOD in its Content-Type), parsed with ical.js. */
export function calendarOf(mail: ReceivedMail) {
  const part = /Content-Type: text\/calendar; charset=utf-8; method=(REQUEST|CANCEL)[\s\S]*?\r\n\r\n([\s\S]*?)\r\n--/i.exec(mail.raw);
  const ics = mail.parsed.attachments.find((a) => a.contentType === 'text/calendar' || a.filename?.endsWith('.ics'));
  const text = ics ? ics.content.toString('utf8') : decodePart(part?.[2] ?? '');
  const calendar = new ICAL.Component(ICAL.parse(text));
  for (const tz of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(tz);
  return { text, calendar, event: new ICAL.Event(calendar.getFirstSubcomponent('vevent')!), partMethod: part?.[1] ?? null };
}

const decodePart = (body: string) => Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
