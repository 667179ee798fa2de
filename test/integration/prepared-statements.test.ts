import { expect } from 'chai';
import pg from 'pg';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../../src/db/embedded-postgres.js';
import { PREPARED_MARK, sendMarkedStatementsPrepared } from '../../src/db/prepared-statements.js';

const MARKED = `${PREPARED_MARK} select $1::int + 1 as n`;

async function preparedNames(pool: pg.Pool): Promise<string[]> {
  const { rows } = await pool.query<{ name: string }>(
    `select name from pg_prepared_statements where name like 'mc\\_%' order by name`,
  );
  return rows.map((r) => r.name);
}

/** Holds two connections at once, each running the marked statement twice. */
async function runOnTwoConnections(pool: pg.Pool): Promise<number[]> {
  const clients = await Promise.all([pool.connect(), pool.connect()]);
  try {
    const results: number[] = [];
    for (const round of [1, 2])
      for (const [i, client] of clients.entries())
        results.push((await client.query<{ n: number }>(MARKED, [round * 10 + i])).rows[0]!.n);
    return results;
  } finally {
    for (const client of clients) client.release();
  }
}

/**
 * PGlite is one backend session behind every socket: two connections preparing one name would
 * collide, and a closed connection's statements would stay behind for good.
 */
describe('hot statements sent as prepared statements', function () {
  this.timeout(60_000);
  let embedded: EmbeddedPostgres;
  before(async () => {
    embedded = await startEmbeddedPostgres({ maxConnections: 8 });
  });
  after(async () => embedded?.stop());

  it('when two connections of PGlite run one marked statement, then each prepares its own and both answer', async () => {
    const pool = new pg.Pool({ connectionString: embedded.url, max: 3, idleTimeoutMillis: 0 });
    sendMarkedStatementsPrepared(pool);
    try {
      expect(await runOnTwoConnections(pool)).to.deep.equal([11, 12, 21, 22]);
      const names = await preparedNames(pool);
      expect(names).to.have.length(2);
      expect(new Set(names.map((n) => n.split('_').slice(0, 2).join('_'))).size).to.equal(1);
      expect((await pool.query('select 1 as plain')).rows).to.deep.equal([{ plain: 1 }]);
      expect(await preparedNames(pool)).to.have.length(2);
    } finally {
      await pool.end();
    }
  });

  it('when the pool drops an idle connection, then its statements leave the shared PGlite session', async () => {
    const pool = new pg.Pool({ connectionString: embedded.url, max: 2, idleTimeoutMillis: 200 });
    sendMarkedStatementsPrepared(pool);
    const watcher = new pg.Client({ connectionString: embedded.url });
    await watcher.connect();
    const count = async () =>
      (await watcher.query(`select count(*)::int as n from pg_prepared_statements`)).rows[0].n;
    try {
      const before = await count();
      await runOnTwoConnections(pool);
      expect(await count()).to.equal(before + 2);
      for (let i = 0; i < 200 && (pool.totalCount > 0 || (await count()) > before); i++)
        await new Promise((r) => setTimeout(r, 50));
      expect(pool.totalCount, 'idle connections closed').to.equal(0);
      expect(await count()).to.equal(before);
    } finally {
      await watcher.end();
      await pool.end();
    }
  });
});
