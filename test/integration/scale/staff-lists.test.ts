import { expect } from 'chai';
import { decodeHtml } from '../../support/html.js';
import {
  buildMatchingWorld,
  buildProfileForm,
  matchingSuite,
} from '../../support/matching-world.js';
import {
  buildScaleWorld,
  countingSuite,
  type ScaleWorld,
} from '../../support/scale/scale-world.js';

const rowsOf = (html: string) => (html.match(/<tr>\s*<th scope="row">/g) ?? []).length;
const nextLink = (html: string) => /href="([^"]+)" rel="next"/.exec(html)?.[1];

describe('staff lists of a large program come in pages, with a search', function () {
  this.timeout(240_000);
  const suite = countingSuite();
  let world: ScaleWorld;
  before(async () => {
    world = await buildScaleWorld(suite, { mentors: 14, mentees: 60 });
    await world.approve();
  });

  it('when staff open the participants, then 50 show with a link to the rest, and a search finds one person', async () => {
    const first = decodeHtml((await world.staff.get(world.staffPath())).text);
    expect(rowsOf(first)).to.equal(50);
    expect(first).to.contain('1–50 of 76');
    const second = decodeHtml(
      (
        await world.staff.get(
          new URL(nextLink(first)!, 'http://tool.test').pathname,
          Object.fromEntries(new URL(nextLink(first)!, 'http://tool.test').searchParams),
        )
      ).text,
    );
    expect(rowsOf(second)).to.equal(26);
    const found = decodeHtml(
      (await world.staff.get(world.staffPath(), { q: 'Person 00007' })).text,
    );
    expect(rowsOf(found)).to.equal(1);
    expect(found).to.contain('Person 00007');
    const mentors = decodeHtml((await world.staff.get(world.staffPath(), { role: 'mentor' })).text);
    expect(rowsOf(mentors)).to.equal(15);
  });

  it('when a page number is past the end or not a number, then the last or first page shows instead of an error', async () => {
    expect(rowsOf((await world.staff.get(world.staffPath(), { page: '999' })).text)).to.equal(26);
    expect(rowsOf((await world.staff.get(world.staffPath(), { page: 'x<script>' })).text)).to.equal(
      50,
    );
  });

  it('when staff open circles and what is due, then 50 circles show per page and a member name finds their circle', async () => {
    const circles = decodeHtml((await world.staff.get(world.staffPath('/circles'))).text);
    expect((circles.match(/<section class="card circle"/g) ?? []).length).to.equal(50);
    expect(circles).to.contain('1–50 of 60');
    const one = decodeHtml(
      (await world.staff.get(world.staffPath('/circles'), { q: 'Person 00020' })).text,
    );
    expect((one.match(/<section class="card circle"/g) ?? []).length).to.equal(1);
    const due = decodeHtml((await world.staff.get(world.staffPath('/prompts'))).text);
    expect(rowsOf(due)).to.equal(50);
    expect(nextLink(due)).to.contain('page=2');
    expect(
      rowsOf(
        decodeHtml(
          (await world.staff.get(world.staffPath('/prompts'), { q: 'Person 00020' })).text,
        ),
      ),
    ).to.equal(1);
  });
});

describe('staff move someone from a page of circles with room', function () {
  this.timeout(120_000);
  const suite = matchingSuite();

  it('when staff open Move for a member, then circles with room are listed and Move here moves them; others are refused', async () => {
    const world = await buildMatchingWorld(
      suite.tool,
      suite.moodle,
      { ana: 'mentor', cy: 'mentor', bo: 'mentee', di: 'mentee' },
      { programTypes: ['group'], circleSizeMax: '4' },
    );
    for (const key of ['ana', 'cy'])
      await world.fillProfile(key, buildProfileForm({ capacity: '1' }));
    for (const key of ['bo', 'di']) await world.fillProfile(key, buildProfileForm());
    expect((await world.approve()).status).to.equal(303);
    const circles = (await world.circles()).filter((c) => c.status === 'active');
    const from = circles.find((c) => c.others.includes('Bo Mentee'))!;
    const admin = decodeHtml((await world.staff.get(world.staffPath('/circles'))).text);
    expect(admin, admin.slice(admin.indexOf('<h1>'), admin.indexOf('<h1>') + 3000)).to.contain(
      'aria-label="Move Bo Mentee"',
    );
    const path = world.staffPath(`/circles/${from.id}/move`);
    const page = decodeHtml(
      (await world.staff.get(path, { member: world.people.bo!.participantId })).text,
    );
    const targets = circles.filter((c) => c.id !== from.id);
    for (const t of targets) expect(page).to.contain(`name="toCircleId" value="${t.id}"`);
    expect(page).not.to.contain(`name="toCircleId" value="${from.id}"`);
    const moved = await world.staff.post(
      world.staffPath('/circles/move'),
      {
        participantId: world.people.bo!.participantId,
        fromCircleId: from.id,
        toCircleId: targets[0]!.id,
      },
      path + `?member=${world.people.bo!.participantId}`,
    );
    expect(moved.status, moved.text.slice(0, 300)).to.equal(303);
    expect((await world.circles()).find((c) => c.id === targets[0]!.id)!.others).to.include(
      'Bo Mentee',
    );
    expect(
      (await world.people.di!.session.get(path, { member: world.people.bo!.participantId })).status,
    ).to.equal(403);
    const other = await buildMatchingWorld(suite.tool, suite.moodle, { ed: 'mentor' });
    expect(
      (
        await other.staff.get(other.staffPath(`/circles/${from.id}/move`), {
          member: world.people.bo!.participantId,
        })
      ).status,
    ).to.equal(404);
    expect((await world.staff.get(path, { member: 'not-a-uuid' })).status).to.equal(422);
  });
});
