import { expect } from 'chai';
import { decodeHtml } from '../support/html.js';
import { buildPromptWorld, circleEvents, deliverAsOf, type PromptWorld } from '../support/prompt-world.js';
import { TestPlatform } from '../support/test-platform.js';
import { startTestTool, type TestTool } from '../support/test-tool.js';

describe('members answer prompts and reply to shared answers', () => {
  let tool: TestTool;
  let moodle: TestPlatform;
  let world: PromptWorld;
  let deliveryId: string;
  const promptsPath = () => `/programs/${world.programId}/prompts`;
  const promptPath = () => `${promptsPath()}/${deliveryId}`;

  before(async () => {
    tool = await startTestTool();
    moodle = await TestPlatform.start('moodle');
    await tool.app.registry.registerPlatform(moodle.manualRegistration);
    world = await buildPromptWorld(tool, moodle);
    const recorded = await deliverAsOf(tool.db, world.programId, '2027-01-04T08:00:00Z');
    expect(recorded.map((r) => r.outcome)).to.deep.equal(['delivered']);
    deliveryId = (await tool.db.selectFrom('prompt_deliveries').select('id').where('circle_id', '=', world.circle.id).executeTakeFirstOrThrow()).id;
  });
  after(async () => {
    await tool.close();
    await moodle.close();
  });

  it('when a mentee opens the prompts page, then this week\'s prompt is there, delivered at 09:00 Berlin time', async () => {
    const page = await world.people.ines!.get(promptsPath());
    expect(page.status, page.text).to.equal(200);
    expect(decodeHtml(page.text)).to.contain('This week\'s prompt').and.to.contain('Your story so far').and.to.contain('Mon, 4 Jan 2027, 09:00');
    for (const path of [`/programs/${world.programId}`, '/home']) {
      const other = decodeHtml((await world.people.ines!.get(path)).text);
      expect(other, path).to.contain('This week\'s prompt').and.to.contain('Your story so far');
    }
  });

  it('when the answer is empty or too long, then it is refused with a message next to it and the text is kept', async () => {
    const empty = await world.people.ines!.post(`${promptPath()}/answer`, { body: '   ', visibility: 'circle' }, promptPath());
    expect(empty.status).to.equal(422);
    expect(empty.text).to.contain('Write your answer before sending it.');
    const long = 'x'.repeat(4001);
    const tooLong = await world.people.ines!.post(`${promptPath()}/answer`, { body: long, visibility: 'private' }, promptPath());
    expect(tooLong.status).to.equal(422);
    expect(decodeHtml(tooLong.text)).to.contain('Keep your answer under 4,000 characters (it has 4,001).').and.to.contain(`>${long}</textarea>`);
    expect(await tool.db.selectFrom('prompt_answers').select('id').where('delivery_id', '=', deliveryId).execute()).to.have.length(0);
  });

  it('when an answer holds HTML and is shared, then circle members see it as text and the event carries no text', async () => {
    const html = '<img src=x onerror=alert(1)> I <b>grew</b> through a failed launch';
    const saved = await world.people.ines!.post(`${promptPath()}/answer`, { body: html, visibility: 'circle' }, promptPath());
    expect(saved.status, saved.text).to.equal(303);
    const seen = await world.people.olu!.get(promptPath());
    expect(seen.text).to.contain('&lt;img src&#x3D;x onerror&#x3D;alert(1)&gt; I &lt;b&gt;grew&lt;/b&gt;').and.not.to.contain('<img src=x');
    const [event] = await circleEvents(tool.db, world.circle.id, 'prompt_answered');
    expect(event!.data).to.include({ visibility: 'circle', promptVersion: 1 });
    expect(JSON.stringify(event)).not.to.contain('failed launch');
  });

  it('when a member replies to a shared answer, then the circle sees the reply; an empty reply is refused and kept', async () => {
    const answerId = (await tool.db.selectFrom('prompt_answers').select('id').where('delivery_id', '=', deliveryId).executeTakeFirstOrThrow()).id;
    const empty = await world.people.olu!.post(`/programs/${world.programId}/answers/${answerId}/replies`, { reply: ' ' }, promptPath());
    expect(empty.status).to.equal(422);
    expect(empty.text).to.contain('Write your reply before sending it.');
    const posted = await world.people.olu!.post(`/programs/${world.programId}/answers/${answerId}/replies`, { reply: 'Thank you for <sharing> this' }, promptPath());
    expect(posted.status).to.equal(303);
    const page = await world.people.mara!.get(promptPath());
    expect(page.text).to.contain('Thank you for &lt;sharing&gt; this').and.to.contain('Olu Mentee');
    expect(await circleEvents(tool.db, world.circle.id, 'reply_posted')).to.have.length(1);
  });

  it('when a mentee answers a second time, then the second answer is refused and the first kept', async () => {
    const again = await world.people.ines!.post(`${promptPath()}/answer`, { body: 'Another go', visibility: 'private' }, promptPath());
    expect(again.status).to.equal(422);
    expect(again.text).to.contain('You have already answered this prompt.');
    expect(await tool.db.selectFrom('prompt_answers').select('id').where('delivery_id', '=', deliveryId).execute()).to.have.length(1);
  });

  it('when the mentor opens the prompt, then they see which mentees answered and how, not private words', async () => {
    const secret = 'I worry my team sees me as too quiet';
    expect((await world.people.olu!.post(`${promptPath()}/answer`, { body: secret, visibility: 'private' }, promptPath())).status).to.equal(303);
    const page = decodeHtml((await world.people.mara!.get(promptPath())).text);
    expect(page).to.contain('Ines Mentee: answered (shared)').and.to.contain('Olu Mentee: answered (in their private journal)');
    expect(page).not.to.contain(secret);
    const journal = decodeHtml((await world.people.olu!.get(promptsPath())).text);
    expect(journal).to.contain(secret).and.to.contain('Private journal entry');
  });
});
