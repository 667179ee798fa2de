import { expect } from 'chai';
import { completionMet, computeScore, expectedMeetings, participationScore, type ScoreFacts } from '../../../../src/mentoring/grades/grade-rule.js';
import { MOVES_SCORE, scoreTargetsOf } from '../../../../src/mentoring/grades/score-events.js';
import { domainEvent } from '../../../../src/mentoring/events.js';

const asOf = new Date('2026-03-01T00:00:00Z');
const started = new Date('2026-01-04T00:00:00Z'); // 56 days before: 4 fortnights
const EQUAL = { contract: 1, meetings: 1, prompts: 1, milestones: 1, survey: 1 };

function buildFacts(overrides: Partial<ScoreFacts> = {}): ScoreFacts {
  return {
    contractAgreed: true, meetingsAttended: 4, cadence: 'fortnightly', circleStartedOn: started,
    promptsAnswered: 3, promptsDelivered: 3, milestonesCompleted: 2, milestonesTotal: 2, surveyDone: true, ...overrides,
  };
}

describe('grade rule', () => {
  it('when a circle started 56 days ago with a fortnightly cadence, then 4 meetings are expected', () => {
    expect(expectedMeetings('fortnightly', started, asOf)).to.equal(4);
    expect(expectedMeetings('weekly', started, asOf)).to.equal(8);
    expect(expectedMeetings('monthly', asOf, asOf)).to.equal(1);
    expect(expectedMeetings('weekly', null, asOf)).to.equal(0);
  });

  it('when every part is done, then the completion rule is met and both modes give 100, FullyGraded, Completed', () => {
    expect(completionMet(buildFacts(), asOf)).to.equal(true);
    for (const mode of ['participation', 'completion'] as const) {
      const score = computeScore({ mode, weights: EQUAL }, buildFacts(), asOf);
      expect(score).to.include({ scoreGiven: 100, scoreMaximum: 100, gradingProgress: 'FullyGraded', activityProgress: 'Completed' });
    }
  });

  for (const [part, missing] of Object.entries({
    contract: { contractAgreed: false }, meetings: { meetingsAttended: 3 }, milestones: { milestonesCompleted: 1 },
    'milestones none set': { milestonesTotal: 0, milestonesCompleted: 0 }, survey: { surveyDone: false },
  })) {
    it(`when ${part} is missing, then completion is not met and the completion score stays empty and Pending`, () => {
      expect(completionMet(buildFacts(missing), asOf)).to.equal(false);
      const score = computeScore({ mode: 'completion', weights: EQUAL }, buildFacts(missing), asOf);
      expect(score).to.include({ scoreGiven: null, gradingProgress: 'Pending', activityProgress: 'InProgress', completed: false });
    });
  }

  it('when prompts are unanswered, then completion can still be met (prompts count for participation only)', () => {
    expect(completionMet(buildFacts({ promptsAnswered: 0 }), asOf)).to.equal(true);
  });

  it('when the weights favour meetings, then the participation score is the weighted mean of the parts', () => {
    const facts = buildFacts({ contractAgreed: false, meetingsAttended: 2, promptsAnswered: 0, milestonesCompleted: 1, surveyDone: false });
    // meetings 0.5 × 4, milestones 0.5 × 1, others 0 → 2.5 / 8
    expect(participationScore({ contract: 1, meetings: 4, prompts: 1, milestones: 1, survey: 1 }, facts, asOf)).to.equal(31.3);
    expect(participationScore({ contract: 0, meetings: 0, prompts: 0, milestones: 0, survey: 0 }, facts, asOf)).to.equal(0);
  });

  it('when a participant did nothing yet, then the score is 0, Started, and the comment says why', () => {
    const facts = buildFacts({ contractAgreed: false, meetingsAttended: 0, promptsAnswered: 0, milestonesCompleted: 0, surveyDone: false });
    const score = computeScore({ mode: 'participation', weights: EQUAL }, facts, asOf);
    expect(score).to.include({ scoreGiven: 0, activityProgress: 'Started', gradingProgress: 'FullyGraded' });
    expect(score.comment).to.contain('0 of 4 meetings attended').and.contain('contract not agreed yet');
  });

  it('when more meetings were attended than expected, then the meetings part is capped at full', () => {
    expect(participationScore({ ...EQUAL, contract: 0, prompts: 0, milestones: 0, survey: 0 }, buildFacts({ meetingsAttended: 9 }), asOf)).to.equal(100);
  });
});

describe('score events', () => {
  const fields = { tenantId: 't', courseId: 'c', programId: 'p', circleId: null, actorUserId: 'u' };

  it('when the event kinds are listed, then exactly the ones that change a part move the score', () => {
    const moving = Object.entries(MOVES_SCORE).filter(([, v]) => v).map(([k]) => k).sort();
    expect(moving).to.deep.equal(['circle_joined', 'contract_agreed', 'goal_set', 'meeting_attended', 'milestone_completed',
      'participant_joined_program', 'program_completed', 'prompt_answered', 'prompt_delivered']);
  });

  it('when a circle event moves the score, then the whole circle is a target; else the actor; events outside a program none', () => {
    const targets = scoreTargetsOf([
      domainEvent('contract_agreed', { ...fields, circleId: 'k', data: { version: 1 } }),
      domainEvent('meeting_attended', { ...fields, circleId: 'k', data: { meetingId: 'm', durationMinutes: 30 } }),
      domainEvent('program_completed', { ...fields, data: {} }),
      domainEvent('feedback_given', { ...fields, data: { meetingId: null, toUserId: 'v', rating: 5 } }),
      domainEvent('launched', { ...fields, programId: null, data: { resourceLinkId: null, courseRole: 'learner' } }),
    ]);
    expect(targets).to.deep.equal([
      { tenantId: 't', programId: 'p', circleId: 'k', userId: '' },
      { tenantId: 't', programId: 'p', circleId: null, userId: 'u' },
    ]);
  });
});
