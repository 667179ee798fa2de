import { expect } from 'chai';
import { loadConfig } from '../../../src/config/config.js';

describe('xAPI and job settings', () => {
  it('when nothing is set, then jobs run and no default LRS is configured', () => {
    const config = loadConfig({});
    expect(config.jobsEnabled).to.equal(true);
    expect(config.xapi).to.deep.include({ defaultLrs: null, batchSize: 100, concurrency: 2, retryBaseMs: 5000, probeMaxMs: 30_000 });
  });

  it('when the three LRS variables are set, then they form the default LRS', () => {
    const config = loadConfig({ LRS_ENDPOINT: 'https://lrs.example.org/xapi/', LRS_USERNAME: 'key', LRS_PASSWORD: 'secret', JOBS_ENABLED: 'false' });
    expect(config.xapi.defaultLrs).to.deep.equal({ endpoint: 'https://lrs.example.org/xapi/', username: 'key', password: 'secret', version: '1.0.3' });
    expect(config.jobsEnabled).to.equal(false);
  });

  it('when only some LRS variables are set, or the endpoint is not a URL, then loading fails naming the variable', () => {
    expect(() => loadConfig({ LRS_ENDPOINT: 'https://lrs.example.org/xapi/' })).to.throw(/LRS_ENDPOINT: set LRS_ENDPOINT, LRS_USERNAME and LRS_PASSWORD together/);
    expect(() => loadConfig({ LRS_ENDPOINT: 'lrs.example.org', LRS_USERNAME: 'k', LRS_PASSWORD: 'p' })).to.throw(/LRS_ENDPOINT/);
    expect(() => loadConfig({ XAPI_BATCH_SIZE: '0' })).to.throw(/XAPI_BATCH_SIZE/);
  });
});
