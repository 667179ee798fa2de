import { expect } from 'chai';
import { sql } from 'kysely';
import { sendDueNudges } from '../../src/mentoring/prompts/nudge-use-cases.js';
import { CONVERSATION_STARTERS } from '../../src/mentoring/prompts/nudge-rules.js';
import { buildCircle } from '../support/circle-factory.js';
import { decodeHtml } from '../support/html.js';
import { buildPromptWorld, circleEvents, deliverAsOf, placeCircle, promptStores, type PromptWorld } from '../support/prompt-world.js';
import { TestPlatform } from '../support/test-platform.js';
import { startTestTool, type TestTool } from '../support/test-tool.js';

const DAY = 86_400_000;
const dateOf = (d: Date) => d.toISOString().slice(0, 10);

describe('nudges for circles that have gone quiet', () => {
  let tool: TestTool;
  let moodle: TestPlatform;
  let world: PromptWorld;
  let met: string;
  let paused: string;
  // The pages use the real clock, so this world's circles started 60 days before today and nudges run in the past days.
  const now = new Date();
  const later = (days: number) => new Date(now.getTime() + days * DAY);
  const nudge = (at: Date) => sendDueNudges({ ...promptStores(tool.db), calendars: promptStores(tool.db).calendars }, at, [world.programId]);
  const nudgesOf = (circleId: string) => tool.db.selectFrom('circle_nudges').select(['seq', 'starter']).where('circle_id', '=', circleId).orderBy('seq').execute();

  before(async () => {
    tool = await startTestTool();
    moodle = await TestPlatform.start('moodle');
    await tool.app.registry.registerPlatform(moodle.manualRegistration);
    const startedOn = dateOf(later(-60));
    const formedAt = later(-60).toISOString();
    world = await buildPromptWorld(tool, moodle, { program: { startsOn: startedOn, endsOn: dateOf(later(200)) }, circle: { startedOn, formedAt } });
    const base = `/staff/programs/${world.programId}/prompts`;
    expect((await world.staff.post(`${base}/schedule`, { cadence: 'weekly', sendHour: '9', nudges: 'on', nudgeAfterDays: '14', nudgeRepeatDays: '7' }, base)).status).to.equal(303);
    const pair = [{ subject: world.subjects.mara!, role: 'mentor' as const }, { subject: world.subjects.olu!, role: 'mentee' as const }];
    met = (await buildCircle(tool.db, world.programId, pair, { name: 'Circle that met', startedOn })).id;
    paused = (await buildCircle(tool.db, world.programId, pair, { name: 'Circle on a break', startedOn })).id;
    for (const id of [met, paused]) await placeCircle(tool.db, id, { timeZone: 'Europe/Berlin', formedAt });
    await sql`insert into circle_meetings (tenant_id, circle_id, starts_at, duration_minutes, mode, created_by, created_at)
      select c.tenant_id, c.id, ${new Date(now.getTime() - 3 * DAY)}, 45, 'virtual', u.id, ${new Date(now.getTime() - 3 * DAY)}
      from circles c, users u where c.id = ${met} and u.subject = ${world.subjects.mara!}`.execute(tool.db);
    expect((await world.staff.post(`${base}/circles/${paused}/pause`, { paused: 'true' }, `${base}/circles/${paused}`)).status).to.equal(303);
  });
  after(async () => {
    await tool.close();
    await moodle.close();
  });

  it('when a circle has had no meeting and no answer for longer than configured, then it is nudged once, each member gets the event, and circles that met or are paused are not', async () => {
    expect(await nudge(later(-10))).to.equal(1);
    expect(await nudgesOf(world.circle.id)).to.deep.equal([{ seq: 1, starter: CONVERSATION_STARTERS[0] }]);
    expect(await nudgesOf(met)).to.deep.equal([]);
    expect(await nudgesOf(paused)).to.deep.equal([]);
    const events = await circleEvents(tool.db, world.circle.id, 'nudge_sent');
    expect(events).to.have.length(3);
    expect(events.every((e) => e.data.reason === 'no_activity')).to.equal(true);
  });

  it('when the sweep runs again before the repeat interval, then no second nudge; after it, one more, even with two sweeps at once', async () => {
    expect(await nudge(later(-9))).to.equal(0);
    expect(await nudge(later(-3.1))).to.equal(0);
    const [a, b] = await Promise.all([nudge(later(-2.9)), nudge(later(-2.9))]);
    expect(a + b).to.equal(1);
    expect((await nudgesOf(world.circle.id)).map((n) => n.seq)).to.deep.equal([1, 2]);
    expect(await circleEvents(tool.db, world.circle.id, 'nudge_sent')).to.have.length(6);
  });

  it('when members open their prompts or program page, then they see a gentle nudge with a conversation starter', async () => {
    for (const path of [`/programs/${world.programId}/prompts`, `/programs/${world.programId}`]) {
      const page = decodeHtml((await world.people.ines!.get(path)).text);
      expect(page, path).to.contain('It has been quiet in Circle one').and.to.contain(CONVERSATION_STARTERS[1]!);
    }
    expect(decodeHtml((await world.people.ines!.get('/home')).text)).to.contain('your circle has been quiet').and.to.contain(CONVERSATION_STARTERS[1]!);
  });

  it('when staff open the prompts page, then the quiet circle is listed as needing attention with the reason, and the others are not', async () => {
    const page = decodeHtml((await world.staff.get(`/staff/programs/${world.programId}/prompts`)).text);
    const attention = page.slice(page.indexOf('Needs attention'), page.indexOf('What is due'));
    expect(attention).to.contain('Circle one').and.to.contain('No meeting and no answered prompt for 60 days');
    expect(attention).not.to.contain('Circle that met').and.not.to.contain('Circle on a break');
  });

  it('when a member answers a prompt, then the nudge disappears and the circle is quiet again only after the configured days', async () => {
    await deliverAsOf(tool.db, world.programId, now.toISOString());
    const latest = await tool.db.selectFrom('prompt_deliveries').select('id').where('circle_id', '=', world.circle.id).where('outcome', '=', 'delivered').orderBy('seq', 'desc').executeTakeFirstOrThrow();
    const path = `/programs/${world.programId}/prompts/${latest.id}`;
    const answer = await tool.db.selectFrom('prompt_deliveries as d').innerJoin('prompt_versions as v', 'v.id', 'd.prompt_version_id').select('v.category').where('d.id', '=', latest.id).executeTakeFirstOrThrow();
    const fields: Record<string, string> = answer.category === 'after_action' ? { planned: 'a', happened: 'b', why: 'c', next: 'd' } : { body: 'We are back on track.' };
    expect((await world.people.ines!.post(`${path}/answer`, { ...fields, visibility: 'circle' }, path)).status).to.equal(303);
    expect(decodeHtml((await world.people.ines!.get(`/programs/${world.programId}/prompts`)).text)).not.to.contain('It has been quiet');
    await nudge(later(13));
    expect(await nudgesOf(world.circle.id)).to.have.length(2);
    await nudge(later(14.1));
    expect(await nudgesOf(world.circle.id)).to.have.length(3);
  });
});
