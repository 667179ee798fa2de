import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, RootOperationNode, UnknownRow } from 'kysely';

/**
 * Counts the SQL statements run through a Kysely instance (`db.withPlugin(counter)`): one per
 * result the driver returns, raw `sql` included; BEGIN and COMMIT are not counted.
 */
export class StatementCounter implements KyselyPlugin {
  count = 0;
  /** With SCALE_TRACE set: the first table each counted statement names, for finding a new one. */
  readonly trace: string[] = [];

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    if (process.env.SCALE_TRACE) this.trace.push(`${args.node.kind} ${JSON.stringify(args.node).match(/"table":\{"kind":"IdentifierNode","name":"(\w+)"/)?.[1] ?? ''}`);
    return args.node;
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    this.count++;
    return args.result;
  }

  /** The statements `work` ran (nothing else may use the database meanwhile: jobs are off). */
  async measure<T>(work: () => Promise<T>): Promise<{ value: T; statements: number }> {
    const before = this.count;
    const value = await work();
    return { value, statements: this.count - before };
  }
}
