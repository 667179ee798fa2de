import { expect } from 'chai';
import { scoreMessageOf, scoresUrlOf } from '../../../src/lti/ags-client.js';
import { backoffMs } from '../../../src/jobs/score-delivery-job.js';

describe('AGS score client', () => {
  it('when the line item URL has a query (Moodle\'s type_id), then /scores goes on the path and the query stays', () => {
    expect(scoresUrlOf('https://moodle.test/mod/lti/services.php/2/lineitems/5/lineitem?type_id=1'))
      .to.equal('https://moodle.test/mod/lti/services.php/2/lineitems/5/lineitem/scores?type_id=1');
    expect(scoresUrlOf('https://canvas.test/api/lti/courses/1/line_items/7/')).to.equal('https://canvas.test/api/lti/courses/1/line_items/7/scores');
  });

  it('when a score has no value yet, then the message has no scoreGiven but keeps scoreMaximum and the progress fields', () => {
    const base = { scoreMaximum: 100 as const, activityProgress: 'InProgress' as const, completed: false, reasons: [], comment: 'c' };
    expect(scoreMessageOf({ ...base, scoreGiven: null, gradingProgress: 'Pending' }, 'sub-1')).to.deep.equal({
      userId: 'sub-1', scoreMaximum: 100, activityProgress: 'InProgress', gradingProgress: 'Pending', comment: 'c',
    });
    expect(scoreMessageOf({ ...base, scoreGiven: 40, gradingProgress: 'FullyGraded' }, 'sub-1')).to.include({ scoreGiven: 40 });
  });

  it('when deliveries keep failing, then the pause doubles from 5 s to at most 15 minutes, and Retry-After is honoured', () => {
    expect([0, 1, 2, 3].map((a) => backoffMs(a, null))).to.deep.equal([5_000, 10_000, 20_000, 40_000]);
    expect(backoffMs(50, null)).to.equal(900_000);
    expect(backoffMs(0, 60_000)).to.equal(60_000);
    expect(backoffMs(0, 10 * 3_600_000)).to.equal(900_000);
  });
});
