import { expect } from 'chai';
import { buildUser } from '../support/platform-claims.js';
import { SCORE_MEDIA_TYPE, SCORE_SCOPE } from '../support/platform/ags-endpoint.js';
import { TestPlatform } from '../support/test-platform.js';

describe('the test platform\'s grade service (AGS scores, as Moodle and Canvas check them)', () => {
  let moodle: TestPlatform;
  let canvas: TestPlatform;
  const ctx = 'ags-course';
  const lineItem = (p: TestPlatform) => (p.flavour === 'moodle'
    ? `${p.url}/mod/lti/services.php/${ctx}/lineitems/2/lineitem?type_id=1`
    : `${p.url}/api/lti/courses/${ctx}/line_items/7`);
  const scoresUrl = (p: TestPlatform) => {
    const url = new URL(lineItem(p));
    url.pathname += '/scores';
    return url.toString();
  };
  const valid = { userId: 'sam', scoreGiven: 80, scoreMaximum: 100, activityProgress: 'Completed', gradingProgress: 'FullyGraded' };
  const post = (p: TestPlatform, body: object, scopes = [SCORE_SCOPE], type = SCORE_MEDIA_TYPE) => fetch(scoresUrl(p), {
    method: 'POST', body: JSON.stringify(body),
    headers: { authorization: `Bearer ${p.accessTokens.issue(p.clientId, scopes).token}`, 'content-type': type },
  });

  before(async () => {
    moodle = await TestPlatform.start('moodle');
    canvas = await TestPlatform.start('canvas', { ags: true });
    for (const p of [moodle, canvas]) p.roster(ctx).set([buildUser({ sub: 'sam' })]);
  });
  after(async () => {
    await moodle.close();
    await canvas.close();
  });

  for (const flavour of ['moodle', 'canvas'] as const) {
    const platform = () => (flavour === 'moodle' ? moodle : canvas);

    it(`when ${flavour} gets a score missing timestamp, activityProgress, gradingProgress, or scoreMaximum beside scoreGiven, then 400`, async () => {
      const at = new Date().toISOString();
      for (const body of [valid, { ...valid, timestamp: at, activityProgress: undefined }, { ...valid, timestamp: at, gradingProgress: undefined },
        { ...valid, timestamp: at, scoreMaximum: undefined }]) {
        expect((await post(platform(), body)).status, JSON.stringify(body)).to.equal(400);
      }
      expect(platform().ags.gradebook(lineItem(platform()))).to.deep.equal([]);
    });

    it(`when ${flavour} gets a score for an unknown user, a token without the score scope, or the wrong media type, then it refuses`, async () => {
      const at = new Date().toISOString();
      expect((await post(platform(), { ...valid, userId: 'nobody', timestamp: at })).status).to.equal(flavour === 'moodle' ? 400 : 404);
      expect((await post(platform(), { ...valid, timestamp: at }, ['https://purl.imsglobal.org/spec/lti-ags/scope/lineitem'])).status).to.equal(403);
      expect((await post(platform(), { ...valid, timestamp: at }, [SCORE_SCOPE], 'application/json')).status).to.equal(415);
    });

    it(`when ${flavour} gets scores in order, then the newest is kept and an older timestamp is refused; throttling answers 429`, async () => {
      const t1 = new Date(Date.now() - 2000).toISOString();
      const t2 = new Date(Date.now() - 1000).toISOString();
      expect((await post(platform(), { ...valid, scoreGiven: 50, timestamp: t2 })).ok).to.equal(true);
      expect((await post(platform(), { ...valid, scoreGiven: 40, timestamp: t1 })).status).to.equal(400);
      platform().ags.throttleNext(1, 3);
      const throttled = await post(platform(), { ...valid, timestamp: new Date().toISOString() });
      expect([throttled.status, throttled.headers.get('retry-after')]).to.deep.equal([429, '3']);
      expect(platform().ags.gradebook(lineItem(platform())).map((e) => [e.userId, e.scoreGiven, e.timestamp])).to.deep.equal([['sam', 50, t2]]);
    });
  }
});
