import { expect } from 'chai';
import { buildCircleWorld, useToolAndCanvas, type CircleWorld } from '../support/circle-life-world.js';

const yesterday = () => new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);

describe('feedback after a meeting', () => {
  const env = useToolAndCanvas();
  let world: CircleWorld;
  let ids: { mentor: string; mentee1: string; mentee2: string };

  beforeEach(async () => {
    world = await buildCircleWorld(env.tool, env.canvas, ['mentor', 'mentee', 'mentee']);
    const members = await env.tool.db.selectFrom('circle_members as m').innerJoin('participants as p', 'p.id', 'm.participant_id').select(['m.participant_id', 'p.user_id'])
      .where('m.circle_id', '=', world.circleId).execute();
    const of = (i: number) => members.find((m) => m.user_id === world.userIdOf(world.members[i]!))!.participant_id;
    ids = { mentor: of(0), mentee1: of(1), mentee2: of(2) };
  });

  const meeting = async (date: string) => {
    const res = await world.post(world.members[0]!, '/meetings', { date, time: '10:00', durationMinutes: '60', mode: 'in_person', place: 'Room 4' });
    return /\/meetings\/([0-9a-f-]{36})/.exec(res.headers.location!)![1]!;
  };

  it('when a mentee rates the mentor after a meeting, then only the mentor reads the comment and the event carries the rating alone', async () => {
    const [mentor, mentee1, mentee2] = world.members as [CircleWorld['staff'], CircleWorld['staff'], CircleWorld['staff']];
    const id = await meeting(yesterday());
    const sent = await world.post(mentee1, `/meetings/${id}/feedback`, { toParticipantId: ids.mentor, rating: '4', comment: 'Your <b>questions</b> helped me see the plan' });
    expect(sent.status, sent.text).to.equal(303);

    const mentorPage = await mentor.get(world.path());
    expect(mentorPage.text).to.contain('Feedback for you').and.to.contain('4 of 5').and.to.contain('from Mel Mentee 1');
    expect(mentorPage.text).to.contain('Your &lt;b&gt;questions&lt;/b&gt; helped me see the plan');
    expect((await mentee2.get(world.path())).text).not.to.contain('helped me see the plan');
    expect((await mentee2.get(world.path(`/meetings/${id}`))).text).not.to.contain('helped me see the plan');
    const giverView = await mentee1.get(world.path(`/meetings/${id}`));
    expect(giverView.text).to.contain('You gave').and.to.contain('helped me see the plan');

    const events = await world.events('feedback_given');
    expect(events).to.have.length(1);
    expect(events[0]!.data).to.deep.equal({ meetingId: id, toUserId: world.userIdOf(mentor), rating: 4 });
    expect(JSON.stringify(events[0])).not.to.contain('helped me');
  });

  it('when the same person is rated twice for one meeting, or oneself, then it is refused inline and nothing more is saved', async () => {
    const mentee1 = world.members[1]!;
    const id = await meeting(yesterday());
    await world.post(mentee1, `/meetings/${id}/feedback`, { toParticipantId: ids.mentor, rating: '5' });
    const twice = await world.post(mentee1, `/meetings/${id}/feedback`, { toParticipantId: ids.mentor, rating: '1', comment: 'changed my mind' });
    expect(twice.status).to.equal(422);
    expect(twice.text).to.contain('You already gave Mona Mentor feedback on this meeting.');
    const self = await world.post(mentee1, `/meetings/${id}/feedback`, { toParticipantId: ids.mentee1, rating: '5' });
    expect(self.text).to.contain('Choose another member of this circle.');
    const rows = await env.tool.db.selectFrom('meeting_feedback').select(['rating', 'comment']).where('meeting_id', '=', id).execute();
    expect(rows).to.deep.equal([{ rating: 5, comment: null }]);
    expect(await world.events('feedback_given')).to.have.length(1);
  });

  it('when the rating is missing or off the scale, then the form says so and keeps the comment', async () => {
    const id = await meeting(yesterday());
    for (const rating of ['', '6', 'great']) {
      const res = await world.post(world.members[0]!, `/meetings/${id}/feedback`, { toParticipantId: ids.mentee2, rating, comment: 'Kept text' });
      expect(res.status).to.equal(422);
      expect(res.text).to.contain('id="rating-error"').and.to.contain('Kept text');
    }
    expect(await env.tool.db.selectFrom('meeting_feedback').select('id').where('meeting_id', '=', id).execute()).to.have.length(0);
  });

  it('when the meeting has not started yet, then feedback is not open', async () => {
    const id = await meeting('2027-04-01');
    const page = await world.members[1]!.get(world.path(`/meetings/${id}`));
    expect(page.text).to.contain('Feedback opens once the meeting has started.').and.not.to.contain('Send feedback');
    const res = await world.post(world.members[1]!, `/meetings/${id}/feedback`, { toParticipantId: ids.mentor, rating: '3' });
    expect(res.status).to.equal(422);
    expect(res.text).to.contain('Feedback opens once the meeting has started.');
  });

  it('when someone outside the circle gives feedback on its meeting, then it is not found', async () => {
    const id = await meeting(yesterday());
    const res = await world.post(world.outsider, `/meetings/${id}/feedback`, { toParticipantId: ids.mentor, rating: '1', comment: 'spam' });
    expect(res.status).to.equal(404);
    expect(await env.tool.db.selectFrom('meeting_feedback').select('id').where('meeting_id', '=', id).execute()).to.have.length(0);
  });
});
