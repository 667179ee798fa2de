import { expect } from 'chai';
import { lmsLinkFrom } from '../../../src/notify/lms-link.js';
import { createUnsubscribeTokens } from '../../../src/notify/unsubscribe-token.js';
import { outcomeOf, parseFrom } from '../../../src/notify/mailer.js';
import { notifyBackoffMs } from '../../../src/jobs/notification-delivery-job.js';

const TENANT = '0b8c2a8e-7d3c-4f59-9a57-1f1d1f0e0a01';
const USER = '5f0e7c1a-2b3d-4e5f-8a9b-0c1d2e3f4a5b';

describe('notification links, unsubscribe tokens and SMTP outcomes', () => {
  it('when a launch came from Moodle or Canvas, then mails link to the course page in the LMS, never the return URL itself', () => {
    expect(lmsLinkFrom('https://moodle.example/sub/mod/lti/return.php?course=7&launch_container=3&instanceid=12&sesskey=abc', 'moodle'))
      .to.equal('https://moodle.example/sub/course/view.php?id=7');
    expect(lmsLinkFrom('https://school.instructure.com/courses/123/external_content/success/external_tool_redirect', 'canvas'))
      .to.equal('https://school.instructure.com/courses/123');
    expect(lmsLinkFrom('https://lms.example/whatever?token=1', 'sakai'), 'unknown LMS: no link').to.equal(null);
    expect(lmsLinkFrom('javascript:alert(1)', 'canvas')).to.equal(null);
    expect(lmsLinkFrom(null, 'moodle')).to.equal(null);
  });

  it('when a token is signed, then it verifies; altered, for another kind, or with another key, it does not', () => {
    const tokens = createUnsubscribeTokens('secret-one-0123456789abcdef0123456789');
    const token = tokens.sign({ tenantId: TENANT, userId: USER, scope: 'meeting' });
    expect(tokens.verify(token)).to.deep.equal({ tenantId: TENANT, userId: USER, scope: 'meeting' });
    const [body, mac] = token.split('.') as [string, string];
    const forged = Buffer.from(`${TENANT}.${USER}.all`).toString('base64url');
    expect(tokens.verify(`${forged}.${mac}`)).to.equal(null);
    expect(tokens.verify(`${body}.${mac.slice(0, -1)}A`)).to.equal(null);
    expect(tokens.verify(`${body}`)).to.equal(null);
    expect(tokens.verify('ü.ö')).to.equal(null);
    expect(createUnsubscribeTokens('another-secret-0123456789abcdef012345').verify(token)).to.equal(null);
  });

  it('when SMTP fails, then 5xx is final and everything else is retried with a capped backoff', () => {
    expect(outcomeOf({ responseCode: 550, code: 'EENVELOPE', message: 'no such user' }).kind).to.equal('refused');
    expect(outcomeOf({ responseCode: 421, code: 'EENVELOPE', message: 'try later' })).to.include({ kind: 'retry', serverDown: true });
    expect(outcomeOf({ responseCode: 450, code: 'EENVELOPE', message: 'mailbox busy' }), 'this mail only')
      .to.include({ kind: 'retry', serverDown: false });
    expect(outcomeOf({ code: 'ECONNREFUSED', message: 'connect ECONNREFUSED' })).to.include({ kind: 'retry', serverDown: true });
    expect(outcomeOf({ responseCode: 535, code: 'EAUTH', message: 'bad login' }), 'a login problem is the operator\'s to fix')
      .to.include({ kind: 'retry', serverDown: true });
    expect(outcomeOf({ code: 'EENVELOPE', message: 'No recipients defined' }).kind, 'an address nodemailer refuses').to.equal('refused');
    expect([0, 1, 2].map((a) => notifyBackoffMs(a, 60))).to.deep.equal([60_000, 120_000, 240_000]);
    expect(notifyBackoffMs(30, 60)).to.equal(6 * 3_600_000);
    expect(parseFrom('Mentoring Circles <mc@example.org>')).to.deep.equal({ name: 'Mentoring Circles', address: 'mc@example.org' });
    expect(parseFrom('mc@example.org')).to.deep.equal({ name: 'mc@example.org', address: 'mc@example.org' });
  });
});
