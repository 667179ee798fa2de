import { expect } from 'chai';
import { planNext, upcoming, type CircleCalendar, type PromptVersionRef } from '../../../../src/mentoring/prompts/delivery-plan.js';
import { defaultSchedule } from '../../../../src/mentoring/prompts/schedule.js';

const prompt = (n: number): PromptVersionRef => ({ promptId: `p${n}`, versionId: `v${n}`, version: 1, title: `Prompt ${n}`, audience: 'circle' });

function buildCalendar(overrides: Partial<CircleCalendar> = {}): CircleCalendar {
  return {
    circle: { id: 'c1', programId: 'pr1', status: 'active', startedOn: '2027-01-04', timeZone: 'Europe/Paris', formedAt: new Date('2027-01-01T00:00:00Z') },
    schedule: defaultSchedule('weekly'), programEndsOn: '2027-06-30', promptsOff: false, lastSeq: -1, pauses: [],
    track: [prompt(1), prompt(2), prompt(3)], delivered: [], skipped: [], inserts: [],
    ...overrides,
  };
}

const at = (iso: string) => new Date(iso);

describe('which prompt a circle gets next', () => {
  it('when the first occurrence is not due yet, then nothing is planned', () => {
    expect(planNext(buildCalendar(), at('2027-01-04T07:59:00Z'))).to.equal(null);
  });

  it('when it is due (09:00 Paris), then the first track prompt is delivered as occurrence 0', () => {
    const next = planNext(buildCalendar(), at('2027-01-04T08:00:00Z'))!;
    expect(next).to.include({ seq: 0, outcome: 'delivered', insertId: null });
    expect(next.prompt!.promptId).to.equal('p1');
  });

  it('when some prompts were delivered or skipped, then the first remaining one in track order comes next', () => {
    const next = planNext(buildCalendar({ lastSeq: 0, delivered: ['p1'], skipped: ['p2'] }), at('2027-01-11T08:00:00Z'))!;
    expect(next.prompt!.promptId).to.equal('p3');
    expect(next.seq).to.equal(1);
  });

  it('when staff inserted prompts, then they come first, oldest first, even if one was delivered before', () => {
    const calendar = buildCalendar({ delivered: ['p1'], lastSeq: 0, inserts: [{ changeId: 'i1', prompt: prompt(9) }, { changeId: 'i2', prompt: prompt(1) }] });
    expect(planNext(calendar, at('2027-01-11T08:00:00Z'))).to.include({ insertId: 'i1' });
    expect(upcoming(calendar, 3).map((o) => o.prompt?.promptId)).to.deep.equal(['p9', 'p1', 'p2']);
  });

  it('when the occurrence falls inside a pause, then it is recorded as paused and no prompt is used up', () => {
    const calendar = buildCalendar({ pauses: [{ from: at('2027-01-10T00:00:00Z'), to: at('2027-01-15T00:00:00Z') }] });
    expect(upcoming(calendar, 4).map((o) => [o.outcome, o.prompt?.promptId ?? null])).to.deep.equal([
      ['delivered', 'p1'], ['paused', null], ['delivered', 'p2'], ['delivered', 'p3'],
    ]);
  });

  it('when a pause is still open or the circle itself is paused, then every later occurrence is paused', () => {
    expect(upcoming(buildCalendar({ pauses: [{ from: at('2027-01-01T00:00:00Z'), to: null }] }), 2).map((o) => o.outcome)).to.deep.equal(['paused', 'paused']);
    expect(planNext(buildCalendar({ circle: { ...buildCalendar().circle, status: 'paused' } }), at('2027-01-05T00:00:00Z'))!.outcome).to.equal('paused');
  });

  it('when the circle is closed, then nothing is planned at all', () => {
    const closed = buildCalendar({ circle: { ...buildCalendar().circle, status: 'closed' } });
    expect(planNext(closed, at('2027-03-01T00:00:00Z'))).to.equal(null);
    expect(upcoming(closed, 3)).to.deep.equal([]);
  });

  it('when the track is used up, then occurrences are recorded as empty', () => {
    expect(upcoming(buildCalendar(), 5).map((o) => o.outcome)).to.deep.equal(['delivered', 'delivered', 'delivered', 'empty', 'empty']);
  });

  it('when the program has no prompt track, then occurrences are recorded as off', () => {
    expect(planNext(buildCalendar({ promptsOff: true }), at('2027-01-04T08:00:00Z'))!.outcome).to.equal('off');
  });

  it('when a circle is formed weeks after its start date, then only the latest missed occurrence delivers a prompt', () => {
    const late = buildCalendar({ circle: { ...buildCalendar().circle, formedAt: at('2027-01-20T12:00:00Z') } });
    expect(upcoming(late, 4).map((o) => [o.seq, o.outcome, o.prompt?.promptId ?? null])).to.deep.equal([
      [0, 'not_formed', null], [1, 'not_formed', null], [2, 'delivered', 'p1'], [3, 'delivered', 'p2'],
    ]);
  });

  it('when the program ends, then the plan stops', () => {
    expect(upcoming(buildCalendar({ programEndsOn: '2027-01-12' }), 10)).to.have.length(2);
  });
});
