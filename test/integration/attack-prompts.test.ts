import { expect } from 'chai';
import { authFrom } from '../support/attack-world.js';
import { CRAFTED_IDS, expectDbUnchanged, expectEachRefused, type Attempt } from '../support/circle-attack-world.js';
import { buildPromptWorld, deliverAsOf, type PromptWorld } from '../support/prompt-world.js';
import { TestPlatform } from '../support/test-platform.js';
import { startTestTool, type TestTool } from '../support/test-tool.js';

interface PromptIds { programId: string; circleId: string; deliveryId: string; answerId: string; privateAnswerId: string; promptId: string; changeId: string }

const learnerAttempts = (i: PromptIds): Attempt[] => [
  { method: 'GET', path: `/programs/${i.programId}/prompts` }, { method: 'GET', path: `/programs/${i.programId}/prompts/${i.deliveryId}` },
  { method: 'POST', path: `/programs/${i.programId}/prompts/${i.deliveryId}/answer`, fields: { body: 'Hijacked answer', visibility: 'circle' } },
  { method: 'POST', path: `/programs/${i.programId}/answers/${i.answerId}/replies`, fields: { reply: 'Hijacked reply' } },
  { method: 'POST', path: `/programs/${i.programId}/answers/${i.answerId}/replies`, fields: { reply: '' } },
];

const staffAttempts = (i: PromptIds): Attempt[] => {
  const p = `/staff/programs/${i.programId}/prompts`;
  const c = `${p}/circles/${i.circleId}`;
  const prompt = { category: 'reflection', title: 'Hijacked', body: 'Hijacked prompt body text', audience: 'circle', minutes: '5' };
  return [
    { method: 'GET', path: p }, { method: 'GET', path: `${p}/library` }, { method: 'GET', path: `${p}/library/new` }, { method: 'POST', path: `${p}/library`, fields: prompt },
    { method: 'GET', path: `${p}/library/${i.promptId}` }, { method: 'POST', path: `${p}/library/${i.promptId}`, fields: prompt }, { method: 'POST', path: `${p}/library/${i.promptId}/retire`, fields: {} },
    { method: 'POST', path: `${p}/schedule`, fields: { cadence: 'weekly', hour: '9' } }, { method: 'POST', path: `${p}/track`, fields: { promptId: i.promptId, move: 'remove' } },
    { method: 'POST', path: `${p}/track/reset`, fields: { preset: 'leadership' } },
    { method: 'GET', path: c }, { method: 'POST', path: `${c}/pause`, fields: { paused: 'true' } }, { method: 'POST', path: `${c}/changes`, fields: { promptId: i.promptId, kind: 'skip' } },
    { method: 'POST', path: `${c}/changes/${i.changeId}/undo`, fields: {} },
  ];
};

const naming = (attempts: Attempt[], ...ids: string[]) => attempts.filter((a) => ids.some((id) => a.path.includes(id) || JSON.stringify(a.fields ?? {}).includes(id)));

/** A prompt world with a delivered prompt, a shared and a private answer, and a staff skip. */
async function furnished(tool: TestTool, platform: TestPlatform): Promise<PromptIds & { world: PromptWorld }> {
  const world = await buildPromptWorld(tool, platform);
  await deliverAsOf(tool.db, world.programId, '2027-01-04T08:00:00Z');
  const deliveryId = (await tool.db.selectFrom('prompt_deliveries').select('id').where('circle_id', '=', world.circle.id).executeTakeFirstOrThrow()).id;
  const path = `/programs/${world.programId}/prompts/${deliveryId}`;
  expect((await world.people.ines!.post(`${path}/answer`, { body: 'Shared words', visibility: 'circle' }, path)).status).to.equal(303);
  expect((await world.people.olu!.post(`${path}/answer`, { body: 'Private words of Olu', visibility: 'private' }, path)).status).to.equal(303);
  const answers = await tool.db.selectFrom('prompt_answers').select(['id', 'visibility']).where('delivery_id', '=', deliveryId).execute();
  const base = `/staff/programs/${world.programId}/prompts`;
  expect((await world.staff.get(base)).status).to.equal(200);
  const promptId = (await tool.db.selectFrom('prompts').select('id').where('program_id', '=', world.programId).executeTakeFirstOrThrow()).id;
  expect((await world.staff.post(`${base}/circles/${world.circle.id}/changes`, { promptId, kind: 'skip' }, `${base}/circles/${world.circle.id}`)).status).to.equal(303);
  const changeId = (await tool.db.selectFrom('circle_prompt_changes').select('id').where('circle_id', '=', world.circle.id).executeTakeFirstOrThrow()).id;
  return {
    world, programId: world.programId, circleId: world.circle.id, deliveryId, promptId, changeId,
    answerId: answers.find((a) => a.visibility === 'circle')!.id, privateAnswerId: answers.find((a) => a.visibility === 'private')!.id,
  };
}

describe('attack: prompt, journal and library routes', () => {
  let tool: TestTool;
  let canvas: TestPlatform;
  let moodle: TestPlatform;
  let a: PromptIds & { world: PromptWorld };
  let others: Array<PromptIds & { world: PromptWorld }>;

  before(async () => {
    tool = await startTestTool();
    canvas = await TestPlatform.start('canvas');
    moodle = await TestPlatform.start('moodle');
    for (const p of [canvas, moodle]) await tool.app.registry.registerPlatform(p.manualRegistration);
    a = await furnished(tool, canvas);
    others = [await furnished(tool, canvas), await furnished(tool, moodle)];
  });
  after(async () => {
    await tool.close();
    await canvas.close();
    await moodle.close();
  });

  const promptPage = (i: PromptIds) => `/programs/${i.programId}/prompts/${i.deliveryId}`;

  it('when a learner of another course or tenant names this course\'s program, delivery or answer, alone or under their own program, then every route answers 404 and nothing changes', async () => {
    for (const other of others) {
      const ines = other.world.people.ines!;
      const auth = await authFrom(ines, promptPage(other));
      await expectDbUnchanged(tool.db, async () => {
        await expectEachRefused(tool.app.express, ines, auth, learnerAttempts(a));
        await expectEachRefused(tool.app.express, ines, auth, naming(learnerAttempts({ ...a, programId: other.programId }), a.deliveryId, a.answerId));
      });
    }
  });

  it('when a circle-mate replies to a private journal entry, even with an empty reply, then it answers 404 and nothing changes', async () => {
    const ines = a.world.people.ines!;
    const auth = await authFrom(ines, promptPage(a));
    await expectDbUnchanged(tool.db, () => expectEachRefused(tool.app.express, ines, auth, naming(learnerAttempts({ ...a, answerId: a.privateAnswerId }), a.privateAnswerId)));
  });

  it('when staff of another course or tenant use this program\'s prompt routes, or its prompt, circle and change ids under their own program, then they answer 404 and nothing changes', async () => {
    for (const other of others) {
      const staff = other.world.staff;
      const auth = await authFrom(staff, `/staff/programs/${other.programId}/prompts`);
      await expectDbUnchanged(tool.db, async () => {
        await expectEachRefused(tool.app.express, staff, auth, staffAttempts(a));
        const underOwn = { ...other, promptId: a.promptId, circleId: a.circleId, changeId: a.changeId };
        await expectEachRefused(tool.app.express, staff, auth, naming(staffAttempts(underOwn), a.promptId, a.circleId, a.changeId), [404, 400, 422]);
        await expectEachRefused(tool.app.express, staff, auth, [{ method: 'POST', path: `/staff/programs/${other.programId}/prompts/circles/${other.circleId}/changes/${a.changeId}/undo`, fields: {} }]);
      });
    }
  });

  it('when a learner of the program uses the staff prompt routes, then they are refused and nothing changes', async () => {
    const ines = a.world.people.ines!;
    await expectDbUnchanged(tool.db, async () => expectEachRefused(tool.app.express, ines, await authFrom(ines, promptPage(a)), staffAttempts(a), [403, 404]));
  });

  it('when ids are malformed in any position of a prompt route, then it answers 404 and nothing changes', async () => {
    const ines = a.world.people.ines!;
    const learnerAuth = await authFrom(ines, promptPage(a));
    const staffAuth = await authFrom(a.world.staff, `/staff/programs/${a.programId}/prompts`);
    await expectDbUnchanged(tool.db, async () => {
      for (const raw of CRAFTED_IDS) {
        const bad = encodeURIComponent(raw);
        for (const key of ['programId', 'deliveryId', 'answerId'] as const) await expectEachRefused(tool.app.express, ines, learnerAuth, naming(learnerAttempts({ ...a, [key]: bad }), bad));
        for (const key of ['programId', 'promptId', 'circleId', 'changeId'] as const) {
          const attempts = staffAttempts({ ...a, [key]: bad }).filter((x) => x.path.includes(bad));
          await expectEachRefused(tool.app.express, a.world.staff, staffAuth, attempts);
        }
      }
    });
  });
});
