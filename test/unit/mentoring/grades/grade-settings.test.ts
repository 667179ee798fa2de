import { expect } from 'chai';
import { gradeServiceStateOf, skipReasonOf } from '../../../../src/mentoring/grades/grade-eligibility.js';
import { DEFAULT_GRADE_SETTINGS, validateGradeSettings } from '../../../../src/mentoring/grades/grade-settings.js';

const SCORE = 'https://purl.imsglobal.org/spec/lti-ags/scope/score';

describe('grade settings', () => {
  it('when the defaults are sent back as a form, then they are valid', () => {
    const form = { mode: 'participation', ...Object.fromEntries(Object.entries(DEFAULT_GRADE_SETTINGS.weights).map(([k, v]) => [k, String(v)])) };
    expect(validateGradeSettings(form)).to.deep.equal({ ok: true, settings: DEFAULT_GRADE_SETTINGS });
  });

  it('when a weight is negative, fractional, above 100 or not a number, then that field has the error', () => {
    const result = validateGradeSettings({ mode: 'participation', contract: '-1', meetings: '2.5', prompts: '101', milestones: 'x', survey: '5' });
    expect(result.ok).to.equal(false);
    if (!result.ok) expect(Object.keys(result.errors).sort()).to.deep.equal(['contract', 'meetings', 'milestones', 'prompts']);
  });

  it('when completion is chosen with all weights zero, then it is valid (the weights only serve participation)', () => {
    expect(validateGradeSettings({ mode: 'completion', contract: '0', meetings: '0', prompts: '0', milestones: '0', survey: '0' }).ok).to.equal(true);
    expect(validateGradeSettings({ mode: 'participation', contract: '0', meetings: '0', prompts: '0', milestones: '0', survey: '0' }).ok).to.equal(false);
    expect(validateGradeSettings({ mode: 'constructor' }).ok).to.equal(false);
  });

  it('when a participant left, is out of the program or never launched, then the reason is named; else they are scored', () => {
    expect(skipReasonOf({ programStatus: 'active', enrolmentStatus: 'inactive', launched: true })).to.equal('left_course');
    expect(skipReasonOf({ programStatus: 'inactive', enrolmentStatus: 'active', launched: true })).to.equal('left_program');
    expect(skipReasonOf({ programStatus: 'active', enrolmentStatus: 'active', launched: false })).to.equal('never_launched');
    expect(skipReasonOf({ programStatus: 'active', enrolmentStatus: null, launched: true })).to.equal('never_launched');
    expect(skipReasonOf({ programStatus: 'active', enrolmentStatus: 'active', launched: true })).to.equal(null);
  });

  it('when the LMS offers a line item without the score scope, or none, then the staff notice says which', () => {
    const item = (scopes: string[]) => ({ url: 'https://lms/li', title: null, scopes });
    expect(gradeServiceStateOf([item([SCORE])], true)).to.equal('ready');
    expect(gradeServiceStateOf([item(['https://purl.imsglobal.org/spec/lti-ags/scope/lineitem.readonly'])], true)).to.equal('no_score_scope');
    expect(gradeServiceStateOf([], true)).to.equal('no_line_item');
    expect(gradeServiceStateOf([], false)).to.equal('no_service');
  });
});
