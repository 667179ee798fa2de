import { expect } from 'chai';
import { defaultProgramSettings, validateProgramSettings } from '../../../../src/mentoring/programs/program-settings.js';

const valid = () => ({ ...defaultProgramSettings(new Date('2027-01-10T12:00:00Z'), 'Leading Teams'), circleSizeMin: '3', circleSizeMax: '6', mentorCapacity: '2' });

describe('program settings', () => {
  it('when the defaults are sent back as a form, then they are valid', () => {
    const result = validateProgramSettings(valid());
    expect(result.ok).to.equal(true);
    if (result.ok) expect(result.settings).to.include({ title: 'Leading Teams mentoring', startsOn: '2027-01-10', circleSizeMin: 3 });
  });

  const cases: Array<[string, Record<string, unknown>, string, RegExp]> = [
    ['the name is too short', { title: 'ab' }, 'title', /at least 3/],
    ['no program type is ticked', { programTypes: undefined }, 'programTypes', /at least one/],
    ['an unknown program type is sent', { programTypes: ['speed-dating'] }, 'programTypes', /listed program type/],
    ['peer and reverse are combined', { programTypes: ['peer', 'reverse'] }, 'programTypes', /cannot be combined/],
    ['the end is before the start', { startsOn: '2027-03-01', endsOn: '2027-02-01' }, 'endsOn', /after the start/],
    ['the program lasts four years', { startsOn: '2027-01-01', endsOn: '2031-01-02' }, 'endsOn', /three years/],
    ['a date is not a date', { startsOn: '31/12/2027' }, 'startsOn', /Enter a date/],
    ['the largest circle is below the smallest', { circleSizeMin: '6', circleSizeMax: '3' }, 'circleSizeMax', /cannot be below/],
    ['the capacity is not a whole number', { mentorCapacity: '2.5' }, 'mentorCapacity', /whole number/],
    ['the capacity is zero', { mentorCapacity: '0' }, 'mentorCapacity', /at least 1/],
    ['"Other" purpose has no description', { purpose: 'other', purposeDetail: ' ' }, 'purposeDetail', /Describe the purpose/],
    ['mentors by LMS role name no role', { mentorSelection: 'lms_role', mentorLmsRoles: [] }, 'mentorLmsRoles', /at least one LMS role/],
    ['the confidentiality statement is empty', { confidentiality: '' }, 'confidentiality', /at least 20/],
    ['the cadence is zero', { cadence: '0' }, 'cadence', /how often/],
  ];
  for (const [what, change, field, message] of cases) {
    it(`when ${what}, then ${field} carries the error`, () => {
      const result = validateProgramSettings({ ...valid(), ...change });
      expect(result.ok).to.equal(false);
      if (!result.ok) expect(result.errors[field as keyof typeof result.errors]).to.match(message);
    });
  }

  it('when one checkbox is ticked, then the single value is read as a list', () => {
    const result = validateProgramSettings({ ...valid(), programTypes: 'group', mentorSelection: 'lms_role', mentorLmsRoles: 'Mentor' });
    expect(result.ok && result.settings.programTypes).to.deep.equal(['group']);
    expect(result.ok && result.settings.mentorLmsRoles).to.deep.equal(['Mentor']);
  });
});
