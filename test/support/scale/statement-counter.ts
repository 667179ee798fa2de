import type {
  KyselyPlugin,
  PluginTransformQueryArgs,
  PluginTransformResultArgs,
  QueryId,
  QueryResult,
  RootOperationNode,
  UnknownRow,
} from 'kysely';

/**
 * Per-request bookkeeping whose statements depend on the clock, not on the page: the session
 * (last_seen written at most once a minute) and the rate-limit windows (one per minute). Left out
 * of the counts; every request pays them alike.
 */
const THROTTLED_TABLES = new Set(['tool_sessions', 'rate_limit_windows']);

const firstTable = (node: RootOperationNode) =>
  /"identifier":\{"kind":"IdentifierNode","name":"(\w+)"/.exec(JSON.stringify(node))?.[1] ?? '';

/**
 * Counts the SQL statements run through a Kysely instance (`db.withPlugin(counter)`): one per
 * result the driver returns, raw `sql` included; BEGIN and COMMIT are not counted.
 */
export class StatementCounter implements KyselyPlugin {
  count = 0;
  /** What each counted statement was (kind and first table), to find a new one when counts differ. */
  readonly trace: string[] = [];
  private readonly tables = new WeakMap<QueryId, string>();

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    this.tables.set(args.queryId, firstTable(args.node));
    return args.node;
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    const table = this.tables.get(args.queryId) ?? '';
    if (!THROTTLED_TABLES.has(table)) {
      this.count++;
      this.trace.push(table || 'raw sql');
    }
    return args.result;
  }

  /** The statements `work` ran (nothing else may use the database meanwhile: jobs are off). */
  async measure<T>(
    work: () => Promise<T>,
  ): Promise<{ value: T; statements: number; trace: string[] }> {
    const [before, from] = [this.count, this.trace.length];
    const value = await work();
    return { value, statements: this.count - before, trace: this.trace.slice(from) };
  }
}
