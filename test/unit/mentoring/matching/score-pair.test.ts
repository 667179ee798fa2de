import { expect } from 'chai';
import { scorePair, scorePeerPair } from '../../../../src/mentoring/matching/score-pair.js';
import { matchingSettings } from '../../../../src/mentoring/matching/settings.js';
import type { PairScore } from '../../../../src/mentoring/matching/types.js';
import { buildMentee, buildMentor, buildPeer, skillsOnlySettings } from './builders.js';

const skillNames = { neg: 'negotiation', coach: 'coaching', fin: 'finance', strat: 'strategy' };
const explanationOf = (result: PairScore, criterion: string) => result.criteria.find((c) => c.criterion === criterion)?.explanation;
const rulesOf = (result: PairScore) => result.blockedBy.map((b) => b.rule);

describe('scorePair', () => {
  it('when the mentor covers 3 of 4 growth areas, then the score is 75 and the sentence names them', () => {
    const result = scorePair(buildMentor({ strengths: ['neg', 'coach', 'fin'] }), buildMentee({ growthSkills: ['neg', 'coach', 'fin', 'strat'] }), skillsOnlySettings({ skillNames }));
    expect(result).to.include({ eligible: true, score: 75 });
    expect(result.criteria[0]).to.deep.include({ criterion: 'complementarity', weight: 'high', points: 3.75, maxPoints: 5 });
    expect(explanationOf(result, 'complementarity')).to.equal('Covers 3 of your 4 growth areas: negotiation, coaching, finance');
  });

  it('when several criteria earn points, then the score is the weighted share of the achievable points', () => {
    const settings = matchingSettings({
      skillNames,
      weights: { complementarity: 'high', availability: 'medium', diversity: 'low', goals: 'off', experience: 'off', learningStyle: 'off', language: 'must' },
      diversity: { division: true, geography: false, generation: false },
      availabilityTargetMinutes: 180,
    });
    const mentor = buildMentor({ strengths: ['neg', 'coach', 'fin'], division: 'Sales', availability: [{ day: 'mon', start: '09:00', end: '12:00' }] });
    const mentee = buildMentee({ growthSkills: ['neg', 'coach', 'fin', 'strat'], division: 'Engineering', availability: [{ day: 'mon', start: '09:30', end: '13:00' }] });
    const result = scorePair(mentor, mentee, settings);
    // (0.75·5 + 150/180·3 + 1·1) / 9 = 7.25 / 9 = 80.6 %
    expect(result.score).to.equal(81);
    expect(explanationOf(result, 'availability')).to.equal('2 h 30 min of shared availability each week');
    expect(explanationOf(result, 'diversity')).to.equal('Different division (Sales vs Engineering): a fresh perspective');
    expect(explanationOf(result, 'language')).to.equal('Both speak English');
    expect(result.criteria.find((c) => c.criterion === 'language')).to.include({ weight: 'must', points: 0, maxPoints: 0 });
  });

  it('when goals share keywords with what the mentor offers, then those goals count as aligned', () => {
    const settings = matchingSettings({ weights: { complementarity: 'off', goals: 'high', experience: 'off', diversity: 'off', availability: 'off', learningStyle: 'off' } });
    const mentor = buildMentor({ goals: ['Strategic planning for new markets'], experienceAreas: { functions: ['Operations'] } });
    const mentee = buildMentee({ goals: ['Present a strategic plan', 'Lead a cross-functional initiative', 'Run operations reviews'] });
    const result = scorePair(mentor, mentee, settings);
    expect(result.score).to.equal(67);
    expect(explanationOf(result, 'goals')).to.equal('Can help with 2 of your 3 goals: Present a strategic plan, Run operations reviews');
  });

  it('when the mentor brings areas the mentee lacks, then breadth counts the new ones against the target', () => {
    const settings = matchingSettings({ breadthTarget: 4, weights: { complementarity: 'off', goals: 'off', experience: 'high', diversity: 'off', availability: 'off', learningStyle: 'off' } });
    const mentor = buildMentor({ experienceYears: 15, experienceAreas: { markets: ['APAC', 'LATAM'], functions: ['Operations'] } });
    const mentee = buildMentee({ experienceYears: 3, experienceAreas: { markets: ['APAC'] } });
    const result = scorePair(mentor, mentee, settings);
    expect(result.score).to.equal(50);
    expect(explanationOf(result, 'experience')).to.equal('Brings 2 experience areas new to you: markets: LATAM, functions: Operations; 15 years of experience (you: 3)');
  });

  it('when the learning style fits, then it earns its points', () => {
    const settings = matchingSettings({ weights: { complementarity: 'off', goals: 'off', experience: 'off', diversity: 'off', availability: 'off', learningStyle: 'low' } });
    const fits = scorePair(buildMentor({ mentoringStyles: ['Hands-on'] }), buildMentee({ learningStyle: 'hands-on' }), settings);
    const misses = scorePair(buildMentor({ mentoringStyles: ['reflective'] }), buildMentee({ learningStyle: 'hands-on' }), settings);
    expect([fits.score, misses.score]).to.deep.equal([100, 0]);
    expect(explanationOf(misses, 'learningStyle')).to.equal('Does not list your preferred style (hands-on)');
  });

  it('when every criterion is a filter or off, then an eligible pair scores 100', () => {
    const settings = skillsOnlySettings({ weights: { complementarity: 'off' } });
    expect(scorePair(buildMentor(), buildMentee(), settings)).to.include({ eligible: true, score: 100 });
  });
});

describe('scorePair hard rules', () => {
  const settings = skillsOnlySettings({ minOverlapMinutes: 60 });

  it('when they share no language, then the pair is blocked and says which languages each speaks', () => {
    const result = scorePair(buildMentor({ name: 'Ana', languages: ['German'] }), buildMentee({ languages: ['French'] }), settings);
    expect(result).to.include({ eligible: false, score: 0 });
    expect(result.blockedBy).to.deep.equal([{ rule: 'language', explanation: 'No shared language (Ana: German; you: French)' }]);
  });

  it('when the mentor is the mentee\'s manager or in the same team, then the pair is blocked', () => {
    expect(rulesOf(scorePair(buildMentor(), buildMentee({ managerId: 'mentor-1' }), settings))).to.deep.equal(['manager-or-team']);
    expect(scorePair(buildMentor({ teamId: 'T1' }), buildMentee({ teamId: 'T1' }), settings).blockedBy[0]!.explanation).to.equal('Same team (T1)');
    expect(scorePair(buildMentor({ teamId: 'T1' }), buildMentee({ teamId: 'T1' }), { ...settings, excludeOwnManagerAndTeam: false }).eligible).to.equal(true);
  });

  it('when either side listed the other as "not with", then the pair is blocked without saying who asked', () => {
    const result = scorePair(buildMentor({ notWith: ['mentee-1'] }), buildMentee(), settings);
    expect(result.blockedBy).to.deep.equal([{ rule: 'not-with', explanation: 'One of the two asked not to be matched with the other' }]);
  });

  it('when shared time is below the minimum, then the pair is blocked with both durations', () => {
    const result = scorePair(buildMentor({ availability: [{ day: 'mon', start: '09:00', end: '10:00' }] }), buildMentee({ availability: [{ day: 'mon', start: '09:30', end: '12:00' }] }), settings);
    expect(result.blockedBy).to.deep.equal([{ rule: 'availability', explanation: 'Only 30 min of shared availability each week (at least 1 h needed)' }]);
  });

  it('when a criterion is a must and is not met, then it blocks rather than costs points', () => {
    const must = skillsOnlySettings({ weights: { complementarity: 'must' } });
    const result = scorePair(buildMentor({ strengths: ['fin'] }), buildMentee({ growthSkills: ['neg', 'coach'] }), must);
    expect(rulesOf(result)).to.deep.equal(['must-complementarity']);
    expect(result.blockedBy[0]!.explanation).to.equal('Covers none of your 2 growth areas (the program requires this)');
  });

  it('when the mentor has no capacity or roles are wrong, then the pair is blocked', () => {
    expect(rulesOf(scorePair(buildMentor({ capacity: 0 }), buildMentee(), settings))).to.deep.equal(['capacity']);
    expect(rulesOf(scorePair(buildMentee({ id: 'x' }), buildMentee(), settings))).to.include('role');
  });

  it('when the program is reverse mentoring, then only a more junior mentor is eligible', () => {
    const reverse = { ...settings, programType: 'reverse' as const };
    expect(scorePair(buildMentor({ seniority: 2 }), buildMentee({ seniority: 6 }), reverse).eligible).to.equal(true);
    const senior = scorePair(buildMentor({ name: 'Ana', seniority: 6 }), buildMentee({ name: 'Ben', seniority: 2 }), reverse);
    expect(senior.blockedBy).to.deep.equal([{ rule: 'seniority', explanation: 'In reverse mentoring the mentor must be more junior (Ana: level 6; Ben: level 2)' }]);
    expect(rulesOf(scorePair(buildMentor(), buildMentee(), reverse))).to.deep.equal(['seniority']);
  });
});

describe('scorePeerPair', () => {
  const settings = skillsOnlySettings({ programType: 'peer', skillNames });
  const ana = buildPeer({ id: 'ana', name: 'Ana', strengths: ['neg'], growthSkills: ['fin', 'coach'] });
  const ben = buildPeer({ id: 'ben', name: 'Ben', strengths: ['fin'], growthSkills: ['neg'] });

  it('when two peers cover each other, then the score averages both directions and reads the same either way', () => {
    const ab = scorePeerPair(ana, ben, settings);
    // Ana covers 1 of Ben's 1 (100), Ben covers 1 of Ana's 2 (50)
    expect(ab.score).to.equal(75);
    expect(scorePeerPair(ben, ana, settings).score).to.equal(75);
    expect(explanationOf(ab, 'complementarity')).to.equal("Covers Ben's growth area: negotiation. Covers 1 of Ana's 2 growth areas: finance");
  });

  it('when one of them is not a peer, then the pair is blocked', () => {
    expect(scorePeerPair(ana, buildMentor({ id: 'm' }), settings).eligible).to.equal(false);
  });
});
