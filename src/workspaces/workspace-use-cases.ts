import { randomUUID } from 'node:crypto';
import { domainEvent } from '../mentoring/events.js';
import type { Clock } from '../shared/clock.js';
import { normalEmail, parseInput, personInput, workspaceInput } from './workspace-input.js';
import type { LinkLookup, LinkWrite, WorkspacePerson, WorkspaceStore } from './workspace-ports.js';
import { workspaceRefusal } from './workspace-refusals.js';
import {
  hashSignInToken,
  newSignInToken,
  SIGN_IN_TOKEN,
  signInPath,
  workspaceHomePage,
} from './sign-in-token.js';

export interface WorkspaceDeps {
  store: WorkspaceStore;
  clock: Clock;
  publicUrl: string;
  /** WORKSPACE_SIGN_IN_LINK_MINUTES, in seconds. */
  linkTtlSeconds: number;
}

export interface IssuedLink {
  url: string;
  expiresAt: Date;
  person: WorkspacePerson;
}

/** A fresh token and what to record of it; the token itself is only ever shown, never stored. */
function mintLink(deps: WorkspaceDeps, tenantId: string, createdBy: string | null) {
  const token = newSignInToken();
  const createdAt = deps.clock.now();
  const expiresAt = new Date(createdAt.getTime() + deps.linkTtlSeconds * 1000);
  const write: LinkWrite = { tokenHash: hashSignInToken(token), createdBy, createdAt, expiresAt };
  return { write, url: `${deps.publicUrl}${signInPath(tenantId, token)}`, expiresAt };
}

/** CLI: a new workspace, its course and first administrator, and that admin's sign-in link. */
export async function createWorkspace(deps: WorkspaceDeps, raw: unknown): Promise<IssuedLink> {
  const input = parseInput(workspaceInput, raw);
  const id = randomUUID();
  const link = mintLink(deps, id, null);
  const { person } = await deps.store.create({
    id,
    name: input.name,
    homePage: workspaceHomePage(deps.publicUrl, id),
    admin: { name: input.adminName, email: input.adminEmail },
    link: link.write,
  });
  return { url: link.url, expiresAt: link.expiresAt, person };
}

async function workspaceOrRefuse(deps: WorkspaceDeps, tenantId: string): Promise<void> {
  const kind = await deps.store.kindOf(tenantId);
  if (!kind) throw workspaceRefusal('WORKSPACE_UNKNOWN', { tenantId });
  if (kind !== 'workspace') throw workspaceRefusal('WORKSPACE_ONLY');
}

/** CLI: a new link for someone already in the workspace. */
export async function issueSignInLink(
  deps: WorkspaceDeps,
  tenantId: string,
  email: string,
): Promise<IssuedLink> {
  await workspaceOrRefuse(deps, tenantId);
  const person = await deps.store.findPerson(tenantId, normalEmail(email));
  if (!person) throw workspaceRefusal('WORKSPACE_PERSON_UNKNOWN', { email });
  const link = mintLink(deps, tenantId, null);
  await deps.store.issueLink(tenantId, person.userId, link.write);
  return { url: link.url, expiresAt: link.expiresAt, person };
}

export interface Inviter {
  tenantId: string;
  /** null: the operator, from the CLI. */
  userId: string | null;
  /** A workspace administrator (the session's tenantAdmin), or the operator. */
  admin: boolean;
}

/**
 * A workspace admin adds a staff member (or sends an existing one a new link). Only admins, only
 * in a workspace; the person may be `admin` or `staff`.
 */
export async function inviteWorkspaceStaff(
  deps: WorkspaceDeps,
  inviter: Inviter,
  raw: unknown,
): Promise<IssuedLink> {
  await workspaceOrRefuse(deps, inviter.tenantId);
  if (!inviter.admin) throw workspaceRefusal('WORKSPACE_ADMIN_ONLY');
  const input = parseInput(personInput, raw);
  const link = mintLink(deps, inviter.tenantId, inviter.userId);
  const person = await deps.store.addPerson(
    inviter.tenantId,
    { ...input, invitedBy: inviter.userId },
    link.write,
  );
  if (!person) throw workspaceRefusal('WORKSPACE_PERSON_EXISTS', { email: input.email });
  return { url: link.url, expiresAt: link.expiresAt, person };
}

/** A new link for a person already in the inviter's workspace (admins only). */
export async function resendSignInLink(
  deps: WorkspaceDeps,
  inviter: Inviter,
  userId: string,
): Promise<IssuedLink> {
  await workspaceOrRefuse(deps, inviter.tenantId);
  if (!inviter.admin) throw workspaceRefusal('WORKSPACE_ADMIN_ONLY');
  const person = (await deps.store.people(inviter.tenantId)).find((p) => p.userId === userId);
  if (!person) throw workspaceRefusal('WORKSPACE_PERSON_UNKNOWN');
  const link = mintLink(deps, inviter.tenantId, inviter.userId);
  await deps.store.issueLink(inviter.tenantId, person.userId, link.write);
  return { url: link.url, expiresAt: link.expiresAt, person };
}

const refusalOfState = (lookup: LinkLookup | undefined) => {
  if (!lookup) return workspaceRefusal('SIGN_IN_LINK_UNKNOWN');
  if (lookup.state === 'used') return workspaceRefusal('SIGN_IN_LINK_USED');
  if (lookup.state === 'expired') return workspaceRefusal('SIGN_IN_LINK_EXPIRED');
  return null;
};

/** GET of a link: who it signs in, without using it (mail scanners prefetch links). */
export async function previewSignInLink(
  deps: WorkspaceDeps,
  tenantId: string,
  token: string,
): Promise<LinkLookup> {
  if (!SIGN_IN_TOKEN.test(token)) throw workspaceRefusal('SIGN_IN_LINK_UNKNOWN');
  const lookup = await deps.store.lookUp(tenantId, hashSignInToken(token), deps.clock.now());
  const refused = refusalOfState(lookup);
  if (refused) throw refused;
  return lookup!;
}

/** POST of a link: uses it once (with a `launched` event), then the caller opens the session. */
export async function useSignInLink(
  deps: WorkspaceDeps,
  tenantId: string,
  token: string,
): Promise<LinkLookup> {
  if (!SIGN_IN_TOKEN.test(token)) throw workspaceRefusal('SIGN_IN_LINK_UNKNOWN');
  const now = deps.clock.now();
  const lookup = await deps.store.consume(tenantId, hashSignInToken(token), now, (l) => [
    domainEvent('launched', {
      tenantId,
      courseId: l.course.courseId,
      programId: null,
      circleId: null,
      actorUserId: l.person.userId,
      occurredAt: now,
      data: { resourceLinkId: null, courseRole: 'staff' },
    }),
  ]);
  const refused = refusalOfState(lookup);
  if (refused) throw refused;
  return lookup!;
}
