import { expect } from 'chai';
import { can, type Actor } from '../../../src/web/policy.js';

const actor = (overrides: Partial<Actor> = {}): Actor => ({
  tenantId: 't1', courseId: 'c1', userId: 'u1', staff: true, tenantAdmin: false, ...overrides,
});

describe('grade policies', () => {
  for (const action of ['manage-grades', 'send-grades'] as const) {
    it(`when ${action} is asked, then only staff of that very course may`, () => {
      expect(can(actor(), action)).to.equal(true);
      expect(can(actor({ staff: false }), action)).to.equal(false);
      expect(can(actor({ staff: false, tenantAdmin: true }), action)).to.equal(false);
      expect(can(actor(), action, { tenantId: 't1', courseId: 'c2' })).to.equal(false);
      expect(can(actor(), action, { tenantId: 't2', courseId: 'c1' })).to.equal(false);
    });
  }
});
