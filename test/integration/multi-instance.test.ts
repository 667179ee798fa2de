import { expect } from 'chai';
import { freshContext, inCourse } from '../support/attack-world.js';
import { buildProgramForm, instructor, learner } from '../support/factories.js';
import { HttpBrowser, HttpSession, type HttpLaunch } from '../support/http-browser.js';
import { buildProfileForm } from '../support/matching-world.js';
import {
  startMultiInstanceWorld, stopMultiInstanceWorld, WEB_INSTANCES, within, type MultiInstanceWorld,
} from '../support/multi-instance-world.js';
import type { PlatformUser } from '../support/platform-claims.js';
import { waitFor } from '../support/tool-process.js';

const COURSES = 2;
const LEARNERS_PER_COURSE = 10;
const FORM_CONCURRENCY = 3;
const REGISTER_LIMIT = 4;

interface Course {
  contextId: string;
  programId: string;
  learners: Array<{ session: HttpSession; division: string }>;
}

/** Runs `task` over `items`, `width` at a time. */
async function inParallel<T>(items: T[], width: number, task: (item: T) => Promise<void>) {
  let next = 0;
  await Promise.all(Array.from({ length: width }, async () => {
    while (next < items.length) await task(items[next++]!);
  }));
}

describe('web instances behind HAProxy (round-robin) and a worker on one PostgreSQL', function () {
  this.timeout(300_000);
  const w: Partial<MultiInstanceWorld> = {};
  const world = () => w as MultiInstanceWorld;

  const env = { RATE_LIMIT_REGISTER_PER_MINUTE: String(REGISTER_LIMIT) };
  before(() => startMultiInstanceWorld(w, env));
  after(() => stopMultiInstanceWorld(w));

  const session = (token: string) => new HttpSession(new HttpBrowser(world().balancer.url), token);

  /** One after another, so that round-robin sends each launch's steps to alternate instances. */
  async function launchAll(users: PlatformUser[], contextId: string): Promise<HttpLaunch[]> {
    const launches: HttpLaunch[] = [];
    for (const user of users) {
      const browser = new HttpBrowser(world().balancer.url);
      const launch = browser.launch(world().moodle, user, inCourse(contextId));
      launches.push(await launch.catch((err: Error) => {
        throw new Error(`${err.message}\n${world().logs()}`);
      }));
    }
    return launches;
  }

  /** An instructor launches and creates the course's program; then its learners launch. */
  async function setUpCourse(index: number, launches: HttpLaunch[]): Promise<Course> {
    const contextId = freshContext(`multi-${index}`);
    const [staffLaunch] = await launchAll([instructor()], contextId);
    const form = buildProgramForm({ title: `Program ${contextId}` });
    const staff = session(staffLaunch!.token);
    const created = await staff.post('/staff/programs', form, '/staff/programs/new');
    expect(created.answer.status, created.answer.text.slice(0, 500)).to.equal(303);
    const programId = created.answer.location!.split('?')[0]!.split('/').pop()!;
    const users = Array.from({ length: LEARNERS_PER_COURSE }, () => learner());
    const learnerLaunches = await launchAll(users, contextId);
    launches.push(staffLaunch!, ...learnerLaunches);
    const learners = learnerLaunches.map((l, i) => ({
      session: session(l.token), division: `${contextId} learner ${i}`,
    }));
    return { contextId, programId, learners };
  }

  /** Learners save their profiles, a few at once; returns where each form page and POST went. */
  async function saveProfiles(courses: Course[]): Promise<Array<[string, string]>> {
    const pairs: Array<[string, string]> = [];
    const all = courses.flatMap((c) => c.learners.map((l) => ({ ...l, programId: c.programId })));
    await inParallel(all, FORM_CONCURRENCY, async (one) => {
      const path = `/programs/${one.programId}/profile`;
      const form = buildProfileForm({ growthSkills: [], strengths: [], division: one.division });
      const saved = await one.session.post(path, form, path);
      const why = `${saved.answer.text.slice(0, 500)}\n${world().logs()}`;
      expect(saved.answer.status, why).to.equal(303);
      pairs.push([saved.pageServedBy, saved.answer.servedBy]);
    });
    return pairs;
  }

  async function expectEachWriteOnce(courses: Course[]): Promise<void> {
    const { db } = world().database;
    for (const course of courses) {
      const programs = await db.selectFrom('programs').select('id')
        .where('title', '=', `Program ${course.contextId}`).execute();
      const ids = programs.map((p) => p.id);
      expect(ids, `programs of ${course.contextId}`).to.deep.equal([course.programId]);
      const profiles = await db.selectFrom('profiles').select('answers')
        .where('program_id', '=', course.programId).execute();
      const divisions = profiles.map((p) => (p.answers as { division?: string }).division).sort();
      expect(divisions).to.deep.equal(course.learners.map((l) => l.division).sort());
    }
  }

  /** Polls until every outbox row is delivered and the LRS saw each one. */
  async function awaitDelivery() {
    const { database, lrs, logs } = world();
    const outbox = () => database.db.selectFrom('xapi_outbox')
      .select(['statement_id', 'status', 'event_type']).execute();
    const received = () => within(30_000, 'the test LRS', lrs.received());
    await waitFor('the worker to deliver every statement to the LRS', async () => {
      const [rows, seen] = [await outbox(), await received()];
      return rows.length > 0 && rows.every((r) => r.status === 'delivered' && seen[r.statement_id]);
    }, 180_000).catch((err: Error) => {
      throw new Error(`${err.message}\n${logs()}`);
    });
    return { rows: await outbox(), received: await received(), stored: await lrs.statements() };
  }

  it('when 22 people launch, fill forms and are recorded across the instances, '
    + 'then nothing is lost and nothing is done twice', async () => {
    const launches: HttpLaunch[] = [];
    const courses: Course[] = [];
    for (let i = 0; i < COURSES; i++) courses.push(await setUpCourse(i, launches));
    expect(launches).to.have.length(COURSES * (1 + LEARNERS_PER_COURSE));
    // The login state one instance wrote is consumed by the other, which also opens the session.
    const sameInstance = launches.filter((l) => l.steps.login === l.steps.launch);
    expect(sameInstance, 'launches with login and id_token POST on one instance').to.deep.equal([]);

    const pairs = await saveProfiles(courses);
    const crossed = pairs.filter(([page, post]) => page !== post);
    expect(crossed.length, 'forms posted to another instance than their page').to.be.greaterThan(0);
    await expectEachWriteOnce(courses);

    const { rows, received, stored } = await awaitDelivery();
    const ids = rows.map((r) => r.statement_id).sort();
    expect(Object.keys(received).sort(), 'statements sent to the LRS').to.deep.equal(ids);
    const twice = Object.entries(received).filter(([, posts]) => posts !== 1);
    expect(twice, 'statements sent more than once').to.deep.equal([]);
    const storedIds = stored.map((s) => s.id as string).sort();
    expect(storedIds, 'statements the LRS stored').to.deep.equal(ids);
    expect(rows.filter((r) => r.event_type === 'launched')).to.have.length(launches.length);
    expect(rows.filter((r) => r.event_type === 'program_created')).to.have.length(COURSES);

    const stats = await world().balancer.serverStats();
    for (const name of WEB_INSTANCES) {
      const served = stats[name]?.requests ?? 0;
      expect(served, `requests ${name} served`).to.be.greaterThan(launches.length);
    }
    for (const tool of world().tools) {
      expect(tool.alive, `${tool.name} runs\n${world().logs()}`).to.equal(true);
    }
  });

  it('when registration attempts through the balancer pass the limit, '
    + 'then both instances count them together', async () => {
    // One-minute windows: start early enough in a window that the few attempts stay in it.
    const early = async () => Date.now() % 60_000 < 40_000;
    await waitFor('an early moment of the minute', early, 30_000);
    const browser = new HttpBrowser(world().balancer.url);
    const answers = [];
    for (let i = 0; i <= REGISTER_LIMIT; i++) {
      answers.push(await browser.request('/lti/register'));
    }
    const allowed = answers.slice(0, REGISTER_LIMIT);
    expect(allowed.map((a) => a.status), 'attempts within the limit').to.not.include(429);
    const counters = [...new Set(allowed.map((a) => a.servedBy))].sort();
    expect(counters, 'instances that counted them').to.deep.equal([...WEB_INSTANCES]);
    // Each instance saw about half of them: a count in its own memory would let this one pass.
    const last = answers[REGISTER_LIMIT]!;
    expect(last.status, last.text.slice(0, 300)).to.equal(429);
  });
});
