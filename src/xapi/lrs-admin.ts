import { AppError } from '../shared/errors.js';
import type { Logger } from '../shared/logger.js';
import type { SecretBox } from '../shared/secret-box.js';
import { sameEndpoint, type LrsClient } from './lrs-client.js';
import type { CourseScopeRef, LrsScope, LrsSettingsStore, OutboxAdminStore } from './lrs-admin-ports.js';
import { testResultOf, type LrsTestResult } from './lrs-test-result.js';
import type { LrsTarget } from './ports.js';
import type { IdentityMode } from './snapshot.js';

export interface LrsForm {
  scope: LrsScope;
  endpoint: string;
  username: string;
  /** Blank: keep (or test with) the stored secret, only against the endpoint it was saved for. */
  password: string;
  version: string;
  identityMode: IdentityMode;
}

export interface LrsAdminDeps {
  settings: LrsSettingsStore;
  outbox: OutboxAdminStore;
  secrets: SecretBox;
  client: LrsClient;
  defaultLrs: Omit<LrsTarget, 'source'> | null;
  logger: Logger;
  /** Asks the delivery job to run now (no-op when jobs are off). */
  kick: () => Promise<void>;
}

/** Who looks at the page: only LMS administrators see (and act on) the tenant's settings. */
export interface LrsViewer extends CourseScopeRef {
  tenantAdmin: boolean;
}

/** A form field the user must correct; the page is shown again with the typed values. */
export type LrsFieldError = { field: 'password'; message: string };

const notFound = () => new AppError('NOT_FOUND', 404, 'There is no such program or statement in this course.');
const SECRET_AGAIN = 'Enter the secret (password) for this endpoint and key: the saved one is only used with the endpoint and key it was saved with.';

/** The staff LRS page's use cases; every one is scoped to the session's tenant and course. */
export function createLrsAdmin(deps: LrsAdminDeps) {
  async function overview(viewer: LrsViewer) {
    const [{ settings, programs }, counts, problems, held] = await Promise.all([
      deps.settings.listForCourse(viewer), deps.outbox.counts(viewer), deps.outbox.problems(viewer, 100), deps.outbox.held(viewer),
    ]);
    const tenant = settings.find((s) => s.programId === null) ?? null;
    return {
      tenantAdmin: viewer.tenantAdmin,
      tenantConfigured: tenant !== null,
      tenantSettings: viewer.tenantAdmin ? tenant : null,
      settings: settings.filter((s) => s.programId !== null),
      programs, counts, problems,
      held: { tenant: viewer.tenantAdmin ? held.tenant : null, programs: held.programs },
      defaultConfigured: deps.defaultLrs !== null,
      defaultEndpoint: viewer.tenantAdmin ? (deps.defaultLrs?.endpoint ?? null) : null,
    };
  }

  /** The stored settings of `target`; 404 for a program that is not the course's. */
  async function storedFor(scope: CourseScopeRef, target: LrsScope) {
    const { settings, programs } = await deps.settings.listForCourse(scope);
    const programId = target.kind === 'program' ? target.programId : null;
    if (programId && !programs.some((p) => p.id === programId)) throw notFound();
    return settings.find((s) => s.programId === programId) ?? null;
  }

  async function saveSettings(scope: CourseScopeRef, form: LrsForm): Promise<LrsFieldError | null> {
    const input = {
      endpoint: form.endpoint, username: form.username, secretEncrypted: form.password ? deps.secrets.seal(form.password) : null,
      version: form.version, identityMode: form.identityMode,
    };
    const outcome = await deps.settings.save(scope, form.scope, input);
    if (outcome === 'secret-required') return { field: 'password', message: SECRET_AGAIN };
    if (outcome === 'not-found') {
      deps.logger.warn({ tenantId: scope.tenantId, courseId: scope.courseId, userId: scope.userId, scope: form.scope },
        'LRS settings for a program outside the course refused');
      throw notFound();
    }
    await deps.kick();
    return null;
  }

  /** The form's values against the real LRS; a blank password uses the stored secret only where it was saved. */
  async function testConnection(scope: CourseScopeRef, form: LrsForm): Promise<LrsTestResult | LrsFieldError> {
    let password = form.password;
    const stored = await storedFor(scope, form.scope);
    if (!password) {
      if (!stored || !sameEndpoint(stored.endpoint, form.endpoint) || stored.username !== form.username) {
        return { field: 'password', message: SECRET_AGAIN };
      }
      password = deps.secrets.open(stored.secretEncrypted);
    }
    const res = await deps.client.testConnection({ endpoint: form.endpoint, username: form.username, password, version: form.version, source: 'tenant' });
    if (!res.ok) {
      deps.logger.warn({ tenantId: scope.tenantId, userId: scope.userId, endpoint: form.endpoint, kind: res.kind, httpStatus: res.status },
        'LRS connection test failed');
    }
    return testResultOf(res);
  }

  async function retry(scope: CourseScopeRef, id: string | null): Promise<number> {
    const n = await deps.outbox.retry(scope, id);
    if (id && n === 0) {
      deps.logger.warn({ tenantId: scope.tenantId, courseId: scope.courseId, userId: scope.userId, outboxId: id },
        'retry of a statement outside the course (or not failed) refused');
      throw notFound();
    }
    await deps.kick();
    return n;
  }

  /** An administrator's explicit "re-send to the new LRS" for statements recorded for the previous one. */
  async function resendToNewLrs(scope: CourseScopeRef, target: LrsScope): Promise<number> {
    const done = await deps.outbox.resend(scope, target);
    if (!done) throw notFound();
    deps.logger.info({ tenantId: scope.tenantId, courseId: scope.courseId, actorUserId: scope.userId, scope: target,
      endpoint: done.endpoint, rows: done.rows }, 'statements recorded for a previous LRS re-sent to the LRS in force');
    await deps.kick();
    return done.rows;
  }

  return { overview, saveSettings, testConnection, retry, resendToNewLrs };
}

export type LrsAdmin = ReturnType<typeof createLrsAdmin>;
