import { parseArgs } from 'node:util';
import { loadConfigOrExit } from '../../config/config.js';
import { loadOrCreateEmbeddedSecrets } from '../../config/embedded-secrets.js';
import { openDatabase } from '../../db/open-database.js';
import { createPlatformRepository } from '../../db/repositories/platform-repository.js';
import { isAppError } from '../../shared/errors.js';
import { createSessionRepository } from '../../db/repositories/session-repository.js';
import { createToolKeyRepository } from '../../db/repositories/tool-key-repository.js';
import { systemClock } from '../../shared/clock.js';
import { createLogger } from '../../shared/logger.js';
import { createSecretBox } from '../../shared/secret-box.js';
import { carryOverLtijsKeys } from '../ltijs-carry-over.js';
import { createToolKeys } from '../tool-keys.js';
import { createPlatformRegistry, type PlatformRegistry } from '../platform-registry.js';
import type { Registration } from '../ports.js';
import { runWorkspaceCli, WORKSPACE_USAGE } from '../../workspaces/cli/workspace-cli.js';

const USAGE = `Register LMS platforms by hand (for LMSs without Dynamic Registration).

  npm run platform -- list [--json]
  npm run platform -- add --issuer URL --client-id ID --auth-endpoint URL --token-endpoint URL
                          --jwks-uri URL --deployment-id ID [--deployment-id ID …] [--name TEXT]
                          [--product moodle|canvas|…] [--auth-server URL] [--pending]
  npm run platform -- add-deployment REGISTRATION_ID DEPLOYMENT_ID
  npm run platform -- remove-deployment REGISTRATION_ID DEPLOYMENT_ID
  npm run platform -- activate REGISTRATION_ID
  npm run platform -- deactivate REGISTRATION_ID
  npm run platform -- remove REGISTRATION_ID
  npm run platform -- revoke-sessions REGISTRATION_ID DEPLOYMENT_ID --subject LTI_SUB
  npm run platform -- rotate-key REGISTRATION_ID [--overlap-hours N]   (default 72)

Uses the same environment as the tool (DATABASE_URL, LTI_ENCRYPTION_KEY, DATA_DIR).`;

class UsageError extends Error {}

function describe(r: Registration): string {
  return [
    `${r.id}  ${r.status.toUpperCase()}  ${r.name}`,
    `  issuer:      ${r.issuer}`,
    `  client_id:   ${r.clientId}`,
    `  deployments: ${r.deploymentIds.join(', ') || '(none: launches are refused until one is added)'}`,
    `  endpoints:   auth ${r.authEndpoint} · token ${r.tokenEndpoint} · jwks ${r.jwksUri}`,
    `  registered:  ${r.registeredVia}`,
  ].join('\n');
}

function requireUrl(name: string, value: string | undefined): string {
  if (!value) throw new UsageError(`--${name} is required`);
  try {
    new URL(value);
  } catch {
    throw new UsageError(`--${name} must be a URL, got "${value}"`);
  }
  return value;
}

interface CliDeps {
  registry: PlatformRegistry;
  /** Ends every live session of an LMS user (by `sub`) in a deployment; how many were live. */
  revokeSessions(registrationId: string, deploymentId: string, subject: string): Promise<number>;
}

async function run(deps: CliDeps, argv: string[]): Promise<string> {
  const { registry } = deps;
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      issuer: { type: 'string' }, 'client-id': { type: 'string' }, 'auth-endpoint': { type: 'string' },
      'token-endpoint': { type: 'string' }, 'jwks-uri': { type: 'string' }, 'deployment-id': { type: 'string', multiple: true },
      name: { type: 'string' }, product: { type: 'string' }, 'auth-server': { type: 'string' }, pending: { type: 'boolean' }, 'overlap-hours': { type: 'string' },
      json: { type: 'boolean' }, subject: { type: 'string' },
    },
  });
  const [command, id, deploymentId] = positionals;
  const needId = () => {
    if (!id) throw new UsageError(`${command} needs a REGISTRATION_ID (see \`list\`)`);
    return id;
  };
  switch (command) {
    case 'list': {
      const all = await registry.list();
      if (values.json) return JSON.stringify(all, null, 2);
      return all.length ? all.map(describe).join('\n\n') : 'No platforms registered.';
    }
    case 'add': {
      const issuer = requireUrl('issuer', values.issuer);
      if (!values['client-id']) throw new UsageError('--client-id is required');
      const deploymentIds = values['deployment-id'] ?? [];
      if (!deploymentIds.length) throw new UsageError('--deployment-id is required (repeat it for several deployments)');
      const registration = await registry.registerPlatform({
        issuer, clientId: values['client-id'], name: values.name ?? new URL(issuer).host, productFamily: values.product ?? null,
        authEndpoint: requireUrl('auth-endpoint', values['auth-endpoint']), tokenEndpoint: requireUrl('token-endpoint', values['token-endpoint']),
        jwksUri: requireUrl('jwks-uri', values['jwks-uri']), authorizationServer: values['auth-server'] ?? null,
        deploymentIds, registeredVia: 'cli', status: values.pending ? 'pending' : 'active',
      });
      return `Registered.\n${describe(registration)}`;
    }
    case 'add-deployment': {
      if (!deploymentId) throw new UsageError('add-deployment needs REGISTRATION_ID DEPLOYMENT_ID');
      const existing = (await registry.list()).find((r) => r.id === needId());
      if (!existing) throw new UsageError(`No registration with id ${id}`);
      return describe(await registry.registerPlatform({ ...existing, deploymentIds: [deploymentId] }));
    }
    case 'remove-deployment':
      if (!deploymentId) throw new UsageError('remove-deployment needs REGISTRATION_ID DEPLOYMENT_ID');
      await registry.removeDeployment(needId(), deploymentId);
      return `Removed deployment ${deploymentId}.`;
    case 'activate':
      return describe(await registry.setStatus(needId(), 'active'));
    case 'deactivate':
      return describe(await registry.setStatus(needId(), 'disabled'));
    case 'revoke-sessions': {
      if (!deploymentId || !values.subject) {
        throw new UsageError('revoke-sessions needs REGISTRATION_ID DEPLOYMENT_ID --subject SUB');
      }
      const ended = await deps.revokeSessions(needId(), deploymentId, values.subject);
      return `Ended ${ended} live session(s) of ${values.subject}; their page links now answer SESSION_REVOKED.`;
    }
    case 'rotate-key': {
      const overlap = Number(values['overlap-hours'] ?? 72);
      if (!Number.isFinite(overlap) || overlap < 0) throw new UsageError('--overlap-hours must be a number ≥ 0');
      const kid = await registry.rotateKey(needId(), overlap);
      return `New signing key ${kid}; the previous key stays published for ${overlap} hours.`;
    }
    case 'remove':
      return `Removed ${describe(await registry.removePlatform(needId()))}`;
    default:
      throw new UsageError(command ? `Unknown command "${command}"` : 'No command given');
  }
}

async function main(): Promise<number> {
  const argv = process.argv.slice(2);
  if (!argv.length || argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(`${USAGE}\n\n${WORKSPACE_USAGE}\n`);
    return argv.length ? 0 : 2;
  }
  if (argv[0] === 'workspace') return runWorkspaceCli(argv.slice(1));
  const config = loadConfigOrExit(process.env);
  const encryptionKey = config.ltiEncryptionKey ?? (await loadOrCreateEmbeddedSecrets(config.dataDir, (m) => process.stderr.write(`${m}\n`))).ltiEncryptionKey;
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: 1 });
  const registrations = createPlatformRepository(database.db);
  const store = createToolKeyRepository(database.db);
  const box = createSecretBox(encryptionKey, 'tool-keys');
  const logger = createLogger('warn');
  await carryOverLtijsKeys({ db: database.db, store, box, encryptionKey, clock: systemClock, logger });
  const keys = createToolKeys({ store, registrations, box, clock: systemClock });
  try {
    const sessions = createSessionRepository(database.db);
    const revokeSessions = async (registrationId: string, deploymentId: string, subject: string) => {
      const registration = await registrations.findById(registrationId);
      if (!registration) throw new UsageError(`No registration with id ${registrationId}`);
      const tenantId = registration.tenantIds[deploymentId];
      if (!tenantId) throw new UsageError(`Registration ${registrationId} has no deployment ${deploymentId}`);
      const user = await database.db.selectFrom('users').select('id')
        .where('tenant_id', '=', tenantId).where('subject', '=', subject).executeTakeFirst();
      return user ? sessions.revokeAllOfUser(tenantId, user.id, systemClock.now()) : 0;
    };
    const registry = createPlatformRegistry(registrations, keys);
    process.stdout.write(`${await run({ registry, revokeSessions }, argv)}\n`);
    return 0;
  } catch (err) {
    if (err instanceof UsageError || isAppError(err) || (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`Error: ${(err as Error).message}\n\n${USAGE}\n`);
      return 2;
    }
    throw err;
  } finally {
    await database.close();
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    process.stderr.write(`Error: ${(err as Error).message}\n`);
    process.exit(1);
  },
);
