import { expect } from 'chai';
import type { Circle } from '../../../../src/mentoring/circles/ports.js';
import { matchingSettings } from '../../../../src/mentoring/matching/index.js';
import { buildMatchCohort, type CohortInput } from '../../../../src/mentoring/matches/match-cohort.js';
import { emptyAnswers, type ProfileAnswers } from '../../../../src/mentoring/profiles/profile.js';
import type { ParticipantView } from '../../../../src/mentoring/roster/participant-ports.js';
import type { ProgramRole } from '../../../../src/mentoring/roster/program-role.js';

function buildPerson(id: string, programRole: ProgramRole, status: 'active' | 'inactive' = 'active'): ParticipantView {
  return {
    id, userId: `u-${id}`, name: id.toUpperCase(), email: null, programRole, mentorNomination: 'none', status, attention: null, source: 'launch',
    joinedAt: new Date(), lastActivityAt: null, profileCompleteness: null, circleName: null,
  };
}

const complete = (overrides: Partial<ProfileAnswers> = {}): ProfileAnswers => ({
  ...emptyAnswers(), division: 'Sales', geography: 'France', timeZone: 'Europe/Paris', languages: ['English'], availability: [{ day: 'mon', start: '09:00', end: '11:00' }],
  growthSkills: ['s1', 'gone'], goals: ['Lead'], learningStyle: 'practice', experienceYears: 2, strengths: ['s1'], capacity: 2, mentoringStyles: ['practice'],
  experienceAreas: { markets: ['EMEA'], functions: [], crises: [] }, ...overrides,
});

function input(overrides: Partial<CohortInput> = {}): CohortInput {
  return {
    people: [buildPerson('ana', 'mentor'), buildPerson('bo', 'mentee'), buildPerson('cy', 'mentee'), buildPerson('di', 'both'), buildPerson('eve', 'mentee', 'inactive')],
    profiles: new Map([['ana', complete()], ['bo', complete()], ['cy', { ...emptyAnswers(), division: 'Sales' }], ['di', complete()], ['eve', complete()]]),
    circles: [], pending: [], settings: matchingSettings(), skillIds: new Set(['s1']), ...overrides,
  };
}

describe('who the matching can consider', () => {
  it('when profiles are complete, then those people go to the engine with styles as labels and removed skills dropped', () => {
    const cohort = buildMatchCohort(input());
    expect(cohort.participants.map((p) => p.id)).to.deep.equal(['ana', 'bo']);
    const bo = cohort.participants.find((p) => p.id === 'bo')!;
    expect(bo).to.deep.include({ role: 'mentee', learningStyle: 'Hands-on practice with debriefs', growthSkills: ['s1'] });
  });

  it('when someone cannot be matched in this format yet, then the reason is given in words and the inactive are left out', () => {
    const { notReady } = buildMatchCohort(input());
    expect(notReady).to.deep.equal([
      { participantId: 'cy', role: 'mentee', reasons: ['Profile 11% complete'] },
      { participantId: 'di', role: 'peer', reasons: ['Takes part as a peer, and this format matches mentors with mentees (program staff can change the role)'] },
    ]);
  });

  it('when a mentor already has mentees or a request waiting, then only the places left are offered', () => {
    const circle: Circle = {
      id: 'c1', programId: 'p', name: 'Ana & Bo', status: 'active', capacity: 2, startedOn: '2027-01-11', timeZone: 'UTC',
      members: [['ana', 'mentor'], ['bo', 'mentee']].map(([id, role]) => ({ membershipId: id!, participantId: id!, userId: `u-${id}`, name: id!, role: role as 'mentor', joinedAt: new Date(), attention: null })),
    };
    const pending = [{ menteeId: 'cy', mentorId: 'ana', mentorName: 'ANA', deadline: new Date('2027-01-20T00:00:00Z') }];
    const cohort = buildMatchCohort(input({ circles: [circle], pending, profiles: new Map([['ana', complete({ capacity: 3 })], ['cy', complete()]]) }));
    expect(cohort.load).to.deep.equal({ ana: 2 });
    expect(cohort.participants.map((p) => [p.id, p.capacity])).to.deep.equal([['ana', 1]]);
    expect(cohort.notReady.find((n) => n.participantId === 'cy')!.reasons).to.deep.equal(['Waiting for ANA to answer (until 2027-01-20)']);
  });

  it('when the format is peer, then every active participant is a peer', () => {
    const cohort = buildMatchCohort(input({ settings: matchingSettings({ programType: 'peer' }), profiles: new Map(['ana', 'bo', 'di'].map((id) => [id, complete()])) }));
    expect(cohort.participants.map((p) => `${p.id}:${p.role}`)).to.deep.equal(['ana:peer', 'bo:peer', 'di:peer']);
  });
});
