import { expect } from "chai";
import { sql } from "kysely";
import { createRateLimitRepository } from "../../src/db/repositories/rate-limit-repository.js";
import { createLogger } from "../../src/shared/logger.js";
import {
  createWindowCounter,
  FLUSH_EVERY_MS,
} from "../../src/web/middleware/window-counter.js";
import { sharedDatabase } from "../support/hooks.js";

/** Two counters on one database stand for two instances of the tool. */
describe("rate-limit counting batched per instance", () => {
  const start = Date.UTC(2026, 0, 5, 9, 0);
  let at = start;
  const clock = { now: () => new Date(at) };
  const stored = async (key: string) => {
    const rows = await sql<{ hits: number }>`select hits from rate_limit_windows
      where bucket = 'batch-test' and key = ${key}`.execute(
      sharedDatabase().db,
    );
    return rows.rows[0]?.hits ?? 0;
  };
  const instance = () =>
    createWindowCounter({
      store: createRateLimitRepository(sharedDatabase().db),
      clock,
      logger: createLogger("silent"),
    });

  it("when a key is far below its limit, then hits are counted here and saved about once a second", async () => {
    const count = instance();
    for (let i = 1; i <= 5; i++)
      expect(await count("batch-test", "far", start, 100)).to.equal(i);
    expect(await stored("far"), "nothing written per hit").to.be.at.most(1);
    at = start + FLUSH_EVERY_MS + 1;
    await count("batch-test", "far", start, 100);
    for (let i = 0; i < 50 && (await stored("far")) < 6; i++)
      await new Promise((r) => setTimeout(r, 20));
    expect(await stored("far"), "the batch reached the database").to.equal(6);
  });

  it("when two instances share a key near its limit, then the database total decides exactly", async () => {
    const [a, b] = [instance(), instance()];
    const totals: number[] = [];
    for (let i = 0; i < 8; i++)
      totals.push(await (i % 2 ? b : a)("batch-test", "near", start, 4));
    // From a quarter of the limit on, each hit is added at once and the database total decides.
    expect(totals, "the 4th hit sees all 4").to.deep.equal([
      1, 1, 2, 4, 5, 6, 7, 8,
    ]);
    expect(await stored("near")).to.equal(8);
  });
});
