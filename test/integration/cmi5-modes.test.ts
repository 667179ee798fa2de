import { expect } from 'chai';
import { Cmi5World, type Cmi5Course } from '../support/cmi5-world.js';
import { decodeHtml } from '../support/html.js';
import { CMI5 } from '../support/cmi5-lms/vocabulary.js';

const verbs = (statements: Array<Record<string, any>>) =>
  statements.map((s) => String(s.verb.id).split('/').pop());

describe("the cmi5 AU under the LMS's launch data", function () {
  this.timeout(180_000);
  let world: Cmi5World;
  let course: Cmi5Course;

  before(async () => {
    world = await Cmi5World.start();
  });
  after(async () => {
    await world.close();
  });
  beforeEach(async () => {
    course = await world.course();
  });

  async function leave(learner: NonNullable<Awaited<ReturnType<Cmi5World['launch']>>['learner']>) {
    const page = await learner.get(`/programs/${course.programId}`);
    const exit = new URL(decodeHtml(/href="([^"]*\/cmi5\/sessions\/[^"]+)"/.exec(page.text)![1]!));
    const res = await world.exit(exit);
    expect(res.status, res.text.slice(0, 300)).to.equal(303);
  }

  it('when the LMS gives a masteryScore, then completion is followed by passed with its score and the masteryScore extension', async () => {
    const { lms, learner } = await world.launch(course, 'learner-4001', {
      masteryScore: 0.8,
      moveOn: 'CompletedAndPassed',
    });
    await world.complete(course, learner!, 'learner-4001');
    await learner!.get(`/programs/${course.programId}`);
    await world.until(lms, 'passed');
    await leave(learner!);
    expect(verbs(lms.statements)).to.deep.equal([
      'initialized',
      'completed',
      'passed',
      'terminated',
    ]);
    const passed = lms.statements[2]!;
    expect(passed.result).to.include({ success: true });
    expect(passed.result.score).to.deep.equal({ scaled: 1 });
    expect(passed.context.extensions[CMI5.masteryScore]).to.equal(0.8);
    expect(world.lms.finish(lms)).to.deep.equal([]);
  });

  it('when the launch is in Browse mode, then only initialized and terminated are sent, however far the learner gets', async () => {
    const { lms, learner } = await world.launch(course, 'learner-4002', { launchMode: 'Browse' });
    await world.complete(course, learner!, 'learner-4002');
    await learner!.post(
      `/programs/${course.programId}/survey`,
      {},
      `/programs/${course.programId}`,
    );
    await leave(learner!);
    expect(verbs(lms.statements)).to.deep.equal(['initialized', 'terminated']);
    expect(world.lms.finish(lms)).to.deep.equal([]);
  });

  it('when the learner comes back in the same registration after completing, then the new session sends no second completed', async () => {
    const first = await world.launch(course, 'learner-4003');
    await world.complete(course, first.learner!, 'learner-4003');
    await first.learner!.get(`/programs/${course.programId}`);
    await world.until(first.lms, 'completed');
    await leave(first.learner!);
    const second = await world.launch(course, 'learner-4003', {
      registration: first.lms.facts.registration,
    });
    expect(second.response.status).to.equal(303);
    await second.learner!.get(`/programs/${course.programId}`);
    await second.learner!.post(
      `/programs/${course.programId}/survey`,
      {},
      `/programs/${course.programId}`,
    );
    await leave(second.learner!);
    expect(verbs(second.lms.statements)).to.deep.equal(['initialized', 'terminated']);
    expect(world.lms.finish(first.lms)).to.deep.equal([]);
    expect(world.lms.finish(second.lms)).to.deep.equal([]);
  });

  it('when the learner leaves before meeting the rule, then terminated carries the session duration and nothing else is claimed', async () => {
    const { lms, learner } = await world.launch(course, 'learner-4004');
    await leave(learner!);
    expect(verbs(lms.statements)).to.deep.equal(['initialized', 'terminated']);
    expect(lms.statements[1]!.result.duration).to.match(/^PT\d+(\.\d+)?S$|^PT\d+M/);
    expect(lms.statements[1]!.result).to.not.have.property('completion');
    expect(world.lms.finish(lms)).to.deep.equal([]);
  });
  it('when the LMS launches again in the registration while a visit is open, then the old visit reports nothing more', async () => {
    const first = await world.launch(course, 'learner-4005');
    const oldPage = await first.learner!.get(`/programs/${course.programId}`);
    const oldExit = new URL(
      decodeHtml(/href="([^"]*\/cmi5\/sessions\/[^"]+)"/.exec(oldPage.text)![1]!),
    );
    const second = await world.launch(course, 'learner-4005', {
      registration: first.lms.facts.registration,
    });
    expect(second.response.status).to.equal(303);
    const stale = await world.exit(oldExit);
    expect(stale.status).to.equal(200);
    expect(stale.text).to.contain('this older visit has ended');
    await leave(second.learner!);
    expect(verbs(first.lms.statements)).to.deep.equal(['initialized']);
    expect(verbs(second.lms.statements)).to.deep.equal(['initialized', 'terminated']);
    expect(world.lms.finish(second.lms)).to.deep.equal([]);
  });
});
