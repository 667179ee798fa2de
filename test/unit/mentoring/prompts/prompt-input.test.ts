import { expect } from 'chai';
import { validateAnswer, validateReply } from '../../../../src/mentoring/prompts/answer-input.js';
import { validatePrompt, validateSchedule } from '../../../../src/mentoring/prompts/prompt-input.js';

const buildPromptForm = (overrides: Record<string, unknown> = {}) => ({
  category: 'reflection', title: 'A fresh look', body: 'Look at one habit you would like to change this month.', audience: 'mentee',
  programTypes: ['one_on_one'], minutes: '4', followUp: '', ...overrides,
});
const buildScheduleForm = (overrides: Record<string, unknown> = {}) => ({ cadence: 'weekly', everyDays: '', sendHour: '9', startsOn: '', endsOn: '', nudges: 'on', nudgeAfterDays: '14', nudgeRepeatDays: '7', ...overrides });
const program = { startsOn: '2027-01-04' };

describe('what staff and learners type about prompts', () => {
  it('when a prompt form is complete, then it is accepted with a blank follow-up as none and a single type as a list', () => {
    const result = validatePrompt(buildPromptForm({ programTypes: 'peer' }));
    expect(result).to.deep.include({ ok: true });
    expect(result.ok && result.value).to.include({ followUp: null, minutes: 4 }).and.to.deep.include({ programTypes: ['peer'] });
  });

  it('when minutes are outside 2–10 or not whole, then the field says so', () => {
    expect(validatePrompt(buildPromptForm({ minutes: '1' }))).to.deep.equal({ ok: false, errors: { minutes: 'The minutes it takes must be at least 2.' } });
    expect(validatePrompt(buildPromptForm({ minutes: '4.5' }))).to.deep.equal({ ok: false, errors: { minutes: 'Enter a whole number for the minutes it takes.' } });
  });

  it('when the audience or category is not a listed one, then it is refused', () => {
    const result = validatePrompt(buildPromptForm({ audience: 'boss', category: 'gossip' }));
    expect(result.ok).to.equal(false);
    expect(!result.ok && Object.keys(result.errors).sort()).to.deep.equal(['audience', 'category']);
  });

  it('when the schedule is custom, then days apart must be 1–90; zero or empty are refused', () => {
    expect(validateSchedule(buildScheduleForm({ cadence: 'custom', everyDays: '0' }), program)).to.deep.equal({ ok: false, errors: { everyDays: 'Prompts need at least one day between them.' } });
    expect(validateSchedule(buildScheduleForm({ cadence: 'custom' }), program)).to.deep.equal({ ok: false, errors: { everyDays: 'Prompts need at least one day between them.' } });
    expect(validateSchedule(buildScheduleForm({ cadence: 'custom', everyDays: '91' }), program)).to.deep.equal({ ok: false, errors: { everyDays: 'Prompts can be at most 90 days apart.' } });
    expect(validateSchedule(buildScheduleForm({ cadence: 'custom', everyDays: '3' }), program)).to.deep.include({ ok: true });
  });

  it('when the last day is not after the first (or the program start), then it is refused', () => {
    expect(validateSchedule(buildScheduleForm({ startsOn: '2027-02-01', endsOn: '2027-02-01' }), program).ok).to.equal(false);
    expect(validateSchedule(buildScheduleForm({ endsOn: '2027-01-01' }), program)).to.deep.equal({ ok: false, errors: { endsOn: 'The last day must be after the first.' } });
  });

  it('when nudges are on, quiet days must be 1–365; when off, they are ignored and stored as off', () => {
    expect(validateSchedule(buildScheduleForm({ nudgeAfterDays: '0' }), program)).to.deep.equal({ ok: false, errors: { nudgeAfterDays: 'Enter between 1 and 365 quiet days before a nudge.' } });
    const result = validateSchedule(buildScheduleForm({ nudges: undefined, nudgeAfterDays: 'abc' }), program);
    expect(result.ok && result.value.nudgeAfterDays).to.equal(null);
  });

  it('when an answer is only spaces, too long, or has no visibility, then each problem is named', () => {
    expect(validateAnswer({ body: ' \n ', visibility: 'circle' }, false)).to.deep.equal({ ok: false, errors: { body: 'Write your answer before sending it.' } });
    expect(validateAnswer({ body: 'ok' }, false)).to.deep.equal({ ok: false, errors: { visibility: 'Choose whether this is a private journal entry or shared with your circle.' } });
    expect(validateAnswer({ body: 'y'.repeat(4001), visibility: 'private' }, false)).to.deep.equal({ ok: false, errors: { body: 'Keep your answer under 4,000 characters (it has 4,001).' } });
  });

  it('when an after-action review misses a part, then that part is named and the free-text body is not used', () => {
    const result = validateAnswer({ planned: 'Lead the stand-up', happened: 'It ran long', why: '', next: ' ', body: 'ignored', visibility: 'private' }, true);
    expect(result).to.deep.equal({ ok: false, errors: { why: 'Fill in this part of the review.', next: 'Fill in this part of the review.' } });
    const complete = validateAnswer({ planned: 'a', happened: 'b', why: 'c', next: 'd', visibility: 'private' }, true);
    expect(complete).to.deep.equal({ ok: true, value: { visibility: 'private', body: null, review: { planned: 'a', happened: 'b', why: 'c', next: 'd' } } });
  });

  it('when a reply is empty or over 2,000 characters, then it is refused; otherwise trimmed', () => {
    expect(validateReply({ reply: '' }).ok).to.equal(false);
    expect(validateReply({ reply: 'z'.repeat(2001) }).ok).to.equal(false);
    expect(validateReply({ reply: '  thanks \r\n' })).to.deep.equal({ ok: true, value: 'thanks' });
  });
});
