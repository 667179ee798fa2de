import { expect } from 'chai';
import { KINDS, TOPIC_KIND } from '../../../../src/mentoring/notifications/kinds.js';
import {
  messageOf,
  type NotificationFacts,
} from '../../../../src/mentoring/notifications/messages.js';
import {
  REMIND_DAYS_BEFORE,
  remindOnFor,
} from '../../../../src/mentoring/notifications/profile-deadline.js';
import { addDays } from '../../../../src/mentoring/prompts/zoned-time.js';

const facts = (data: Record<string, unknown> = {}): NotificationFacts => ({
  program: 'Leaders 2027',
  circle: null,
  timeZone: null,
  actor: 'Sam Staff',
  course: 'Course',
  data,
  members: null,
  meeting: null,
  deadline: null,
  deliveryId: null,
});
const ids = { programId: 'p1', circleId: null };

describe('notifications: profiles due and survey open', () => {
  it('when profiles are due, then the message names the day and leads to the profile', () => {
    const m = messageOf('profile_due', facts({ dueOn: '2027-03-10' }), ids);
    expect(m.subject).to.equal('Your profile is due by Wed, 10 Mar 2027: Leaders 2027');
    expect(m.lines.join(' ')).to.contain('due by Wed, 10 Mar 2027');
    expect(m.toolPath).to.equal('/programs/p1/profile');
  });

  it('when the stored date is not a date, then the message says "the due date" rather than it', () => {
    const m = messageOf('profile_due', facts({ dueOn: '<script>' }), ids);
    expect(m.subject).to.contain('the due date').and.not.to.contain('<script>');
  });

  it('when the survey opens, then the message leads to the survey and names no one', () => {
    const m = messageOf('survey_open', facts(), ids);
    expect(m.subject).to.equal('The close-out survey is open: Leaders 2027');
    expect(m.toolPath).to.equal('/programs/p1/survey');
    expect(m.lines.join(' ')).not.to.contain('Sam Staff');
  });

  it('when the kinds are listed, then each new topic has its own kind, mailed at once by default', () => {
    expect(TOPIC_KIND.profile_due).to.equal('deadline');
    expect(TOPIC_KIND.survey_open).to.equal('survey');
    expect(KINDS.deadline.defaultMode).to.equal('now');
    expect(KINDS.survey.defaultMode).to.equal('now');
  });

  it('when a due date is set, then the reminder starts three days before it, across a month end', () => {
    expect(REMIND_DAYS_BEFORE).to.equal(3);
    expect(remindOnFor('2027-03-02')).to.equal('2027-02-27');
    expect(addDays('2027-12-30', 3)).to.equal('2028-01-02');
  });
});
