import { expect } from 'chai';
import { sql } from 'kysely';
import { appendToOutbox } from '../../src/db/repositories/outbox-repository.js';
import { domainEvent } from '../../src/mentoring/events.js';
import { profileDocument, type ProfileTemplate } from '../../src/xapi/profile/profile-document.js';
import { matchingTemplates } from '../../src/xapi/profile/template-checker.js';
import { buildStatement } from '../../src/xapi/statement-builders.js';
import { learner } from '../support/factories.js';
import { TestPlatform } from '../support/test-platform.js';
import { startTestTool, type TestTool } from '../support/test-tool.js';
import { insertParticipant, insertProgram, launchAs, outboxRowsFor } from '../support/xapi-world.js';

const OPTIONS = { pseudonymKey: 'k' };
const templates = profileDocument().templates as ProfileTemplate[];

describe('the xAPI outbox', () => {
  let tool: TestTool;
  let moodle: TestPlatform;

  before(async () => {
    tool = await startTestTool();
    moodle = await TestPlatform.start('moodle');
    await tool.app.registry.registerPlatform(moodle.manualRegistration);
  });
  after(async () => {
    await tool.close();
    await moodle.close();
  });

  it('when someone launches, then a launched event with its snapshot is in the outbox, registered under the enrolment', async () => {
    const { session } = await launchAs(tool, moodle, learner('outbox-1'), { context: { id: 'OUT-1', title: 'Outbox course', label: 'OUT' } });
    const rows = await outboxRowsFor(tool.db, session.courseId);
    expect(rows.map((r) => r.event.type)).to.deep.equal(['launched']);
    const [row] = rows;
    expect(row!.snapshot).to.deep.include({ registration: session.enrolmentId, identity: 'account', program: null, tenantId: session.tenantId });
    expect(row!.snapshot.platform).to.deep.equal({ issuer: moodle.issuer, clientId: moodle.clientId, deploymentId: moodle.deploymentId });
    expect(row!.snapshot.people[session.userId]).to.deep.equal({ subject: 'outbox-1', name: 'Sam Student', email: null });
    const statement = buildStatement(row!.event, row!.snapshot, OPTIONS);
    expect(matchingTemplates(statement, templates).map((t) => t.id.split('/').pop())).to.deep.equal(['launched']);
    expect(statement.object.objectType === 'Activity' && statement.object.definition.name['en-US']).to.equal('Mentoring Circles');
  });

  it('when events are appended in a transaction, then the snapshot keeps program and registration even after those rows change', async () => {
    const { session } = await launchAs(tool, moodle, learner('outbox-2'), { context: { id: 'OUT-2', title: 'Course two', label: 'C2' } });
    const programId = await insertProgram(tool.db, session, { title: 'First title', types: ['group'], virtual: true });
    const participantId = await insertParticipant(tool.db, { tenantId: session.tenantId, programId, userId: session.userId });
    const event = domainEvent('participant_joined_program', { tenantId: session.tenantId, courseId: session.courseId, programId, circleId: null, actorUserId: session.userId, data: { programRole: 'mentee', source: 'launch' } });
    await tool.db.transaction().execute((trx) => appendToOutbox(trx, [event]));
    await tool.db.updateTable('programs').set({ title: 'Renamed later' }).where('id', '=', programId).execute();
    await tool.db.deleteFrom('participants').where('id', '=', participantId).execute();

    const row = (await outboxRowsFor(tool.db, session.courseId)).find((r) => r.id === event.id)!;
    expect(row.snapshot.program).to.deep.equal({ title: 'First title', types: ['group', 'virtual'] });
    expect(row.snapshot.registration).to.equal(participantId);
    const statement = buildStatement(row.event, row.snapshot, OPTIONS);
    expect(statement.context.registration).to.equal(participantId);
    expect(matchingTemplates(statement, templates).map((t) => t.id.split('/').pop())).to.deep.equal(['participant-registered']);
  });

  it('when the transaction rolls back, then its events are gone too', async () => {
    const { session } = await launchAs(tool, moodle, learner('outbox-3'), { context: { id: 'OUT-3', title: 'Course three', label: 'C3' } });
    const event = domainEvent('program_created', { tenantId: session.tenantId, courseId: session.courseId, programId: null, circleId: null, actorUserId: session.userId, data: { title: 'x' } });
    await tool.db.transaction().execute(async (trx) => {
      await appendToOutbox(trx, [event]);
      await sql`select 1 / 0`.execute(trx);
    }).catch(() => undefined);
    expect((await outboxRowsFor(tool.db, session.courseId)).map((r) => r.id)).not.to.include(event.id);
  });

  it('when an event names rows that do not exist, then it is still kept, and building its statement fails visibly', async () => {
    const { session } = await launchAs(tool, moodle, learner('outbox-4'), { context: { id: 'OUT-4', title: 'Course four', label: 'C4' } });
    const event = domainEvent('goal_set', { tenantId: session.tenantId, courseId: session.courseId, programId: crypto.randomUUID(), circleId: null, actorUserId: crypto.randomUUID(), data: { goalId: 'g', title: 'Goal' } });
    await tool.db.transaction().execute((trx) => appendToOutbox(trx, [event]));
    const row = (await outboxRowsFor(tool.db, session.courseId)).find((r) => r.id === event.id)!;
    expect(row.status).to.equal('queued');
    expect(() => buildStatement(row.event, row.snapshot, OPTIONS)).to.throw().with.property('code', 'STATEMENT_UNBUILDABLE');
  });
});
