import type { Server } from 'node:http';
import { expect } from 'chai';
import { createScoreStore } from '../../src/db/repositories/score-store.js';
import { createScoreDispatcher, type ScoreDispatcher } from '../../src/jobs/score-delivery-job.js';
import { createAgsClient } from '../../src/lti/ags-client.js';
import { createServiceTokens } from '../../src/lti/service-token.js';
import { systemClock } from '../../src/shared/clock.js';
import { createLogger } from '../../src/shared/logger.js';
import { buildGradeWorld, type GradeWorld } from '../support/grade-world.js';
import { serveToolKeys, stopServer } from '../support/listening-tool.js';
import { TestPlatform } from '../support/test-platform.js';
import { startTestTool, type TestTool } from '../support/test-tool.js';

const SCORE_SCOPE = 'https://purl.imsglobal.org/spec/lti-ags/scope/score';
const yesterday = () => new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);

describe('grades back to the LMS (AGS): the score queue', () => {
  let tool: TestTool;
  let moodle: TestPlatform;
  let server: Server;
  let offsetMs = 0;
  let world: GradeWorld;
  let dispatcher: ScoreDispatcher;

  before(async () => {
    tool = await startTestTool();
    // The tool's own dispatcher, on a clock the test moves on (the launches keep real time).
    const clock = { now: () => new Date(Date.now() + offsetMs) };
    const ags = createAgsClient(createServiceTokens(tool.app.keys, systemClock), () => clock.now().getTime());
    dispatcher = createScoreDispatcher({ store: createScoreStore(tool.db), ags, clock, logger: createLogger('silent') });
    moodle = await TestPlatform.start('moodle');
    await tool.app.registry.registerPlatform(moodle.manualRegistration);
    server = await serveToolKeys(tool, [moodle]);
  });
  after(async () => {
    await stopServer(server);
    await tool.close();
    await moodle.close();
  });
  beforeEach(async () => {
    // Time only moves on: a pause or lease of an earlier test never blocks a later one.
    offsetMs += 3_600_000;
    moodle.ags.outage = false;
    world = await buildGradeWorld(tool, moodle);
  });

  const drain = () => dispatcher.drain();
  const column = () => moodle.ags.gradebook(world.lineItemUrl!);
  const acceptedHere = () => moodle.ags.accepted.filter((a) => a.lineItem === new URL(world.lineItemUrl!).pathname);

  async function markBothAttended(): Promise<void> {
    const base = `/programs/${world.programId}/circles/${world.circleId}`;
    const scheduled = await world.mentor.post(`${base}/meetings`, {
      date: yesterday(), time: '10:00', durationMinutes: '45', mode: 'virtual', place: '', agenda: '', notes: '',
    }, `/programs/${world.programId}`);
    expect(scheduled.status, scheduled.text).to.equal(303);
    const { id } = await tool.db.selectFrom('circle_meetings').select('id').where('circle_id', '=', world.circleId).executeTakeFirstOrThrow();
    const attendees = [await world.participantIdOf(world.subjects.mentor), await world.participantIdOf(world.subjects.mentee)];
    const marked = await world.mentor.post(`${base}/meetings/${id}/attendance`, { attendees }, `/programs/${world.programId}`);
    expect(marked.status, marked.text).to.equal(303);
  }

  it('when the circle is formed, then each member\'s score is queued with the launch\'s line item and reaches the gradebook once', async () => {
    expect(world.lineItemUrl).to.be.a('string');
    const queued = await world.scoreRows();
    expect(queued.filter((r) => r.status === 'pending'), 'one pending score per person').to.have.length(2);
    expect(queued.filter((r) => r.status !== 'pending').map((r) => r.status)).to.satisfy((s: string[]) => s.every((x) => x === 'superseded'));
    expect(await drain()).to.equal(2);
    const entries = column();
    expect(entries.map((e) => e.userId).sort()).to.deep.equal([world.subjects.mentee, world.subjects.mentor].sort());
    for (const e of entries) {
      expect(e).to.include({ scoreMaximum: 100, gradingProgress: 'FullyGraded', activityProgress: 'Started', scoreGiven: 0 });
      expect(e.comment).to.contain('Participation');
    }
    expect(await drain()).to.equal(0);
    expect(acceptedHere()).to.have.length(2);
    const tokens = moodle.tokenRequests.filter((t) => t.requestedScopes.includes(SCORE_SCOPE));
    expect(tokens.every((t) => t.requestedScopes.length === 1), 'only the score scope is asked for').to.equal(true);
  });

  it('when attendance is marked, then the new score is queued in the same transaction and the newer score wins over the unsent older one', async () => {
    await markBothAttended();
    const rows = await world.scoreRows();
    expect(rows.filter((r) => r.status === 'pending').map((r) => r.score.scoreGiven)).to.deep.equal([30, 30]);
    expect(rows.filter((r) => r.status === 'sent')).to.have.length(0);
    expect(await drain()).to.equal(2);
    const entries = column();
    expect(entries).to.have.length(2);
    // meetings 30 of 100 weight, 1 of 1 expected meeting attended
    for (const e of entries) expect(e).to.include({ scoreGiven: 30, activityProgress: 'InProgress' });
    expect(acceptedHere()).to.have.length(2);
  });

  it('when scores follow one another for a person, then their timestamps strictly increase', async () => {
    await drain();
    await markBothAttended();
    await drain();
    const mine = acceptedHere().filter((a) => a.userId === world.subjects.mentee);
    expect(mine.map((a) => a.scoreGiven)).to.deep.equal([0, 30]);
    expect(Date.parse(mine[1]!.timestamp)).to.be.greaterThan(Date.parse(mine[0]!.timestamp));
  });

  it('when the grade service is down, then nothing is lost: the platform is paused, and after the backoff every score arrives once, in order', async () => {
    moodle.ags.outage = true;
    const before = moodle.ags.posts.length;
    expect(await drain()).to.equal(0);
    expect(moodle.ags.posts.slice(before).map((p) => p.status), 'one probe, then paused').to.deep.equal([503]);
    const failed = (await world.scoreRows()).filter((r) => r.status === 'pending');
    expect(failed.map((r) => r.attempts).sort()).to.deep.equal([0, 1]);
    await markBothAttended();
    moodle.ags.outage = false;
    expect(await drain(), 'paused: nothing is sent before the pause ends').to.equal(0);
    offsetMs += 6_000;
    expect(await drain()).to.equal(2);
    expect(acceptedHere().map((a) => a.scoreGiven)).to.deep.equal([30, 30]);
    expect((await world.scoreRows()).filter((r) => r.status === 'pending')).to.have.length(0);
  });

  it('when the LMS throttles with 429 and Retry-After, then delivery waits at least that long', async () => {
    moodle.ags.throttleNext(1, 20);
    const before = moodle.ags.posts.length;
    expect(await drain()).to.equal(0);
    expect(moodle.ags.posts.slice(before).map((p) => p.status), 'one post, throttled; the second waits').to.deep.equal([429]);
    offsetMs += 10_000;
    expect(await drain()).to.equal(0);
    offsetMs += 11_000;
    expect(await drain()).to.equal(2);
    expect(acceptedHere()).to.have.length(2);
  });

  it('when a learner leaves the course before the score goes, then the LMS refuses it, and the refusal is kept for staff', async () => {
    moodle.roster(world.context.id).deactivate(world.subjects.mentee);
    await drain();
    const rows = (await world.scoreRows()).filter((r) => r.status !== 'superseded');
    expect(rows.map((r) => r.status).sort()).to.deep.equal(['refused', 'sent']);
    const page = await world.staff.get(world.page);
    expect(page.text).to.contain('Refused by the LMS').and.contain('unknown user');
  });
});
