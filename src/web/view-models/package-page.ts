import type { PackageFieldErrors } from '../../delivery/package-input.js';
import {
  PACKAGE_KINDS,
  type PackageKind,
  type PackageLearnerView,
  type PackageSummary,
} from '../../delivery/package-ports.js';

const when = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'UTC',
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});
const day = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'UTC',
  day: 'numeric',
  month: 'short',
  year: 'numeric',
});

type StateName = 'active' | 'disabled' | 'expired';

const STATES: Record<StateName, { label: string; badge: string }> = {
  active: { label: 'Active', badge: 'badge' },
  disabled: { label: 'Disabled', badge: 'badge badge--warn' },
  expired: { label: 'Expired', badge: 'badge badge--muted' },
};

const stateOf = (p: PackageSummary, now: Date): StateName =>
  p.status === 'disabled' ? 'disabled' : p.expiresAt && p.expiresAt <= now ? 'expired' : 'active';

export function packageRows(
  packages: PackageSummary[],
  now: Date,
  base: string,
  link: (path: string) => string,
) {
  return packages.map((p) => {
    const state = STATES[stateOf(p, now)];
    const self = `${base}/${p.id}`;
    return {
      label: p.label,
      kind: PACKAGE_KINDS[p.kind].label,
      state: state.label,
      badge: state.badge,
      disabled: p.status === 'disabled',
      launches: p.launches,
      learners: p.learners,
      lastLaunch: p.lastLaunchAt ? when.format(p.lastLaunchAt) : 'Never',
      expires: p.expiresAt ? day.format(p.expiresAt) : 'Never',
      origins: p.allowedOrigins.length ? p.allowedOrigins.join(', ') : 'Any LMS',
      created: day.format(p.createdAt),
      urls: {
        download: link(`${self}/download`),
        learners: link(self),
        disable: `${self}/disable`,
        enable: `${self}/enable`,
        delete: `${self}/delete`,
        rotate: `${self}/rotate`,
      },
    };
  });
}

/** The create form, with what was typed and its errors (after a 422). */
export function packageForm(values: Record<string, unknown>, errors: PackageFieldErrors = {}) {
  const text = (v: unknown) => (typeof v === 'string' ? v : '');
  const chosen = isKind(values.kind) ? values.kind : 'scorm12';
  return {
    kinds: (Object.keys(PACKAGE_KINDS) as PackageKind[]).map((k) => ({
      value: k,
      label: PACKAGE_KINDS[k].label,
      help: KIND_HELP[k],
      selected: k === chosen,
    })),
    label: text(values.label),
    expiresOn: text(values.expiresOn),
    allowedOrigins: text(values.allowedOrigins),
    errors,
    hasErrors: Object.keys(errors).length > 0,
  };
}

const isKind = (v: unknown): v is PackageKind =>
  typeof v === 'string' && Object.hasOwn(PACKAGE_KINDS, v);

const KIND_HELP: Record<PackageKind, string> = {
  scorm12: 'Imported by almost every LMS (Moodle, SuccessFactors, Cornerstone, Docebo, TalentLMS).',
  scorm2004: 'Reports completion and success separately, and progress as a share.',
  cmi5: 'For LMSs with an LRS (xAPI): statements go to the LMS as well.',
};

export function learnerRows(learners: PackageLearnerView[]) {
  return learners.map((l) => ({
    name: l.name ?? 'Unnamed learner',
    learnerKey: l.learnerKey,
    launches: l.launches,
    firstSeen: when.format(l.firstSeenAt),
    lastLaunch: l.lastLaunchAt ? when.format(l.lastLaunchAt) : 'Never',
  }));
}
