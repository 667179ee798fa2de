import { expect } from 'chai';
import { readFile } from 'node:fs/promises';
import { uuidV5, statementIdFor } from '../../../src/xapi/ids.js';
import { profileDocument, type ProfileTemplate } from '../../../src/xapi/profile/profile-document.js';
import { checkRule, checkTemplate, matchingTemplates } from '../../../src/xapi/profile/template-checker.js';
import { buildStatement } from '../../../src/xapi/statement-builders.js';
import { EXTENSION, PROFILE_VERSION, VERB } from '../../../src/xapi/vocabulary.js';
import { buildEvent, buildSnapshot, EVENT_TYPES, MENTOR } from '../../support/xapi-factories.js';

const OPTIONS = { pseudonymKey: 'pseudonym-key' };
const templates = profileDocument().templates as ProfileTemplate[];
const templateKey = (t: ProfileTemplate) => t.id.split('/').pop();

describe('statement builders against the published profile', () => {
  for (const type of EVENT_TYPES) {
    it(`when a ${type} event is built, then the statement matches a template of the profile`, () => {
      const statement = buildStatement(buildEvent(type), buildSnapshot(), OPTIONS);
      const matches = matchingTemplates(statement, templates);
      const why = templates.map((t) => `${templateKey(t)}: ${checkTemplate(statement, t).join('; ')}`).join('\n');
      expect(matches, why).to.have.length.greaterThan(0);
    });
  }

  const variants: Array<[string, ReturnType<typeof buildEvent>, string]> = [
    ['a mentor joins a circle', buildEvent('circle_joined', { data: { role: 'mentor' } }), 'circle-mentored'],
    ['a mentee joins a circle', buildEvent('circle_joined'), 'circle-joined'],
    ['an answer is shared with the circle', buildEvent('prompt_answered', { data: { promptId: 'p', promptVersion: 3, visibility: 'circle', answerId: 'a' } }), 'prompt-shared'],
    ['an answer is private', buildEvent('prompt_answered'), 'prompt-responded'],
    ['a program event has no circle', buildEvent('goal_set', { circleId: null }), 'goal-set'],
  ];
  for (const [when, event, key] of variants) {
    it(`when ${when}, then exactly the ${key} template matches`, () => {
      const statement = buildStatement(event, buildSnapshot(), OPTIONS);
      expect(matchingTemplates(statement, templates).map(templateKey)).to.deep.equal([key]);
    });
  }

  it('when the committed profile file is compared with the served document, then they are the same', async () => {
    const committed = JSON.parse(await readFile(new URL('../../../docs/xapi-profile.jsonld', import.meta.url), 'utf8'));
    expect(committed).to.deep.equal(profileDocument());
  });
});

describe('statement shape', () => {
  it('when an event is built twice, then the statement id is the same UUID v5 of the event id', () => {
    const event = buildEvent('meeting_attended');
    const a = buildStatement(event, buildSnapshot(), OPTIONS);
    expect(a.id).to.equal(statementIdFor(event.id)).and.to.match(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(uuidV5('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).to.equal('2ed6657d-e927-568b-95e1-2665a8aea6a2');
  });

  it('when a program statement is built, then it carries account actor, registration, course and program grouping, profile category', () => {
    const snapshot = buildSnapshot();
    const event = buildEvent('meeting_attended');
    const s = buildStatement(event, snapshot, OPTIONS);
    expect(s.actor).to.deep.equal({ objectType: 'Agent', account: { homePage: 'https://moodle.example.edu', name: 'mentee-7' } });
    expect(s.context.registration).to.equal(snapshot.registration);
    expect(s.context.contextActivities.grouping.map((a) => a.id)).to.deep.equal([
      'https://mentoring-circles.example/xapi/activities/courses/https%3A%2F%2Fmoodle.example.edu/101',
      `https://mentoring-circles.example/xapi/activities/programs/${event.programId}`,
    ]);
    expect(s.context.contextActivities.parent[0]!.id).to.contain(`/circles/${event.circleId}`);
    expect(s.context.contextActivities.category[0]!.id).to.equal(PROFILE_VERSION);
    expect(s.context.extensions[EXTENSION.programTypes.id]).to.deep.equal(['one_on_one', 'group']);
    expect(s.result).to.deep.equal({ completion: true, duration: 'PT50M' });
    expect(s.timestamp).to.equal('2026-11-20T10:00:00.000Z');
  });

  it('when the identity mode is pseudonymous, then the account name is a keyed hash and no name or email appears', () => {
    const s = buildStatement(buildEvent('match_proposed'), buildSnapshot({ identity: 'pseudonymous' }), OPTIONS);
    expect(s.actor.account!.name).to.match(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(s)).not.to.contain('mentee-7').and.not.to.contain('@example.edu').and.not.to.contain('Person');
    expect(s.context.instructor!.account!.name).to.match(/^[0-9a-f]{64}$/);
  });

  it('when the identity mode is email and the platform shared one, then the actor is identified by mbox', () => {
    const s = buildStatement(buildEvent('goal_set'), buildSnapshot({ identity: 'email' }), OPTIONS);
    expect(s.actor).to.deep.equal({ objectType: 'Agent', name: 'Person mentee-7', mbox: 'mailto:mentee-7@example.edu' });
  });

  it('when feedback is given, then the object is the partner and only the rating travels', () => {
    const s = buildStatement(buildEvent('feedback_given'), buildSnapshot(), OPTIONS);
    expect(s.verb.id).to.equal(VERB.gaveFeedback.id);
    expect(s.object).to.deep.equal({ objectType: 'Agent', account: { homePage: 'https://moodle.example.edu', name: 'mentor-3' } });
    expect(s.result).to.deep.equal({ score: { raw: 4, min: 1, max: 5, scaled: 0.75 } });
  });

  it('when an event names someone the snapshot does not know, then building fails with STATEMENT_UNBUILDABLE', () => {
    const snapshot = buildSnapshot();
    delete snapshot.people[MENTOR];
    expect(() => buildStatement(buildEvent('match_accepted'), snapshot, OPTIONS)).to.throw().with.property('code', 'STATEMENT_UNBUILDABLE');
  });

  it('when a program event lost its program, then building fails with STATEMENT_UNBUILDABLE', () => {
    expect(() => buildStatement(buildEvent('goal_set'), buildSnapshot({ program: null }), OPTIONS)).to.throw().with.property('code', 'STATEMENT_UNBUILDABLE');
  });
});

describe('template checker', () => {
  const statement = () => buildStatement(buildEvent('program_completed'), buildSnapshot(), OPTIONS) as unknown as Record<string, any>;
  const completed = templates.find((t) => t.id.endsWith('/program-completed'))!;

  it('when the registration is missing, then the statement no longer matches', () => {
    const s = statement();
    delete s.context.registration;
    expect(checkTemplate(s, completed)).to.deep.equal(['$.context.registration is missing']);
  });

  it('when the verb or grouping differs, then the checker says so', () => {
    const s = statement();
    s.verb.id = VERB.attended.id;
    s.context.contextActivities.grouping = s.context.contextActivities.grouping.slice(0, 1);
    const problems = checkTemplate(s, completed);
    expect(problems.some((p) => p.startsWith('verb is'))).to.equal(true);
    expect(problems.some((p) => p.startsWith('no grouping activity'))).to.equal(true);
  });

  it('when a statement carries free text in result.response, then the excluded rule fails', () => {
    const s = statement();
    s.result.response = 'my private reflection';
    expect(checkTemplate(s, completed)).to.deep.equal(['$.result.response must be absent']);
  });

  it('when any/all/none rules are evaluated, then each behaves as the profiles spec says', () => {
    const s = { a: [1, 2], b: 'x' };
    expect(checkRule(s, { location: '$.a[*]', any: [2, 9] })).to.deep.equal([]);
    expect(checkRule(s, { location: '$.a[*]', any: [7] })).to.have.length(1);
    expect(checkRule(s, { location: '$.a[*]', all: [1, 2, 3] })).to.deep.equal([]);
    expect(checkRule(s, { location: '$.a[*]', all: [1] })).to.have.length(1);
    expect(checkRule(s, { location: '$.b', none: ['x'] })).to.have.length(1);
    expect(checkRule(s, { location: '$.c', presence: 'recommended', all: [1] })).to.deep.equal([]);
  });
});
