import { createHash } from 'node:crypto';
import { XAPI_BASE } from './vocabulary.js';

/** Fixed namespace of statement ids: uuidV5(event id, this) is the statement id of an event. */
export const STATEMENT_ID_NAMESPACE = '6f1c1f7e-4b8f-5a8e-9d6e-2f7c3b1a9e40';

/** RFC 4122 §4.3 name-based UUID (SHA-1, version 5). */
export function uuidV5(name: string, namespace: string): string {
  const ns = Buffer.from(namespace.replace(/-/g, ''), 'hex');
  const hash = createHash('sha1').update(ns).update(name, 'utf8').digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export const statementIdFor = (eventId: string) => uuidV5(eventId, STATEMENT_ID_NAMESPACE);

const seg = encodeURIComponent;
const ACT = `${XAPI_BASE}/activities`;

/** Stable activity IRIs. The course's comes from the platform issuer and LTI context id alone. */
export const activityIri = {
  course: (issuer: string, contextId: string) => `${ACT}/courses/${seg(issuer)}/${seg(contextId)}`,
  mentoringSpace: (courseIri: string) => `${courseIri}/mentoring`,
  program: (programId: string) => `${ACT}/programs/${programId}`,
  profile: (programIri: string) => `${programIri}/profile`,
  match: (programIri: string, menteeUserId: string, mentorUserId: string) => `${programIri}/matches/${menteeUserId}/${mentorUserId}`,
  circle: (programIri: string, circleId: string) => `${programIri}/circles/${circleId}`,
  contract: (circleIri: string) => `${circleIri}/contract`,
  goal: (programIri: string, goalId: string) => `${programIri}/goals/${goalId}`,
  milestone: (goalIri: string, milestoneId: string) => `${goalIri}/milestones/${milestoneId}`,
  meeting: (programIri: string, meetingId: string) => `${programIri}/meetings/${meetingId}`,
  prompt: (programIri: string, promptId: string) => `${programIri}/prompts/${promptId}`,
  answer: (programIri: string, answerId: string) => `${programIri}/answers/${answerId}`,
  nudge: (programIri: string, reason: string) => `${programIri}/nudges/${seg(reason)}`,
};
