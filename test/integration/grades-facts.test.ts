import type { Server } from 'node:http';
import { expect } from 'chai';
import { sql, type KyselyPlugin } from 'kysely';
import { gradedParticipants } from '../../src/db/repositories/score-facts-repository.js';
import { enqueueScoresFor } from '../../src/db/repositories/score-outbox-repository.js';
import { domainEvent } from '../../src/mentoring/events.js';
import { buildCircle } from '../support/circle-factory.js';
import { buildGradeWorld, type GradeWorld } from '../support/grade-world.js';
import { serveToolKeys, stopServer } from '../support/listening-tool.js';
import { TestPlatform } from '../support/test-platform.js';
import { startTestTool, type TestTool } from '../support/test-tool.js';

/**
 * What a score is computed from, counted for every participant at once: memberships a person
 * left still count, a delivery counts once per membership, answers once per delivery.
 */
describe('the facts a grade is computed from', () => {
  let tool: TestTool;
  let moodle: TestPlatform;
  let server: Server;
  let world: GradeWorld;
  let tenantId: string;
  let courseId: string;
  let earlier: { id: string };

  before(async () => {
    tool = await startTestTool();
    moodle = await TestPlatform.start('moodle');
    await tool.app.registry.registerPlatform(moodle.manualRegistration);
    server = await serveToolKeys(tool, [moodle]);
    world = await buildGradeWorld(tool, moodle);
    const { subjects, programId } = world;
    earlier = await buildCircle(
      tool.db,
      programId,
      [
        { subject: subjects.mentor, role: 'mentor' },
        { subject: subjects.mentee, role: 'mentee' },
      ],
      { name: 'Circle before', startedOn: '2026-11-02' },
    );
    const program = await tool.db
      .selectFrom('programs')
      .select(['tenant_id', 'course_id'])
      .where('id', '=', programId)
      .executeTakeFirstOrThrow();
    [tenantId, courseId] = [program.tenant_id, program.course_id];
    await recordFacts();
  });
  after(async () => {
    await stopServer(server);
    await tool.close();
    await moodle.close();
  });

  /** Two deliveries and a paused one in the circle, one in the earlier circle the mentee left. */
  async function recordFacts() {
    const { circleId, programId } = world;
    const mentee = await world.participantIdOf(world.subjects.mentee);
    const users = await sql<{ id: string; subject: string }>`select id, subject from users
      where tenant_id = ${tenantId}`.execute(tool.db);
    const userOf = (s: string) => users.rows.find((u) => u.subject === s)!.id;
    const [menteeUser, mentorUser] = [userOf(world.subjects.mentee), userOf(world.subjects.mentor)];
    await sql`update circle_members set left_at = now(), left_reason = 'moved'
      where circle_id = ${earlier.id} and participant_id = ${mentee}`.execute(tool.db);
    let version = (
      await sql<{ id: string }>`select id from prompt_versions
      where tenant_id = ${tenantId} limit 1`.execute(tool.db)
    ).rows[0];
    if (!version) {
      await world.staff.get(`/staff/programs/${programId}/prompts`);
      version = (
        await sql<{ id: string }>`select id from prompt_versions
        where tenant_id = ${tenantId} limit 1`.execute(tool.db)
      ).rows[0]!;
    }
    const deliver = async (circle: string, seq: number, outcome: string) =>
      (
        await sql<{ id: string }>`insert into prompt_deliveries (tenant_id, program_id, circle_id,
        seq, due_at, outcome, prompt_version_id) values (${tenantId}, ${programId}, ${circle},
        ${seq}, now(), ${outcome}, ${outcome === 'delivered' ? version.id : null})
        returning id`.execute(tool.db)
      ).rows[0]!.id;
    const [first] = [
      await deliver(circleId, 1, 'delivered'),
      await deliver(circleId, 2, 'delivered'),
    ];
    await deliver(circleId, 3, 'paused');
    const before = await deliver(earlier.id, 1, 'delivered');
    for (const [delivery, circle, author] of [
      [first, circleId, menteeUser],
      [before, earlier.id, menteeUser],
      [first, circleId, mentorUser],
    ] as const) {
      await sql`insert into prompt_answers (tenant_id, delivery_id, circle_id, author_user_id,
        visibility, body) values (${tenantId}, ${delivery}, ${circle}, ${author}, 'circle', 'Yes')`.execute(
        tool.db,
      );
    }
    const contract = (circle: string, version: number, agreed: boolean) =>
      sql`insert into
      contract_versions (tenant_id, circle_id, version, mentor_role, mentee_objectives, cadence,
        confidentiality, feedback_channel, escalation_path, proposed_by, agreed_at)
      values (${tenantId}, ${circle}, ${version}, 'r', 'o', 'weekly', 'c', 'f', 'e', ${mentorUser},
        ${agreed ? new Date() : null})`.execute(tool.db);
    await contract(circleId, 1, false);
    await contract(earlier.id, 1, true);
    const goal = (
      await sql<{ id: string }>`insert into circle_goals (tenant_id, circle_id,
      owner_participant_id, title, measure, achievable, relevant, due_on, created_by)
      values (${tenantId}, ${circleId}, ${mentee}, 'g', 'm', 'a', 'r', '2027-06-01', ${menteeUser})
      returning id`.execute(tool.db)
    ).rows[0]!.id;
    for (const status of ['done', 'done', 'in_progress']) {
      await sql`insert into goal_milestones (tenant_id, goal_id, title, criteria, due_on, status)
        values (${tenantId}, ${goal}, 't', 'c', '2027-03-01', ${status})`.execute(tool.db);
    }
  }

  it('when every participant is read, then each fact is counted where it is recorded', async () => {
    const all = await gradedParticipants(tool.db, tenantId, world.programId, null);
    const facts = (subject: string) => {
      const found = all.find((p) => p.subject === subject)!.facts;
      return { ...found, circleStartedOn: found.circleStartedOn?.toISOString().slice(0, 10) };
    };
    expect(all).to.have.length(2);
    const shared = { contractAgreed: true, promptsDelivered: 3, circleStartedOn: '2026-11-02' };
    expect(facts(world.subjects.mentee)).to.include({
      ...shared,
      promptsAnswered: 2,
      milestonesTotal: 3,
      milestonesCompleted: 2,
    });
    expect(facts(world.subjects.mentor)).to.include({
      ...shared,
      promptsAnswered: 1,
      milestonesTotal: 0,
      milestonesCompleted: 0,
    });
  });

  it('when some participants are named, then only they are read, with the same facts', async () => {
    const mentee = await world.participantIdOf(world.subjects.mentee);
    const all = await gradedParticipants(tool.db, tenantId, world.programId, null);
    const some = await gradedParticipants(tool.db, tenantId, world.programId, [mentee]);
    expect(some).to.deep.equal(all.filter((p) => p.participantId === mentee));
  });

  it('when the events of two circles move scores, then as many statements run as for one', async () => {
    const counts: number[] = [];
    for (const circles of [[world.circleId], [world.circleId, earlier.id]]) {
      let statements = 0;
      const counting: KyselyPlugin = {
        transformQuery: (args) => args.node,
        transformResult: async (args) => (statements++, args.result),
      };
      const events = circles.map((circleId) =>
        domainEvent('circle_joined', {
          tenantId,
          courseId,
          programId: world.programId,
          circleId,
          actorUserId: '00000000-0000-0000-0000-000000000000',
          data: { role: 'mentee' },
        }),
      );
      await tool.db
        .withPlugin(counting)
        .transaction()
        .execute(async (trx) => {
          await enqueueScoresFor(trx, events);
          counts.push(statements);
          throw new Error('roll back');
        })
        .catch((err: Error) => {
          if (err.message !== 'roll back') throw err;
        });
    }
    expect(counts[1]).to.equal(counts[0]);
    expect(counts[0]).to.be.greaterThan(2);
  });
});
