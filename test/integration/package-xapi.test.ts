import { expect } from 'chai';
import { activityIri } from '../../src/xapi/ids.js';
import { ACTIVITY_TYPE, EXTENSION, VERB } from '../../src/xapi/vocabulary.js';
import { claimsOf, createProgram, enter, freshContext } from '../support/attack-world.js';
import { instructor } from '../support/factories.js';
import { TestLrs } from '../support/lrs.js';
import { downloadZip, launchPackage } from '../support/package-factory.js';
import { TestPlatform } from '../support/test-platform.js';
import { startTestTool, type TestTool } from '../support/test-tool.js';
import { deliverAll, lrsLogin, setTenantLrs } from '../support/xapi-delivery-world.js';

describe('xAPI of package learners', function () {
  this.timeout(120_000);
  let lrs: TestLrs;
  let tool: TestTool;
  let moodle: TestPlatform;
  before(async () => {
    lrs = await TestLrs.start();
    tool = await startTestTool();
    moodle = await TestPlatform.start('moodle');
    await tool.app.registry.registerPlatform(moodle.manualRegistration);
  });
  after(async () => {
    await tool.close();
    await moodle.close();
    await lrs.kill();
  });

  it("when a package learner joins the program, then the LRS gets the statement with the package's account, the program and the package in context", async () => {
    const staff = await enter(tool.app.express, moodle, instructor(), freshContext('pkg-xapi'));
    const programId = await createProgram(staff);
    await setTenantLrs(tool.db, claimsOf(staff.token).tenantId, lrsLogin(lrs));
    const page = `/staff/programs/${programId}/packages`;
    await staff.post(page, { kind: 'scorm12', label: 'Docebo' }, page);
    const pkg = await tool.db
      .selectFrom('delivery_packages')
      .select(['id', 'home_page'])
      .where('program_id', '=', programId)
      .executeTakeFirstOrThrow();
    const zip = await downloadZip(tool.app.express, staff, `${page}/${pkg.id}/download`);
    await launchPackage(
      tool.app.express,
      zip,
      { id: 'emp-42', name: 'Hamilton, Margaret' },
      'https://lms.example.com',
    );
    await deliverAll(tool);

    const statements = await lrs.statements({
      activity: pkg.home_page,
      related_activities: 'true',
    });
    const joined = statements.find((s) => s.verb.id === VERB.registered.id);
    expect(joined, 'participant_joined_program reached the LRS').to.exist;
    expect(joined!.actor.account).to.deep.equal({
      homePage: `https://tool.test/packages/${pkg.id}`,
      name: `package:${pkg.id}:emp-42`,
    });
    const grouping = joined!.context.contextActivities.grouping as Array<{
      id: string;
      definition: { type: string };
    }>;
    expect(grouping.map((a) => a.id))
      .to.include(activityIri.program(programId))
      .and.include(pkg.home_page);
    expect(grouping.find((a) => a.id === pkg.home_page)!.definition.type).to.equal(
      ACTIVITY_TYPE.deliveryPackage.id,
    );
    expect(joined!.context.extensions[EXTENSION.deliveryPackage.id]).to.deep.equal({
      id: pkg.id,
      kind: 'scorm12',
    });
    const staffStatements = await lrs.statements({
      activity: activityIri.program(programId),
      related_activities: 'true',
    });
    const created = staffStatements.find((s) => s.verb.id === VERB.created.id);
    expect(created?.actor.account.homePage, 'LTI people keep the LMS issuer').to.equal(
      moodle.issuer,
    );
    expect(created!.context.extensions).to.not.have.property(EXTENSION.deliveryPackage.id);
  });
});
