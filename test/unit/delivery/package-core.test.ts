import { expect } from 'chai';
import { parseLmsName } from '../../../src/delivery/learner-name.js';
import { validatePackageInput } from '../../../src/delivery/package-input.js';
import { progressOf } from '../../../src/delivery/package-progress.js';
import type { ScoreFacts } from '../../../src/mentoring/grades/grade-rule.js';
import { DEFAULT_GRADE_SETTINGS } from '../../../src/mentoring/grades/grade-settings.js';

const TODAY = new Date('2027-03-01T12:00:00Z');

describe('package learner names', () => {
  it('when the LMS gives "Last, First", then it reads "First Last" with both parts kept', () => {
    expect(parseLmsName('Lovelace, Ada', 'x')).to.deep.equal({
      name: 'Ada Lovelace',
      givenName: 'Ada',
      familyName: 'Lovelace',
    });
  });
  it('when there is no comma, a lone part or nothing, then the name is taken as it is or the fallback', () => {
    expect(parseLmsName('Ada Lovelace', 'x').name).to.equal('Ada Lovelace');
    expect(parseLmsName('Lovelace,', 'x')).to.deep.equal({
      name: 'Lovelace',
      givenName: null,
      familyName: null,
    });
    expect(parseLmsName('  \u0000 ', 'Learner 7').name).to.equal('Learner 7');
    expect(Array.from(parseLmsName('a'.repeat(500), 'x').name)).to.have.length(200);
  });
});

describe('the package form', () => {
  it('when it is filled, then the kind, label, end of the expiry day and origins (deduplicated) are kept', () => {
    const result = validatePackageInput(
      {
        kind: 'scorm2004',
        label: ' Cornerstone ',
        expiresOn: '2027-12-31',
        allowedOrigins:
          'https://lms.example.com/path?x=1\nhttps://lms.example.com, http://other.example:8080',
      },
      TODAY,
    );
    expect(result).to.deep.equal({
      ok: true,
      input: {
        kind: 'scorm2004',
        label: 'Cornerstone',
        expiresAt: new Date('2027-12-31T23:59:59.999Z'),
        allowedOrigins: ['https://lms.example.com', 'http://other.example:8080'],
      },
    });
  });
  it('when fields are wrong, then each says why', () => {
    const result = validatePackageInput(
      { kind: 'aicc', label: '', expiresOn: '31/12/2027', allowedOrigins: 'ftp://x' },
      TODAY,
    );
    expect(result.ok).to.equal(false);
    expect(Object.keys(result.ok ? {} : result.errors).sort()).to.deep.equal([
      'allowedOrigins',
      'expiresOn',
      'kind',
      'label',
    ]);
    const past = validatePackageInput(
      { kind: 'scorm12', label: 'x', expiresOn: '2027-02-28' },
      TODAY,
    );
    expect(past.ok ? null : past.errors.expiresOn).to.equal(
      'The expiry date must be in the future.',
    );
  });
});

const facts = (overrides: Partial<ScoreFacts> = {}): ScoreFacts => ({
  contractAgreed: false,
  meetingsAttended: 0,
  cadence: 'monthly',
  circleStartedOn: new Date('2027-02-20T00:00:00Z'),
  promptsAnswered: 0,
  promptsDelivered: 0,
  milestonesCompleted: 0,
  milestonesTotal: 0,
  surveyDone: false,
  ...overrides,
});
const done = facts({
  contractAgreed: true,
  meetingsAttended: 1,
  milestonesCompleted: 2,
  milestonesTotal: 2,
  surveyDone: true,
});

describe('package progress under the completion rule', () => {
  const completion = { ...DEFAULT_GRADE_SETTINGS, mode: 'completion' as const };
  it('when the program grades completion, then passing is defined: met once everything is done, with score 1', () => {
    expect(progressOf(facts({ contractAgreed: true }), completion, TODAY)).to.deep.equal({
      completed: false,
      passed: false,
      progressMeasure: 0.25,
      scaledScore: null,
    });
    expect(progressOf(done, completion, TODAY)).to.deep.equal({
      completed: true,
      passed: true,
      progressMeasure: 1,
      scaledScore: 1,
    });
  });
  it('when the program grades participation, then there is no passing and the score is the participation score', () => {
    const p = progressOf(facts({ contractAgreed: true }), DEFAULT_GRADE_SETTINGS, TODAY);
    expect(p).to.deep.equal({
      completed: false,
      passed: null,
      progressMeasure: 0.25,
      scaledScore: 0.2,
    });
    expect(progressOf(done, DEFAULT_GRADE_SETTINGS, TODAY)).to.include({
      completed: true,
      passed: null,
    });
  });
});
