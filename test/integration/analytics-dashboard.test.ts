import { expect } from 'chai';
import { buildScaleWorld, countingSuite, type ScaleWorld } from '../support/scale/scale-world.js';
import { seedOutcomes } from '../support/analytics/outcome-fixture.js';
import { buildMatchingWorld } from '../support/matching-world.js';

const basisOf = (html: string) => {
  const raw = /name="basis" value="([^"]*)"/.exec(html)?.[1];
  return raw?.replace(/&quot;/g, '"').replace(/&#x27;/g, "'").replace(/&amp;/g, '&');
};

describe('program dashboard: charts, privacy and what makes pairs work', function () {
  this.timeout(240_000);
  const suite = countingSuite();
  let world: ScaleWorld;
  const dashboard = () => world.staffPath('/dashboard');
  const weightsOf = async () => {
    const row = await suite.tool.db.selectFrom('matching_settings').select('settings').where('program_id', '=', world.programId).executeTakeFirst();
    return (row?.settings as { weights?: Record<string, string> } | undefined)?.weights ?? null;
  };

  before(async () => {
    world = await buildScaleWorld(suite, { mentors: 29, mentees: 29 });
    const approved = await world.approve();
    expect(approved.status, approved.text).to.equal(303);
    await seedOutcomes(suite.tool.db, world.programId, { weeksAgo: 8, diversityDrivesMeetings: true });
  });

  it('when staff open the dashboard, then every chart is an SVG image with a title, a description and its table', async () => {
    const res = await world.staff.get(dashboard());
    expect(res.status, res.text.slice(0, 500)).to.equal(200);
    for (const id of ['funnel', 'trends', 'responses', 'health', 'ratings', 'load', 'insights']) {
      const svg = new RegExp(`<svg[^>]*aria-labelledby="${id}-svg-title ${id}-svg-desc"[^>]*>`).exec(res.text)?.[0];
      expect(svg, id).to.include('role="img"');
      expect(res.text, id).to.include(`<title id="${id}-svg-title">`);
    }
    expect(res.text).to.include('<caption>From enrolment to completion</caption>');
    expect(res.text).to.not.include('<style');
    expect(res.text).to.include('match rate (target 70 %)');
  });

  it('when the evidence is strong, then a weight change is suggested and applying it writes the weights with an audit row', async () => {
    const page = await world.staff.get(dashboard());
    expect(page.text).to.include('Perspective diversity</strong>: Low → Medium');
    const before = await weightsOf();
    const stale = await world.staff.post(world.staffPath('/dashboard/weights'), { basis: '{"weights":{}}' }, dashboard());
    expect(stale.status).to.equal(409);
    expect(await weightsOf()).to.deep.equal(before);
    const res = await world.staff.post(world.staffPath('/dashboard/weights'), { basis: basisOf(page.text)! }, dashboard());
    expect(res.status, res.text.slice(0, 400)).to.equal(303);
    expect((await weightsOf())?.diversity).to.equal('medium');
    const audit = await suite.tool.db.selectFrom('matching_weight_changes').selectAll().where('program_id', '=', world.programId).execute();
    expect(audit).to.have.length(1);
    expect(audit[0]!.weights_before.diversity).to.equal('low');
    expect(audit[0]!.weights_after.diversity).to.equal('medium');
    const again = await world.staff.post(world.staffPath('/dashboard/weights'), { basis: basisOf(page.text)! }, dashboard());
    expect(again.status).to.be.oneOf([409]);
  });

  it('when staff export, then each table is a CSV and each chart an SVG file', async () => {
    const csv = await world.staff.get(world.staffPath('/dashboard/funnel.csv'));
    expect(csv.status).to.equal(200);
    expect(csv.headers['content-type']).to.match(/text\/csv/);
    expect(csv.text).to.include('"Stage","People","Of everyone enrolled"');
    const svg = await world.staff.get(world.staffPath('/dashboard/insights.svg'));
    expect(svg.status).to.equal(200);
    expect(svg.headers['content-type']).to.match(/image\/svg\+xml/);
    expect(svg.headers['content-disposition']).to.match(/attachment/);
    expect((await world.staff.get(world.staffPath('/dashboard/nothing.csv'))).status).to.equal(404);
    const print = await world.staff.get(dashboard(), { print: '1' });
    expect(print.text).to.include('dashboard--print');
    expect(print.text).to.not.include('Apply these weights</button>');
  });

  it('when a learner calls the dashboard or applies weights, then it is refused and nothing changes', async () => {
    const learner = world.people.bo!.session;
    expect((await learner.get(dashboard())).status).to.equal(403);
    expect((await learner.get(world.staffPath('/dashboard/funnel.csv'))).status).to.equal(403);
    const before = await weightsOf();
    const res = await learner.post(world.staffPath('/dashboard/weights'), { basis: 'x' }, `/programs/${world.programId}/profile`);
    expect(res.status).to.equal(403);
    const target = await learner.post(world.staffPath('/dashboard/target'), { target: '10' }, `/programs/${world.programId}/profile`);
    expect(target.status).to.equal(403);
    expect(await weightsOf()).to.deep.equal(before);
    expect(await suite.tool.db.selectFrom('analytics_settings').selectAll().where('program_id', '=', world.programId).execute()).to.have.length(0);
  });

  it("when another course's staff use this program's id, then they find nothing and nothing changes", async () => {
    const other = await buildMatchingWorld(suite.tool, suite.moodle, { cy: 'mentee' }, { title: '<script>alert(1)</script>' });
    expect((await other.staff.get(dashboard())).status).to.equal(404);
    const res = await other.staff.post(world.staffPath('/dashboard/target'), { target: '10' }, other.staffPath('/dashboard'));
    expect(res.status).to.equal(404);
    expect(await suite.tool.db.selectFrom('analytics_settings').selectAll().where('program_id', '=', world.programId).execute()).to.have.length(0);
    const course = await other.staff.get('/staff/dashboard');
    expect(course.status).to.equal(200);
    expect(course.text).to.not.include('<script>alert(1)</script>');
    expect(course.text).to.include('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('when staff set a target, then the dashboard measures against it; a bad target is a 400', async () => {
    expect((await world.staff.post(world.staffPath('/dashboard/target'), { target: 'lots' }, dashboard())).status).to.equal(400);
    const res = await world.staff.post(world.staffPath('/dashboard/target'), { target: '95' }, dashboard());
    expect(res.status).to.equal(303);
    expect((await world.staff.get(dashboard())).text).to.include('match rate (target 95 %)');
  });

  it('when a program has only two people, then its figures are hidden', async () => {
    const small = await buildMatchingWorld(suite.tool, suite.moodle, { di: 'mentor', ed: 'mentee' });
    const res = await small.staff.get(small.staffPath('/dashboard'));
    expect(res.status).to.equal(200);
    expect(res.text).to.include('fewer than 3');
    expect(res.text).to.not.match(/<td>Enrolled<\/td><td>2<\/td>/);
  });
});
