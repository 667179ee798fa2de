import { expect } from 'chai';
import { isDatabaseUnavailable } from '../../../src/db/connection-errors.js';

const withCode = (code: string, message = 'x') => Object.assign(new Error(message), { code });

describe('database unavailable or not', () => {
  it('when PostgreSQL shuts down, restarts or drops the connection, then the database is unavailable', () => {
    for (const code of ['57P01', '57P02', '57P03', '08006', '08001', '53300', 'ECONNREFUSED', 'ECONNRESET']) {
      expect(isDatabaseUnavailable(withCode(code)), code).to.equal(true);
    }
    expect(isDatabaseUnavailable(new Error('Connection terminated unexpectedly'))).to.equal(true);
    expect(isDatabaseUnavailable(new Error('timeout exceeded when trying to connect'))).to.equal(true);
  });

  it('when the cause is wrapped (AggregateError, cause, parent), then it is still found', () => {
    expect(isDatabaseUnavailable(new AggregateError([withCode('ECONNREFUSED')], 'connect failed'))).to.equal(true);
    expect(isDatabaseUnavailable(new Error('query failed', { cause: withCode('57P01') }))).to.equal(true);
    expect(isDatabaseUnavailable(Object.assign(new Error('SequelizeConnectionError'), { parent: withCode('08003') }))).to.equal(true);
  });

  it('when a query is wrong, or another server (LRS, LMS) refuses a fetch, then it is not a database outage', () => {
    expect(isDatabaseUnavailable(withCode('42601', 'syntax error'))).to.equal(false);
    expect(isDatabaseUnavailable(withCode('23505', 'duplicate key'))).to.equal(false);
    expect(isDatabaseUnavailable(new TypeError('fetch failed', { cause: withCode('ECONNREFUSED') }))).to.equal(false);
    expect(isDatabaseUnavailable('Connection terminated')).to.equal(false);
    expect(isDatabaseUnavailable(null)).to.equal(false);
  });
});
