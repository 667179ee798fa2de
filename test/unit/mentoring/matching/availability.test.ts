import { expect } from 'chai';
import { isValidTimeZone, overlapMinutes, parseClock, weeklyUtcIntervals } from '../../../../src/mentoring/matching/availability.js';

const JANUARY = '2025-01-06';
const MARCH_GAP = '2025-03-10'; // the US is on summer time, the UK not yet
const MON = 0;
const SUN = 6 * 1440;

describe('weekly availability across time zones', () => {
  it('when a window is in UTC, then it keeps its minutes from Monday 00:00', () => {
    expect(weeklyUtcIntervals([{ day: 'tue', start: '09:30', end: '11:00' }], 'UTC', JANUARY)).to.deep.equal([1440 + 570, 1440 + 660]);
  });

  it('when a window is in New York in January, then it shifts by five hours', () => {
    expect(weeklyUtcIntervals([{ day: 'mon', start: '09:00', end: '11:00' }], 'America/New_York', JANUARY)).to.deep.equal([MON + 14 * 60, MON + 16 * 60]);
  });

  it('when New York is on summer time and London not yet, then the overlap of equal local hours shrinks', () => {
    const newYork = [{ day: 'mon' as const, start: '09:00', end: '11:00' }];
    const london = [{ day: 'mon' as const, start: '14:00', end: '16:00' }];
    const overlapIn = (week: string) => overlapMinutes(weeklyUtcIntervals(newYork, 'America/New_York', week), weeklyUtcIntervals(london, 'Europe/London', week));
    expect(overlapIn(JANUARY)).to.equal(120);
    expect(overlapIn(MARCH_GAP)).to.equal(60);
  });

  it('when a Tokyo window starts before UTC midnight of Monday, then it wraps to the end of the week', () => {
    expect(weeklyUtcIntervals([{ day: 'mon', start: '08:00', end: '10:00' }], 'Asia/Tokyo', JANUARY)).to.deep.equal([0, 60, SUN + 23 * 60, 7 * 1440]);
  });

  it('when a window ends before it starts, then it runs past midnight', () => {
    expect(weeklyUtcIntervals([{ day: 'fri', start: '22:00', end: '01:00' }], 'UTC', JANUARY)).to.deep.equal([4 * 1440 + 1320, 5 * 1440 + 60]);
  });

  it('when windows overlap or touch, then they merge into one interval', () => {
    const windows = [
      { day: 'mon' as const, start: '09:00', end: '10:00' },
      { day: 'mon' as const, start: '09:30', end: '11:00' },
      { day: 'mon' as const, start: '11:00', end: '12:00' },
    ];
    expect(weeklyUtcIntervals(windows, 'UTC', JANUARY)).to.deep.equal([540, 720]);
  });

  it('when two lists interleave, then the overlap counts only common minutes', () => {
    expect(overlapMinutes([0, 100, 200, 300], [50, 250])).to.equal(50 + 50);
    expect(overlapMinutes([0, 100], [])).to.equal(0);
  });

  it('when a clock, zone or week is malformed, then it is refused', () => {
    expect(parseClock('9:05')).to.equal(545);
    expect(parseClock('24:00')).to.equal(1440);
    expect(parseClock('24:01')).to.equal(null);
    expect(parseClock('12:60')).to.equal(null);
    expect(isValidTimeZone('Europe/Paris')).to.equal(true);
    expect(isValidTimeZone('Mars/Olympus')).to.equal(false);
    expect(() => weeklyUtcIntervals([{ day: 'mon', start: 'nine', end: '10:00' }], 'UTC', JANUARY)).to.throw(RangeError);
    expect(() => weeklyUtcIntervals([], 'UTC', '2025-01-07')).to.throw(/Monday/);
  });

  it('when Paris is on summer time, then its windows shift by two hours instead of one', () => {
    const nine = [{ day: 'mon' as const, start: '09:00', end: '10:00' }];
    expect(weeklyUtcIntervals(nine, 'Europe/Paris', JANUARY)).to.deep.equal([480, 540]);
    expect(weeklyUtcIntervals(nine, 'Europe/Paris', '2025-07-07')).to.deep.equal([420, 480]);
  });

  it('when a window starts in the hour skipped by the change to summer time, then it still counts in full', () => {
    const skipped = [{ day: 'sun' as const, start: '02:30', end: '04:00' }];
    const [start, end] = weeklyUtcIntervals(skipped, 'Europe/Paris', '2025-03-24').slice(-2);
    expect(end! - start!).to.equal(90);
  });
});
