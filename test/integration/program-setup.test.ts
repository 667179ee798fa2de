import { expect } from 'chai';
import { buildProgramForm, instructor, learner } from '../support/factories.js';
import { decodeHtml } from '../support/html.js';
import { TestPlatform } from '../support/test-platform.js';
import { startTestTool, type TestTool } from '../support/test-tool.js';
import { launchAs, type ToolSession } from '../support/tool-session.js';

describe('staff set up a mentoring program', () => {
  let tool: TestTool;
  let moodle: TestPlatform;
  let staff: ToolSession;

  before(async () => {
    tool = await startTestTool();
    moodle = await TestPlatform.start('moodle');
    await tool.app.registry.registerPlatform(moodle.manualRegistration);
  });
  beforeEach(async () => {
    staff = await launchAs(tool.app.express, moodle, instructor(), { context: { id: `c-${Math.random().toString(36).slice(2, 8)}`, title: 'Leading Teams', label: 'LEAD' } });
  });
  after(async () => {
    await tool.close();
    await moodle.close();
  });

  const programsOfCourse = async (session: ToolSession) => {
    const { tenantId, courseId } = JSON.parse(Buffer.from(session.token.split('.')[1]!, 'base64url').toString()) as { tenantId: string; courseId: string };
    return tool.db.selectFrom('programs').selectAll().where('tenant_id', '=', tenantId).where('course_id', '=', courseId).execute();
  };

  it('when staff send a valid form, then the program is saved and its admin page opens', async () => {
    const res = await staff.post('/staff/programs', buildProgramForm({ programTypes: ['group', 'one_on_one'], virtual: 'on' }), '/staff/programs/new');
    expect(res.status, res.text).to.equal(303);
    const admin = await staff.get(new URL(res.headers.location!, 'http://tool.test').pathname);
    expect(admin.status).to.equal(200);
    expect(admin.text).to.contain('Leadership circles 2027').and.to.contain('Group circles').and.to.contain('virtual, time-zone aware');
    const [program] = await programsOfCourse(staff);
    expect(program).to.include({ title: 'Leadership circles 2027', starts_on: '2027-01-11', ends_on: '2027-06-30', virtual: true, circle_size_max: 6 });
    expect(program!.program_types).to.deep.equal(['group', 'one_on_one']);
  });

  it('when the form has errors, then each is shown next to its field, the typed values are kept and nothing is saved', async () => {
    const res = await staff.post('/staff/programs', buildProgramForm({ title: '<i', purposeDetail: '<script>alert(1)</script>', endsOn: '2026-12-01', startsOn: '2027-01-01', purpose: 'other', circleSizeMin: '7', circleSizeMax: '4' }), '/staff/programs/new');
    expect(res.status).to.equal(422);
    const html = decodeHtml(res.text);
    expect(html).to.contain('id="title-error"').and.to.contain('Give the program a name of at least 3 characters.');
    expect(res.text).to.contain('value="&lt;i"').and.to.contain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(res.text).not.to.contain('<script>alert');
    expect(html).to.contain('id="circleSizeMax-error"');
    expect(await programsOfCourse(staff)).to.have.length(0);
  });

  it('when dates are reversed, then the end date is flagged and nothing is saved', async () => {
    const res = await staff.post('/staff/programs', buildProgramForm({ startsOn: '2027-03-01', endsOn: '2027-02-01' }), '/staff/programs/new');
    expect(res.status).to.equal(422);
    expect(res.text).to.contain('id="endsOn-error"').and.to.contain('The end date must be after the start date.');
    expect(await programsOfCourse(staff)).to.have.length(0);
  });

  it('when mentors come from an LMS role but none is chosen, then that field is flagged', async () => {
    const res = await staff.post('/staff/programs', buildProgramForm({ mentorSelection: 'lms_role' }), '/staff/programs/new');
    expect(res.status).to.equal(422);
    expect(res.text).to.contain('id="mentorLmsRoles-error"');
  });

  it('when staff change the settings, then the program is updated', async () => {
    const created = await staff.post('/staff/programs', buildProgramForm(), '/staff/programs/new');
    const path = new URL(created.headers.location!, 'http://tool.test').pathname;
    const edit = await staff.get(`${path}/settings`);
    expect(edit.status).to.equal(200);
    expect(edit.text).to.contain('value="Leadership circles 2027"');
    const saved = await staff.post(`${path}/settings`, buildProgramForm({ title: 'Renamed program', cadence: 'fortnightly' }), `${path}/settings`);
    expect(saved.status, saved.text).to.equal(303);
    const [program] = await programsOfCourse(staff);
    expect(program).to.include({ title: 'Renamed program', cadence: 'fortnightly' });
  });

  it('when staff copy a program into another course they teach, then it appears there with the same settings and no people', async () => {
    const teacher = instructor();
    const courseA = await launchAs(tool.app.express, moodle, teacher, { context: { id: 'copy-a', title: 'Course A', label: 'A' } });
    const courseB = await launchAs(tool.app.express, moodle, teacher, { context: { id: 'copy-b', title: 'Course B', label: 'B' } });
    const created = await courseA.post('/staff/programs', buildProgramForm({ title: 'Copied program' }), '/staff/programs/new');
    const path = new URL(created.headers.location!, 'http://tool.test').pathname;
    const admin = await courseA.get(path);
    const target = /<option value="([0-9a-f-]{36})">Course B<\/option>/.exec(admin.text)?.[1];
    expect(target, 'course B is offered as a copy target').to.be.a('string');
    const copied = await courseA.post(`${path}/duplicate`, { targetCourseId: target! }, path);
    expect(copied.status).to.equal(303);
    const [copy] = await programsOfCourse(courseB);
    expect(copy).to.include({ title: 'Copied program', cadence: 'monthly' });
    expect(copy!.duplicated_from).to.equal(path.split('/').pop());
  });

  it('when staff try to copy into a course they do not teach, then it is refused', async () => {
    const created = await staff.post('/staff/programs', buildProgramForm(), '/staff/programs/new');
    const path = new URL(created.headers.location!, 'http://tool.test').pathname;
    const other = await launchAs(tool.app.express, moodle, learner(), { context: { id: 'not-mine', title: 'Not mine', label: 'N' } });
    const { courseId } = JSON.parse(Buffer.from(other.token.split('.')[1]!, 'base64url').toString()) as { courseId: string };
    const res = await staff.post(`${path}/duplicate`, { targetCourseId: courseId }, path);
    expect(res.status).to.equal(404);
    expect(await tool.db.selectFrom('programs').select('id').where('course_id', '=', courseId).execute()).to.have.length(0);
  });
});
