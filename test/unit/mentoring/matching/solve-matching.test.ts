import { expect } from 'chai';
import { isAppError } from '../../../../src/shared/errors.js';
import { checkPins, solveMatching } from '../../../../src/mentoring/matching/solve-matching.js';
import type { MatchResult, Participant } from '../../../../src/mentoring/matching/types.js';
import { buildMentee, buildMentor, buildProblem, skillsOnlySettings } from './builders.js';

const TEN = ['s1', 's2', 's3', 's4', 's5', 's6', 's7', 's8', 's9', 's10'];
const pairsOf = (result: MatchResult) => result.pairs.map((p) => `${p.menteeId}-${p.mentorId}`).sort();
const reasonsOf = (result: MatchResult, id: string) => result.unmatched.find((u) => u.participantId === id)?.reasons;

/** Greedy would give x to Ana (100) and leave Ben only mentees he cannot take; the optimum swaps. */
function crossCohort(): Participant[] {
  return [
    buildMentor({ id: 'ana', name: 'Ana', strengths: TEN, languages: ['English', 'French'] }),
    buildMentor({ id: 'ben', name: 'Ben', strengths: TEN.slice(0, 9) }),
    buildMentee({ id: 'x', growthSkills: TEN }),
    buildMentee({ id: 'y', growthSkills: [...TEN.slice(0, 9), 's11'], languages: ['French'] }),
  ];
}

describe('solveMatching, one-on-one', () => {
  it('when the first choice of one mentee is the only option of another, then the total wins over the first choice', () => {
    const result = solveMatching(buildProblem(crossCohort()));
    expect(pairsOf(result)).to.deep.equal(['x-ben', 'y-ana']);
    expect(result.stats).to.include({ matched: 2, totalScore: 180, averageScore: 90, eligiblePairs: 3, totalCapacity: 2 });
    expect(result.pairs.find((p) => p.menteeId === 'y')!.criteria[0]!.explanation).to.equal('Covers 9 of your 10 growth areas: s1, s2, s3, s4, s5 and 4 more');
  });

  it('when a mentor has room for two, then two mentees share him and a third is told he is full', () => {
    const cohort = [buildMentor({ id: 'ana', name: 'Ana', capacity: 2 }), ...['a', 'b', 'c'].map((id) => buildMentee({ id }))];
    const result = solveMatching(buildProblem(cohort));
    expect(result.pairs).to.have.length(2);
    expect(result.unmatched).to.have.length(1);
    expect(result.unmatched[0]!.reasons).to.deep.equal(['The only eligible mentor, Ana, is at capacity']);
  });

  it('when two mentees tie, then one is matched, the objective is the same, and the same input gives the same pairs', () => {
    const cohort = [buildMentor({ id: 'ana', strengths: ['s1'] }), buildMentee({ id: 'a', growthSkills: ['s1'] }), buildMentee({ id: 'b', growthSkills: ['s1'] })];
    const first = solveMatching(buildProblem(cohort));
    const second = solveMatching(buildProblem([...cohort]));
    expect(first.stats).to.include({ matched: 1, totalScore: 100 });
    expect(pairsOf(first)).to.deep.equal(pairsOf(second));
  });

  it('when the admin forbids the best pair, then the next best is proposed and the reason is given', () => {
    const result = solveMatching(buildProblem(crossCohort(), { forbidden: [{ mentorId: 'ana', menteeId: 'y' }] }));
    expect(pairsOf(result)).to.deep.equal(['x-ana']);
    expect(reasonsOf(result, 'y')).to.deep.equal(['No mentor is eligible', '1 mentor shares no language with you', '1 mentor was ruled out by the admin']);
  });

  it('when more mentees than places, then those left out are reported, not thrown', () => {
    const cohort = [buildMentor({ id: 'ana', capacity: 1 }), buildMentor({ id: 'ben', capacity: 1 }), ...['a', 'b', 'c', 'd', 'e'].map((id) => buildMentee({ id }))];
    const result = solveMatching(buildProblem(cohort));
    expect(result.stats).to.include({ matched: 2, totalCapacity: 2 });
    expect(result.unmatched.map((u) => u.reasons)).to.deep.equal([1, 2, 3].map(() => ['All 2 eligible mentors are at capacity']));
  });

  it('when nobody shares a language or there are no mentors, then everyone is told why', () => {
    const french = buildMentee({ id: 'f', languages: ['French'] });
    const result = solveMatching(buildProblem([buildMentor({ id: 'ana', languages: ['German'] }), french]));
    expect(result.pairs).to.deep.equal([]);
    expect(reasonsOf(result, 'f')).to.deep.equal(['No mentor shares a language with you (French)']);
    expect(reasonsOf(result, 'ana')).to.deep.equal(['No mentee shares a language with you (German)']);
    expect(reasonsOf(solveMatching(buildProblem([french])), 'f')).to.deep.equal(['The program has no mentors yet']);
  });

  it('when the objective is participation, then more people are matched even at a lower total score', () => {
    const cohort = [
      buildMentor({ id: 'ana', strengths: ['s1'], languages: ['English', 'French'] }),
      buildMentor({ id: 'ben', strengths: [] }),
      buildMentee({ id: 'x', growthSkills: ['s1'] }),
      buildMentee({ id: 'y', growthSkills: TEN, languages: ['French'] }),
    ];
    const byScore = solveMatching(buildProblem(cohort));
    expect(pairsOf(byScore)).to.deep.equal(['x-ana']);
    expect(reasonsOf(byScore, 'y')).to.deep.equal(['The only eligible mentor, ana, is at capacity']);
    const byParticipation = solveMatching(buildProblem(cohort, { settings: skillsOnlySettings({ objective: 'highest-participation' }) }));
    expect(pairsOf(byParticipation)).to.deep.equal(['x-ben', 'y-ana']);
    expect(byParticipation.stats).to.include({ matched: 2, totalScore: 10 });
  });
});

describe('solveMatching, pins', () => {
  it('when a valid pin is not the optimum, then it is kept and the rest is optimised around it', () => {
    const result = solveMatching(buildProblem(crossCohort(), { pins: [{ mentorId: 'ana', menteeId: 'x' }] }));
    expect(pairsOf(result)).to.deep.equal(['x-ana']);
    expect(result.pairs[0]!.pinned).to.equal(true);
    expect(reasonsOf(result, 'y')).to.deep.equal(['The only eligible mentor, Ana, is at capacity', '1 of their places is pinned by the admin']);
    expect(reasonsOf(result, 'ben')).to.deep.equal(['The only eligible mentee, x, was matched with other mentors, for the best overall result', '1 of them is pinned elsewhere by the admin']);
  });

  it('when a pin is ineligible or exceeds capacity, then solving fails with every problem listed', () => {
    const problemsWith = (pins: Array<{ mentorId: string; menteeId: string }>) => checkPins(buildProblem(crossCohort(), { pins })).map((p) => p.explanation);
    expect(problemsWith([{ mentorId: 'ben', menteeId: 'y' }])).to.deep.equal(['Ben and y cannot be paired: No shared language (Ben: English; y: French)']);
    expect(problemsWith([{ mentorId: 'ana', menteeId: 'x' }, { mentorId: 'ana', menteeId: 'y' }])).to.deep.equal(['Ana has 2 pinned mentees but room for 1']);
    expect(problemsWith([{ mentorId: 'ana', menteeId: 'x' }, { mentorId: 'ben', menteeId: 'x' }, { mentorId: 'zoe', menteeId: 'y' }])).to.deep.equal(['x is pinned more than once', 'zoe is not a mentor in this program']);
    expect(problemsWith([{ mentorId: 'ana', menteeId: 'y' }])).to.deep.equal([]);
    const problem = buildProblem(crossCohort(), { pins: [{ mentorId: 'ben', menteeId: 'y' }] });
    try {
      solveMatching(problem);
      expect.fail('expected matching_pins_invalid');
    } catch (err) {
      expect(isAppError(err) && err.code).to.equal('matching_pins_invalid');
    }
  });
});

describe('solveMatching, program types', () => {
  const divisions = ['Sales', 'Sales', 'Engineering'].map((division, k) => buildMentee({ id: `m${k}`, division }));

  it('when a circle may hold one mentee per division, then the second Sales mentee waits and is told why', () => {
    const settings = skillsOnlySettings({ programType: 'group', circleSize: 3, maxSameDivisionPerCircle: 1 });
    const result = solveMatching(buildProblem([buildMentor({ id: 'ana', capacity: 10 }), ...divisions], { settings }));
    expect(result.stats).to.include({ matched: 2, totalCapacity: 3 });
    expect(result.pairs.map((p) => p.menteeId)).to.include('m2');
    expect(result.unmatched[0]!.reasons).to.deep.equal(['1 eligible mentor already has 1 mentee from Sales in the circle, the most the program allows']);
  });

  it('when circles have no diversity rule, then the circle fills to its size', () => {
    const settings = skillsOnlySettings({ programType: 'group', circleSize: 3 });
    expect(solveMatching(buildProblem([buildMentor({ id: 'ana', capacity: 10 }), ...divisions], { settings })).stats.matched).to.equal(3);
  });

  it('when mentoring is reversed, then each junior mentor gets a more senior mentee', () => {
    const settings = skillsOnlySettings({ programType: 'reverse' });
    const cohort = [
      buildMentor({ id: 'junior', seniority: 1 }),
      buildMentor({ id: 'mid', seniority: 4 }),
      buildMentee({ id: 'exec', seniority: 8 }),
      buildMentee({ id: 'lead', seniority: 3 }),
    ];
    const result = solveMatching(buildProblem(cohort, { settings }));
    expect(pairsOf(result)).to.deep.equal(['exec-mid', 'lead-junior']);
  });
});
