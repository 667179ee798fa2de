import { expect } from 'chai';
import { fromLocal, isTimeZone, toLocal } from '../../../src/shared/zoned-time.js';

const at = (date: string, time: string, zone: string) => fromLocal({ date, time }, zone)?.toISOString() ?? null;

describe('zoned time', () => {
  it('when a local time is ordinary, then it maps to the instant of that zone\'s offset, winter and summer', () => {
    expect(at('2027-01-15', '09:30', 'Europe/Berlin')).to.equal('2027-01-15T08:30:00.000Z');
    expect(at('2027-07-15', '09:30', 'Europe/Berlin')).to.equal('2027-07-15T07:30:00.000Z');
    expect(at('2027-07-15', '09:30', 'Australia/Sydney')).to.equal('2027-07-14T23:30:00.000Z');
    expect(at('2027-01-15', '09:30', 'Asia/Kolkata')).to.equal('2027-01-15T04:00:00.000Z');
    expect(at('2027-01-15', '00:00', 'UTC')).to.equal('2027-01-15T00:00:00.000Z');
  });

  it('when clocks spring forward, then the skipped local time has no instant', () => {
    expect(at('2027-03-28', '02:30', 'Europe/Berlin')).to.equal(null);
    expect(at('2027-03-14', '02:00', 'America/New_York')).to.equal(null);
    expect(at('2027-03-28', '03:00', 'Europe/Berlin')).to.equal('2027-03-28T01:00:00.000Z');
  });

  it('when clocks fall back, then a repeated local time takes the earlier instant', () => {
    expect(at('2027-10-31', '02:30', 'Europe/Berlin')).to.equal('2027-10-31T00:30:00.000Z');
    expect(at('2027-11-07', '01:30', 'America/New_York')).to.equal('2027-11-07T05:30:00.000Z');
  });

  it('when converting back and forth, then the local time is kept, including midnight', () => {
    for (const zone of ['Europe/Berlin', 'America/Los_Angeles', 'Asia/Kathmandu', 'Pacific/Auckland']) {
      for (const time of ['00:00', '12:45', '23:59']) {
        const instant = fromLocal({ date: '2027-05-02', time }, zone)!;
        expect(toLocal(instant, zone)).to.deep.equal({ date: '2027-05-02', time });
      }
    }
  });

  it('when a zone or a date is not real, then it is rejected rather than guessed', () => {
    expect(isTimeZone('Mars/Olympus_Mons')).to.equal(false);
    expect(isTimeZone('Europe/Lisbon')).to.equal(true);
    expect(at('2027-02-30', '10:00', 'UTC')).to.equal(null);
  });
});
