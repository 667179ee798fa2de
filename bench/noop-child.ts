import { announceReady } from './bench-child.js';

/** Nothing but the tsx loader and Node: the RSS floor every bench child starts from. */
announceReady({});
setInterval(() => undefined, 60_000);
process.on('SIGTERM', () => process.exit(0));
