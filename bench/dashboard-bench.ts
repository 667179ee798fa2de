import { createApp } from '../src/app.js';
import { loadConfig } from '../src/config/config.js';
import type { OpenDatabase } from '../src/db/open-database.js';
import { createLogger } from '../src/shared/logger.js';
import { seedOutcomes } from '../test/support/analytics/outcome-fixture.js';
import { buildMatchingWorld, buildProfileForm } from '../test/support/matching-world.js';
import { addScalePeople } from '../test/support/scale/scale-fixture.js';
import { StatementCounter } from '../test/support/scale/statement-counter.js';
import { TestPlatform } from '../test/support/test-platform.js';
import type { TestTool } from '../test/support/test-tool.js';

const KEY = 'bench-encryption-key-0123456789abcdef0123456789';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/**
 * The program dashboard of a program of `people` participants (circles formed by the real
 * matching, weeks of meetings and ratings) next to the participants page of the same program:
 * SQL statements per page view and median time of `rounds` views, each after a warm-up view.
 */
export async function dashboardBenchmark(database: OpenDatabase, options: { people: number; rounds: number }): Promise<void> {
  const counter = new StatementCounter();
  const config = loadConfig({
    PUBLIC_URL: 'https://tool.test', LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'silent', JOBS_ENABLED: 'false',
    RATE_LIMIT_LOGIN_PER_MINUTE: '1000000', RATE_LIMIT_POSTS_PER_MINUTE: '1000000', RATE_LIMIT_TENANT_POSTS_PER_MINUTE: '1000000',
  });
  const app = await createApp({ config, databaseUrl: database.url, encryptionKey: KEY, db: database.db.withPlugin(counter), logger: createLogger(config.logLevel) });
  const tool: TestTool = { app, db: database.db, config, close: () => app.close() };
  const moodle = await TestPlatform.start('moodle');
  try {
    await app.registry.registerPlatform(moodle.manualRegistration);
    const world = await buildMatchingWorld(tool, moodle, { ana: 'mentor', bo: 'mentee' });
    await world.fillProfile('ana', buildProfileForm({ capacity: '4' }));
    await world.fillProfile('bo', buildProfileForm());
    const program = await database.db.selectFrom('programs').select(['tenant_id', 'course_id']).where('id', '=', world.programId).executeTakeFirstOrThrow();
    const mentors = Math.round(options.people / 5);
    await addScalePeople(database.db, {
      tenantId: program.tenant_id, courseId: program.course_id, programId: world.programId,
      mentorTemplateId: world.people.ana!.participantId, menteeTemplateId: world.people.bo!.participantId, tag: world.programId.slice(0, 8),
    }, { mentors: mentors - 1, mentees: options.people - mentors - 1 });
    const approved = await world.approve();
    if (approved.status !== 303) throw new Error(`approve: ${approved.status} ${approved.text.slice(0, 200)}`);
    await seedOutcomes(database.db, world.programId, { weeksAgo: 8, diversityDrivesMeetings: true });
    console.log(`\ndashboard: a program of ${options.people} participants, ${options.rounds} views each (median)`);
    console.log('page                  statements   median ms');
    for (const [name, path] of [['participants page', world.staffPath('')], ['program dashboard', world.staffPath('/dashboard')], ['course dashboard', '/staff/dashboard']] as const) {
      await world.staff.get(path);
      const times: number[] = [];
      let statements = 0;
      for (let i = 0; i < options.rounds; i++) {
        const started = performance.now();
        const { value, statements: n } = await counter.measure(() => world.staff.get(path).then((r) => r));
        times.push(performance.now() - started);
        if (value.status !== 200) throw new Error(`${name}: ${value.status} after ${(performance.now() - started).toFixed(0)} ms`);
        statements = n;
      }
      console.log(`${name.padEnd(22)}${String(statements).padStart(10)}${median(times).toFixed(0).padStart(12)}`);
    }
  } finally {
    await tool.close();
    await moodle.close();
  }
}
