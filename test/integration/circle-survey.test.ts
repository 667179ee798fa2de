import { expect } from 'chai';
import { buildCircleWorld, useToolAndCanvas, type CircleWorld } from '../support/circle-life-world.js';

const answers = (overrides: Record<string, string> = {}) => ({
  goalProgress: '4', relationship: '5', confidence: '3', clarity: '4', wouldRecommend: 'yes', comment: '', ...overrides,
});

describe('close-out survey', () => {
  const env = useToolAndCanvas();
  let world: CircleWorld;

  beforeEach(async () => {
    world = await buildCircleWorld(env.tool, env.canvas, ['mentor', 'mentee', 'mentee']);
  });

  const survey = () => `/programs/${world.programId}/survey`;
  const staffSurvey = () => `/staff/programs/${world.programId}/survey`;
  const submit = (i: number, fields: Record<string, string>) => world.members[i]!.post(survey(), fields, `/programs/${world.programId}`);

  it('when the program has not ended, then the survey waits, until staff open it early', async () => {
    expect((await world.members[1]!.get(survey())).text).to.contain('The survey opens when the program ends on 2027-06-30.');
    const early = await submit(1, answers());
    expect(early.status).to.equal(409);
    expect((await world.staff.get(staffSurvey())).text).to.contain('Open the survey now');
    const opened = await world.staff.post(`${staffSurvey()}/open`, {}, staffSurvey());
    expect(opened.status).to.equal(303);
    expect((await world.members[1]!.get(survey())).text).to.contain('Send my answers').and.to.contain('How good was the mentoring relationship?');
  });

  it('when fewer than three have answered, then staff see the count only; from three on, averages and unnamed comments', async () => {
    await world.staff.post(`${staffSurvey()}/open`, {}, staffSurvey());
    await submit(0, answers({ relationship: '5', comment: 'Zest: the mentor made time' }));
    await submit(1, answers({ relationship: '3', wouldRecommend: 'no', comment: 'Alpha: more structure please' }));
    let page = await world.staff.get(staffSurvey());
    expect(page.text).to.contain('<strong>2</strong> of 4 participants have answered').and.to.contain('Results appear once at least 3 people have answered (2 so far)');
    expect(page.text).not.to.contain('more structure').and.not.to.contain('made time');

    await submit(2, answers({ relationship: '4', goalProgress: '2' }));
    page = await world.staff.get(staffSurvey());
    expect(page.text).to.contain('How good was the mentoring relationship?').and.to.contain('<strong>4.0</strong>').and.to.contain('<strong>67%</strong> would recommend');
    expect(page.text).to.contain('<strong>3.3</strong>', 'goal progress 4, 4, 2');
    const alpha = page.text.indexOf('Alpha: more structure please');
    expect(alpha).to.be.greaterThan(0);
    expect(alpha).to.be.lessThan(page.text.indexOf('Zest: the mentor made time'));
    expect(page.text).not.to.contain('Mona Mentor').and.not.to.contain('Mel Mentee');

    const completed = await world.events('program_completed');
    expect(completed.map((e) => e.actorUserId).sort()).to.deep.equal(world.members.map(world.userIdOf).sort());
  });

  it('when someone answers twice, then the second is refused and counted nowhere', async () => {
    await world.staff.post(`${staffSurvey()}/open`, {}, staffSurvey());
    await submit(1, answers());
    expect((await world.members[1]!.get(survey())).text).to.contain('You have answered this survey.');
    const twice = await submit(1, answers({ confidence: '1' }));
    expect(twice.status).to.equal(422);
    expect(await env.tool.db.selectFrom('survey_answers').select('id').where('program_id', '=', world.programId).execute()).to.have.length(1);
    expect(await world.events('program_completed')).to.have.length(1);
  });

  it('when answers are missing or off the scale, then each question is flagged and nothing is saved', async () => {
    await world.staff.post(`${staffSurvey()}/open`, {}, staffSurvey());
    const res = await submit(1, answers({ goalProgress: '', clarity: '9', wouldRecommend: 'maybe', comment: 'kept <i>text</i>' }));
    expect(res.status).to.equal(422);
    expect(res.text).to.contain('id="goalProgress-error"').and.to.contain('id="clarity-error"').and.to.contain('id="wouldRecommend-error"');
    expect(res.text).to.contain('kept &lt;i&gt;text&lt;/i&gt;');
    expect(await env.tool.db.selectFrom('survey_submissions').select('participant_id').where('program_id', '=', world.programId).execute()).to.have.length(0);
  });

  it('when the program has ended, then the survey is open without staff acting', async () => {
    const ended = await buildCircleWorld(env.tool, env.canvas, ['mentor', 'mentee'], { program: { startsOn: '2026-01-05', endsOn: '2026-06-30' } });
    const res = await ended.members[1]!.post(`/programs/${ended.programId}/survey`, answers(), `/programs/${ended.programId}`);
    expect(res.status, res.text).to.equal(303);
  });

  it('when a learner opens the staff results, or staff who take no part answer, then both are refused', async () => {
    expect((await world.members[0]!.get(staffSurvey())).status).to.equal(403);
    await world.staff.post(`${staffSurvey()}/open`, {}, staffSurvey());
    const staffAnswer = await world.staff.post(survey(), answers(), staffSurvey());
    expect(staffAnswer.status).to.equal(403);
  });
});
