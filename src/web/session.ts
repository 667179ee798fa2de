import { hkdfSync } from 'node:crypto';
import { SignJWT, jwtVerify } from 'jose';
import type { CourseRole } from '../lti/roles.js';
import { AppError } from '../shared/errors.js';

/**
 * The tool's own session after a launch. It travels in the URL (`s=`) and in forms, not in a
 * cookie, so it keeps working in LMS iframes where third-party cookies are blocked.
 */
export interface Session {
  /** Random per launch; binds CSRF tokens to this session. */
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
}

export interface SessionSigner {
  sign(session: Session): Promise<string>;
  verify(token: string): Promise<Session>;
}

export function createSessionSigner(secret: string, ttlSeconds: number): SessionSigner {
  const key = new Uint8Array(hkdfSync('sha256', secret, 'mentoring-circles', 'session-v1', 32));
  return {
    async sign(session) {
      return new SignJWT({ ...session })
        .setProtectedHeader({ alg: 'HS256' })
        .setIssuedAt()
        .setExpirationTime(`${ttlSeconds}s`)
        .sign(key);
    },
    async verify(token) {
      try {
        const { payload } = await jwtVerify(token, key, { algorithms: ['HS256'] });
        return payload as unknown as Session;
      } catch {
        throw new AppError('SESSION_INVALID', 401, 'Your session has ended or the link is not valid.', { advice: 'Open the activity again from your course.' });
      }
    },
  };
}
