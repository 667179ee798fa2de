import type { PGlite } from '@electric-sql/pglite';
import type { PGLiteSocketServer } from '@electric-sql/pglite-socket';

interface QueuedMessage {
  handlerId: number;
  message: Uint8Array;
  resolve(bytes: number): void;
  reject(err: unknown): void;
  onData(data: Uint8Array): void;
}

/** The parts of pglite-socket's (private) query queue this module relies on. */
interface QueryQueue {
  queue: QueuedMessage[];
  processing: boolean;
  lastHandlerId: number | null;
  db: PGlite;
  processQueue(): Promise<void>;
  clearQueueForHandler(handlerId: number): void;
}

/** Extended-protocol messages (Parse, Bind, Describe, Execute, Close, Flush): the exchange goes on until Sync. */
const EXCHANGE_CONTINUES = new Set(['P', 'B', 'D', 'E', 'C', 'H'].map((c) => c.charCodeAt(0)));

/**
 * PGlite is one backend session shared by every socket. pglite-socket queues single protocol
 * messages and keeps one connection's messages together only inside an explicit transaction, so
 * two pooled connections' Parse/Bind/Execute/Sync sequences interleave: one binds the other's
 * unnamed statement ("bind message supplies 13 parameters, but prepared statement requires 2")
 * or waits forever. This keeps each connection's exchange together, from its first message to
 * its Sync (or simple Query), as well as its transactions, and frees a connection's turn if it
 * disconnects in the middle.
 * @see https://github.com/electric-sql/pglite/issues/1046
 * @see https://www.postgresql.org/docs/current/protocol-flow.html#PROTOCOL-FLOW-EXT-QUERY
 */
export function serializeProtocolExchanges(server: PGLiteSocketServer): void {
  const queue = (server as unknown as { queryQueue: QueryQueue }).queryQueue;
  if (!queue || !Array.isArray(queue.queue) || typeof queue.processQueue !== 'function' || typeof queue.clearQueueForHandler !== 'function') {
    throw new Error('pglite-socket changed its query queue: review src/db/pglite-exchange-queue.ts before upgrading.');
  }
  let exchangeOwner: number | null = null;

  queue.processQueue = async function processQueue(this: QueryQueue): Promise<void> {
    if (this.processing || this.queue.length === 0) return;
    this.processing = true;
    try {
      while (this.queue.length > 0) {
        const owner = exchangeOwner ?? (this.db.isInTransaction() ? this.lastHandlerId : null);
        const index = owner === null ? 0 : this.queue.findIndex((q) => q.handlerId === owner);
        if (index === -1) break;
        const [item] = this.queue.splice(index, 1) as [QueuedMessage];
        let bytes = 0;
        try {
          await this.db.runExclusive(() => this.db.execProtocolRawStream(item.message, { onRawData: (data: Uint8Array) => { bytes += data.length; item.onData(data); } }));
        } catch (err) {
          exchangeOwner = null;
          item.reject(err);
          continue;
        }
        this.lastHandlerId = item.handlerId;
        exchangeOwner = EXCHANGE_CONTINUES.has(item.message[0]!) ? item.handlerId : null;
        item.resolve(bytes);
      }
    } finally {
      this.processing = false;
    }
  };

  const clear = queue.clearQueueForHandler.bind(queue);
  queue.clearQueueForHandler = (handlerId: number) => {
    clear(handlerId);
    if (exchangeOwner === handlerId) {
      exchangeOwner = null;
      void queue.processQueue();
    }
  };
}
