import { expect } from 'chai';
import { decodeHtml } from '../support/html.js';
import { buildPromptWorld, deliverAsOf, type PromptWorld } from '../support/prompt-world.js';
import { TestPlatform } from '../support/test-platform.js';
import { startTestTool, type TestTool } from '../support/test-tool.js';

describe('staff manage the prompt library, track and schedule', () => {
  let tool: TestTool;
  let moodle: TestPlatform;
  let world: PromptWorld;
  const base = () => `/staff/programs/${world.programId}/prompts`;
  const promptId = async (key: string) => (await tool.db.selectFrom('prompts').select('id').where('program_id', '=', world.programId).where('library_key', '=', key).executeTakeFirstOrThrow()).id;
  const trackKeys = async () => (await tool.db.selectFrom('prompt_track_items as t').innerJoin('prompts as p', 'p.id', 't.prompt_id').select('p.library_key')
    .where('t.program_id', '=', world.programId).orderBy('t.position').execute()).map((r) => r.library_key);

  before(async () => {
    tool = await startTestTool();
    moodle = await TestPlatform.start('moodle');
    await tool.app.registry.registerPlatform(moodle.manualRegistration);
    world = await buildPromptWorld(tool, moodle);
  });
  after(async () => {
    await tool.close();
    await moodle.close();
  });

  it('when staff first open the prompts page, then the program has its own copy of the library and a track fitted to its calendar', async () => {
    const page = await world.staff.get(base());
    expect(page.status).to.equal(200);
    expect(decodeHtml(page.text)).to.contain('Your story so far').and.to.contain('The program\'s dates have room for 51');
    expect((await tool.db.selectFrom('prompts').select('id').where('program_id', '=', world.programId).execute()).length).to.be.at.least(60);
    expect((await trackKeys())[0]).to.equal('gs-story-so-far');
  });

  it('when a delivered prompt is edited, then it gets version 2 and the delivered one keeps its words', async () => {
    await deliverAsOf(tool.db, world.programId, '2027-01-04T08:00:00Z');
    const id = await promptId('gs-story-so-far');
    const edit = { category: 'getting_started', title: 'Three moments, retold', body: 'Share three moments that shaped you at work, in two minutes each.', audience: 'circle', programTypes: ['one_on_one', 'group'], minutes: '6', followUp: '' };
    expect((await world.staff.post(`${base()}/library/${id}`, edit, `${base()}/library/${id}`)).status).to.equal(303);
    const delivered = await world.people.ines!.get(`/programs/${world.programId}/prompts`);
    expect(decodeHtml(delivered.text)).to.contain('Your story so far').and.not.to.contain('Three moments, retold');
    const form = decodeHtml((await world.staff.get(`${base()}/library/${id}`)).text);
    expect(form).to.contain('Version 2').and.to.contain('Version 1').and.to.contain('Three moments, retold');
  });

  it('when a prompt form is invalid, then each field says why, the typed text is kept as text and nothing is saved', async () => {
    const before = await tool.db.selectFrom('prompts').select('id').where('program_id', '=', world.programId).execute();
    const res = await world.staff.post(`${base()}/library`, { category: '', title: '<b', body: 'short', audience: 'circle', minutes: '12' }, `${base()}/library/new`);
    expect(res.status).to.equal(422);
    const html = decodeHtml(res.text);
    expect(html).to.contain('Choose a category.').and.to.contain('at least 3 characters').and.to.contain('at least 20 characters')
      .and.to.contain('Choose at least one program type').and.to.contain('can be at most 10');
    expect(res.text).to.contain('value="&lt;b"');
    expect(await tool.db.selectFrom('prompts').select('id').where('program_id', '=', world.programId).execute()).to.have.length(before.length);
  });

  it('when staff move, remove, add and retire prompts, then the track follows and a retired prompt leaves it', async () => {
    const second = await promptId('gs-working-styles');
    await world.staff.post(`${base()}/track`, { promptId: second, move: 'up' }, base());
    expect((await trackKeys()).slice(0, 2)).to.deep.equal(['gs-working-styles', 'gs-story-so-far']);
    const extra = await promptId('st-saying-no');
    await world.staff.post(`${base()}/track`, { promptId: extra, move: 'add', back: 'library' }, `${base()}/library`);
    expect((await trackKeys()).at(-1)).to.equal('st-saying-no');
    await world.staff.post(`${base()}/library/${extra}/retire`, { retired: 'true' }, `${base()}/library`);
    expect(await trackKeys()).not.to.include('st-saying-no');
    const refused = await world.staff.post(`${base()}/track`, { promptId: extra, move: 'add' }, base());
    expect(refused.status).to.equal(409);
  });

  it('when the schedule ends before it starts or prompts are zero days apart, then the form refuses it and keeps the values', async () => {
    const reversed = await world.staff.post(`${base()}/schedule`, { cadence: 'weekly', sendHour: '9', startsOn: '2027-03-01', endsOn: '2027-02-01', nudges: 'on', nudgeAfterDays: '14', nudgeRepeatDays: '7' }, base());
    expect(reversed.status).to.equal(422);
    expect(decodeHtml(reversed.text)).to.contain('The last day must be after the first.').and.to.contain('value="2027-03-01"');
    const zero = await world.staff.post(`${base()}/schedule`, { cadence: 'custom', everyDays: '0', sendHour: '9', nudgeRepeatDays: '7' }, base());
    expect(zero.status).to.equal(422);
    expect(zero.text).to.contain('Prompts need at least one day between them.');
    const saved = await world.staff.post(`${base()}/schedule`, { cadence: 'custom', everyDays: '10', sendHour: '7', nudges: 'on', nudgeAfterDays: '20', nudgeRepeatDays: '10' }, base());
    expect(saved.status).to.equal(303);
    expect(await tool.db.selectFrom('prompt_programs').select(['cadence', 'every_days', 'send_hour']).where('program_id', '=', world.programId).executeTakeFirstOrThrow())
      .to.deep.equal({ cadence: 'custom', every_days: 10, send_hour: 7 });
  });

  it('when staff pause a circle, skip and insert prompts, then what is due shows it and the paused dates are not sent later', async () => {
    const page = `${base()}/circles/${world.circle.id}`;
    const due = decodeHtml((await world.staff.get(page)).text);
    expect(due).to.contain('Thu, 14 Jan 2027, 07:00').and.to.contain('How we will work together');
    const inserted = await promptId('fb-feedforward');
    await world.staff.post(`${page}/changes`, { promptId: inserted, kind: 'insert' }, page);
    await world.staff.post(`${page}/changes`, { promptId: await promptId('gs-confidentiality'), kind: 'skip' }, page);
    const planned = decodeHtml((await world.staff.get(page)).text);
    expect(planned.indexOf('Feedforward round')).to.be.lessThan(planned.indexOf('How we will work together'));
    await world.staff.post(`${page}/pause`, { paused: 'true' }, page);
    expect(decodeHtml((await world.staff.get(page)).text)).to.contain('Not sent: paused');
    const recorded = await deliverAsOf(tool.db, world.programId, '2027-01-24T12:00:00Z');
    expect(recorded.map((r) => r.outcome)).to.deep.equal(['paused', 'paused']);
    await world.staff.post(`${page}/pause`, { paused: 'false' }, page);
    const next = await deliverAsOf(tool.db, world.programId, '2027-02-03T07:00:00Z');
    expect(next.map((r) => [r.outcome, r.prompt?.title])).to.deep.equal([['delivered', 'Feedforward round']]);
  });
});
