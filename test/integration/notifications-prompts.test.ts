import { expect } from 'chai';
import { buildPromptWorld, deliverAsOf, type PromptWorld } from '../support/prompt-world.js';
import { drain, useToolWithSmtp } from '../support/smtp-notify-world.js';

const claimsOf = (s: { token: string }) =>
  JSON.parse(Buffer.from(s.token.split('.')[1]!, 'base64url').toString()) as { userId: string };

describe('notifications of delivered prompts', function () {
  this.timeout(120_000);
  const env = useToolWithSmtp();
  let world: PromptWorld;

  beforeEach(async () => {
    world = await buildPromptWorld(env.tool, env.canvas);
  });

  it('when this week\'s prompt is delivered, then each member is told once with a link to it, and their answers never travel', async () => {
    const delivered = await deliverAsOf(env.tool.db, world.programId, '2027-01-11T08:00:00Z');
    expect(delivered.length).to.be.greaterThan(0);
    const promptRows = () => env.tool.db.selectFrom('notifications').select(['user_id', 'facts', 'topic'])
      .where('program_id', '=', world.programId).where('topic', '=', 'prompt_delivered').execute();
    const rows = await promptRows();
    const deliveries = new Set(rows.map((r) => (r.facts as { deliveryId: string }).deliveryId));
    expect(rows, 'one per member and delivered prompt').to.have.length(3 * deliveries.size);
    await deliverAsOf(env.tool.db, world.programId, '2027-01-11T08:00:00Z');
    expect(await promptRows(), 'a repeat run writes nothing').to.have.length(rows.length);
    const deliveryId = [...deliveries][0]!;
    expect(deliveryId).to.match(/^[0-9a-f-]{36}$/);

    const ines = world.people.ines!;
    const prompt = `/programs/${world.programId}/prompts/${deliveryId}`;
    const answered = await ines.post(`${prompt}/answer`, { body: 'SECRET-ANSWER about my manager', visibility: 'private' }, prompt);
    expect(answered.status, answered.text).to.equal(303);
    await drain(env);
    const users = await env.tool.db.selectFrom('users').select('email').where('id', 'in', rows.map((r) => r.user_id)).execute();
    const mails = env.smtp.to(...users.map((u) => u.email!)).filter((m) => m.parsed.subject?.startsWith('This week\'s prompt'));
    expect(mails).to.have.length(rows.length);
    const inbox = await ines.get('/notifications');
    expect(inbox.text).to.contain('This week&#x27;s prompt');
    const mine = await env.tool.db.selectFrom('notifications').select(['id', 'facts']).where('topic', '=', 'prompt_delivered')
      .where('program_id', '=', world.programId).where('user_id', '=', claimsOf(ines).userId).execute();
    const item = mine.find((n) => (n.facts as { deliveryId: string }).deliveryId === deliveryId)!;
    const opened = await ines.get(`/notifications/${item.id}`);
    expect(opened.status).to.equal(303);
    expect(opened.headers.location).to.contain(prompt);
    const stored = JSON.stringify(await env.tool.db.selectFrom('notifications').select('facts').where('program_id', '=', world.programId).execute());
    expect(stored + mails.map((m) => m.raw).join('')).not.to.contain('SECRET-ANSWER');
  });
});
