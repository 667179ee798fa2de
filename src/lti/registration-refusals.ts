import { AppError } from '../shared/errors.js';

const START_AGAIN = 'Start the registration again from the LMS\'s tool registration screen.';

/**
 * Why a Dynamic Registration was refused, for the LMS administrator who started it. Nothing the
 * LMS (or whoever answered) sent back is ever shown: only our reason and local facts.
 */
const REFUSALS = {
  REGISTRATION_PARAMS_INVALID: [
    400,
    'Dynamic registration needs an openid_configuration URL (and usually a registration_token) '
      + 'from the LMS.',
    'Start the registration from the LMS\'s "Register tool" / "Dynamic registration" screen '
      + 'with this URL.',
  ],
  REGISTRATION_TOKEN_INVALID: [
    400,
    'The registration_token contains characters that cannot be sent to the LMS as they are.',
    START_AGAIN,
  ],
  REGISTRATION_HOST_FORBIDDEN: [
    400,
    'The LMS address is on a private, loopback or otherwise internal network, which this tool '
      + 'does not contact.',
    'Use the LMS\'s public address; an operator running the LMS on the same machine or network '
      + 'sets REGISTRATION_ALLOW_PRIVATE_HOSTS=true.',
  ],
  REGISTRATION_PLATFORM_UNREACHABLE: [
    400,
    'The LMS could not be reached.',
    'Check that the tool\'s server can reach the LMS over the network, then start again.',
  ],
  REGISTRATION_PLATFORM_TIMEOUT: [
    400,
    'The LMS took too long to answer.',
    START_AGAIN,
  ],
  REGISTRATION_REDIRECT_REFUSED: [
    400,
    'The LMS answered with a redirect, which this tool does not follow during registration.',
    'Give the LMS\'s final address (the issuer\'s own URL) in the registration.',
  ],
  REGISTRATION_RESPONSE_TOO_LARGE: [
    400,
    'The LMS\'s answer is larger than a registration answer can be.',
    'Check the openid_configuration URL the LMS sent.',
  ],
  REGISTRATION_REFUSED_BY_PLATFORM: [
    400,
    'The LMS refused the request.',
    'The registration token may have expired or been used already: ' + START_AGAIN.toLowerCase(),
  ],
  REGISTRATION_BAD_PLATFORM_RESPONSE: [
    400,
    'The LMS did not answer with a usable registration (JSON with a client_id).',
    START_AGAIN,
  ],
  REGISTRATION_BAD_PLATFORM_CONFIGURATION: [
    400,
    'The LMS\'s OpenID configuration is missing or has invalid fields.',
    'Check the LMS version supports LTI Dynamic Registration 1.0.',
  ],
  REGISTRATION_ISSUER_MISMATCH: [
    400,
    'The OpenID configuration names an issuer other than the site it was read from, so it '
      + 'cannot be trusted.',
    'The configuration URL must start with the LMS\'s issuer (LTI Dynamic Registration 1.0, '
      + '§3.5.1): check the LMS\'s site URL / issuer setting.',
  ],
  REGISTRATION_ALREADY_EXISTS: [
    409,
    'This LMS client (issuer and client id) is registered already; the existing registration '
      + 'was left as it is.',
    'To replace it, remove it first with `npm run platform -- remove ID`, then register again.',
  ],
} as const satisfies Record<string, readonly [number, string, string]>;

export type RegistrationRefusalCode = keyof typeof REFUSALS;

/** Local facts that may be shown: which step failed and the HTTP status we got, never a body. */
export interface RefusalFacts {
  step?: 'read its OpenID configuration' | 'register the tool';
  status?: number;
  errorCode?: string | null;
  fields?: string[];
}

function detailsOf(facts: RefusalFacts): string {
  const parts = [
    facts.step ? `when asked to ${facts.step}` : null,
    facts.status ? `HTTP ${facts.status}` : null,
    facts.errorCode ? facts.errorCode : null,
    facts.fields?.length ? `fields: ${facts.fields.join(', ')}` : null,
  ].filter((p): p is string => p !== null);
  return parts.length ? ` (${parts.join('; ')})` : '';
}

export function registrationRefusal(
  code: RegistrationRefusalCode,
  facts: RefusalFacts = {},
): AppError {
  const [status, reason, advice] = REFUSALS[code];
  return new AppError(code, status, `${reason}${detailsOf(facts)}`, { advice, ...facts });
}
