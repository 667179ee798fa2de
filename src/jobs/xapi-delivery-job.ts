import type { OutboxDispatcher } from '../xapi/outbox-dispatcher.js';
import type { JobRunner } from './job-runner.js';

export const XAPI_DELIVERY_QUEUE = 'xapi-delivery';
const NEXT_TICK = 'next-tick';

/**
 * Outbox delivery as a chain of pg-boss jobs: each run first queues the next one (so the chain
 * survives an instance dying mid-run), then drains the outbox. The queue's `short` policy keeps at
 * most one waiting tick across all instances; a cron job every minute restarts a lost chain.
 */
export async function startXapiDelivery(runner: JobRunner, dispatcher: OutboxDispatcher, options: { pollSeconds: number }) {
  const tick = () => runner.send(XAPI_DELIVERY_QUEUE, {}, { startAfterSeconds: options.pollSeconds, singletonKey: NEXT_TICK });
  await runner.work(XAPI_DELIVERY_QUEUE, async () => {
    await tick();
    await dispatcher.drain();
  }, { policy: 'short', pollingIntervalSeconds: Math.max(0.5, options.pollSeconds / 2), expireInSeconds: 300 });
  await runner.schedule(XAPI_DELIVERY_QUEUE, '* * * * *');
  await runner.send(XAPI_DELIVERY_QUEUE, {}, { singletonKey: NEXT_TICK });
  return {
    /** Deliver soon (within the poll interval): after a retry or new LRS settings. */
    async kick(): Promise<void> {
      await runner.send(XAPI_DELIVERY_QUEUE, {}, { singletonKey: NEXT_TICK });
    },
  };
}
