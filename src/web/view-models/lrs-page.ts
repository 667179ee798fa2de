import type { LrsAdmin } from '../../xapi/lrs-admin.js';

type Overview = Awaited<ReturnType<LrsAdmin['overview']>>;

const IDENTITY_LABELS = { account: 'LMS account (issuer + user id)', email: 'Email when the LMS shares it', pseudonymous: 'Pseudonymous (hashed account)' } as const;

/** The LRS page's view model: plain strings, no rows from the database. */
export function lrsPageModel(o: Overview, url: (path: string, query?: Record<string, string>) => string) {
  const tenant = o.settings.find((s) => s.programId === null);
  const describe = (s: Overview['settings'][number]) => ({ endpoint: s.endpoint, username: s.username, version: s.version, identity: IDENTITY_LABELS[s.identityMode], updatedAt: s.updatedAt.toISOString().slice(0, 16).replace('T', ' ') });
  const inForce = tenant ? `this platform's LRS (${tenant.endpoint})` : o.defaultEndpoint ? `the default LRS of this installation (${o.defaultEndpoint})` : null;
  return {
    title: 'Learning Record Store',
    counts: o.counts,
    inForce,
    tenantSettings: tenant ? describe(tenant) : null,
    programSettings: o.programs.map((p) => {
      const s = o.settings.find((x) => x.programId === p.id);
      return { id: p.id, title: p.title, settings: s ? describe(s) : null };
    }),
    scopes: [{ value: 'tenant', label: 'All programs on this platform (deployment)' }, ...o.programs.map((p) => ({ value: p.id, label: `Program: ${p.title}` }))],
    defaults: { endpoint: tenant?.endpoint ?? '', username: tenant?.username ?? '' },
    problems: o.problems.map((p) => ({
      id: p.id, eventType: p.eventType.replace(/_/g, ' '), status: p.status, dead: p.status === 'dead', attempts: p.attempts,
      unbuildable: p.lastError?.startsWith('STATEMENT_UNBUILDABLE') ?? false,
      reason: p.lastError ?? 'unknown', nextAttempt: p.status === 'failed' ? p.nextAttemptAt.toISOString().slice(0, 19).replace('T', ' ') : null,
    })),
    failing: o.problems.find((p) => p.status === 'failed')?.lastError ?? null,
    urls: { home: url('/home'), save: url('/staff/lrs/settings'), test: url('/staff/lrs/test'), retry: url('/staff/lrs/retry'), profile: '/xapi/profile' },
  };
}
