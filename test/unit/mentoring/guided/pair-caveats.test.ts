import { expect } from 'chai';
import { CRITERION_LABELS } from '../../../../src/mentoring/matches/match-settings.js';
import {
  scoreCaveat,
  topReasons,
  weaknessKey,
} from '../../../../src/mentoring/matches/pair-caveats.js';
import { scorePair } from '../../../../src/mentoring/matching/score-pair.js';
import { matchingSettings } from '../../../../src/mentoring/matching/settings.js';
import { buildMentee, buildMentor } from '../matching/builders.js';

const THREE_HOURS = [{ day: 'mon' as const, start: '09:00', end: '12:00' }];

/** Everything fits except the one criterion weighted High: the mentor covers none of the growth areas. */
function fitButForComplementarity() {
  const mentor = buildMentor({
    strengths: ['finance'],
    division: 'Sales',
    geography: 'India',
    availability: THREE_HOURS,
    mentoringStyles: ['conversation'],
    goals: ['lead a cross-functional initiative'],
    experienceAreas: {
      markets: ['APAC', 'LATAM'],
      functions: ['operations', 'finance'],
      crises: [],
    },
  });
  const mentee = buildMentee({
    growthSkills: ['delegation'],
    goals: ['Lead a cross-functional initiative'],
    division: 'Engineering',
    geography: 'Japan',
    availability: THREE_HOURS,
    learningStyle: 'conversation',
    experienceAreas: { markets: [], functions: [], crises: [] },
  });
  return scorePair(
    mentor,
    mentee,
    matchingSettings({ skillNames: { finance: 'Finance', delegation: 'Delegation' } }),
  );
}

describe('a score never contradicts its own criteria', () => {
  it('when a pair earns 69 / 100 but 0 of 5 on its High criterion, then the review flags and explains it', () => {
    const pair = fitButForComplementarity();
    const high = pair.criteria.find((c) => c.criterion === 'complementarity')!;
    expect(high).to.include({ weight: 'high', points: 0, maxPoints: 5 });
    expect(pair.score).to.equal(69);
    expect(scoreCaveat(pair.score, pair.criteria, CRITERION_LABELS)).to.equal(
      'Scores nothing on Complementarity: mentor strengths cover mentee growth areas (weighted High, 0 of 5): the 69 / 100 comes from the other criteria only.',
    );
  });

  it('when weakest come first, then a flagged 69 sorts before an honest 40', () => {
    const flagged = fitButForComplementarity();
    const honest = {
      score: 40,
      criteria: flagged.criteria.map((c) =>
        c.criterion === 'complementarity' ? { ...c, points: 2 } : c,
      ),
    };
    expect(scoreCaveat(honest.score, honest.criteria, CRITERION_LABELS)).to.equal(null);
    expect(weaknessKey(flagged.score, flagged.criteria)).to.be.lessThan(
      weaknessKey(honest.score, honest.criteria),
    );
  });

  it('when the reasons are shortened, then the two that earned most points are kept', () => {
    const top = topReasons(fitButForComplementarity().criteria).map((c) => c.criterion);
    expect(top).to.have.length(2);
    expect(top).not.to.include('complementarity');
  });
});
