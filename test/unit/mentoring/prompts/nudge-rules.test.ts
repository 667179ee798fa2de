import { expect } from 'chai';
import { attentionReason, CONVERSATION_STARTERS, nudgeDecision, nudgeStillShown, quietDays, type CircleQuiet } from '../../../../src/mentoring/prompts/nudge-rules.js';
import { defaultSchedule, type PromptSchedule } from '../../../../src/mentoring/prompts/schedule.js';

const day = (n: number) => new Date(Date.UTC(2027, 0, 1) + n * 86_400_000);
const schedule = (overrides: Partial<PromptSchedule> = {}): PromptSchedule => ({ ...defaultSchedule('weekly'), nudgeAfterDays: 14, nudgeRepeatDays: 7, ...overrides });

function buildQuiet(overrides: Partial<CircleQuiet> = {}): CircleQuiet {
  return { status: 'active', paused: false, startedOn: '2027-01-01', timeZone: 'UTC', formedAt: day(0), resumedAt: null, lastAnswerAt: null, lastMeetingAt: null, lastNudge: null, ...overrides };
}

describe('nudges for quiet circles', () => {
  it('when a circle has been quiet for less than the configured days, then no nudge is due', () => {
    expect(nudgeDecision(buildQuiet(), schedule(), day(13.9)).due).to.equal(false);
  });

  it('when it has been quiet for the configured days, then nudge 1 is due with a conversation starter', () => {
    const decision = nudgeDecision(buildQuiet(), schedule(), day(14));
    expect(decision).to.deep.include({ due: true, seq: 1, starter: CONVERSATION_STARTERS[0] });
  });

  it('when a prompt was answered or a meeting held recently, then the quiet period counts from it', () => {
    expect(nudgeDecision(buildQuiet({ lastAnswerAt: day(10) }), schedule(), day(20)).due).to.equal(false);
    expect(nudgeDecision(buildQuiet({ lastMeetingAt: day(10) }), schedule(), day(24)).due).to.equal(true);
    expect(quietDays(buildQuiet({ lastAnswerAt: day(3), lastMeetingAt: day(8) }), day(20))).to.equal(12);
  });

  it('when the last nudge is younger than the repeat interval, then no second nudge is due, and after it the next one is', () => {
    const nudged = buildQuiet({ lastNudge: { seq: 1, sentAt: day(14) } });
    expect(nudgeDecision(nudged, schedule(), day(20.9)).due).to.equal(false);
    expect(nudgeDecision(nudged, schedule(), day(21))).to.deep.include({ due: true, seq: 2, starter: CONVERSATION_STARTERS[1] });
  });

  it('when the circle is paused, closed, or nudges are off, then no nudge is due', () => {
    expect(nudgeDecision(buildQuiet({ paused: true }), schedule(), day(40)).due).to.equal(false);
    expect(nudgeDecision(buildQuiet({ status: 'closed' }), schedule(), day(40)).due).to.equal(false);
    expect(nudgeDecision(buildQuiet(), schedule({ nudgeAfterDays: null }), day(40)).due).to.equal(false);
  });

  it('when a pause ended recently, then the quiet period starts again from the resume', () => {
    expect(nudgeDecision(buildQuiet({ resumedAt: day(30) }), schedule(), day(40)).due).to.equal(false);
  });

  it('when staff look at a quiet circle, then the reason says how long; with nudges off, two prompt periods count', () => {
    expect(attentionReason(buildQuiet(), schedule(), day(23))).to.equal('No meeting and no answered prompt for 23 days');
    expect(attentionReason(buildQuiet(), schedule(), day(5))).to.equal(null);
    expect(attentionReason(buildQuiet(), schedule({ nudgeAfterDays: null }), day(13))).to.equal(null);
    expect(attentionReason(buildQuiet(), schedule({ nudgeAfterDays: null }), day(14))).to.match(/14 days/);
  });

  it('when members answer after a nudge, then the nudge is no longer shown', () => {
    expect(nudgeStillShown(buildQuiet(), day(14))).to.equal(true);
    expect(nudgeStillShown(buildQuiet({ lastAnswerAt: day(15) }), day(14))).to.equal(false);
  });
});
