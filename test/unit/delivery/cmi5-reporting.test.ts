import { expect } from 'chai';
import type { Cmi5Session } from '../../../src/delivery/cmi5/cmi5-ports.js';
import { dueStatements } from '../../../src/delivery/cmi5/cmi5-reporting.js';
import { cmi5Statement, isoDuration } from '../../../src/delivery/cmi5/cmi5-statements.js';
import type { PackageProgress } from '../../../src/delivery/package-progress.js';

const SESSION_ID = 'https://w3id.org/xapi/cmi5/context/extensions/sessionid';

const buildSession = (overrides: Partial<Cmi5Session> = {}): Cmi5Session => ({
  id: '5d0c1f6e-1a2b-4c3d-8e9f-0a1b2c3d4e5f',
  tenantId: 't',
  packageId: 'p',
  userId: 'u',
  registration: 'a1b2c3d4-0000-4000-8000-000000000001',
  lmsSessionId: 's-1',
  activityId: 'https://lms.example/au/1',
  actor: { objectType: 'Agent', account: { homePage: 'https://lms.example', name: '7' } },
  contextTemplate: {
    contextActivities: { grouping: [{ id: 'https://tool.test/packages/p/cmi5/au' }] },
    extensions: { [SESSION_ID]: 's-1' },
  },
  masteryScore: null,
  initializedAt: new Date('2026-12-01T10:00:00Z'),
  endpoint: 'https://lms.example/xapi/',
  authToken: 'token',
  launchMode: 'Normal',
  moveOn: 'Completed',
  returnUrl: null,
  languagePreference: null,
  audioPreference: null,
  exitKeyHash: '00',
  sent: { completed: null, passed: null, failed: null, terminated: null },
  lostAt: null,
  lostReason: null,
  ...overrides,
});

const progress = (overrides: Partial<PackageProgress> = {}): PackageProgress => ({
  completed: false,
  passed: null,
  progressMeasure: 0.5,
  scaledScore: null,
  ...overrides,
});
const none = { completed: false, passed: false, failed: false };

describe('cmi5 statements due', () => {
  it('when the rule is not met, then only terminated goes, and only on exit', () => {
    expect(dueStatements(buildSession(), none, progress(), false)).to.deep.equal([]);
    expect(dueStatements(buildSession(), none, progress(), true)).to.deep.equal(['terminated']);
  });

  it('when the rule is met, then completed goes once per registration, before terminated', () => {
    const met = progress({ completed: true, scaledScore: 1 });
    expect(dueStatements(buildSession(), none, met, true)).to.deep.equal([
      'completed',
      'terminated',
    ]);
    expect(dueStatements(buildSession(), { ...none, completed: true }, met, false)).to.deep.equal(
      [],
    );
  });

  it('when the LMS gives a masteryScore, then passed or failed is judged once against it', () => {
    const mastery = buildSession({ masteryScore: 0.8 });
    expect(
      dueStatements(mastery, none, progress({ completed: true, scaledScore: 0.9 }), false),
    ).to.deep.equal(['completed', 'passed']);
    expect(
      dueStatements(mastery, none, progress({ completed: true, scaledScore: 0.5 }), false),
    ).to.deep.equal(['completed', 'failed']);
    const judged = buildSession({
      masteryScore: 0.8,
      sent: { completed: new Date(), passed: null, failed: new Date(), terminated: null },
    });
    expect(
      dueStatements(
        judged,
        { ...none, completed: true, failed: true },
        progress({ completed: true, scaledScore: 0.9 }),
        false,
      ),
    ).to.deep.equal([]);
    expect(
      dueStatements(
        mastery,
        { ...none, completed: true, passed: true },
        progress({ completed: true, scaledScore: 0.5 }),
        false,
      ),
    ).to.deep.equal([], 'no failed after passed');
  });

  it('when the launch is Browse or Review, then nothing but terminated is due', () => {
    for (const launchMode of ['Browse', 'Review'] as const) {
      expect(
        dueStatements(
          buildSession({ launchMode, masteryScore: 0.5 }),
          none,
          progress({ completed: true, scaledScore: 1 }),
          true,
        ),
      ).to.deep.equal(['terminated']);
    }
  });
});

describe('cmi5 defined statements', () => {
  const at = new Date('2026-12-01T10:05:03.456Z');

  it('when built, then the context template is kept whole, with the cmi5 category and the registration', () => {
    const s = cmi5Statement(buildSession(), 'completed', at);
    expect(s.context.contextActivities.grouping).to.deep.equal([
      { id: 'https://tool.test/packages/p/cmi5/au' },
    ]);
    expect(s.context.extensions[SESSION_ID]).to.equal('s-1');
    expect(s.context.registration).to.equal('a1b2c3d4-0000-4000-8000-000000000001');
    expect(s.context.contextActivities.category.map((c: { id: string }) => c.id)).to.deep.equal([
      'https://w3id.org/xapi/cmi5/context/categories/cmi5',
      'https://w3id.org/xapi/cmi5/context/categories/moveon',
    ]);
    expect(s.result).to.deep.equal({ completion: true, duration: 'PT5M3.46S' });
    expect(s.timestamp).to.equal('2026-12-01T10:05:03.456Z');
  });

  it('when a statement is built twice, then it has the same id (a retry is no duplicate), another verb another id', () => {
    expect(cmi5Statement(buildSession(), 'terminated', at).id).to.equal(
      cmi5Statement(buildSession(), 'terminated', new Date()).id,
    );
    expect(cmi5Statement(buildSession(), 'terminated', at).id).to.not.equal(
      cmi5Statement(buildSession(), 'completed', at).id,
    );
  });

  it('when initialized or terminated, then no moveOn category, no success, no completion', () => {
    for (const verb of ['initialized', 'terminated'] as const) {
      const s = cmi5Statement(buildSession(), verb, at);
      expect(s.context.contextActivities.category).to.have.length(1);
      expect(s.result ?? {}).to.not.have.any.keys('success', 'completion', 'score');
    }
  });

  it('when durations are written, then they are ISO 8601', () => {
    expect(isoDuration(0)).to.equal('PT0S');
    expect(isoDuration(3_723_450)).to.equal('PT1H2M3.45S');
    expect(isoDuration(60_000)).to.equal('PT1M0S');
  });
});
