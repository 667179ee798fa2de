import { expect } from 'chai';
import { setupChecklist } from '../../../src/mentoring/guided/setup-checklist.js';
import { sharedSlots } from '../../../src/mentoring/guided/shared-slots.js';
import { inCircleZone, zoneChoice } from '../../../src/web/routes/meeting-zone.js';
import { cityOf, utcOffset, zoneOptions } from '../../../src/web/view-models/time-zones.js';
import { inViewerZone } from '../../../src/web/view-models/viewer-time.js';

const DECEMBER = new Date('2026-12-02T12:00:00Z');
const JULY = new Date('2027-07-01T12:00:00Z');

describe('time zones people can find', () => {
  it('when the list is built, then it holds current IANA names with city and offset, India as Asia/Kolkata', () => {
    const options = zoneOptions(DECEMBER);
    const values = options.map((o) => o.value);
    expect(values)
      .to.include('Asia/Kolkata')
      .and.to.include('Europe/Kyiv')
      .and.to.include('America/Mexico_City');
    expect(values).not.to.include('Asia/Calcutta');
    expect(values).not.to.include('Europe/Kiev');
    expect(new Set(values).size).to.equal(values.length);
    expect(options.find((o) => o.value === 'Asia/Kolkata')!.label).to.equal(
      'Kolkata (Asia) · UTC+05:30',
    );
    expect(cityOf('America/Argentina/Buenos_Aires')).to.equal('Buenos Aires (America)');
  });

  it('when summer time changes the offset, then the list shows the offset of the day', () => {
    expect(utcOffset('Europe/London', DECEMBER)).to.equal('UTC+00:00');
    expect(utcOffset('Europe/London', JULY)).to.equal('UTC+01:00');
    expect(utcOffset('Asia/Tokyo', JULY)).to.equal('UTC+09:00');
  });

  it("when the viewer and the circle are in different zones, then the viewer reads their own time with the circle's beside it", () => {
    const at = new Date('2027-03-10T09:00:00Z');
    const shown = inViewerZone(at, 'Asia/Calcutta', 'Europe/London');
    expect(shown.text).to.equal('Wed, 10 Mar 2027, 14:30 Kolkata time');
    expect(shown.other).to.equal("Wed, 10 Mar 2027, 09:00 London time, the circle's zone");
    expect(inViewerZone(at, 'Europe/London', 'Europe/London').other).to.equal(null);
  });

  it("when a member types a meeting time in their own zone, then the circle's zone reads the same instant", () => {
    const body = { zone: 'mine', date: '2027-03-10', time: '14:30', durationMinutes: '60' };
    expect(inCircleZone(body, 'Asia/Kolkata', 'Europe/London')).to.deep.include({
      date: '2027-03-10',
      time: '09:00',
    });
    expect(
      inCircleZone({ ...body, zone: 'circle' }, 'Asia/Kolkata', 'Europe/London'),
    ).to.deep.include({ time: '14:30' });
    expect(
      inCircleZone({ ...body, time: '25:99' }, 'Asia/Kolkata', 'Europe/London'),
    ).to.deep.include({ time: '25:99' });
    expect(zoneChoice('Europe/London', 'Europe/London', null)).to.equal(null);
    expect(zoneChoice('Asia/Tokyo', 'Europe/London', null)!.options[0]).to.include({
      value: 'mine',
      selected: true,
    });
  });
});

describe('the program setup checklist', () => {
  const counts = {
    participants: 14,
    completeProfiles: 0,
    rosterSynced: true,
    proposal: 'none' as const,
    circles: 0,
    circlesWithMeeting: 0,
  };
  const current = (c: typeof counts | Record<string, unknown>) =>
    setupChecklist(c as typeof counts).find((s) => s.state === 'current')?.step ?? null;

  it('when the program moves on, then exactly one step is current at a time, in order', () => {
    expect(current({ ...counts, participants: 0, rosterSynced: false })).to.equal('roster');
    expect(current(counts)).to.equal('profiles');
    expect(current({ ...counts, completeProfiles: 12 })).to.equal('matching');
    expect(current({ ...counts, completeProfiles: 12, proposal: 'draft' })).to.equal('approval');
    expect(
      current({
        ...counts,
        completeProfiles: 12,
        proposal: 'approved',
        circles: 4,
        circlesWithMeeting: 1,
      }),
    ).to.equal('meetings');
    expect(
      current({
        ...counts,
        completeProfiles: 12,
        proposal: 'approved',
        circles: 4,
        circlesWithMeeting: 4,
      }),
    ).to.equal(null);
  });
});

describe("meeting slots from the members' shared availability", () => {
  const now = new Date('2026-12-02T12:00:00Z'); // a Wednesday
  const london = {
    timeZone: 'Europe/London',
    availability: [
      { day: 'mon' as const, start: '09:00', end: '11:00' },
      { day: 'thu' as const, start: '09:00', end: '10:00' },
    ],
  };
  const kolkata = {
    timeZone: 'Asia/Kolkata',
    availability: [
      { day: 'mon' as const, start: '13:00', end: '17:00' },
      { day: 'thu' as const, start: '14:30', end: '15:00' },
    ],
  };

  it('when every member is free at once for an hour or more, then those times come back, soonest first, a day ahead at least', () => {
    const slots = sharedSlots([london, kolkata], now);
    expect(slots.map((s) => [s.startsAt.toISOString(), s.minutes])).to.deep.equal([
      ['2026-12-07T09:00:00.000Z', 120],
    ]);
  });

  it('when someone gave no availability, then nothing is suggested rather than a time that leaves them out', () => {
    expect(sharedSlots([london, { timeZone: 'UTC', availability: [] }], now)).to.deep.equal([]);
  });
});
