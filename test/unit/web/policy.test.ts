import { expect } from 'chai';
import { can, refusalOf, type Actor } from '../../../src/web/policy.js';

const buildActor = (overrides: Partial<Actor> = {}): Actor => ({
  tenantId: 't1', courseId: 'c1', userId: 'u1', staff: true, tenantAdmin: false, ...overrides,
});

describe('policy', () => {
  it('when an instructor asks, then they may manage their own course\'s programs and LRS but not another course\'s', () => {
    const teacher = buildActor();
    expect(can(teacher, 'manage-program')).to.equal(true);
    expect(can(teacher, 'manage-course-lrs', { tenantId: 't1', courseId: 'c1' })).to.equal(true);
    expect(can(teacher, 'manage-course-lrs', { tenantId: 't1', courseId: 'c2' })).to.equal(false);
    expect(can(teacher, 'manage-program', { tenantId: 't2', courseId: 'c1' })).to.equal(false);
  });

  it('when an instructor (even of every course) asks for deployment-wide actions, then they are refused', () => {
    const teacher = buildActor();
    expect(can(teacher, 'manage-tenant-lrs', { tenantId: 't1' })).to.equal(false);
    expect(can(teacher, 'resend-statements', { tenantId: 't1' })).to.equal(false);
    expect(refusalOf('manage-tenant-lrs').code).to.equal('ADMIN_ONLY');
  });

  it('when an LMS administrator asks, then deployment-wide actions are allowed in their own tenant only', () => {
    const admin = buildActor({ tenantAdmin: true });
    expect(can(admin, 'manage-tenant-lrs', { tenantId: 't1' })).to.equal(true);
    expect(can(admin, 'resend-statements', { tenantId: 't1' })).to.equal(true);
    expect(can(admin, 'manage-tenant-lrs', { tenantId: 't2' })).to.equal(false);
  });

  it('when a learner asks for any staff action, then it is refused with STAFF_ONLY', () => {
    const learner = buildActor({ staff: false });
    for (const action of ['manage-program', 'place-deep-link', 'view-lrs-page', 'manage-course-lrs', 'retry-statements'] as const) {
      expect(can(learner, action), action).to.equal(false);
      expect(refusalOf(action).code, action).to.equal('STAFF_ONLY');
    }
  });
});
