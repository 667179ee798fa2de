import type { Server } from 'node:http';
import { expect } from 'chai';
import request from 'supertest';
import { strFromU8, unzipSync } from 'fflate';
import { claimsOf, createProgram, enter, freshContext } from '../support/attack-world.js';
import { instructor, learner } from '../support/factories.js';
import { decodeHtml } from '../support/html.js';
import { serveToolKeys, stopServer } from '../support/listening-tool.js';
import { downloadZip, launchPackage, signedLaunch } from '../support/package-factory.js';
import { TestPlatform } from '../support/test-platform.js';
import { startTestTool, type TestTool } from '../support/test-tool.js';
import type { ToolSession } from '../support/tool-session.js';

const LMS = 'https://lms.example.com';

describe('the "Deliver as a package" staff pages', function () {
  this.timeout(120_000);
  let tool: TestTool;
  let moodle: TestPlatform;
  let canvas: TestPlatform;
  let keyServer: Server;
  let staff: ToolSession;
  let programId: string;
  let page: string;
  let contextId: string;
  before(async () => {
    tool = await startTestTool();
    moodle = await TestPlatform.start('moodle');
    canvas = await TestPlatform.start('canvas');
    await tool.app.registry.registerPlatform(moodle.manualRegistration);
    await tool.app.registry.registerPlatform(canvas.manualRegistration);
    keyServer = await serveToolKeys(tool, [moodle]);
  });
  after(async () => {
    await stopServer(keyServer);
    await tool.close();
    await moodle.close();
    await canvas.close();
  });
  beforeEach(async () => {
    contextId = freshContext('pkg');
    staff = await enter(tool.app.express, moodle, instructor(), contextId);
    programId = await createProgram(staff);
    page = `/staff/programs/${programId}/packages`;
  });

  const create = (fields: Record<string, string>) =>
    staff.post(page, { kind: 'scorm12', label: 'Cornerstone EU', ...fields }, page);
  const packageRows = () =>
    tool.db
      .selectFrom('delivery_packages')
      .selectAll()
      .where('program_id', '=', programId)
      .orderBy('created_at')
      .execute();
  const idOf = async () => (await packageRows()).at(-1)!.id;

  it('when staff create a package, then it is listed with its kind, origins and no launches, and the zip downloads', async () => {
    const res = await create({
      kind: 'scorm2004',
      allowedOrigins: `${LMS}/course/view.php?id=3\nhttps://lms.example.com`,
    });
    expect(res.status, res.text).to.equal(303);
    const [row] = await packageRows();
    expect(row).to.include({
      kind: 'scorm2004',
      label: 'Cornerstone EU',
      status: 'active',
      home_page: `https://tool.test/packages/${row!.id}`,
    });
    expect(row!.allowed_origins).to.deep.equal([LMS]);
    expect(row!.secret).to.match(/^v1\./);
    const list = decodeHtml((await staff.get(page, { notice: 'created' })).text);
    expect(list)
      .to.contain('Package created.')
      .and.contain('SCORM 2004 4th edition')
      .and.contain(`<dt>Opens from</dt><dd>${LMS}</dd>`)
      .and.contain('Never');
    const zip = unzipSync(
      await downloadZip(tool.app.express, staff, `${page}/${row!.id}/download`),
    );
    expect(strFromU8(zip['imsmanifest.xml']!)).to.contain('2004 4th Edition');
    expect(strFromU8(zip['launcher/package-config.js']!)).to.not.contain(row!.secret);
  });

  it('when the form is wrong, then it says what to fix (422) and nothing is created', async () => {
    const res = await create({
      kind: 'aicc',
      label: ' ',
      expiresOn: '2020-01-01',
      allowedOrigins: 'javascript:alert(1)',
    });
    expect(res.status).to.equal(422);
    const text = decodeHtml(res.text);
    expect(text)
      .to.contain('Choose SCORM 1.2, SCORM 2004 or cmi5.')
      .and.contain('Name the LMS this package is for')
      .and.contain('The expiry date must be in the future.')
      .and.contain('is not an http(s) address');
    expect(res.text).to.not.contain('<script>');
    expect(await packageRows()).to.have.length(0);
  });

  it('when learners launch, then the list counts launches and learners and the learners page names them', async () => {
    await create({});
    const id = await idOf();
    const zip = await downloadZip(tool.app.express, staff, `${page}/${id}/download`);
    await launchPackage(tool.app.express, zip, { id: 'e-1', name: 'Curie, Marie' }, LMS);
    await launchPackage(tool.app.express, zip, { id: 'e-1', name: 'Curie, Marie' }, LMS);
    await launchPackage(tool.app.express, zip, { id: 'e-2', name: 'Noether, Emmy' }, LMS);
    const list = decodeHtml((await staff.get(page)).text);
    expect(list)
      .to.match(/<dt>Launches<\/dt><dd>3 \(last: /)
      .and.match(/>2 learner\(s\)</);
    const learners = decodeHtml((await staff.get(`${page}/${id}`)).text);
    expect(learners)
      .to.contain('Marie Curie')
      .and.contain('Emmy Noether')
      .and.contain('e-1')
      .and.contain('Learners (2)');
  });

  it('when staff disable, enable and delete a package, then each is saved and said', async () => {
    await create({});
    const id = await idOf();
    expect((await staff.post(`${page}/${id}/disable`, {}, page)).headers.location).to.contain(
      'notice=disabled',
    );
    expect((await packageRows())[0]!.status).to.equal('disabled');
    expect(decodeHtml((await staff.get(page)).text))
      .to.contain('Disabled')
      .and.contain('>Enable<');
    await staff.post(`${page}/${id}/enable`, {}, page);
    expect((await packageRows())[0]!.status).to.equal('active');
    await staff.post(`${page}/${id}/delete`, {}, page);
    expect((await packageRows())[0]!.deleted_at).to.be.instanceOf(Date);
    expect(decodeHtml((await staff.get(page)).text)).to.contain('No packages yet.');
    expect((await staff.get(`${page}/${id}/download`)).status).to.equal(404);
  });

  it('when staff sync the LMS roster, then package learners (on no LMS roster) stay in the program', async () => {
    await create({});
    const zip = await downloadZip(tool.app.express, staff, `${page}/${await idOf()}/download`);
    const packaged = await launchPackage(
      tool.app.express,
      zip,
      { id: 'r-1', name: 'Roster, Rita' },
      LMS,
    );
    moodle.roster(contextId).set([learner('lms-only')]);
    const admin = `/staff/programs/${programId}`;
    expect((await staff.post(`${admin}/roster/sync`, {}, admin)).headers.location).to.contain(
      'notice=synced',
    );
    const userId = claimsOf(packaged.token).userId;
    const rows = await tool.db
      .selectFrom('participants as p')
      .innerJoin('enrolments as e', (j) => j.onRef('e.user_id', '=', 'p.user_id'))
      .select(['p.status as participant', 'e.status as enrolment'])
      .where('p.user_id', '=', userId)
      .execute();
    expect(rows).to.deep.equal([{ participant: 'active', enrolment: 'active' }]);
  });

  it('when staff make a new key, then the old zip stops launching (altered) and the new one keeps the same learners', async () => {
    await create({});
    const id = await idOf();
    const before = await downloadZip(tool.app.express, staff, `${page}/${id}/download`);
    const first = await launchPackage(
      tool.app.express,
      before,
      { id: 'k-1', name: 'Key, Kim' },
      LMS,
    );
    const rotated = await staff.post(`${page}/${id}/rotate`, {}, page);
    expect(rotated.headers.location).to.contain('notice=rotated');
    const old = signedLaunch(before, { id: 'k-1', name: 'Key, Kim' }, LMS);
    const refused = await request(tool.app.express)
      .post(`/packages/${id}/scorm/launch`)
      .set('Origin', LMS)
      .type('form')
      .send(old);
    expect(refused.status).to.equal(401);
    expect(refused.text).to.contain('PACKAGE_LAUNCH_ALTERED');
    const after = await downloadZip(tool.app.express, staff, `${page}/${id}/download`);
    const again = await launchPackage(
      tool.app.express,
      after,
      { id: 'k-1', name: 'Key, Kim' },
      LMS,
    );
    expect(claimsOf(again.token).userId).to.equal(claimsOf(first.token).userId);
  });

  describe("attacks with the attacker's own valid session", () => {
    let packageId: string;
    let snapshot: string;
    beforeEach(async () => {
      await create({});
      packageId = await idOf();
      snapshot = JSON.stringify(await packageRows());
    });
    const unchanged = async () => expect(JSON.stringify(await packageRows())).to.equal(snapshot);

    /** `from`: a page of the attacker's own that has a form (their CSRF token). */
    async function tryAll(session: ToolSession, status: number, from: string) {
      const base = page;
      for (const path of [base, `${base}/${packageId}`, `${base}/${packageId}/download`]) {
        expect((await session.get(path)).status, path).to.equal(status);
      }
      for (const action of ['disable', 'rotate', 'delete']) {
        expect(
          (await session.post(`${base}/${packageId}/${action}`, {}, from)).status,
          action,
        ).to.equal(status);
      }
      expect(
        (await session.post(base, { kind: 'scorm12', label: 'Mine now' }, from)).status,
        'create',
      ).to.equal(status);
    }

    it("when another course's staff use this program's and package's ids, then they find nothing (404) and nothing changes", async () => {
      const other = await enter(tool.app.express, moodle, instructor(), freshContext('other'));
      await tryAll(other, 404, '/staff/programs/new');
      const ownProgram = await createProgram(other);
      const mixed = `/staff/programs/${ownProgram}/packages`;
      expect((await other.get(`${mixed}/${packageId}/download`)).status).to.equal(404);
      expect((await other.post(`${mixed}/${packageId}/disable`, {}, mixed)).status).to.equal(404);
      await unchanged();
    });

    it("when another tenant's staff try the same ids, then they find nothing (404) and nothing changes", async () => {
      const stranger = await enter(tool.app.express, canvas, instructor(), contextId);
      await tryAll(stranger, 404, '/staff/programs/new');
      await unchanged();
    });

    it('when a learner of the course, or a package learner, calls the staff routes, then they are refused (403) and nothing changes', async () => {
      const student = await enter(tool.app.express, moodle, learner(), contextId);
      await tryAll(student, 403, `/programs/${programId}`);
      const zip = await downloadZip(tool.app.express, staff, `${page}/${packageId}/download`);
      const packaged = await launchPackage(
        tool.app.express,
        zip,
        { id: 'x-1', name: 'Eve, Evil' },
        LMS,
      );
      await tryAll(packaged, 403, `/programs/${programId}`);
      await unchanged();
    });

    it('when ids are not UUIDs, then the pages answer 404', async () => {
      expect((await staff.get('/staff/programs/nope/packages')).status).to.equal(404);
      expect((await staff.get(`${page}/nope/download`)).status).to.equal(404);
      expect((await staff.post(`${page}/nope/disable`, {}, page)).status).to.equal(404);
      await unchanged();
    });

    it("when a package learner asks for another package's progress, then it is refused", async () => {
      const zip = await downloadZip(tool.app.express, staff, `${page}/${packageId}/download`);
      const packaged = await launchPackage(tool.app.express, zip, { id: 'p-1', name: 'Pat' }, LMS);
      expect((await packaged.get(`/packages/${packageId}/progress`)).body.progress).to.include({
        completed: false,
      });
      await create({ label: 'Second LMS' });
      const second = await idOf();
      expect((await packaged.get(`/packages/${second}/progress`)).status).to.equal(403);
    });
  });
});
