import { expect } from 'chai';
import { defaultSchedule, occurrenceOf, type PromptSchedule } from '../../../../src/mentoring/prompts/schedule.js';
import { addMonths, instantOf, wallClockAt } from '../../../../src/mentoring/prompts/zoned-time.js';

const buildSchedule = (overrides: Partial<PromptSchedule> = {}): PromptSchedule => ({ ...defaultSchedule('weekly'), ...overrides });
const iso = (d: Date | undefined) => d?.toISOString();
const dueAt = (schedule: PromptSchedule, startedOn: string, timeZone: string, seq: number) => iso(occurrenceOf(schedule, { startedOn, timeZone }, '2030-12-31', seq)?.dueAt);

describe('prompt calendars in time zones', () => {
  it('when a weekly circle in Berlin crosses the spring change, then prompts stay at 09:00 local and move one hour earlier in UTC', () => {
    const weekly = buildSchedule();
    expect(dueAt(weekly, '2027-03-21', 'Europe/Berlin', 0)).to.equal('2027-03-21T08:00:00.000Z');
    expect(dueAt(weekly, '2027-03-21', 'Europe/Berlin', 1)).to.equal('2027-03-28T07:00:00.000Z');
  });

  it('when a New York circle crosses the autumn change, then 09:00 EDT becomes 09:00 EST', () => {
    const weekly = buildSchedule();
    expect(dueAt(weekly, '2027-10-31', 'America/New_York', 0)).to.equal('2027-10-31T13:00:00.000Z');
    expect(dueAt(weekly, '2027-10-31', 'America/New_York', 1)).to.equal('2027-11-07T14:00:00.000Z');
  });

  it('when the southern hemisphere changes the other way (Sydney, April), then the local hour still holds', () => {
    const weekly = buildSchedule({ sendHour: 8 });
    expect(dueAt(weekly, '2027-03-28', 'Australia/Sydney', 0)).to.equal('2027-03-27T21:00:00.000Z');
    expect(dueAt(weekly, '2027-03-28', 'Australia/Sydney', 1)).to.equal('2027-04-03T22:00:00.000Z');
  });

  it('when the same start date is used in Tokyo, London and Honolulu, then each circle gets its own 09:00', () => {
    const weekly = buildSchedule();
    expect(dueAt(weekly, '2027-06-07', 'Asia/Tokyo', 0)).to.equal('2027-06-07T00:00:00.000Z');
    expect(dueAt(weekly, '2027-06-07', 'Europe/London', 0)).to.equal('2027-06-07T08:00:00.000Z');
    expect(dueAt(weekly, '2027-06-07', 'Pacific/Honolulu', 0)).to.equal('2027-06-07T19:00:00.000Z');
    expect(dueAt(weekly, '2027-06-07', 'Asia/Kathmandu', 0)).to.equal('2027-06-07T03:15:00.000Z');
  });

  it('when the send hour falls in a spring-forward gap, then the prompt is due just after the jump', () => {
    const atTwo = buildSchedule({ sendHour: 2 });
    const due = occurrenceOf(atTwo, { startedOn: '2027-03-14', timeZone: 'America/New_York' }, '2030-12-31', 0)!.dueAt;
    expect(iso(due)).to.equal('2027-03-14T07:00:00.000Z');
    expect(wallClockAt(due, 'America/New_York')).to.deep.equal({ date: '2027-03-14', hour: 3, minute: 0 });
  });

  it('when the send hour happens twice as clocks fall back, then the first of the two is used', () => {
    expect(iso(instantOf('2027-11-07', 1, 0, 'America/New_York'))).to.equal('2027-11-07T05:00:00.000Z');
    expect(iso(instantOf('2027-10-31', 2, 30, 'Europe/Berlin'))).to.equal('2027-10-31T00:30:00.000Z');
  });

  it('when a whole calendar day is skipped (Samoa, 30 Dec 2011), then the prompt comes on the next day at the same hour', () => {
    expect(wallClockAt(instantOf('2011-12-30', 9, 0, 'Pacific/Apia'), 'Pacific/Apia')).to.deep.equal({ date: '2011-12-31', hour: 9, minute: 0 });
  });

  it('when the cadence is monthly from the 31st, then dates clamp to month ends without drifting', () => {
    const monthly = buildSchedule({ cadence: 'monthly' });
    const dates = [0, 1, 2, 3, 13].map((seq) => occurrenceOf(monthly, { startedOn: '2027-01-31', timeZone: 'UTC' }, '2030-12-31', seq)!.date);
    expect(dates).to.deep.equal(['2027-01-31', '2027-02-28', '2027-03-31', '2027-04-30', '2028-02-29']);
    expect(addMonths('2027-12-15', -1)).to.equal('2027-11-15');
  });

  it('when the cadence is fortnightly or custom, then days add up from the origin', () => {
    const at = (s: PromptSchedule, seq: number) => occurrenceOf(s, { startedOn: '2027-01-04', timeZone: 'UTC' }, '2030-12-31', seq)!.date;
    expect(at(buildSchedule({ cadence: 'fortnightly' }), 3)).to.equal('2027-02-15');
    expect(at(buildSchedule({ cadence: 'custom', everyDays: 10 }), 2)).to.equal('2027-01-24');
  });

  it('when the schedule starts later than the circle, then its first prompt is on the schedule start', () => {
    const later = buildSchedule({ startsOn: '2027-02-01' });
    expect(occurrenceOf(later, { startedOn: '2027-01-04', timeZone: 'UTC' }, '2030-12-31', 0)!.date).to.equal('2027-02-01');
  });

  it('when an occurrence would fall after the schedule end or the program end, then there is none', () => {
    const circle = { startedOn: '2027-01-04', timeZone: 'UTC' };
    expect(occurrenceOf(buildSchedule({ endsOn: '2027-01-18' }), circle, '2030-12-31', 2)).to.not.equal(null);
    expect(occurrenceOf(buildSchedule({ endsOn: '2027-01-18' }), circle, '2030-12-31', 3)).to.equal(null);
    expect(occurrenceOf(buildSchedule(), circle, '2027-01-10', 1)).to.equal(null);
  });

  it('when a default schedule is made for a program, then it follows the program cadence and nudges after two quiet periods', () => {
    expect(defaultSchedule('weekly')).to.include({ cadence: 'weekly', sendHour: 9, nudgeAfterDays: 14, nudgeRepeatDays: 7 });
    expect(defaultSchedule('monthly')).to.include({ cadence: 'monthly', nudgeAfterDays: 60, nudgeRepeatDays: 30 });
  });
});
