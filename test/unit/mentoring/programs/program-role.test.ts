import { expect } from 'chai';
import { contextRoleNames, courseRoleOf } from '../../../../src/lti/roles.js';
import { initialProgramRole } from '../../../../src/mentoring/roster/program-role.js';

const V = 'http://purl.imsglobal.org/vocab/lis/v2/';
const oneOnOne = { programTypes: ['one_on_one' as const], mentorSelection: 'self_nomination' as const, mentorLmsRoles: [] };
const byRole = { programTypes: ['group' as const], mentorSelection: 'lms_role' as const, mentorLmsRoles: ['Mentor', 'TeachingAssistant'] };
const peers = { programTypes: ['peer' as const], mentorSelection: 'self_nomination' as const, mentorLmsRoles: [] };

/** LTI roles (as a launch or NRPS gives them) → course staff or participant, and the program role. */
describe('LTI roles → program role', () => {
  const table: Array<[string, string[], typeof oneOnOne | typeof byRole | typeof peers, string | null]> = [
    ['learner, one-on-one', [`${V}membership#Learner`], oneOnOne, 'mentee'],
    ['learner, peer program', [`${V}membership#Learner`], peers, 'both'],
    ['LMS Mentor, mentors by role', [`${V}membership#Mentor`], byRole, 'mentor'],
    ['LMS Mentor, self-nomination', [`${V}membership#Mentor`], oneOnOne, 'mentee'],
    ['teaching assistant, mentors by role', [`${V}membership/Instructor#TeachingAssistant`], byRole, 'mentor'],
    ['teaching assistant, self-nomination', [`${V}membership/Instructor#TeachingAssistant`], oneOnOne, null],
    ['instructor', [`${V}membership#Instructor`], byRole, null],
    ['content developer', [`${V}membership#ContentDeveloper`], oneOnOne, null],
    ['context administrator', [`${V}membership#Administrator`], oneOnOne, null],
    ['institution administrator who is a learner here', [`${V}institution/person#Administrator`, `${V}membership#Learner`], oneOnOne, null],
    ['Moodle NRPS short name Learner', ['Learner'], oneOnOne, 'mentee'],
    ['Moodle NRPS short name Instructor', ['Instructor'], oneOnOne, null],
  ];
  for (const [who, roles, program, expected] of table) {
    it(`when ${who}, then ${expected ?? 'not a participant (staff)'}`, () => {
      expect(initialProgramRole(program, courseRoleOf(roles), contextRoleNames(roles))).to.equal(expected);
    });
  }
});
