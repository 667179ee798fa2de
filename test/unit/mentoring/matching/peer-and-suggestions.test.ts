import { expect } from 'chai';
import { solveMatching } from '../../../../src/mentoring/matching/solve-matching.js';
import { findAlternativeMentor, suggestMentors } from '../../../../src/mentoring/matching/suggestions.js';
import type { MatchResult } from '../../../../src/mentoring/matching/types.js';
import { buildMentee, buildMentor, buildPeer, buildProblem, skillsOnlySettings } from './builders.js';

const peerSettings = skillsOnlySettings({ programType: 'peer' });
const pairsOf = (result: MatchResult) => result.pairs.map((p) => [p.menteeId, p.mentorId].sort().join('-')).sort();
/** Two kinds of peer who complete each other: "a" people teach x and want y, "b" people the reverse. */
const kindA = (id: string) => buildPeer({ id, name: id, strengths: ['x'], growthSkills: ['y'] });
const kindB = (id: string) => buildPeer({ id, name: id, strengths: ['y'], growthSkills: ['x'] });

describe('solveMatching, peers', () => {
  it('when peers complete each other in twos, then every pair joins two different kinds and nobody is paired with themselves', () => {
    const result = solveMatching(buildProblem([kindA('a1'), kindA('a2'), kindB('b1'), kindB('b2')], { settings: peerSettings }));
    expect(result.pairs.map((p) => p.score)).to.deep.equal([100, 100]);
    for (const pair of result.pairs) {
      expect(pair.mentorId).to.not.equal(pair.menteeId);
      expect(pair.mentorId[0]).to.not.equal(pair.menteeId[0]);
    }
    expect(result.stats).to.include({ matched: 2, totalScore: 200, mentees: 4 });
  });

  it('when the number of peers is odd, then one is left and told the others were paired', () => {
    const result = solveMatching(buildProblem([kindA('a1'), kindB('b1'), kindB('b2')], { settings: peerSettings }));
    expect(result.pairs).to.have.length(1);
    expect(result.unmatched).to.have.length(1);
    expect(result.unmatched[0]!.reasons).to.deep.equal(['All 2 eligible peers were paired with others, for the best overall result']);
  });

  it('when an odd cycle of good pairs exists, then the optimum is still found (a blossom)', () => {
    // Triangle a–b–c of score 100; d shares a language only with c (score 25): best is a–b and c–d.
    const skills = (id: string, languages: string[]) => buildPeer({ id, strengths: ['s1', 's2'], growthSkills: ['s1', 's2'], languages });
    const peers = [skills('a', ['English']), skills('b', ['English']), skills('c', ['English', 'German']), buildPeer({ id: 'd', strengths: ['s1'], growthSkills: ['s3'], languages: ['German'] })];
    const result = solveMatching(buildProblem(peers, { settings: peerSettings }));
    expect(pairsOf(result)).to.deep.equal(['a-b', 'c-d']);
    expect(result.stats.totalScore).to.equal(125);
  });

  it('when a peer pair is pinned and another forbidden, then both are honoured', () => {
    const peers = [kindA('a1'), kindA('a2'), kindB('b1'), kindB('b2')];
    const result = solveMatching(buildProblem(peers, { settings: peerSettings, pins: [{ mentorId: 'a1', menteeId: 'a2' }], forbidden: [{ mentorId: 'b2', menteeId: 'b1' }] }));
    expect(pairsOf(result)).to.deep.equal(['a1-a2']);
    expect(result.pairs[0]!.pinned).to.equal(true);
    expect(result.unmatched.map((u) => u.reasons[0])).to.deep.equal(['All 2 eligible peers were paired with others, for the best overall result', 'All 2 eligible peers were paired with others, for the best overall result']);
  });
});

describe('suggestions for a mentee', () => {
  const mentors = [
    buildMentor({ id: 'ana', strengths: ['s1', 's2'], capacity: 2 }),
    buildMentor({ id: 'ben', strengths: ['s1'], capacity: 1 }),
    buildMentor({ id: 'cy', strengths: ['s1', 's2'], capacity: 1 }),
    buildMentor({ id: 'dee', strengths: ['s2'], languages: ['Dutch'] }),
  ];
  const problem = buildProblem([...mentors, buildMentee({ id: 'me', growthSkills: ['s1', 's2'] })]);

  it('when asked for the top two, then the best fits come first, ties broken by spare places, each explained', () => {
    const top = suggestMentors(problem, 'me', { limit: 2 });
    expect(top.map((s) => [s.mentorId, s.score, s.spareCapacity])).to.deep.equal([['ana', 100, 2], ['cy', 100, 1]]);
    expect(top[0]!.criteria[0]!.explanation).to.equal('Covers all 2 of your growth areas: s1, s2');
  });

  it('when a mentor is full or excluded, then it is not suggested', () => {
    const top = suggestMentors(problem, 'me', { load: { ana: 2 }, exclude: ['cy'] });
    expect(top.map((s) => s.mentorId)).to.deep.equal(['ben']);
  });

  it('when rebalancing, then the best other mentor with room is found, never the current or a past one', () => {
    const found = findAlternativeMentor(problem, 'me', { currentMentorId: 'ana', pastMentorIds: ['cy'] });
    expect(found.suggestion).to.include({ mentorId: 'ben', score: 50 });
    expect(found.reasons).to.deep.equal([]);
  });

  it('when no other mentor is possible, then the reasons say why', () => {
    const full = findAlternativeMentor(problem, 'me', { currentMentorId: 'ana', pastMentorIds: ['cy'], load: { ben: 1 } });
    expect(full).to.deep.equal({ suggestion: null, reasons: ['The only other eligible mentor is at capacity'] });
    const blocked = findAlternativeMentor(problem, 'me', { currentMentorId: 'ana', pastMentorIds: ['cy', 'ben'] });
    expect(blocked).to.deep.equal({ suggestion: null, reasons: ['No other mentor shares a language with you (English)'] });
  });
});
