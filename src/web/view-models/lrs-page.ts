import type { LrsAdmin, LrsFieldError } from '../../xapi/lrs-admin.js';

type Overview = Awaited<ReturnType<LrsAdmin['overview']>>;
type Url = (path: string, query?: Record<string, string>) => string;

/** What the user typed, shown again when a field must be corrected (never the secret). */
export interface LrsFormValues {
  scope: string;
  endpoint: string;
  username: string;
  version: string;
  identityMode: string;
}

const IDENTITY_LABELS = { account: 'LMS account (issuer + user id)', email: 'Email when the LMS shares it', pseudonymous: 'Pseudonymous (hashed account)' } as const;
const VERSIONS = ['1.0.3', '1.0.0'] as const;

const when = (d: Date) => d.toISOString().slice(0, 16).replace('T', ' ');

/** Who holds tenant-wide rights, in the words of the tenant's kind (an LMS, or a workspace). */
const ADMINS = {
  lti: {
    one: 'an LMS administrator', many: 'LMS administrators', whole: 'institution',
    scope: 'All programs on this platform (deployment)',
  },
  workspace: {
    one: 'a workspace administrator', many: 'workspace administrators', whole: 'workspace',
    scope: 'All programs of this workspace',
  },
} as const;
type Admins = (typeof ADMINS)[keyof typeof ADMINS];

function inForceOf(o: Overview, admins: Admins): string | null {
  if (o.tenantSettings) return `the ${admins.whole}'s LRS (${o.tenantSettings.endpoint})`;
  if (o.tenantConfigured) return `the ${admins.whole}'s LRS, set by your ${admins.many}`;
  if (o.defaultEndpoint) return `the default LRS of this installation (${o.defaultEndpoint})`;
  return o.defaultConfigured ? 'the default LRS of this installation' : null;
}

function formOf(
  o: Overview, typed: LrsFormValues | undefined, error: LrsFieldError | undefined, admins: Admins,
) {
  const values = typed ?? {
    scope: o.tenantAdmin ? 'tenant' : (o.programs[0]?.id ?? ''), endpoint: o.tenantSettings?.endpoint ?? '',
    username: o.tenantSettings?.username ?? '', version: '1.0.3', identityMode: 'account',
  };
  const scopes = [
    ...(o.tenantAdmin ? [{ value: 'tenant', label: admins.scope }] : []),
    ...o.programs.map((p) => ({ value: p.id, label: `Program: ${p.title}` })),
  ].map((s) => ({ ...s, selected: s.value === values.scope }));
  return {
    values, scopes, passwordError: error?.message ?? null,
    versions: VERSIONS.map((v) => ({ value: v, selected: v === values.version })),
    identityModes: Object.entries(IDENTITY_LABELS).map(([value, label]) => ({ value, label, selected: value === values.identityMode })),
  };
}

/** The LRS page's view model: plain strings, no rows from the database; the tenant's only for admins. */
export function lrsPageModel(
  o: Overview, url: Url, form: { typed?: LrsFormValues; error?: LrsFieldError } = {}, workspace = false,
) {
  const admins = ADMINS[workspace ? 'workspace' : 'lti'];
  const describe = (s: NonNullable<Overview['tenantSettings']>) => ({
    endpoint: s.endpoint, username: s.username, version: s.version, identity: IDENTITY_LABELS[s.identityMode], updatedAt: when(s.updatedAt),
  });
  const programSettings = o.programs.map((p) => {
    const s = o.settings.find((x) => x.programId === p.id);
    return { id: p.id, title: p.title, settings: s ? describe(s) : null, held: o.held.programs[p.id] ?? 0 };
  });
  return {
    title: 'Learning Record Store',
    counts: o.counts,
    inForce: inForceOf(o, admins),
    admins,
    tenantAdmin: o.tenantAdmin,
    tenantSettings: o.tenantSettings ? describe(o.tenantSettings) : null,
    tenantHeld: o.held.tenant ?? 0,
    programSettings,
    anyHeld: (o.held.tenant ?? 0) > 0 || programSettings.some((p) => p.held > 0),
    form: formOf(o, form.typed, form.error, admins),
    problems: o.problems.map((p) => ({
      id: p.id, eventType: p.eventType.replace(/_/g, ' '), status: p.status, dead: p.status === 'dead', attempts: p.attempts,
      unbuildable: p.lastError?.startsWith('STATEMENT_UNBUILDABLE') ?? false,
      reason: p.lastError ?? 'unknown', nextAttempt: p.status === 'failed' ? p.nextAttemptAt.toISOString().slice(0, 19).replace('T', ' ') : null,
    })),
    failing: o.problems.find((p) => p.status === 'failed')?.lastError ?? null,
    urls: {
      home: url('/home'), save: url('/staff/lrs/settings'), test: url('/staff/lrs/test'), retry: url('/staff/lrs/retry'),
      resend: url('/staff/lrs/resend'), profile: '/xapi/profile',
    },
  };
}
