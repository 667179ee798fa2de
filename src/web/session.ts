import { hkdfSync, randomUUID } from 'node:crypto';
import { SignJWT, jwtVerify } from 'jose';
import { hmacKey } from '../shared/hmac-key.js';
import type { SessionOpening } from '../lti/ports.js';
import type { CourseRole } from '../lti/roles.js';
import type { Clock } from '../shared/clock.js';
import { AppError } from '../shared/errors.js';

/**
 * The tool's own session after a launch. It travels in the URL (`s=`) and in forms, not in a
 * cookie, so it keeps working in LMS iframes where third-party cookies are blocked. The token is
 * honoured only while its server-side record is live: a leaked URL stops working after an hour
 * idle, at the absolute lifetime, when revoked, or when a later launch lowers the person's role.
 */
export interface Session {
  /** Random per launch; the key of the server-side record; binds CSRF tokens to this session. */
  sid: string;
  tenantId: string;
  userId: string;
  userName: string | null;
  courseId: string;
  courseTitle: string | null;
  enrolmentId: string;
  resourceLinkId: string | null;
  courseRole: CourseRole;
  /** An LMS administrator (see `isTenantAdmin`): deployment-wide settings are theirs only. */
  tenantAdmin: boolean;
  returnUrl: string | null;
  /** The program and activity the launched link opens, when it was placed by Deep Linking. */
  programId: string | null;
  activity: string | null;
  /** Set only for a Deep Linking launch: the stored request the picker answers. */
  deepLinkRequestId: string | null;
  /** `workspace` for a standalone workspace's staff (signed in by link); absent: an LMS launch. */
  tenantKind?: 'lti' | 'workspace';
}

/** What the server keeps of a session. */
export interface SessionRecord {
  sid: string;
  tenantId: string;
  userId: string;
  courseId: string;
  courseRole: CourseRole;
  tenantAdmin: boolean;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
}

export type NewSessionRecord = Omit<SessionRecord, 'lastSeenAt' | 'revokedAt'>;

export interface SessionStore {
  /** Records the session and revokes the person's other live sessions in the course that hold more rights. */
  open(record: NewSessionRecord, higherRoles: CourseRole[]): Promise<void>;
  find(sid: string): Promise<SessionRecord | undefined>;
  /** Sets last_seen to `at`, unless it was already set after `unlessAfter` (throttles the write). */
  touch(sid: string, at: Date, unlessAfter: Date): Promise<void>;
}

export interface SessionSigner {
  /** Opens a session: records it server-side and returns its URL token. */
  sign(session: Session): Promise<string>;
  /** What to record for a new session (a launch records it in its own statement). */
  opening(courseRole: CourseRole, tenantAdmin: boolean): SessionOpening;
  /** The URL token of a session already recorded from `opening`. */
  signOpened(session: Session, opening: SessionOpening): Promise<string>;
  /** The session of a token whose record is live (renewing it); throws a SESSION_* AppError otherwise. */
  verify(token: string): Promise<Session>;
}

const SESSION_REFUSALS = {
  SESSION_MISSING: [401, 'This page is opened from your course.', 'Open the Mentoring Circles activity from your course in the LMS. (Workspace staff: use your sign-in link.)'],
  SESSION_INVALID: [401, 'Your session has ended or the link is not valid.', 'Open the activity again from your course. (Workspace staff: ask for a new sign-in link.)'],
  SESSION_EXPIRED: [401, 'Your session has ended: it was not used for a while, or it reached its maximum length.', 'Open the activity again from your course. (Workspace staff: ask for a new sign-in link.)'],
  SESSION_REVOKED: [401, 'This session was ended: your role in the course changed, or it was signed out.', 'Open the activity again from your course. (Workspace staff: ask for a new sign-in link.)'],
} as const satisfies Record<string, readonly [number, string, string]>;

export type SessionRefusalCode = keyof typeof SESSION_REFUSALS;

export function sessionRefusal(code: SessionRefusalCode): AppError {
  const [status, reason, advice] = SESSION_REFUSALS[code];
  return new AppError(code, status, reason, { advice });
}

/** Order of rights: a later launch with a lower role ends the sessions of the higher ones. */
const ROLE_RANK: Record<CourseRole, number> = { learner: 0, staff: 1 };
const rolesAbove = (role: CourseRole) => (Object.keys(ROLE_RANK) as CourseRole[]).filter((r) => ROLE_RANK[r] > ROLE_RANK[role]);

/** last_seen is written at most this often per session, so pages do not write on every request. */
const RENEW_EVERY_MS = 60_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const seconds = (at: Date) => Math.floor(at.getTime() / 1000);

export interface SessionSignerOptions {
  secret: string;
  /** Absolute lifetime (SESSION_TTL_MINUTES). */
  ttlSeconds: number;
  /** Inactivity after which the session ends (SESSION_IDLE_MINUTES). */
  idleSeconds: number;
  store: SessionStore;
  clock: Clock;
}

function refusalOf(record: SessionRecord | undefined, session: Session, now: Date, idleSeconds: number): SessionRefusalCode | null {
  if (!record || record.tenantId !== session.tenantId || record.userId !== session.userId) return 'SESSION_INVALID';
  if (record.revokedAt) return 'SESSION_REVOKED';
  if (now >= record.expiresAt || now.getTime() - record.lastSeenAt.getTime() > idleSeconds * 1000) return 'SESSION_EXPIRED';
  return null;
}

export function createSessionSigner(options: SessionSignerOptions): SessionSigner {
  const { store, clock } = options;
  const key = hmacKey(new Uint8Array(hkdfSync('sha256', options.secret, 'mentoring-circles', 'session-v1', 32)));
  async function decode(token: string, now: Date): Promise<Session> {
    try {
      const { payload } = await jwtVerify(token, await key, { algorithms: ['HS256'], currentDate: now });
      return payload as unknown as Session;
    } catch (err) {
      throw sessionRefusal((err as { code?: string }).code === 'ERR_JWT_EXPIRED' ? 'SESSION_EXPIRED' : 'SESSION_INVALID');
    }
  }
  function opening(courseRole: CourseRole, tenantAdmin: boolean): SessionOpening {
    const createdAt = clock.now();
    const expiresAt = new Date(createdAt.getTime() + options.ttlSeconds * 1000);
    return { sid: randomUUID(), courseRole, tenantAdmin, createdAt, expiresAt, revokeRoles: rolesAbove(courseRole) };
  }
  async function signOpened(session: Session, opened: SessionOpening): Promise<string> {
    return new SignJWT({ ...session, sid: opened.sid }).setProtectedHeader({ alg: 'HS256' })
      .setIssuedAt(seconds(opened.createdAt)).setExpirationTime(seconds(opened.expiresAt)).sign(await key);
  }
  return {
    opening,
    signOpened,
    async sign(session) {
      const opened = { ...opening(session.courseRole, session.tenantAdmin), sid: session.sid };
      const { sid, tenantId, userId, courseId, courseRole, tenantAdmin } = session;
      const { createdAt, expiresAt } = opened;
      await store.open({ sid, tenantId, userId, courseId, courseRole, tenantAdmin, createdAt, expiresAt }, opened.revokeRoles);
      return signOpened(session, opened);
    },
    async verify(token) {
      const now = clock.now();
      const session = await decode(token, now);
      if (typeof session.sid !== 'string' || !UUID.test(session.sid)) throw sessionRefusal('SESSION_INVALID');
      const record = await store.find(session.sid);
      const refused = refusalOf(record, session, now, options.idleSeconds);
      if (refused) throw sessionRefusal(refused);
      if (now.getTime() - record!.lastSeenAt.getTime() >= RENEW_EVERY_MS) await store.touch(session.sid, now, new Date(now.getTime() - RENEW_EVERY_MS));
      return session;
    },
  };
}
