import { randomBytes } from 'node:crypto';
import { buildUser, ROLE, type LaunchSpec, type PlatformUser } from './platform-claims.js';
import type { TestPlatform } from './test-platform.js';

export const TOOL_LAUNCH_URL = 'https://tool.test/lti/launch';

export function buildLaunch(platform: TestPlatform, overrides: Partial<LaunchSpec> & { user?: PlatformUser } = {}): LaunchSpec {
  return {
    user: buildUser({ sub: randomBytes(3).toString('hex') }),
    context: { id: '101', title: 'Leadership Essentials', label: 'LEAD101' },
    resourceLink: { id: 'mentoring-1', title: 'Mentoring circles' },
    targetLinkUri: TOOL_LAUNCH_URL,
    deploymentId: platform.deploymentId,
    ...overrides,
  };
}

export const learner = (sub = randomBytes(3).toString('hex')) => buildUser({ sub, name: 'Sam Student', givenName: 'Sam', familyName: 'Student', roles: [ROLE.learner] });
export const instructor = (sub = randomBytes(3).toString('hex')) => buildUser({ sub, name: 'Terry Teacher', givenName: 'Terry', familyName: 'Teacher', roles: [ROLE.instructor] });

/** A valid program form as staff would send it (strings, like a browser). */
export function buildProgramForm(overrides: Record<string, string | string[]> = {}): Record<string, string | string[]> {
  return {
    title: 'Leadership circles 2027', purpose: 'leadership_pipeline', purposeDetail: '', programTypes: ['one_on_one'],
    startsOn: '2027-01-11', endsOn: '2027-06-30', cadence: 'monthly', circleSizeMin: '3', circleSizeMax: '6', mentorCapacity: '2',
    mentorSelection: 'self_nomination', matchingMode: 'admin_approved', promptTrack: 'foundations',
    confidentiality: 'What is said in a circle stays in the circle; staff see only progress numbers.',
    ...overrides,
  };
}
