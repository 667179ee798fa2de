import { AppError } from '../shared/errors.js';

/**
 * Every reason a package launch (SCORM or cmi5) is refused, once: status, what the learner reads,
 * and what to do. The learner sees these inside the other LMS, so the advice names its admin.
 */
const PACKAGE_REFUSALS = {
  PACKAGE_UNKNOWN: [
    404,
    'This mentoring program package is not known to Mentoring Circles (it may have been ' +
      'deleted).',
    'Ask your LMS administrator to upload a current package of the program.',
  ],
  PACKAGE_DISABLED: [
    403,
    'This mentoring program package has been switched off by the program staff.',
    'Ask the program staff or your LMS administrator when it opens again.',
  ],
  PACKAGE_EXPIRED: [
    403,
    'This mentoring program package has expired.',
    'Ask your LMS administrator to upload a current package of the program.',
  ],
  PACKAGE_ORIGIN_NOT_ALLOWED: [
    403,
    'This package may only be opened from the LMS it was made for.',
    'Open the activity from your organisation\'s LMS; if that is what you did, ask its ' +
      'administrator to have the LMS address added to the package.',
  ],
  PACKAGE_LAUNCH_INVALID: [
    400,
    'The launch request is incomplete or malformed.',
    'Open the activity again from your LMS.',
  ],
  PACKAGE_LAUNCH_ALTERED: [
    401,
    'The launch request was altered or signed with another key.',
    'Open the activity again from your LMS; if it keeps happening, ask for a current package.',
  ],
  PACKAGE_LAUNCH_EXPIRED: [
    401,
    'The launch request is too old, or your computer\'s clock is far off.',
    'Check your computer\'s date and time, then open the activity again from your LMS.',
  ],
  PACKAGE_LAUNCH_REPLAYED: [
    409,
    'This launch request was already used: each one opens the program once.',
    'Open the activity again from your LMS (do not reload or bookmark this page).',
  ],
  PACKAGE_NOT_YOURS: [
    403,
    'This page belongs to another package\'s learner.',
    'Open the activity again from your LMS.',
  ],
  PACKAGE_KIND_MISMATCH: [
    400,
    'This launch address is for another kind of package.',
    'Ask your LMS administrator to upload a current package of the program.',
  ],
  // cmi5 (the AU's calls to the LMS, cmi5 sections 8 and 10)
  CMI5_TOKEN_USED: [409, 'This launch was already opened once: the LMS hands out its access only once, or it has expired.', 'Go back to your LMS and open the activity again (do not reload or bookmark this page).'],
  CMI5_TOKEN_REFUSED: [403, 'Your LMS refused to let Mentoring Circles report on this launch.', 'Open the activity again from your LMS; if it keeps happening, tell your LMS administrator.'],
  CMI5_LMS_UNREACHABLE: [502, 'Mentoring Circles could not reach your LMS to start this launch.', 'Try again in a minute from your LMS; if it keeps happening, tell your LMS administrator.'],
  CMI5_LMS_MALFORMED: [502, 'Your LMS answered the cmi5 launch in a way Mentoring Circles cannot use.', 'Tell your LMS administrator: the LMS\'s cmi5 support answered out of the specification.'],
  CMI5_LAUNCH_DATA_MISSING: [502, 'Your LMS did not provide this launch\'s cmi5 launch data (LMS.LaunchData).', 'Tell your LMS administrator: a cmi5 LMS writes LMS.LaunchData before launching an activity (cmi5 section 10).'],
  CMI5_LRS_REFUSED: [502, 'Your LMS did not accept Mentoring Circles\' start of this session.', 'Open the activity again from your LMS; if it keeps happening, tell your LMS administrator.'],
  CMI5_EXIT_INVALID: [404, 'This exit link is not valid.', 'Close this window and go back to your LMS.'],
} as const satisfies Record<string, readonly [number, string, string]>;

export type PackageRefusalCode = keyof typeof PACKAGE_REFUSALS;

export function packageRefusal(
  code: PackageRefusalCode, data: Record<string, unknown> = {},
): AppError {
  const [status, reason, advice] = PACKAGE_REFUSALS[code];
  return new AppError(code, status, reason, { advice, ...data });
}
