import { expect } from 'chai';
import { CLAIM } from '../../../src/lti/claims.js';
import { newLaunchOf } from '../../../src/lti/new-launch.js';

const moodle = (extra: Record<string, unknown> = {}) => ({
  iss: 'https://lms.example.edu/moodle',
  [CLAIM.toolPlatform]: { product_family_code: 'moodle' },
  [CLAIM.launchPresentation]: { return_url: 'https://lms.example.edu/moodle/mod/lti/return.php?course=2' },
  ...extra,
});

describe('newLaunchOf: where a new top-level launch starts', () => {
  it('when Moodle\'s message hint names the course module, then the module\'s launch page under the site URL', () => {
    expect(newLaunchOf(moodle(), { lti_message_hint: '{"cmid":17,"launchid":"ltilaunch1_x"}' }))
      .to.deep.equal({ url: 'https://lms.example.edu/moodle/mod/lti/launch.php?id=17', kind: 'activity' });
  });

  it('when the hint is not Moodle\'s JSON or its cmid is not a number, then the course page (return_url)', () => {
    for (const hint of ['opaque', '{"cmid":"1;drop"}', '{"cmid":{"a":1}}', '']) {
      expect(newLaunchOf(moodle(), { lti_message_hint: hint })?.kind, hint).to.equal('course');
    }
  });

  it('when another platform sends a Moodle-like hint, then only its return_url', () => {
    const canvas = { ...moodle(), [CLAIM.toolPlatform]: { product_family_code: 'canvas' } };
    expect(newLaunchOf(canvas, { lti_message_hint: '{"cmid":17}' })?.kind).to.equal('course');
  });

  it('when the return_url is not http(s), then no link at all', () => {
    const payload = { ...moodle(), [CLAIM.launchPresentation]: { return_url: 'javascript:alert(1)' } };
    expect(newLaunchOf(payload, {})).to.equal(undefined);
  });
});
