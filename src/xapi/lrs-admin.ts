import { AppError } from '../shared/errors.js';
import type { Logger } from '../shared/logger.js';
import type { SecretBox } from '../shared/secret-box.js';
import type { LrsClient } from './lrs-client.js';
import type { CourseScopeRef, LrsScope, LrsSettingsStore, OutboxAdminStore } from './lrs-admin-ports.js';
import type { LrsTarget } from './ports.js';
import type { IdentityMode } from './snapshot.js';

export interface LrsForm {
  scope: LrsScope;
  endpoint: string;
  username: string;
  /** Blank: keep the stored secret. */
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

const notFound = () => new AppError('NOT_FOUND', 404, 'There is no such program or statement in this course.');

/** The staff LRS page's use cases; every one is scoped to the session's tenant and course. */
export function createLrsAdmin(deps: LrsAdminDeps) {
  async function overview(scope: CourseScopeRef) {
    const [{ settings, programs }, counts, problems] = await Promise.all([
      deps.settings.listForCourse(scope), deps.outbox.counts(scope), deps.outbox.problems(scope, 100),
    ]);
    return { settings, programs, counts, problems, defaultEndpoint: deps.defaultLrs?.endpoint ?? null };
  }

  async function saveSettings(scope: CourseScopeRef, form: LrsForm): Promise<void> {
    const input = { endpoint: form.endpoint, username: form.username, secretEncrypted: form.password ? deps.secrets.seal(form.password) : null, version: form.version, identityMode: form.identityMode };
    if (!(await deps.settings.save(scope, form.scope, input))) {
      if (form.scope.kind === 'tenant' || !form.password) throw new AppError('LRS_SECRET_REQUIRED', 400, 'Enter the LRS secret (password) the first time you save these settings.');
      deps.logger.warn({ tenantId: scope.tenantId, courseId: scope.courseId, userId: scope.userId, programId: form.scope.programId }, 'LRS settings for a program outside the course refused');
      throw notFound();
    }
    await deps.kick();
  }

  /** The form's values (the stored secret when the password is left blank) against the real LRS. */
  async function testConnection(scope: CourseScopeRef, form: LrsForm): Promise<{ ok: boolean; message: string }> {
    let password = form.password;
    if (!password) {
      const { settings } = await deps.settings.listForCourse(scope);
      const programId = form.scope.kind === 'program' ? form.scope.programId : null;
      const stored = settings.find((s) => s.programId === programId);
      password = stored ? deps.secrets.open(stored.secretEncrypted) : '';
    }
    const res = await deps.client.testConnection({ endpoint: form.endpoint, username: form.username, password, version: form.version, source: 'tenant' });
    if (res.ok) return { ok: true, message: `Connected: the LRS at ${form.endpoint} answered and accepted the credentials.` };
    deps.logger.warn({ tenantId: scope.tenantId, endpoint: form.endpoint, kind: res.kind, httpStatus: res.status }, 'LRS connection test failed');
    return { ok: false, message: `The LRS could not be used: ${res.message}` };
  }

  async function retry(scope: CourseScopeRef, id: string | null): Promise<number> {
    const n = await deps.outbox.retry(scope, id);
    if (id && n === 0) {
      deps.logger.warn({ tenantId: scope.tenantId, courseId: scope.courseId, userId: scope.userId, outboxId: id }, 'retry of a statement outside the course (or not failed) refused');
      throw notFound();
    }
    await deps.kick();
    return n;
  }

  return { overview, saveSettings, testConnection, retry };
}

export type LrsAdmin = ReturnType<typeof createLrsAdmin>;
