import { expect } from 'chai';
import { courseRoleOf, parseRole } from '../../../src/lti/roles.js';

const V = 'http://purl.imsglobal.org/vocab/lis/v2/';

describe('LTI roles → course role', () => {
  const table: Array<[string[], 'staff' | 'learner']> = [
    [[`${V}membership#Learner`], 'learner'],
    [[`${V}membership#Instructor`], 'staff'],
    [[`${V}membership/Instructor#TeachingAssistant`], 'staff'],
    [[`${V}membership#ContentDeveloper`], 'staff'],
    [[`${V}membership#Administrator`], 'staff'],
    [[`${V}membership#Mentor`], 'learner'],
    [[`${V}membership/Learner#Instructor`], 'learner'],
    [[`${V}membership/Mentor#TeachingAssistant`], 'learner'],
    [[`${V}institution/person#Administrator`, `${V}membership#Learner`], 'staff'],
    [[`${V}system/person#SysAdmin`], 'staff'],
    [[`${V}institution/person#Instructor`, `${V}membership#Learner`], 'learner'],
    [['Instructor'], 'staff'],
    [['Learner'], 'learner'],
    [[], 'learner'],
    [['urn:lti:role:ims/lis/Instructor'], 'learner'],
  ];
  for (const [roles, expected] of table) {
    it(`when roles are [${roles.map((r) => r.replace(V, '')).join(', ')}], then ${expected}`, () => {
      expect(courseRoleOf(roles)).to.equal(expected);
    });
  }

  it('when a sub-role is given, then the principal role and the sub-role are both read', () => {
    expect(parseRole(`${V}membership/Instructor#TeachingAssistant`)).to.deep.equal({ scope: 'context', name: 'Instructor', subRole: 'TeachingAssistant' });
  });
});
