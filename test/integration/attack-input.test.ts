import { expect } from 'chai';
import { authFrom, EVIL_ORIGIN, postForm, TOOL_ORIGIN } from '../support/attack-world.js';
import { attempt, expectDbUnchanged, contractForm, goalForm, meetingForm, type Attempt } from '../support/circle-attack-world.js';
import { buildCircleWorld, useToolAndCanvas, type CircleWorld } from '../support/circle-life-world.js';
import { decodeHtml } from '../support/html.js';
import { deliverAsOf } from '../support/prompt-world.js';
import type { ToolSession } from '../support/tool-session.js';

const HTML = '<script>alert(1)</script><img src=x onerror=alert(2)>';

describe('attack: crafted query strings, bodies and tokens on the circle, matching and prompt pages', () => {
  const env = useToolAndCanvas();
  let w: CircleWorld;
  let mentee: ToolSession;
  let menteeP: string;
  let deliveryId: string;

  before(async () => {
    w = await buildCircleWorld(env.tool, env.canvas, ['mentor', 'mentee'], { program: { cadence: 'weekly', startsOn: '2027-01-04', endsOn: '2027-12-20' } });
    mentee = w.members[1]!;
    menteeP = (await env.tool.db.selectFrom('circle_members').select('participant_id').where('circle_id', '=', w.circleId).where('role', '=', 'mentee').executeTakeFirstOrThrow()).participant_id;
    expect((await w.staff.get(`/staff/programs/${w.programId}/prompts`)).status).to.equal(200);
    await deliverAsOf(env.tool.db, w.programId, '2027-03-01T08:00:00Z');
    deliveryId = (await env.tool.db.selectFrom('prompt_deliveries').select('id').where('circle_id', '=', w.circleId).executeTakeFirstOrThrow()).id;
  });

  const memberPages = () => [w.path(), w.path('/contract'), w.path('/goals/new'), w.path('/meetings/new'), `/programs/${w.programId}`,
    `/programs/${w.programId}/match`, `/programs/${w.programId}/profile`, `/programs/${w.programId}/survey`, `/programs/${w.programId}/prompts`, `/programs/${w.programId}/prompts/${deliveryId}`];
  const staffPages = () => ['circles', 'circle-progress', 'survey', 'matching', 'matching/settings', 'skills', 'prompts', 'prompts/library', 'prompts/library/new', `prompts/circles/${w.circleId}`]
    .map((rest) => `/staff/programs/${w.programId}/${rest}`).concat(['/staff/lrs']);

  it('when the notice names a property every JS object has, or comes as an array or an object, then every page answers 200 and shows no notice', async () => {
    const queries = ['__defineGetter__', 'constructor', '__proto__', 'hasOwnProperty', 'toString'].map((notice) => `notice=${notice}`).concat(['notice[]=a&notice[]=b', 'notice[__proto__]=x', `notice=${'x'.repeat(5000)}`]);
    for (const [session, pages] of [[mentee, memberPages()], [w.staff, staffPages()]] as const) {
      for (const page of pages) {
        for (const q of queries) {
          const res = await session.get(`${page}?${q}`);
          expect(res.status, `${page} ?${q.slice(0, 40)}`).to.equal(200);
          expect(res.text, `${page} ?${q.slice(0, 40)}`).not.to.contain('role="status"');
        }
      }
    }
  });

  it('when forms send arrays or objects where text is expected, or 100 000 characters, then no write answers 500', async () => {
    const long = 'x'.repeat(100_000);
    const odd = (text: string | string[]) => [
      { method: 'POST', path: w.path('/goals'), fields: goalForm(menteeP, { title: text, measure: text }) },
      { method: 'POST', path: w.path('/contract'), fields: { ...contractForm, cadence: text, baseVersion: Array.isArray(text) ? text : '0' } },
      { method: 'POST', path: w.path('/meetings'), fields: { ...meetingForm, agenda: text, date: Array.isArray(text) ? text : meetingForm.date } },
      { method: 'POST', path: `/programs/${w.programId}/prompts/${deliveryId}/answer`, fields: { body: text, visibility: Array.isArray(text) ? text : 'private' } },
      { method: 'POST', path: `/programs/${w.programId}/profile`, fields: { headline: text, bio: text } },
      { method: 'POST', path: `/programs/${w.programId}/survey`, fields: { comment: text, q1: text } },
    ] as Attempt[];
    const auth = await authFrom(mentee, w.path('/goals/new'));
    for (const text of [['a', 'b'], long, ['__proto__']]) {
      for (const a of odd(text)) {
        const res = await attempt(env.tool.app.express, mentee, auth, a);
        expect(res.status, `${a.path} with ${String(text).slice(0, 20)}`).to.be.below(500);
      }
    }
    const staffAuth = await authFrom(w.staff, `/staff/programs/${w.programId}/skills`);
    for (const name of [['a', 'b'], long]) {
      const res = await attempt(env.tool.app.express, w.staff, staffAuth, { method: 'POST', path: `/staff/programs/${w.programId}/skills`, fields: { name } });
      expect(res.status, `skill ${String(name).slice(0, 20)}`).to.be.below(500);
    }
  });

  it('when a goal, a milestone and a shared answer carry HTML, then their pages show it as text', async () => {
    const goal = await w.post(mentee, '/goals', goalForm(menteeP, { title: HTML }));
    expect(goal.status, goal.text.slice(0, 300)).to.equal(303);
    const goalId = /\/goals\/([0-9a-f-]{36})/.exec(goal.headers.location!)![1]!;
    expect((await w.post(mentee, `/goals/${goalId}/milestones`, { title: HTML, criteria: HTML, dueOn: '2027-02-01' })).status).to.equal(303);
    const prompt = `/programs/${w.programId}/prompts/${deliveryId}`;
    expect((await mentee.post(`${prompt}/answer`, { body: HTML, visibility: 'circle' }, prompt)).status).to.equal(303);
    for (const [session, page] of [[mentee, w.path(`/goals/${goalId}`)], [w.members[0]!, w.path()], [w.members[0]!, prompt]] as const) {
      const res = await session.get(page);
      expect(res.status, page).to.equal(200);
      expect(res.text, page).to.contain('&lt;script&gt;alert(1)&lt;/script&gt;').and.not.to.contain('<script>alert').and.not.to.contain('<img src=x');
    }
  });

  it('when a write of each area comes without a token, with another session\'s token or from a foreign Origin, then it is refused with 403 and nothing is saved', async () => {
    const mine = await authFrom(mentee, w.path('/goals/new'));
    const staffAuth = await authFrom(w.staff, `/staff/programs/${w.programId}/skills`);
    const writes: Array<{ auth: typeof mine; path: string; fields: Record<string, string | string[]> }> = [
      { auth: mine, path: w.path('/contract'), fields: contractForm }, { auth: mine, path: w.path('/goals'), fields: goalForm(menteeP) },
      { auth: mine, path: w.path('/meetings'), fields: meetingForm }, { auth: mine, path: `/programs/${w.programId}/prompts/${deliveryId}/answer`, fields: { body: 'csrf', visibility: 'private' } },
      { auth: staffAuth, path: `/staff/programs/${w.programId}/skills`, fields: { name: 'CSRF skill' } },
      { auth: staffAuth, path: `/staff/programs/${w.programId}/prompts/circles/${w.circleId}/pause`, fields: { paused: 'true' } },
      { auth: staffAuth, path: `/staff/programs/${w.programId}/prompts/library`, fields: { category: 'reflection', title: 'CSRF', body: 'CSRF prompt body', audience: 'circle', minutes: '5' } },
    ];
    await expectDbUnchanged(env.tool.db, async () => {
      for (const write of writes) {
        // Another live session's token: the staff's for the mentee's forms and the other way round.
        const otherAuth = write.auth === mine ? staffAuth : mine;
        for (const [label, fields, headers] of [
          ['no token', { ...write.fields, s: write.auth.s }, { Origin: TOOL_ORIGIN }],
          ['other session\'s token', { ...write.fields, s: write.auth.s, _csrf: otherAuth._csrf }, { Origin: TOOL_ORIGIN }],
          ['foreign Origin', { ...write.fields, ...write.auth }, { Origin: EVIL_ORIGIN }],
        ] as const) {
          const res = await postForm(env.tool.app.express, write.path, fields, headers);
          expect(res.status, `${write.path} ${label}`).to.equal(403);
        }
      }
    });
  });
});
