import { expect } from 'chai';
import { TestCmi5Lms } from '../support/cmi5-lms/cmi5-lms.js';
import type { LmsSession } from '../support/cmi5-lms/lms-session.js';
import { TestLrs } from '../support/lrs.js';
import { cmi5Statement, type Cmi5Verb } from '../../src/delivery/cmi5/cmi5-statements.js';

type Stmt = Record<string, any>;

/**
 * The test LMS is only worth its green if it goes red: an AU that breaks the rules, driven by hand
 * here, is refused with the requirement it broke.
 */
describe('the test cmi5 LMS as a checker', function () {
  this.timeout(60_000);
  let lrs: TestLrs;
  let lms: TestCmi5Lms;

  before(async () => {
    lrs = await TestLrs.start();
    lms = await TestCmi5Lms.start(lrs);
  });
  after(async () => {
    await lms.close();
    await lrs.kill();
  });

  async function started(): Promise<{ session: LmsSession; token: string; launchData: Stmt }> {
    const { url, session } = await lms.launch({
      auUrl: 'https://au.example/launch',
      publisherId: 'https://au.example/au',
      learner: 'checker',
    });
    const fetchUrl = new URL(url).searchParams.get('fetch')!;
    const { 'auth-token': token } = (await (
      await fetch(fetchUrl, { method: 'POST' })
    ).json()) as Stmt;
    const again = (await (await fetch(fetchUrl, { method: 'POST' })).json()) as Stmt;
    expect(again).to.deep.equal({
      'error-code': '1',
      'error-text': 'The authorization token has already been returned.',
    });
    const state = new URL(`${lms.origin}/xapi/activities/state`);
    for (const [k, v] of Object.entries({
      activityId: session.facts.activityId,
      agent: JSON.stringify(session.facts.actor),
      registration: session.facts.registration,
      stateId: 'LMS.LaunchData',
    }))
      state.searchParams.set(k, v);
    const launchData = (await (await fetch(state, { headers: auth(token) })).json()) as Stmt;
    const put = await fetch(state, { method: 'PUT', headers: auth(token), body: '{}' });
    expect(put.status).to.equal(403);
    const profile = new URL(`${lms.origin}/xapi/agents/profile`);
    profile.searchParams.set('agent', JSON.stringify(session.facts.actor));
    profile.searchParams.set('profileId', 'cmi5LearnerPreferences');
    await fetch(profile, { headers: auth(token) });
    return { session, token, launchData };
  }

  const auth = (token: string) => ({
    Authorization: `Basic ${token}`,
    'Content-Type': 'application/json',
  });

  function statement(s: LmsSession, data: Stmt, verb: Cmi5Verb, id: string): Stmt {
    const launch = {
      id,
      actor: s.facts.actor as unknown as Record<string, unknown>,
      registration: s.facts.registration,
      activityId: s.facts.activityId,
      contextTemplate: data.contextTemplate,
      masteryScore: null,
      initializedAt: new Date(Date.now() - 1000),
    };
    return cmi5Statement(launch, verb, new Date());
  }

  async function send(token: string, body: Stmt): Promise<number> {
    const res = await fetch(`${lms.origin}/xapi/statements`, {
      method: 'POST',
      headers: auth(token),
      body: JSON.stringify([body]),
    });
    return res.status;
  }

  const broken = (s: LmsSession) => s.violations.map((v) => v.requirement);

  it('when an AU breaks the order, the results or the context, then each statement is refused with its requirement id', async () => {
    const { session, token, launchData } = await started();
    expect(broken(session)).to.deep.equal(['10.2.1.0-5 (d)']);
    expect(await send(token, statement(session, launchData, 'completed', 'a'))).to.equal(400);
    expect(await send(token, statement(session, launchData, 'initialized', 'b'))).to.be.below(300);
    const noDuration = statement(session, launchData, 'completed', 'c');
    delete noDuration.result.duration;
    expect(await send(token, noDuration)).to.equal(400);
    const noSession = statement(session, launchData, 'completed', 'd');
    noSession.context.extensions = {};
    expect(await send(token, noSession)).to.equal(400);
    expect(await send(token, statement(session, launchData, 'completed', 'e'))).to.be.below(300);
    expect(await send(token, statement(session, launchData, 'completed', 'f'))).to.equal(400);
    expect(await send(token, statement(session, launchData, 'terminated', 'g'))).to.be.below(300);
    expect(await send(token, statement(session, launchData, 'passed', 'h'))).to.equal(400);
    expect(broken(session)).to.include.members([
      '10.2.1.0-5 (d)',
      '9.3.0.0-4 (d2)',
      '9.5.4.1-2 (d)',
      '9.6.3.1-4 (d)',
      '10.2.1.0-7 (d)',
      '9.3.0.0-2 (d)',
      '9.3.0.0-6 (d2)',
      '9.3.0.0-5 (d2)',
    ]);
    expect(session.statements.map((s) => s.verb.id.split('/').pop())).to.deep.equal([
      'initialized',
      'completed',
      'terminated',
    ]);
  });
});
