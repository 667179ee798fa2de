import { AppError } from '../shared/errors.js';

/**
 * Every refusal of the workspace feature, once: status, what happened, what to do. Sign-in links
 * fail closed with a page naming which of these it was (never a bare 404 or a 500).
 */
const WORKSPACE_REFUSALS = {
  SIGN_IN_LINK_UNKNOWN: [
    404,
    'This sign-in link is not valid: it was mistyped, cut short, or replaced by a newer link.',
    'Use the newest link you received, or ask your workspace administrator for a new one.',
  ],
  SIGN_IN_LINK_USED: [
    410,
    'This sign-in link was already used: each link signs in once.',
    'Ask your workspace administrator (or the tool operator) for a new sign-in link.',
  ],
  SIGN_IN_LINK_EXPIRED: [
    410,
    'This sign-in link has expired: links are short-lived.',
    'Ask your workspace administrator (or the tool operator) for a new sign-in link.',
  ],
  SIGN_IN_CROSS_SITE: [
    403,
    'This sign-in was sent from another site, not from the sign-in page of this tool.',
    'Open the sign-in link itself and press its Sign in button.',
  ],
  WORKSPACE_ONLY: [
    409,
    'This page is for standalone workspaces: people of an LMS course arrive from the LMS.',
    'Add staff in your LMS course; they open the activity from there.',
  ],
  NOT_IN_WORKSPACE: [
    409,
    'This is an LMS (LTI) feature and is not available in a standalone workspace.',
    'Workspace programs take their people from invitations and delivery packages instead.',
  ],
  WORKSPACE_ADMIN_ONLY: [
    403,
    'Only workspace administrators can invite staff.',
    'Ask an administrator of this workspace to invite the person.',
  ],
  WORKSPACE_PERSON_UNKNOWN: [
    404,
    'Nobody with this e-mail address is staff of this workspace.',
    'Check the address, or invite the person first.',
  ],
  WORKSPACE_UNKNOWN: [
    404,
    'There is no workspace with this id.',
    'List the workspaces with `npm run platform -- workspace list`.',
  ],
  WORKSPACE_PERSON_EXISTS: [
    409,
    'Someone with this e-mail address is already staff of this workspace.',
    'Send them a new sign-in link instead.',
  ],
  WORKSPACE_INPUT_INVALID: [
    422,
    'The name or e-mail address is not valid.',
    'Give a name of 1 to 100 characters and an e-mail address like ada@example.org.',
  ],
} as const satisfies Record<string, readonly [number, string, string]>;

export type WorkspaceRefusalCode = keyof typeof WORKSPACE_REFUSALS;

export function workspaceRefusal(
  code: WorkspaceRefusalCode,
  data: Record<string, unknown> = {},
): AppError {
  const [status, reason, advice] = WORKSPACE_REFUSALS[code];
  return new AppError(code, status, reason, { advice, ...data });
}

export const WORKSPACE_REFUSAL_CODES = Object.keys(WORKSPACE_REFUSALS) as WorkspaceRefusalCode[];
