import type { MemberView } from '../../mentoring/circle-life/circle-access.js';
import type { ContractTerms, ContractVersion } from '../../mentoring/circle-life/contract-ports.js';
import type { ContractState } from '../../mentoring/circle-life/contract-use-cases.js';
import { contractSummary, nameOf } from './circle-page.js';
import { formatWhen, type CirclePaths } from './circle-formats.js';

export const CONTRACT_FIELDS: Array<{ key: keyof ContractTerms; label: string; hint: string; rows: number; max: number }> = [
  { key: 'mentorRole', label: "The mentor's role", hint: 'What the mentor does, and does not do, in this circle.', rows: 3, max: 2000 },
  { key: 'menteeObjectives', label: "The mentee's objectives", hint: 'What the mentee wants from this circle, in their words.', rows: 4, max: 2000 },
  { key: 'cadence', label: 'How often we meet', hint: 'For example: monthly, an hour, video call.', rows: 2, max: 300 },
  { key: 'confidentiality', label: 'Confidentiality', hint: "Starts from the program's statement; add your own norms.", rows: 4, max: 4000 },
  { key: 'feedbackChannel', label: 'How we give each other feedback', hint: '', rows: 2, max: 1000 },
  { key: 'escalationPath', label: 'If something is not working', hint: 'Who to talk to, and in which order.', rows: 2, max: 1000 },
];

export function termsList(terms: ContractTerms) {
  return CONTRACT_FIELDS.map((f) => ({ label: f.label, text: terms[f.key] }));
}

export function versionModel(view: MemberView, v: ContractVersion) {
  return {
    version: v.version, terms: termsList(v), proposedBy: nameOf(view, v.proposedBy), proposedAt: formatWhen(v.createdAt, view.circle.timeZone),
    agreedAt: v.agreedAt ? formatWhen(v.agreedAt, view.circle.timeZone) : null, acknowledgedBy: v.acknowledgedBy.map((id) => nameOf(view, id)),
  };
}

/** The contract page: the current version to read and acknowledge, a form for a new version, the history. */
export function contractPageModel(view: MemberView, contract: ContractState, form: { values: Record<string, string>; errors: Record<string, string> }, paths: CirclePaths) {
  const { values, errors } = form;
  const { link, action } = paths;
  return {
    title: `Learning contract: ${view.circle.name}`,
    circleName: view.circle.name,
    summary: contractSummary(view, contract),
    current: contract.current ? versionModel(view, contract.current) : null,
    fields: CONTRACT_FIELDS.map((f) => ({ ...f, value: values[f.key] ?? '', error: errors[f.key] ?? null })),
    baseVersion: contract.current?.version ?? 0,
    nextVersion: (contract.current?.version ?? 0) + 1,
    formError: errors.form ?? null,
    errorList: Object.entries(errors).map(([field, message]) => ({ field, message })),
    history: contract.history.map((v) => ({ version: v.version, url: link(`/contract/versions/${v.version}`), agreed: Boolean(v.agreedAt) })),
    urls: { circle: link(''), propose: action('/contract'), acknowledge: action('/contract/acknowledge') },
  };
}
