/**
 * Another tool instance's prompt workers, as their own process (so a test can SIGKILL it in the
 * middle of delivering). Reads DATABASE_URL, PROMPT_NOW (the instance's clock) and PROMPT_QUEUES;
 * runs until killed.
 */
import { createDb } from '../../src/db/connection.js';
import { startJobRunner } from '../../src/jobs/job-runner.js';
import { startPromptJobs } from '../../src/jobs/prompt-jobs.js';
import { createLogger } from '../../src/shared/logger.js';
import { promptStores } from './prompt-world.js';

const url = process.env.DATABASE_URL!;
const logger = createLogger('silent');
const db = createDb(url, 2);
const runner = await startJobRunner({ databaseUrl: url, logger, poolSize: 2 });
await startPromptJobs(runner, { ...promptStores(db), now: () => new Date(process.env.PROMPT_NOW!), logger }, { queues: JSON.parse(process.env.PROMPT_QUEUES!), cron: null });
process.send?.({ started: true });
