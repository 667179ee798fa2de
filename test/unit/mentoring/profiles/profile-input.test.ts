import { expect } from 'chai';
import { completenessByRole, emptyAnswers } from '../../../../src/mentoring/profiles/profile.js';
import { validateProfileInput, windowsFromBlocks } from '../../../../src/mentoring/profiles/profile-input.js';

const context = { skillIds: new Set(['s-lead', 's-coach']), otherParticipantIds: new Set(['p-boss']) };
const menteeForm = (overrides: Record<string, unknown> = {}) => ({
  division: 'Sales', geography: 'France', timeZone: 'Europe/Paris', languages: 'English, French, english', availability: ['mon-09', 'mon-11', 'wed-19'],
  growthSkills: ['s-lead'], goals: 'Lead a team\n\n  Coach others  ', learningStyle: 'practice', experienceYears: '3', ...overrides,
});

describe('profile input', () => {
  it('when neighbouring grid blocks are chosen, then they merge into one window per stretch', () => {
    expect(windowsFromBlocks(['mon-09', 'mon-11', 'mon-15', 'sun-19'])).to.deep.equal([
      { day: 'mon', start: '09:00', end: '13:00' }, { day: 'mon', start: '15:00', end: '17:00' }, { day: 'sun', start: '19:00', end: '21:00' },
    ]);
  });

  it('when a complete mentee form is sent, then lists are trimmed and the mentee profile is 100% complete', () => {
    const result = validateProfileInput(menteeForm(), 'mentee', undefined, context);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.answers.languages).to.deep.equal(['English', 'French']);
    expect(result.answers.goals).to.deep.equal(['Lead a team', 'Coach others']);
    expect(result.answers.experienceYears).to.equal(3);
    expect(completenessByRole(result.answers)).to.deep.equal({ mentee: 100, mentor: 56, both: 89 });
  });

  it('when values are out of range or unknown, then each field gets its own error', () => {
    const result = validateProfileInput(menteeForm({ timeZone: 'Nowhere/City', experienceYears: '61', availability: ['mon-08'], growthSkills: ['s-other'], managerId: 'p-stranger', learningStyle: 'osmosis' }), 'mentee', undefined, context);
    expect(result.ok).to.equal(false);
    if (result.ok) return;
    expect(Object.keys(result.errors).sort()).to.deep.equal(['availability', 'experienceYears', 'learningStyle', 'timeZone']);
    const refs = validateProfileInput(menteeForm({ growthSkills: ['s-other'], managerId: 'p-stranger' }), 'mentee', undefined, context);
    expect(refs.ok ? [] : Object.keys(refs.errors).sort()).to.deep.equal(['growthSkills', 'managerId']);
  });

  it('when a mentee saves, then mentor answers saved earlier are kept as they were', () => {
    const previous = { ...emptyAnswers(), strengths: ['s-coach'], capacity: 2 };
    const result = validateProfileInput(menteeForm({ strengths: ['s-lead'], capacity: '9' }), 'mentee', previous, context);
    expect(result.ok && { strengths: result.answers.strengths, capacity: result.answers.capacity }).to.deep.equal({ strengths: ['s-coach'], capacity: 2 });
  });

  it('when nothing is filled in, then the profile is 0% complete for every role', () => {
    expect(completenessByRole(emptyAnswers())).to.deep.equal({ mentee: 0, mentor: 0, both: 0 });
  });
});
