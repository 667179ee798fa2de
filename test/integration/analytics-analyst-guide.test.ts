import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as xapiValidation from '@learninglocker/xapi-validation';
import { expect } from 'chai';
import { sql } from 'kysely';
import { fencedAfter, guideRequests } from '../support/analytics/analyst-guide.js';
import { TestLrs } from '../support/lrs.js';
import { TestPlatform } from '../support/test-platform.js';
import { startTestTool, type TestTool } from '../support/test-tool.js';
import { append, buildCourseWorld, deliverAll, lrsLogin, setTenantLrs, worldEvent, type CourseWorld } from '../support/xapi-delivery-world.js';
import { EVENT_TYPES } from '../support/xapi-factories.js';

const BASE = 'https://mentoring-circles.example/xapi';
const ATTENDED = 'http://adlnet.gov/expapi/verbs/attended';
type Statement = Record<string, any>;
type Validate = (statement: unknown) => unknown[];
// A CommonJS module: its default export sits one level deeper when imported from ESM.
const imported = xapiValidation as unknown as { default: Validate | { default: Validate } };
const validateStatement: Validate = typeof imported.default === 'function' ? imported.default : imported.default.default;

/**
 * Every example of the analyst guide, run as written against the real LRS (Learning Locker's
 * statement service) after the tool delivered one statement of every kind in course A and a few
 * in course B; every statement stored passes Learning Locker's xAPI validation.
 */
describe('the analyst guide\'s example queries return what the guide says', function () {
  this.timeout(180_000);
  let lrs: TestLrs;
  let tool: TestTool;
  let moodle: TestPlatform;
  let a: CourseWorld;
  let b: CourseWorld;
  let all: Statement[];
  const ids = (list: Statement[]) => list.map((s) => s.id as string).sort();
  const byGuide: Record<string, string> = {};

  before(async () => {
    lrs = await TestLrs.start();
    tool = await startTestTool({ XAPI_RETRY_BASE_MS: '20', XAPI_RETRY_MAX_MS: '100' });
    moodle = await TestPlatform.start('moodle');
    await tool.app.registry.registerPlatform(moodle.manualRegistration);
    a = await buildCourseWorld(tool, moodle, 'GUIDE-A');
    b = await buildCourseWorld(tool, moodle, 'GUIDE-B');
    await setTenantLrs(tool.db, a.mentee.tenantId, lrsLogin(lrs));
    await append(tool.db, [...EVENT_TYPES.map((t) => worldEvent(a, t)), ...(['launched', 'meeting_attended', 'match_proposed'] as const).map((t) => worldEvent(b, t))]);
    await deliverAll(tool);
    all = await lrs.statements();
    const subject = (await tool.db.selectFrom('users').select('subject').where('id', '=', a.mentee.userId).executeTakeFirstOrThrow()).subject;
    // The guide's placeholders, as an analyst would fill them in for course A.
    byGuide.$PROGRAM = `${BASE}/activities/programs/${a.programId}`;
    byGuide.$COURSE = `${BASE}/activities/courses/${encodeURIComponent(moodle.issuer)}/${encodeURIComponent('GUIDE-A')}`;
    byGuide['8d3c1a52-9b0e-4f7e-a8a2-1c6e0f4b7d90'] = a.registration;
    byGuide['https://moodle.example.edu'] = moodle.issuer;
    byGuide['"name":"42"'] = `"name":${JSON.stringify(subject)}`;
    byGuide['2026-09-01T00:00:00Z'] = new Date(Date.now() - 3_600_000).toISOString();
    byGuide['2026-10-01T00:00:00Z'] = new Date(Date.now() + 3_600_000).toISOString();
  });
  after(async () => {
    await tool?.close();
    await moodle?.close();
    await lrs?.kill();
  });

  const fill = (value: string) => Object.entries(byGuide).reduce((v, [from, to]) => v.split(from).join(to), value);
  const run = async (question: string) => {
    const request = guideRequests().find((r) => r.question.startsWith(question));
    expect(request, question).to.not.equal(undefined);
    return lrs.statements(Object.fromEntries(request!.params.map(([k, v]) => [k, fill(v)])));
  };
  const inCourse = (s: Statement, course: string) => JSON.stringify(s.context?.contextActivities ?? {}).includes(`"${course}"`) || s.object?.id?.startsWith(course);

  it('when the tool has delivered, then every statement in the LRS passes Learning Locker\'s xAPI validation', () => {
    // One of every kind in A, three in B, and the launches that built both worlds (4 each).
    expect(all.length).to.equal(EVENT_TYPES.length + 3 + 8);
    for (const s of all) expect(validateStatement(s), s.verb.id).to.deep.equal([]);
  });

  it('when an analyst asks for every meeting attended, then both courses\' meetings come back and nothing else', async () => {
    const found = await run('Every meeting attended');
    expect(found).to.have.length(2);
    for (const s of found) expect(s.verb.id).to.equal(ATTENDED);
  });

  it('when an analyst asks for one program or one course, then exactly its statements come back', async () => {
    const program = await run('Everything in one program');
    expect(ids(program)).to.deep.equal(ids(all.filter((s) => s.context.registration === a.registration || (s.object.id === byGuide.$PROGRAM))));
    expect(program.every((s) => JSON.stringify(s).includes(byGuide.$PROGRAM!))).to.equal(true);
    const course = await run('Everything in one LMS course');
    expect(course.length).to.equal(EVENT_TYPES.length + 4);
    expect(ids(course)).to.deep.equal(ids(all.filter((s) => inCourse(s, byGuide.$COURSE!))));
    for (const s of course) expect(s.context.contextActivities.grouping?.[0]?.id ?? s.context.contextActivities.parent?.[0]?.id).to.equal(byGuide.$COURSE);
    const meetings = await run('Meetings attended in one course');
    expect(meetings).to.have.length(1);
    expect(inCourse(meetings[0]!, byGuide.$COURSE!)).to.equal(true);
  });

  it("when an analyst follows one person, then their journey and their statements everywhere come back", async () => {
    const journey = await run("One person's journey");
    expect(journey.length).to.be.greaterThan(10);
    for (const s of journey) expect(s.context.registration).to.equal(a.registration);
    const everywhere = await run('One person everywhere');
    expect(everywhere.length).to.be.at.least(journey.length);
    for (const s of everywhere) expect(JSON.stringify(s)).to.include(byGuide['"name":"42"']);
  });

  it('when an analyst asks for a month and for match proposals, then the window and the scores are as described', async () => {
    expect((await run("September's activity")).length).to.equal((await run('Everything in one program')).length);
    const matched = await run('Match proposals with their scores');
    expect(matched).to.have.length(2);
    for (const s of matched) {
      expect(s.result.score.raw).to.equal(87);
      expect(s.context.instructor.objectType).to.equal('Agent');
    }
  });

  it('when an analyst runs the guide\'s jq and SQL on the statements, then they count per program and verb', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'mc-guide-'));
    try {
      writeFileSync(path.join(dir, 'statements.jsonl'), all.map((s) => JSON.stringify(s)).join('\n') + '\n');
      const out = execFileSync('sh', ['-c', fencedAfter('### Grouping by program and course', 'sh')], { cwd: dir, encoding: 'utf8' });
      expect(out).to.match(/\s1 Program of GUIDE-A\tattended\n/);
      expect(out).to.match(/\s1 Program of GUIDE-B\twas matched\n/);
      expect(out).to.match(new RegExp(`\\s${EVENT_TYPES.length + 4} ${byGuide.$COURSE!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\tCourse GUIDE-A`));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const rows = await tool.db.transaction().execute(async (trx) => {
      await sql`create temp table statements (s jsonb) on commit drop`.execute(trx);
      for (const s of all) await sql`insert into statements values (${JSON.stringify(s)}::jsonb)`.execute(trx);
      return (await sql.raw<Record<string, unknown>>(fencedAfter('In SQL over a table of raw statements', 'sql')).execute(trx)).rows;
    });
    const programA = rows.find((r) => r.program === 'Program of GUIDE-A')!;
    expect({ proposed: Number(programA.proposed), accepted: Number(programA.accepted), meetings: Number(programA.meetings), rating: Number(programA.avg_rating) })
      .to.deep.equal({ proposed: 1, accepted: 1, meetings: 1, rating: 4 });
  });
});
