import { expect } from 'chai';
import { pairInsights, suggestWeights } from '../../../../src/mentoring/analytics/pair-insights.js';
import { OUTCOME_LABELS, type PairObservation } from '../../../../src/mentoring/analytics/pair-outcomes.js';
import { peopleAverage, peopleCount, peopleRate } from '../../../../src/mentoring/analytics/privacy.js';
import { correlate } from '../../../../src/mentoring/analytics/statistics.js';
import { matchingSettings } from '../../../../src/mentoring/matching/index.js';

const weights = matchingSettings().weights;
/** `n` pairs whose meetings follow `diversity` exactly plus a fixed wobble (deterministic). */
const pairs = (n: number, slope: number): PairObservation[] => Array.from({ length: n }, (_, i) => {
  const diversity = (i % 3) / 2;
  return { predictors: { score: 60 + (i % 5), diversity }, outcomes: { meetingsKept: 0.5 + slope * diversity + ((i * 7) % 5) / 20 } };
});

describe('analytics: privacy, correlation and weight suggestions', () => {
  it('when a figure is over fewer than 3 people, then it is hidden; 0 and 3+ are shown', () => {
    expect(peopleCount(2)).to.deep.equal({ shown: false, text: 'fewer than 3' });
    expect(peopleCount(0).shown).to.equal(true);
    expect(peopleRate(2, 2).shown).to.equal(false);
    expect(peopleRate(2, 4)).to.deep.include({ shown: true, value: 50 });
    expect(peopleAverage(8, 2).shown).to.equal(false);
  });

  it('when the data are perfectly linear, then r is 1 and the band is narrow; no spread gives no r', () => {
    const c = correlate([1, 2, 3, 4, 5], [2, 4, 6, 8, 10])!;
    expect(c.r).to.be.closeTo(1, 1e-5);
    expect(c.low).to.be.greaterThan(0.99);
    expect(correlate([1, 1, 1, 1], [1, 2, 3, 4])).to.equal(null);
    expect(correlate([1, 2, 3], [1, 2, 3])).to.equal(null);
  });

  it('when 30 pairs show diversity going with meetings kept, then diversity is raised one step', () => {
    const rows = pairInsights(pairs(30, 0.6));
    expect(suggestWeights(rows, weights, OUTCOME_LABELS)).to.deep.equal([
      { criterion: 'diversity', from: 'low', to: 'medium', because: suggestWeights(rows, weights, OUTCOME_LABELS)[0]!.because },
    ]);
  });

  it('when the link runs the other way, then the weight is lowered; with too few pairs nothing is suggested', () => {
    expect(suggestWeights(pairInsights(pairs(30, -0.6)), weights, OUTCOME_LABELS).map((s) => s.to)).to.deep.equal(['off']);
    expect(suggestWeights(pairInsights(pairs(12, 0.6)), weights, OUTCOME_LABELS)).to.deep.equal([]);
    const few = pairInsights(pairs(5, 0.6));
    expect(few[0]!.cells[0]!.note).to.equal('too-few');
  });

  it('when a criterion is a must, then evidence never changes it', () => {
    const rows = pairInsights(pairs(30, 0.6));
    expect(suggestWeights(rows, { ...weights, diversity: 'must' }, OUTCOME_LABELS)).to.deep.equal([]);
  });
});
