import { expect } from 'chai';
import { Cmi5World, type Cmi5Course } from '../support/cmi5-world.js';
import { CHECKED_REQUIREMENTS } from '../support/cmi5-lms/requirements.js';
import { decodeHtml } from '../support/html.js';

const verbs = (statements: Array<Record<string, any>>) =>
  statements.map((s) => String(s.verb.id).split('/').pop());

describe('the tool as a cmi5 Assignable Unit: a whole session', function () {
  this.timeout(120_000);
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

  it('when a learner is launched, works until the completion rule is met and returns, then every AU requirement checked holds', async () => {
    const { lms, response, learner } = await world.launch(course, 'learner-1001', {
      learnerName: 'Ada Lovelace',
    });
    expect(response.status, response.text).to.equal(303);
    expect(response.headers.location).to.match(new RegExp(`^/programs/${course.programId}\\?s=`));
    expect(lms.fetchCalls, 'the fetch URL is POSTed once').to.equal(1);
    expect(verbs(lms.statements)).to.deep.equal(['initialized']);
    const page = await learner!.get(`/programs/${course.programId}`);
    if (page.status !== 200)
      throw new Error(
        page.text
          .replace(/<[^>]*>/g, ' ')
          .replace(/\s+/g, ' ')
          .slice(0, 800),
      );
    expect(page.text, 'the token never reaches a page').to.not.contain(lms.token);
    expect(page.headers['content-security-policy'], 'the LMS may frame the tool').to.contain(
      world.lms.origin,
    );
    const launches = await world.tool.db
      .selectFrom('package_launches')
      .select(['learner_key', 'origin'])
      .where('package_id', '=', course.packageId)
      .execute();
    expect(launches, 'the staff see the launch').to.deep.equal([
      { learner_key: 'learner-1001', origin: world.lms.origin },
    ]);

    await world.complete(course, learner!, 'learner-1001');
    await learner!.get(`/programs/${course.programId}`);
    await world.until(lms, 'completed');
    await learner!.post(
      `/programs/${course.programId}/survey`,
      {},
      `/programs/${course.programId}`,
    );

    const exitLink = /href="([^"]*\/cmi5\/sessions\/[^"]+)"/.exec(
      (await learner!.get(`/programs/${course.programId}`)).text,
    );
    expect(exitLink, 'the program page links back to the LMS through the exit page').to.not.equal(
      null,
    );
    const exitUrl = new URL(decodeHtml(exitLink![1]!));
    const exitPage = await world.get(exitUrl);
    expect(
      exitPage.status,
      `${exitUrl.href} ${exitPage.text
        .replace(/<[^>]*>/g, ' ')
        .replace(/\s+/g, ' ')
        .slice(0, 600)}`,
    ).to.equal(200);
    expect(exitPage.text)
      .to.contain('Return to the LMS')
      .and.contain('Corporate LXP has been told');
    const exit = await world.exit(exitUrl);
    expect(exit.status).to.equal(303);
    expect(exit.headers.location).to.equal(`${world.lms.origin}/return/${lms.key}`);

    expect(verbs(lms.statements)).to.deep.equal(['initialized', 'completed', 'terminated']);
    expect(world.lms.finish(lms), 'violations').to.deep.equal([]);
    expect(
      [...CHECKED_REQUIREMENTS],
      'the checker knows the rules of order, categories, context, durations, results',
    ).to.include.members([
      '9.3.0.0-4 (d2)',
      '9.3.0.0-5 (d2)',
      '9.6.2.1-1',
      '10.2.1.0-6 (d)',
      '9.5.4.1-1 (d)',
      '9.5.3.0-1 (d1)',
    ]);
    const stored = await world.lrs.statements({
      registration: lms.facts.registration,
      ascending: 'true',
    });
    expect(verbs(stored)).to.deep.equal(['launched', 'initialized', 'completed', 'terminated']);
  });
});
