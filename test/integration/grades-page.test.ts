import type { Server } from 'node:http';
import { expect } from 'chai';
import { sql } from 'kysely';
import { instructor, learner } from '../support/factories.js';
import { buildGradeWorld, type GradeWorld } from '../support/grade-world.js';
import { serveToolKeys, stopServer } from '../support/listening-tool.js';
import { TestPlatform } from '../support/test-platform.js';
import { startTestTool, type TestTool } from '../support/test-tool.js';
import { launchAs } from '../support/tool-session.js';

describe('the Grades page of a program', () => {
  let tool: TestTool;
  let moodle: TestPlatform;
  let canvas: TestPlatform;
  let server: Server;
  let world: GradeWorld;

  before(async () => {
    tool = await startTestTool();
    moodle = await TestPlatform.start('moodle');
    canvas = await TestPlatform.start('canvas', { ags: false });
    for (const p of [moodle, canvas]) await tool.app.registry.registerPlatform(p.manualRegistration);
    server = await serveToolKeys(tool, [moodle, canvas]);
  });
  after(async () => {
    await stopServer(server);
    await tool.close();
    await moodle.close();
    await canvas.close();
  });
  beforeEach(async () => {
    world = await buildGradeWorld(tool, moodle);
  });

  /** Everything the grade routes could write, for this program. */
  const snapshot = async () => ({
    settings: (await sql`select * from grade_settings where program_id = ${world.programId}`.execute(tool.db)).rows,
    scores: (await sql`select seq, status, score, attempts from score_outbox where program_id = ${world.programId} order by seq`
      .execute(tool.db)).rows,
  });

  it('when staff open it, then it previews each participant\'s score and why, and says scores go automatically', async () => {
    const page = await world.staff.get(world.page);
    expect(page.status).to.equal(200);
    expect(page.text).to.contain('Mona Mentor').and.contain('Mel Mentee').and.contain('0 / 100')
      .and.contain('0 of 1 meetings attended').and.contain('Scores go to the LMS gradebook automatically')
      .and.contain('Send scores now');
  });

  it('when staff choose completion, then it is saved, scores are queued again under it and the preview shows in progress', async () => {
    const saved = await world.staff.post(world.page, { mode: 'completion', contract: '20', meetings: '30', prompts: '20', milestones: '20', survey: '10' }, world.page);
    expect(saved.status, saved.text).to.equal(303);
    const { rows } = await sql<{ mode: string }>`select mode from grade_settings where program_id = ${world.programId}`.execute(tool.db);
    expect(rows.map((r) => r.mode)).to.deep.equal(['completion']);
    const pending = (await world.scoreRows()).filter((r) => r.status === 'pending');
    expect(pending.map((r) => [r.score.gradingProgress, 'scoreGiven' in r.score])).to.deep.equal([['Pending', false], ['Pending', false]]);
    expect((await world.staff.get(world.page)).text).to.contain('In progress (no score yet)');
  });

  it('when the weights are out of range or all zero, then the form says so next to the field and nothing is saved', async () => {
    const before = await snapshot();
    const bad = await world.staff.post(world.page, { mode: 'participation', contract: '-1', meetings: 'lots', prompts: '101', milestones: '0', survey: '0' }, world.page);
    expect(bad.status).to.equal(422);
    expect(bad.text).to.contain('id="contract-error"').and.contain('id="meetings-error"').and.contain('id="prompts-error"')
      .and.contain('Enter a whole number from 0 to 100.');
    const zero = await world.staff.post(world.page, { mode: 'participation', contract: '0', meetings: '0', prompts: '0', milestones: '0', survey: '0' }, world.page);
    expect(zero.status).to.equal(422);
    expect(zero.text).to.contain('Give at least one part a weight above 0.');
    const noMode = await world.staff.post(world.page, { mode: '<script>x</script>' }, world.page);
    expect(noMode.status).to.equal(422);
    expect(noMode.text).to.contain('Choose participation or completion.').and.not.contain('<script>x</script>');
    expect(await snapshot()).to.deep.equal(before);
  });

  it('when staff press "send scores now", then every current score is queued again, even unchanged ones', async () => {
    const before = (await world.scoreRows()).length;
    const sent = await world.staff.post(`${world.page}/send`, {}, world.page);
    expect(sent.status).to.equal(303);
    expect(sent.headers.location).to.contain('notice=sent');
    expect((await world.scoreRows()).length).to.equal(before);
    await tool.app.grades.dispatcher.drain();
    await world.staff.post(`${world.page}/send`, {}, world.page);
    expect((await world.scoreRows()).filter((r) => r.status === 'pending')).to.have.length(2);
  });

  it('when a learner left the course or never opened the activity, then they are skipped with the reason and get no score', async () => {
    const late = learner(`late-${world.context.id}`);
    moodle.roster(world.context.id).add(late);
    const synced = await world.staff.post(`/staff/programs/${world.programId}/roster/sync`, {}, `/staff/programs/${world.programId}`);
    expect(synced.status).to.equal(303);
    await sql`update enrolments set status = 'inactive' where user_id = (select id from users where subject = ${world.subjects.mentee})`.execute(tool.db);
    const page = (await world.staff.get(world.page)).text;
    expect(page).to.contain('Left the course: the LMS no longer takes grades for them.')
      .and.contain('Never opened the activity: the LMS has not linked them to it yet.');
    await tool.app.grades.dispatcher.drain();
    const sendBefore = (await world.scoreRows()).length;
    await world.staff.post(`${world.page}/send`, {}, world.page);
    const added = (await world.scoreRows()).slice(sendBefore);
    const mentorId = (await tool.db.selectFrom('users').select('id').where('subject', '=', world.subjects.mentor).executeTakeFirstOrThrow()).id;
    expect(added.map((r) => r.user_id)).to.deep.equal([mentorId]);
  });

  it('when the LMS gives no grade service, then the page says so and what the LMS admin can switch on, and offers no sending', async () => {
    const staff = await launchAs(tool.app.express, canvas, instructor(), { context: { id: `no-ags-${world.context.id}`, title: 'No AGS', label: 'NA' } });
    const created = await staff.post('/staff/programs', (await import('../support/factories.js')).buildProgramForm(), '/staff/programs/new');
    const programId = new URL(created.headers.location!, 'http://tool.test').pathname.split('/').pop()!;
    const page = await staff.get(`/staff/programs/${programId}/grades`);
    expect(page.status).to.equal(200);
    expect(page.text).to.contain('This LMS gives the tool no grade service').and.contain('Assignment and Grade Services')
      .and.not.contain('Send scores now');
    const sent = await staff.post(`/staff/programs/${programId}/grades/send`, {}, `/staff/programs/${programId}/grades`);
    expect(sent.headers.location).to.contain('notice=nothing-sent');
  });

  describe('attacks, each with the attacker\'s own valid session', () => {
    it('when a learner of the course opens, saves or sends, then each is refused (403 STAFF_ONLY) and nothing changes', async () => {
      const before = await snapshot();
      const from = `/programs/${world.programId}`;
      for (const res of [await world.mentee.get(world.page), await world.mentee.post(world.page, { mode: 'completion' }, from),
        await world.mentee.post(`${world.page}/send`, {}, from)]) {
        expect(res.status).to.equal(403);
        expect(res.text).to.contain('STAFF_ONLY');
      }
      expect(await snapshot()).to.deep.equal(before);
    });

    it('when staff of another course name this program, then it is not found (404) and nothing changes', async () => {
      const other = await launchAs(tool.app.express, moodle, instructor(), { context: { id: `other-${world.context.id}`, title: 'Other', label: 'OT' } });
      const before = await snapshot();
      const fields = { mode: 'completion', contract: '1', meetings: '1', prompts: '1', milestones: '1', survey: '1' };
      for (const res of [await other.get(world.page), await other.post(world.page, fields, '/staff/programs/new'),
        await other.post(`${world.page}/send`, {}, '/staff/programs/new')]) {
        expect(res.status).to.equal(404);
        expect(res.text).to.contain('PROGRAM_NOT_FOUND');
      }
      expect(await snapshot()).to.deep.equal(before);
    });

    it('when the program id is not a UUID, then 404, never a 500', async () => {
      for (const id of ['x', '1%27', '..', '00000000-0000-0000-0000-00000000000g']) {
        expect((await world.staff.get(`/staff/programs/${id}/grades`)).status).to.equal(404);
        expect((await world.staff.post(`/staff/programs/${id}/grades/send`, {}, world.page)).status).to.equal(404);
      }
    });
  });
});
