import { expect } from 'chai';
import { buildCircle } from '../support/circle-factory.js';
import { instructor } from '../support/factories.js';
import { decodeHtml } from '../support/html.js';
import { buildUser } from '../support/platform-claims.js';
import { buildPromptWorld, deliverAsOf, type PromptWorld } from '../support/prompt-world.js';
import { TestPlatform } from '../support/test-platform.js';
import { startTestTool, type TestTool } from '../support/test-tool.js';
import { launchAs, type ToolSession } from '../support/tool-session.js';

const SECRET = 'My manager makes me doubt myself every Monday';
const REVIEW_SECRET = 'I froze when the director asked about budgets';

describe('a private journal entry is readable by its author only', () => {
  let tool: TestTool;
  let moodle: TestPlatform;
  let world: PromptWorld;
  let deliveryId: string;
  let privateAnswerId: string;
  let outsiders: Record<string, ToolSession>;

  before(async () => {
    tool = await startTestTool();
    moodle = await TestPlatform.start('moodle');
    await tool.app.registry.registerPlatform(moodle.manualRegistration);
    world = await buildPromptWorld(tool, moodle);
    await deliverAsOf(tool.db, world.programId, '2027-01-04T08:00:00Z');
    deliveryId = (await tool.db.selectFrom('prompt_deliveries').select('id').where('circle_id', '=', world.circle.id).executeTakeFirstOrThrow()).id;
    const path = `/programs/${world.programId}/prompts/${deliveryId}`;
    expect((await world.people.ines!.post(`${path}/answer`, { body: SECRET, visibility: 'private' }, path)).status).to.equal(303);
    privateAnswerId = (await tool.db.selectFrom('prompt_answers').select('id').where('delivery_id', '=', deliveryId).executeTakeFirstOrThrow()).id;
    const zed = await launchAs(tool.app.express, moodle, buildUser({ sub: `zed-${world.context.id}`, name: 'Zed Other' }), { context: world.context });
    await buildCircle(tool.db, world.programId, [{ subject: `zed-${world.context.id}`, role: 'mentee' }, { subject: world.subjects.mara!, role: 'mentor' }], { name: 'Circle two', startedOn: '2027-01-04' });
    const otherCourse = await launchAs(tool.app.express, moodle, buildUser({ sub: `far-${world.context.id}`, name: 'Far Away' }), { context: { id: `${world.context.id}-b`, title: 'Other', label: 'O' } });
    const otherStaff = await launchAs(tool.app.express, moodle, instructor(`boss-${world.context.id}`), { context: { id: `${world.context.id}-b`, title: 'Other', label: 'O' } });
    outsiders = { zed, otherCourse, otherStaff };
  });
  after(async () => {
    await tool.close();
    await moodle.close();
  });

  const learnerPages = () => ['/home', `/programs/${world.programId}`, `/programs/${world.programId}/prompts`, `/programs/${world.programId}/prompts/${deliveryId}`];
  const staffPages = async () => {
    const circles = await tool.db.selectFrom('circles').select('id').where('program_id', '=', world.programId).execute();
    const base = `/staff/programs/${world.programId}`;
    return ['/home', base, `${base}/participants.csv`, `${base}/prompts`, `${base}/prompts/library`, ...circles.map((c) => `${base}/prompts/circles/${c.id}`)];
  };

  it('when the author opens the journal and the prompt, then the entry is there', async () => {
    for (const path of [`/programs/${world.programId}/prompts`, `/programs/${world.programId}/prompts/${deliveryId}`]) {
      expect(decodeHtml((await world.people.ines!.get(path)).text), path).to.contain(SECRET);
    }
  });

  it('when a circle-mate or the mentor opens every page they can, then the entry is on none of them', async () => {
    for (const who of ['olu', 'mara'] as const) {
      for (const path of learnerPages()) {
        const res = await world.people[who]!.get(path);
        expect(res.status, `${who} ${path}`).to.be.oneOf([200, 303]);
        expect(decodeHtml(res.text), `${who} ${path}`).not.to.contain(SECRET);
      }
    }
  });

  it('when program staff open every staff page (and the CSV), then the entry is on none of them and the learner pages are closed to them', async () => {
    for (const path of await staffPages()) {
      const res = await world.staff.get(path);
      expect(res.status, path).to.equal(200);
      expect(decodeHtml(res.text), path).not.to.contain(SECRET);
    }
    expect((await world.staff.get(`/programs/${world.programId}/prompts/${deliveryId}`)).status).to.equal(404);
  });

  it('when people outside the circle or the course try the prompt\'s address, then it does not exist for them', async () => {
    expect((await outsiders.zed!.get(`/programs/${world.programId}/prompts/${deliveryId}`)).status).to.equal(404);
    expect(decodeHtml((await outsiders.zed!.get(`/programs/${world.programId}/prompts`)).text)).not.to.contain(SECRET);
    expect((await outsiders.otherCourse!.get(`/programs/${world.programId}/prompts/${deliveryId}`)).status).to.equal(404);
    expect((await outsiders.otherStaff!.get(`/staff/programs/${world.programId}/prompts`)).status).to.equal(404);
  });

  it('when anyone posts a reply to the private entry, then it is answered as absent and nothing is stored', async () => {
    for (const who of [world.people.olu!, world.people.mara!, world.people.ines!]) {
      const res = await who.post(`/programs/${world.programId}/answers/${privateAnswerId}/replies`, { reply: 'Tell me more' }, `/programs/${world.programId}/prompts/${deliveryId}`);
      expect(res.status).to.equal(404);
    }
    expect(await tool.db.selectFrom('prompt_replies').select('id').where('answer_id', '=', privateAnswerId).execute()).to.have.length(0);
  });

  it('when a private after-action review is written, then its parts stay with the author and no xAPI event carries any of it', async () => {
    const aar = await tool.db.selectFrom('prompts').select('id').where('program_id', '=', world.programId).where('library_key', '=', 'aar-meeting-you-led').executeTakeFirstOrThrow();
    const circlePage = `/staff/programs/${world.programId}/prompts/circles/${world.circle.id}`;
    expect((await world.staff.post(`${circlePage}/changes`, { promptId: aar.id, kind: 'insert' }, circlePage)).status).to.equal(303);
    await deliverAsOf(tool.db, world.programId, '2027-01-11T08:00:00Z');
    const review = await tool.db.selectFrom('prompt_deliveries').select('id').where('circle_id', '=', world.circle.id).where('prompt_id', '=', aar.id).executeTakeFirstOrThrow();
    const path = `/programs/${world.programId}/prompts/${review.id}`;
    const saved = await world.people.olu!.post(`${path}/answer`, { planned: 'Present the plan', happened: REVIEW_SECRET, why: 'Nerves', next: 'Rehearse numbers', visibility: 'private' }, path);
    expect(saved.status, saved.text).to.equal(303);
    expect(decodeHtml((await world.people.olu!.get(path)).text)).to.contain(REVIEW_SECRET);
    for (const who of ['ines', 'mara'] as const) expect(decodeHtml((await world.people[who]!.get(path)).text)).not.to.contain(REVIEW_SECRET);
    const outbox = await tool.db.selectFrom('xapi_outbox').select(['event', 'snapshot']).where('program_id', '=', world.programId).execute();
    expect(outbox.length).to.be.greaterThan(0);
    for (const row of outbox) expect(JSON.stringify(row)).not.to.contain(SECRET).and.not.to.contain(REVIEW_SECRET);
  });
});
