import { expect } from 'chai';
import { summariseSurvey } from '../../../src/mentoring/circle-life/survey-aggregate.js';
import type { SurveyAnswers } from '../../../src/mentoring/circle-life/survey-ports.js';

const answer = (overrides: Partial<SurveyAnswers> = {}): SurveyAnswers => ({
  goalProgress: 3, relationship: 4, confidence: 4, clarity: 2, wouldRecommend: true, comment: null, ...overrides,
});

describe('survey aggregates', () => {
  it('when fewer than three answered, then only the counts are given', () => {
    const summary = summariseSurvey([answer({ comment: 'identifiable' }), answer()], 10);
    expect(summary).to.deep.equal({ shown: false, responses: 2, eligible: 10, minimum: 3 });
  });

  it('when three or more answered, then means, value counts and the share who recommend are given', () => {
    const summary = summariseSurvey([answer({ goalProgress: 5 }), answer({ goalProgress: 4, wouldRecommend: false }), answer({ goalProgress: 2 })], 4);
    if (!summary.shown) throw new Error('expected the summary to be shown');
    const goals = summary.scales.find((s) => s.key === 'goalProgress')!;
    expect(goals.mean).to.equal(3.7);
    expect(goals.counts).to.deep.equal([0, 1, 0, 1, 1]);
    expect(summary.recommendPercent).to.equal(67);
    expect(summary.scales.map((s) => s.key)).to.deep.equal(['goalProgress', 'relationship', 'confidence', 'clarity']);
  });

  it('when comments are given, then blanks are dropped and the rest sorted, so their order tells nothing of who wrote them', () => {
    const summary = summariseSurvey([answer({ comment: 'zebra' }), answer({ comment: null }), answer({ comment: 'Apple' }), answer({ comment: 'mango' })], 4);
    expect(summary.shown && summary.comments).to.deep.equal(['Apple', 'mango', 'zebra']);
  });
});
