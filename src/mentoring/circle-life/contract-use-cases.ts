import { z } from 'zod';
import { AppError } from '../../shared/errors.js';
import { domainEvent } from '../events.js';
import type { CourseScope } from '../programs/ports.js';
import { CADENCES } from '../programs/program-options.js';
import { circleEventFields, openCircleAsMember, requireOpenCircle, type CircleAccessDeps, type MemberView } from './circle-access.js';
import type { AgreementCheck, ContractStore, ContractTerms, ContractVersion } from './contract-ports.js';
import { requiredText, validateWith, type Validated } from './form-validation.js';

interface Deps extends CircleAccessDeps {
  contracts: ContractStore;
}

const termsSchema = z.object({
  mentorRole: requiredText("the mentor's role", 2000),
  menteeObjectives: requiredText("the mentee's objectives", 2000),
  cadence: requiredText('how often you meet', 300),
  confidentiality: requiredText('the confidentiality norms', 4000),
  feedbackChannel: requiredText('how you give each other feedback', 1000),
  escalationPath: requiredText('what happens when something is not working', 1000),
});

export interface ContractState {
  current: ContractVersion | null;
  history: ContractVersion[];
  /** Current members who have not acknowledged the current version. */
  waitingFor: string[];
  agreed: boolean;
}

/** What a first contract starts from: the program's norms and cadence, sensible wording for the rest. */
export function draftContract(view: MemberView): ContractTerms {
  return {
    mentorRole: 'Listens, asks questions, shares experience and opens doors. Does not manage or evaluate.',
    menteeObjectives: '',
    cadence: `${CADENCES[view.program.cadence]}, about an hour each time.`,
    confidentiality: view.program.confidentiality,
    feedbackChannel: 'A short check at the end of each meeting, and the feedback form in this tool after each meeting.',
    escalationPath: 'Say so in the circle first. If that does not help, contact the program staff, who can rebalance the circle without blame.',
  };
}

function stateOf(view: MemberView, versions: ContractVersion[]): ContractState {
  const current = versions[0] ?? null;
  const acked = new Set(current?.acknowledgedBy ?? []);
  const waitingFor = current ? view.circle.members.filter((m) => !acked.has(m.userId)).map((m) => m.userId) : [];
  return { current, history: versions.slice(1), waitingFor, agreed: Boolean(current && waitingFor.length === 0) };
}

export async function getContract(deps: Deps, scope: CourseScope, programId: string, circleId: string): Promise<MemberView & { contract: ContractState }> {
  const view = await openCircleAsMember(deps, scope, programId, circleId);
  return { ...view, contract: stateOf(view, await deps.contracts.versions(scope.tenantId, circleId)) };
}

/** Agreed once every current member acknowledged this version: one contract_agreed event. */
function agreementCheck(scope: CourseScope, view: MemberView, version: number): AgreementCheck {
  return (acknowledgedBy) => {
    const acked = new Set(acknowledgedBy);
    if (!view.circle.members.every((m) => acked.has(m.userId))) return null;
    return [domainEvent('contract_agreed', { ...circleEventFields(scope, view), data: { version } })];
  };
}

const staleContract = (circleId: string) =>
  new AppError('CONTRACT_CHANGED', 409, 'Someone changed the contract meanwhile: read the newest version, then try again.', { cause: { circleId } });

/** Any member proposes new terms: a new version, acknowledged by its proposer. */
export async function proposeContract(deps: Deps, scope: CourseScope, programId: string, circleId: string, input: Record<string, unknown>, baseVersion: number): Promise<Validated<number>> {
  const view = await openCircleAsMember(deps, scope, programId, circleId);
  requireOpenCircle(view);
  const terms = validateWith(termsSchema, input);
  if (!terms.ok) return terms;
  const version = baseVersion + 1;
  const result = await deps.contracts.propose(scope.tenantId, circleId, baseVersion, terms.value, scope.userId, agreementCheck(scope, view, version));
  if (result === 'stale') return { ok: false, errors: { form: staleContract(circleId).message } };
  return { ok: true, value: version };
}

export async function acknowledgeContract(deps: Deps, scope: CourseScope, programId: string, circleId: string, version: number): Promise<void> {
  const view = await openCircleAsMember(deps, scope, programId, circleId);
  requireOpenCircle(view);
  const result = await deps.contracts.acknowledge(scope.tenantId, circleId, version, scope.userId, agreementCheck(scope, view, version));
  if (result === 'stale') throw staleContract(circleId);
}
