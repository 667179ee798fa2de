import request from 'supertest';
import { createApp } from '../../../src/app.js';
import { loadConfig } from '../../../src/config/config.js';
import { createLogger } from '../../../src/shared/logger.js';
import { sharedDatabase } from '../hooks.js';
import { buildMatchingWorld, buildProfileForm, type MatchingWorld } from '../matching-world.js';
import { TestPlatform } from '../test-platform.js';
import { TEST_ENCRYPTION_KEY, type TestTool } from '../test-tool.js';
import { TEST_POOL_SIZE } from '../test-database.js';
import { formAuthOf, type ToolSession } from '../tool-session.js';
import { addScalePeople, type ScaleSize } from './scale-fixture.js';
import { StatementCounter } from './statement-counter.js';

export interface CountingSuite {
  readonly tool: TestTool;
  readonly moodle: TestPlatform;
  readonly counter: StatementCounter;
}

/** The real tool on the shared database, every statement it runs counted (jobs off). */
export function countingSuite(): CountingSuite {
  const suite = { counter: new StatementCounter() } as {
    tool: TestTool;
    moodle: TestPlatform;
    counter: StatementCounter;
  };
  before(async () => {
    const database = sharedDatabase();
    const db = database.db.withPlugin(suite.counter);
    const config = loadConfig({
      PUBLIC_URL: 'https://tool.test',
      DB_POOL_SIZE: String(TEST_POOL_SIZE),
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
      JOBS_ENABLED: 'false',
      RATE_LIMIT_LOGIN_PER_MINUTE: '1000000',
      RATE_LIMIT_POSTS_PER_MINUTE: '1000000',
      RATE_LIMIT_TENANT_POSTS_PER_MINUTE: '1000000',
    });
    const app = await createApp({
      config,
      databaseUrl: database.url,
      encryptionKey: TEST_ENCRYPTION_KEY,
      db,
      logger: createLogger(config.logLevel),
    });
    suite.tool = { app, db: database.db, config, close: () => app.close() };
    suite.moodle = await TestPlatform.start('moodle');
    await app.registry.registerPlatform(suite.moodle.manualRegistration);
  });
  after(async () => {
    await suite.tool.close();
    await suite.moodle.close();
  });
  return suite;
}

export interface ScaleWorld extends MatchingWorld {
  /** Statements (and the response) of one GET of a page as this session. */
  countGet(
    session: ToolSession,
    path: string,
    query?: Record<string, string>,
  ): Promise<{ statements: number; trace: string[]; res: request.Response }>;
  /** Statements of one form POST (the CSRF token is read from `fromPage` beforehand, not counted). */
  countPost(
    session: ToolSession,
    path: string,
    fields: Record<string, string>,
    fromPage: string,
  ): Promise<{ statements: number; trace: string[]; res: request.Response }>;
}

/**
 * A program with template mentor ana (4 places) and mentee bo, plus `size` more people cloned
 * from their profiles in bulk. Circles are formed by the test (through approve) when it wants them.
 */
export async function buildScaleWorld(suite: CountingSuite, size: ScaleSize): Promise<ScaleWorld> {
  const world = await buildMatchingWorld(suite.tool, suite.moodle, { ana: 'mentor', bo: 'mentee' });
  await world.fillProfile('ana', buildProfileForm({ capacity: '4' }));
  await world.fillProfile('bo', buildProfileForm());
  const program = await suite.tool.db
    .selectFrom('programs')
    .select(['tenant_id', 'course_id'])
    .where('id', '=', world.programId)
    .executeTakeFirstOrThrow();
  await addScalePeople(
    suite.tool.db,
    {
      tenantId: program.tenant_id,
      courseId: program.course_id,
      programId: world.programId,
      mentorTemplateId: world.people.ana!.participantId,
      menteeTemplateId: world.people.bo!.participantId,
      tag: world.programId.slice(0, 8),
    },
    size,
  );
  const express = suite.tool.app.express;
  return {
    ...world,
    async countGet(session, path, query = {}) {
      const { value, statements, trace } = await suite.counter.measure(() =>
        session.get(path, query).then((r) => r),
      );
      return { statements, trace, res: value };
    },
    async countPost(session, path, fields, fromPage) {
      const auth = formAuthOf((await session.get(fromPage)).text);
      const { value, statements, trace } = await suite.counter.measure(() =>
        request(express)
          .post(path)
          .type('form')
          .send({ ...fields, ...auth })
          .then((r) => r),
      );
      return { statements, trace, res: value };
    },
  };
}
