import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import { AppError } from '../../../src/shared/errors.js';
import { toLaunchContext } from '../../../src/lti/launch-context.js';

const fixture = (name: string) => JSON.parse(readFileSync(new URL(`../../fixtures/moodle-4.5/${name}`, import.meta.url), 'utf8'));

describe('claims → LaunchContext', () => {
  it('when Moodle 4.5 launches a learner, then the context keeps its CourseSection course and services', () => {
    const ctx = toLaunchContext(fixture('launch-learner.claims.json'));
    expect(ctx).to.deep.include({ issuer: 'https://moodle.example.test', clientId: 'moodle-harness-client', deploymentId: '1', messageType: 'LtiResourceLinkRequest', courseRole: 'learner' });
    expect(ctx.user).to.deep.equal({ subject: '4', name: 'Sam Student', givenName: 'Sam', familyName: 'Student', email: 'student1@example.com' });
    expect(ctx.course).to.deep.equal({ contextId: '2', title: 'LTI Harness Course', label: 'LTI101', types: ['CourseSection'] });
    expect(ctx.resourceLink).to.deep.equal({ id: '1', title: 'Harness LTI activity' });
    expect(ctx.services.membershipsUrl).to.contain('/memberships');
    expect(ctx.platform.productFamily).to.equal('moodle');
  });

  it('when Moodle launches an instructor, then they are staff', () => {
    expect(toLaunchContext(fixture('launch-instructor.claims.json')).courseRole).to.equal('staff');
  });

  it('when Moodle sends a deep linking request, then it has no resource link', () => {
    const ctx = toLaunchContext(fixture('deep-linking-request.claims.json'));
    expect(ctx.messageType).to.equal('LtiDeepLinkingRequest');
    expect(ctx.resourceLink).to.equal(null);
  });

  it('when aud is an array, then azp names the client', () => {
    const claims = { ...fixture('launch-learner.claims.json'), aud: ['other', 'moodle-harness-client'], azp: 'moodle-harness-client' };
    expect(toLaunchContext(claims).clientId).to.equal('moodle-harness-client');
  });

  it('when the course context is missing, then LAUNCH_WITHOUT_COURSE', () => {
    const claims = fixture('launch-learner.claims.json');
    delete claims['https://purl.imsglobal.org/spec/lti/claim/context'];
    expect(() => toLaunchContext(claims)).to.throw(AppError).with.property('code', 'LAUNCH_WITHOUT_COURSE');
  });

  it('when roles are missing, then LAUNCH_CLAIMS_INVALID names the claim', () => {
    const claims = fixture('launch-learner.claims.json');
    delete claims['https://purl.imsglobal.org/spec/lti/claim/roles'];
    expect(() => toLaunchContext(claims)).to.throw(/roles/);
  });
});
