import { AppError } from '../shared/errors.js';

/**
 * Why a launch was refused, in words a teacher or LMS admin can act on: each code once, with its
 * status, reason and advice.
 */
const REFUSALS = {
  LOGIN_PARAMS_MISSING: [400, 'The LMS started the launch without the required login parameters (iss, login_hint, target_link_uri).', 'Check the tool\'s login URL in the LMS configuration.'],
  UNKNOWN_PLATFORM: [400, 'This LMS (issuer and client id) is not registered with Mentoring Circles.', 'Ask your LMS administrator to register the tool (Dynamic Registration or the tool\'s CLI).'],
  CLIENT_ID_REQUIRED: [400, 'Several registrations of this LMS exist and the login did not say which client it is for.', 'Ask your LMS administrator to send client_id in the login initiation (LTI 1.3 platforms do by default).'],
  PLATFORM_PENDING: [403, 'This LMS registration is waiting for approval by the tool operator.', 'Ask the Mentoring Circles operator to activate the registration.'],
  DEPLOYMENT_NOT_REGISTERED: [403, 'This deployment of the tool is not registered for this LMS client.', 'Ask the tool operator to add the deployment id, or re-run the registration.'],
  ID_TOKEN_MISSING: [400, 'The launch arrived without an id_token.', 'Start the activity again from the course.'],
  ID_TOKEN_MALFORMED: [400, 'The launch message is not a valid signed token.', 'Start the activity again from the course.'],
  STATE_MISSING: [400, 'The launch arrived without its state parameter.', 'Start the activity again from the course.'],
  STATE_UNKNOWN: [401, 'The launch state does not match any login started here (missing, altered or expired).', 'Start the activity again from the course.'],
  STATE_EXPIRED: [401, 'The login took too long and expired.', 'Start the activity again from the course.'],
  ISSUER_MISMATCH: [401, 'The launch came from a different LMS than the login.', 'Start the activity again from the course.'],
  NONCE_MISMATCH: [401, 'The launch token was not issued for the login this tool started (nonce mismatch).', 'Start the activity again from the course; if it repeats, contact your LMS administrator.'],
  TOKEN_REPLAYED: [401, 'This launch was already used once and cannot be replayed.', 'Start the activity again from the course.'],
  TOKEN_EXPIRED: [401, 'The launch token has expired.', 'Start the activity again; if it repeats, check that the LMS server clock is correct.'],
  TOKEN_FROM_FUTURE: [401, 'The launch token claims to be issued in the future.', 'The LMS server clock is ahead: ask your LMS administrator to check it.'],
  SIGNATURE_INVALID: [401, 'The launch token\'s signature could not be verified with the LMS\'s published keys.', 'Ask your LMS administrator to check the keyset URL registered for the tool.'],
  KEY_UNKNOWN: [401, 'The launch token was signed with a key the LMS does not publish (unknown kid).', 'Ask your LMS administrator to check the LMS\'s keyset.'],
  KEYSET_UNREACHABLE: [502, 'The LMS\'s public keyset could not be fetched to check the launch.', 'Try again in a minute; if it repeats, ask your LMS administrator to check the keyset URL registered for the tool.'],
  AUDIENCE_INVALID: [401, 'The launch token was issued for another tool (wrong audience).', 'Check the client id registered for this tool.'],
  LTI_VERSION_INVALID: [400, 'The launch is not an LTI 1.3.0 message.', 'Configure the tool as an LTI 1.3 (Advantage) tool in the LMS.'],
  MESSAGE_TYPE_INVALID: [400, 'The launch message type is missing or not supported.', 'Use a resource link or deep linking placement.'],
  CLAIMS_INVALID: [400, 'The launch message is missing required LTI claims.', 'Check the tool\'s privacy settings in the LMS.'],
  COOKIES_BLOCKED: [401, 'Your browser blocked the cookie this tool needs inside the LMS frame, and the LMS offered no storage to use instead.', 'Start the activity again from the LMS in a new window (the link below); inside the frame, allow third-party cookies for this site.'],
  LAUNCH_FAILED: [401, 'The launch could not be validated.', 'Start the activity again from the course.'],
} as const satisfies Record<string, readonly [number, string, string]>;

export type RefusalCode = keyof typeof REFUSALS;

export function refusal(code: RefusalCode, data: Record<string, unknown> = {}): AppError {
  const [status, reason, advice] = REFUSALS[code];
  return new AppError(code, status, reason, { advice, ...data });
}
