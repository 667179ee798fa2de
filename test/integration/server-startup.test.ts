import { expect } from 'chai';
import { runEntryPoint } from '../support/run-process.js';

describe('server start-up refusals', function () {
  this.timeout(60_000);

  it('when a variable is invalid, then the process stops with a message naming it', async () => {
    const result = await runEntryPoint('src/server.ts', [], { PORT: 'not-a-port' });
    expect(result.code).to.equal(2);
    expect(result.stderr).to.contain('PORT');
  });

  it('when the database is unreachable, then the process exits non-zero with a clear message', async () => {
    const result = await runEntryPoint('src/server.ts', [], {
      DATABASE_URL: 'postgres://mc:secret@127.0.0.1:9/mc',
      LTI_ENCRYPTION_KEY: 'x'.repeat(40),
      LOG_LEVEL: 'silent',
    });
    expect(result.code).to.equal(1);
    expect(result.stderr).to.contain('Database unreachable at postgres://mc:***@127.0.0.1:9/mc');
    expect(result.stderr).not.to.contain('secret');
  });
});
