import { expect } from 'chai';
import { buildCircleWorld, useToolAndCanvas, type CircleWorld } from '../support/circle-life-world.js';
import { decodeHtml } from '../support/html.js';

const terms = (overrides: Record<string, string> = {}) => ({
  baseVersion: '0', mentorRole: 'Listens and asks good questions.', menteeObjectives: 'Lead a cross-functional initiative by June.',
  cadence: 'Monthly, one hour, video.', confidentiality: 'What we say stays in the circle.', feedbackChannel: 'Five minutes at the end of each meeting.',
  escalationPath: 'Talk to each other first, then the program staff.', ...overrides,
});

describe('learning contract of a circle', () => {
  const env = useToolAndCanvas();
  let world: CircleWorld;

  beforeEach(async () => {
    world = await buildCircleWorld(env.tool, env.canvas, ['mentor', 'mentee', 'mentee']);
  });

  it('when no contract exists yet, then the form is prefilled with the program\'s confidentiality statement and cadence', async () => {
    const page = await world.members[1]!.get(world.path('/contract'));
    expect(page.status, page.text).to.equal(200);
    expect(decodeHtml(page.text)).to.contain('What is said in a circle stays in the circle; staff see only progress numbers.').and.to.contain('Monthly, about an hour');
  });

  it('when every member acknowledges the proposed version, then it is agreed once, with its version in the event', async () => {
    const [mentor, mentee1, mentee2] = world.members as [typeof world.members[0], typeof world.members[0], typeof world.members[0]];
    const proposed = await world.post(mentee1, '/contract', terms());
    expect(proposed.status, proposed.text).to.equal(303);
    let page = await mentor.get(world.path('/contract'));
    expect(page.text).to.contain('Version 1').and.to.contain('Waiting for acknowledgement').and.to.contain('I have read version 1');
    expect(decodeHtml(page.text)).to.match(/waiting for Mel Mentee 2, Mona Mentor|waiting for Mona Mentor, Mel Mentee 2/);

    expect((await world.post(mentor, '/contract/acknowledge', { version: '1' })).status).to.equal(303);
    expect(await world.events('contract_agreed')).to.have.length(0);
    const last = await world.post(mentee2, '/contract/acknowledge', { version: '1' });
    expect(last.headers.location).to.contain('notice=contract-agreed');
    const again = await world.post(mentee2, '/contract/acknowledge', { version: '1' });
    expect(again.status).to.equal(303);

    const agreed = await world.events('contract_agreed');
    expect(agreed).to.have.length(1);
    expect(agreed[0]!.data).to.deep.equal({ version: 1 });
    expect(agreed[0]!.circleId).to.equal(world.circleId);
    page = await mentee1.get(world.path());
    expect(page.text).to.contain('Agreed').and.to.contain('Version 1, acknowledged by everyone');
  });

  it('when a member changes the contract, then a new version waits for everyone again and the old one stays readable', async () => {
    const [mentor, mentee1, mentee2] = world.members as [typeof world.members[0], typeof world.members[0], typeof world.members[0]];
    await world.post(mentee1, '/contract', terms());
    await world.post(mentor, '/contract/acknowledge', { version: '1' });
    await world.post(mentee2, '/contract/acknowledge', { version: '1' });
    const changed = await world.post(mentor, '/contract', terms({ baseVersion: '1', cadence: 'Every two weeks, 45 minutes.' }));
    expect(changed.status, changed.text).to.equal(303);

    const page = await mentee2.get(world.path('/contract'));
    expect(page.text).to.contain('Version 2').and.to.contain('Every two weeks, 45 minutes.').and.to.contain('I have read version 2');
    expect(page.text).to.contain('Earlier versions');
    const old = await mentee2.get(world.path('/contract/versions/1'));
    expect(old.status).to.equal(200);
    expect(old.text).to.contain('This is an earlier version').and.to.contain('Monthly, one hour, video.');

    const staleAck = await world.post(mentee2, '/contract/acknowledge', { version: '1' });
    expect(staleAck.status).to.equal(409);
    await world.post(mentee1, '/contract/acknowledge', { version: '2' });
    await world.post(mentee2, '/contract/acknowledge', { version: '2' });
    expect((await world.events('contract_agreed')).map((e) => e.data.version).sort()).to.deep.equal([1, 2]);
  });

  it('when two members edit from the same version, then the second is told to reread and nothing of theirs is saved', async () => {
    const [mentor, mentee1] = world.members as [typeof world.members[0], typeof world.members[0]];
    await world.post(mentee1, '/contract', terms({ cadence: 'First edit' }));
    const late = await world.post(mentor, '/contract', terms({ cadence: 'Second edit' }));
    expect(late.status).to.equal(422);
    expect(late.text).to.contain('Someone changed the contract meanwhile').and.to.contain('Second edit');
    const rows = await env.tool.db.selectFrom('contract_versions').select(['version', 'cadence']).where('circle_id', '=', world.circleId).execute();
    expect(rows).to.deep.equal([{ version: 1, cadence: 'First edit' }]);
  });

  it('when a field is blank or too long, then it is flagged next to the field, typed text kept, nothing saved', async () => {
    const res = await world.post(world.members[0]!, '/contract', terms({ menteeObjectives: '  ', mentorRole: '<script>x</script>', cadence: 'x'.repeat(301) }));
    expect(res.status).to.equal(422);
    expect(res.text).to.contain('id="menteeObjectives-error"').and.to.contain('id="cadence-error"').and.to.contain('Nothing was saved');
    expect(res.text).to.contain('&lt;script&gt;x&lt;/script&gt;').and.not.to.contain('<script>x');
    expect(await env.tool.db.selectFrom('contract_versions').select('id').where('circle_id', '=', world.circleId).execute()).to.have.length(0);
  });
});
