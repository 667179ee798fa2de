import { parseArgs } from 'node:util';
import { loadConfigOrExit } from '../../config/config.js';
import { openDatabase } from '../../db/open-database.js';
import { createWorkspaceRepository } from '../../db/repositories/workspace-repository.js';
import { systemClock } from '../../shared/clock.js';
import { isAppError } from '../../shared/errors.js';
import type { Workspace } from '../workspace-ports.js';
import {
  createWorkspace,
  inviteWorkspaceStaff,
  issueSignInLink,
  type IssuedLink,
  type WorkspaceDeps,
} from '../workspace-use-cases.js';

export const WORKSPACE_USAGE = `Standalone workspaces (organisations without an LTI 1.3 LMS):

  npm run platform -- workspace create "NAME" --admin "ADMIN NAME" --email ADMIN_EMAIL
  npm run platform -- workspace list [--json]
  npm run platform -- workspace sign-in-link WORKSPACE_ID --email EMAIL
  npm run platform -- workspace invite WORKSPACE_ID --name "NAME" --email EMAIL [--role staff|admin]
  npm run platform -- workspace sign-out WORKSPACE_ID --email EMAIL

A sign-in link works once, for WORKSPACE_SIGN_IN_LINK_MINUTES (default 30); a new link replaces
the person's earlier unused ones.`;

class UsageError extends Error {}

const describeLink = (l: IssuedLink) =>
  [
    `Sign-in link for ${l.person.name} <${l.person.email}> (${l.person.role}), single use,`
      + ` until ${l.expiresAt.toISOString()}:`,
    `  ${l.url}`,
  ].join('\n');

const describeWorkspace = (w: Workspace) =>
  `${w.tenantId}  ${w.name}  (${w.people} staff, since ${w.createdAt.toISOString().slice(0, 10)})`;

interface CliDeps extends WorkspaceDeps {
  signOut(tenantId: string, email: string): Promise<string>;
}

async function run(deps: CliDeps, argv: string[]): Promise<string> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      admin: { type: 'string' },
      email: { type: 'string' },
      name: { type: 'string' },
      role: { type: 'string' },
      json: { type: 'boolean' },
    },
  });
  const [command, arg] = positionals;
  const needArg = (what: string) => {
    if (!arg) throw new UsageError(`${command} needs ${what}`);
    return arg;
  };
  const email = () =>
    values.email ??
    (() => {
      throw new UsageError('--email is required');
    })();
  switch (command) {
    case 'create': {
      const name = needArg('the workspace NAME');
      const link = await createWorkspace(deps, {
        name,
        adminName: values.admin,
        adminEmail: values.email,
      });
      return `Created workspace ${link.person.tenantId} "${name}".\n${describeLink(link)}`;
    }
    case 'list': {
      const all = await deps.store.list();
      if (values.json) return JSON.stringify(all, null, 2);
      return all.length ? all.map(describeWorkspace).join('\n') : 'No workspaces.';
    }
    case 'sign-in-link':
      return describeLink(await issueSignInLink(deps, needArg('a WORKSPACE_ID'), email()));
    case 'invite': {
      const inviter = { tenantId: needArg('a WORKSPACE_ID'), userId: null, admin: true };
      const input = { name: values.name, email: email(), role: values.role ?? 'staff' };
      return describeLink(await inviteWorkspaceStaff(deps, inviter, input));
    }
    case 'sign-out':
      return deps.signOut(needArg('a WORKSPACE_ID'), email());
    default:
      throw new UsageError(
        command ? `Unknown workspace command "${command}"` : 'No workspace command given',
      );
  }
}

/** `npm run platform -- workspace …`: the same environment as the tool. */
export async function runWorkspaceCli(argv: string[]): Promise<number> {
  const config = loadConfigOrExit(process.env);
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    poolSize: 1,
  });
  const store = createWorkspaceRepository(database.db);
  const deps: CliDeps = {
    store,
    clock: systemClock,
    publicUrl: config.publicUrl,
    linkTtlSeconds: config.workspaces.signInLinkTtlSeconds,
    async signOut(tenantId, email) {
      const person = await store.findPerson(tenantId, email.trim().toLowerCase());
      if (!person) throw new UsageError(`Nobody with e-mail ${email} in workspace ${tenantId}`);
      const ended = await store.signOutEverywhere(tenantId, person.userId, systemClock.now());
      return `Ended ${ended} live session(s) of ${email} and voided their unused sign-in links.`;
    },
  };
  try {
    process.stdout.write(`${await run(deps, argv)}\n`);
    return 0;
  } catch (err) {
    if (
      err instanceof UsageError ||
      isAppError(err) ||
      (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')
    ) {
      const advice =
        isAppError(err) && typeof err.data.advice === 'string' ? ` ${err.data.advice}` : '';
      process.stderr.write(`Error: ${(err as Error).message}${advice}\n\n${WORKSPACE_USAGE}\n`);
      return 2;
    }
    throw err;
  } finally {
    await database.close();
  }
}
