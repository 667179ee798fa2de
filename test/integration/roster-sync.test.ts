import type { Server } from 'node:http';
import { expect } from 'chai';
import { buildCircle } from '../support/circle-factory.js';
import { buildProgramForm, instructor, learner } from '../support/factories.js';
import { serveToolKeys, stopServer } from '../support/listening-tool.js';
import { buildUser, ROLE } from '../support/platform-claims.js';
import { TestPlatform } from '../support/test-platform.js';
import { startTestTool, type TestTool } from '../support/test-tool.js';
import { launchAs, type ToolSession } from '../support/tool-session.js';

describe('roster from the LMS (NRPS)', () => {
  let tool: TestTool;
  let canvas: TestPlatform;
  let moodle: TestPlatform;
  let bare: TestPlatform;
  let server: Server;
  let n = 0;

  before(async () => {
    tool = await startTestTool({ NRPS_PAGE_SIZE: '2' });
    canvas = await TestPlatform.start('canvas');
    moodle = await TestPlatform.start('moodle');
    bare = await TestPlatform.start('moodle', { nrps: false });
    for (const p of [canvas, moodle, bare]) await tool.app.registry.registerPlatform(p.manualRegistration);
    server = await serveToolKeys(tool, [canvas, moodle, bare]);
  });
  after(async () => {
    await stopServer(server);
    await tool.close();
    for (const p of [canvas, moodle, bare]) await p.close();
  });

  /** A course with one program, set up by its instructor (who is on the roster too). */
  async function courseWithProgram(platform: TestPlatform, form = buildProgramForm()) {
    const context = { id: `roster-${++n}`, title: `Roster course ${n}`, label: `R${n}` };
    const teacher = instructor();
    platform.roster(context.id).set([teacher]);
    const staff = await launchAs(tool.app.express, platform, teacher, { context });
    const created = await staff.post('/staff/programs', form, '/staff/programs/new');
    const adminPath = new URL(created.headers.location!, 'http://tool.test').pathname;
    return { context, staff, adminPath, programId: adminPath.split('/').pop()!, roster: platform.roster(context.id) };
  }

  const sync = (staff: ToolSession, adminPath: string) => staff.post(`${adminPath}/roster/sync`, {}, adminPath);

  async function participants(programId: string) {
    return tool.db.selectFrom('participants as p').innerJoin('users as u', 'u.id', 'p.user_id')
      .select(['u.subject', 'p.status', 'p.program_role', 'p.attention']).where('p.program_id', '=', programId).orderBy('u.subject').execute();
  }

  it('when staff sync a paged roster, then every learner becomes a participant and staff do not', async () => {
    const { staff, adminPath, programId, roster } = await courseWithProgram(canvas);
    const learners = [learner('a1'), learner('a2'), learner('a3'), learner('a4')];
    roster.add(learners[0]!).add(learners[1]!).add(learners[2]!).add(learners[3]!);
    const before = canvas.nrpsRequests.length;
    const res = await sync(staff, adminPath);
    expect(res.status).to.equal(303);
    expect(res.headers.location).to.contain('notice=synced');
    expect(canvas.nrpsRequests.length - before, 'five members at two per page').to.equal(3);
    expect(canvas.nrpsRequests.at(-1)!.query.limit).to.equal('2');
    const rows = await participants(programId);
    expect(rows.map((r) => r.subject)).to.deep.equal(['a1', 'a2', 'a3', 'a4']);
    expect(rows.every((r) => r.status === 'active' && r.program_role === 'mentee')).to.equal(true);
    const page = await staff.get(adminPath);
    expect(page.text).to.contain('5 members read in 3 page(s), 4 joined, 0 left');
  });

  it('when members leave and join between syncs, then leavers are marked inactive and flagged, never deleted, and joiners are added', async () => {
    const { staff, adminPath, programId, roster } = await courseWithProgram(canvas);
    roster.add(learner('b1')).add(learner('b2'));
    await sync(staff, adminPath);
    roster.remove('b1');
    roster.add(learner('b3'));
    await sync(staff, adminPath);
    const rows = await participants(programId);
    expect(rows.map((r) => [r.subject, r.status])).to.deep.equal([['b1', 'inactive'], ['b2', 'active'], ['b3', 'active']]);
    expect(rows[0]!.attention).to.match(/^Left the course on \d{4}-\d{2}-\d{2}/);
    const page = await staff.get(adminPath, { status: 'inactive' });
    expect(page.text).to.contain('Left the course on');
    roster.add(learner('b1'));
    await sync(staff, adminPath);
    expect((await participants(programId)).find((r) => r.subject === 'b1')).to.include({ status: 'active', attention: null });
  });

  it('when a member of a circle leaves the course, then the circle keeps them, flagged for staff', async () => {
    const { staff, adminPath, programId, roster } = await courseWithProgram(canvas);
    roster.add(buildUser({ sub: 'h1', roles: [ROLE.mentor] })).add(learner('h2'));
    await sync(staff, adminPath);
    const circle = await buildCircle(tool.db, programId, [{ subject: 'h1', role: 'mentor' }, { subject: 'h2', role: 'mentee' }], { name: 'Harbour circle' });
    roster.remove('h2');
    await sync(staff, adminPath);
    const members = await tool.db.selectFrom('circle_members').select(['left_at', 'attention']).where('circle_id', '=', circle.id).execute();
    expect(members).to.have.length(2);
    expect(members.every((m) => m.left_at === null)).to.equal(true);
    expect(members.filter((m) => m.attention)).to.have.length(1);
    expect((await staff.get(adminPath)).text).to.contain('Harbour circle');
  });

  it('when the LMS offers differences, then the next sync asks only for changes and applies them', async () => {
    canvas.nrpsDifferences = true;
    try {
      const { staff, adminPath, programId, roster } = await courseWithProgram(canvas);
      roster.add(learner('c1')).add(learner('c2'));
      await sync(staff, adminPath);
      roster.deactivate('c1');
      roster.add(learner('c3'));
      await sync(staff, adminPath);
      expect(canvas.nrpsRequests.at(-1)!.query.since, 'asked for differences').to.be.a('string');
      const rows = await participants(programId);
      expect(rows.map((r) => [r.subject, r.status])).to.deep.equal([['c1', 'inactive'], ['c2', 'active'], ['c3', 'active']]);
    } finally {
      canvas.nrpsDifferences = false;
    }
  });

  it('when mentors come from an LMS role, then roster members with that role start as mentors', async () => {
    const { staff, adminPath, programId, roster } = await courseWithProgram(canvas, buildProgramForm({ mentorSelection: 'lms_role', mentorLmsRoles: ['Mentor'] }));
    roster.add(learner('d1')).add(buildUser({ sub: 'd2', roles: [ROLE.mentor] }));
    await sync(staff, adminPath);
    expect((await participants(programId)).map((r) => [r.subject, r.program_role])).to.deep.equal([['d1', 'mentee'], ['d2', 'mentor']]);
  });

  it('when Moodle lists short role names, then they map like full role URIs', async () => {
    const { staff, adminPath, programId, roster } = await courseWithProgram(moodle);
    roster.add(learner('e1'));
    await sync(staff, adminPath);
    expect((await participants(programId)).map((r) => r.subject)).to.deep.equal(['e1']);
    const enrolments = await tool.db.selectFrom('enrolments as en').innerJoin('users as u', 'u.id', 'en.user_id').select(['u.subject', 'en.course_role'])
      .where('en.course_id', 'in', (qb) => qb.selectFrom('programs').select('course_id').where('id', '=', programId)).orderBy('u.subject').execute();
    expect(enrolments.find((e) => e.subject === 'e1')?.course_role).to.equal('learner');
    expect(enrolments.filter((e) => e.course_role === 'staff')).to.have.length(1);
  });

  it('when syncing twice, then the access token is reused rather than asked for again', async () => {
    const { staff, adminPath } = await courseWithProgram(moodle);
    const before = moodle.tokenRequests.filter((r) => r.status === 200).length;
    await sync(staff, adminPath);
    await sync(staff, adminPath);
    expect(moodle.tokenRequests.filter((r) => r.status === 200).length - before).to.be.at.most(1);
  });

  it('when the LMS refuses the token, then the sync is reported failed and nothing changes', async () => {
    const { staff, adminPath, programId, roster } = await courseWithProgram(canvas);
    roster.add(learner('f1'));
    canvas.expireAccessTokens();
    canvas.failTokenRequests = 'invalid_client';
    try {
      const res = await sync(staff, adminPath);
      expect(res.headers.location).to.contain('notice=sync-failed');
    } finally {
      canvas.failTokenRequests = undefined;
    }
    expect(await participants(programId)).to.deep.equal([]);
    const page = await staff.get(adminPath);
    expect(page.text).to.contain('Last roster sync: failed');
  });

  it('when the LMS offers no NRPS, then there is no sync button and learners join as they launch', async () => {
    const { staff, adminPath, programId } = await courseWithProgram(bare);
    const page = await staff.get(adminPath);
    expect(page.text).not.to.contain('Sync roster from the LMS');
    expect(page.text).to.contain('participants appear as they open the activity');
    const res = await sync(staff, adminPath);
    expect(res.headers.location).to.contain('notice=no-nrps');
    const context = (await tool.db.selectFrom('programs as p').innerJoin('courses as c', 'c.id', 'p.course_id').select('c.context_id').where('p.id', '=', programId).executeTakeFirstOrThrow()).context_id;
    await launchAs(tool.app.express, bare, learner('g1'), { context: { id: context, title: 'x', label: 'x' } });
    expect((await participants(programId)).map((r) => r.subject)).to.deep.equal(['g1']);
  });
});
