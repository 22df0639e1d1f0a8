import type { PGlite } from '@electric-sql/pglite';

interface Pending {
  handlerId: number;
  message: Uint8Array;
  onData: (data: Uint8Array) => void;
  resolve: (bytes: number) => void;
  reject: (e: unknown) => void;
  since: number;
}

// Frontend message types that end a batch: Sync and simple Query (the backend answers
// ReadyForQuery), Terminate (the client leaves). A StartupMessage has no type byte; its first byte is the length's high byte (0).
const SYNC = 0x53;
const QUERY = 0x51;
const TERMINATE = 0x58;
const SYNC_MESSAGE = new Uint8Array([SYNC, 0, 0, 0, 4]);
const ROLLBACK_MESSAGE = simpleQuery('ROLLBACK');

function simpleQuery(sql: string): Uint8Array {
  const text = Buffer.from(`${sql}\0`, 'utf8');
  const msg = Buffer.alloc(5 + text.length);
  msg[0] = QUERY;
  msg.writeInt32BE(4 + text.length, 1);
  text.copy(msg, 5);
  return new Uint8Array(msg);
}

export function endsBatch(message: Uint8Array): boolean {
  const type = message[0];
  return type === SYNC || type === QUERY || type === TERMINATE || type === 0;
}

/**
 * Shares PGlite's single session among several client connections, one message at a time, but
 * with the session owned by one connection from its first message until it is back to idle:
 * the end of an extended-protocol batch (Parse/Bind/Execute ... Sync) outside a transaction, or
 * the end of its transaction. pglite-socket's own queue only keeps explicit transactions together,
 * so two connections' Parse and Bind interleave on the one unnamed statement and queries get each
 * other's parameters; this class is a drop-in replacement for that queue
 * (`PGLiteSocketHandler({ queryQueue })`).
 *
 * Limit inherited from the single session: a connection that waits, inside its transaction, for a
 * query on another connection waits forever. `stalled()` reports that case for the logs.
 */
export class SessionScheduler {
  private queue: Pending[] = [];
  private owner: number | null = null;
  private running = false;

  constructor(private readonly db: PGlite) {}

  enqueue(handlerId: number, message: Uint8Array, onData: (data: Uint8Array) => void): Promise<number> {
    // Terminate ends the client's connection, not PGlite's one session: never forward it. The
    // socket closes next, and clearTransactionIfNeeded cleans up.
    if (message[0] === TERMINATE) return Promise.resolve(0);
    return new Promise<number>((resolve, reject) => {
      this.queue.push({ handlerId, message, onData, resolve, reject, since: Date.now() });
      void this.pump();
    });
  }

  /** Drops the queued messages of a closed connection. */
  clearQueueForHandler(handlerId: number): void {
    const gone = this.queue.filter((p) => p.handlerId === handlerId);
    this.queue = this.queue.filter((p) => p.handlerId !== handlerId);
    for (const p of gone) p.reject(new Error('connection closed'));
  }

  /** A connection closed while owning the session: end its batch, roll back, hand the session on. */
  async clearTransactionIfNeeded(handlerId: number): Promise<void> {
    if (this.owner !== handlerId) return;
    await this.db.runExclusive(async () => {
      // Its last message may have ended the transaction and released the session meanwhile.
      if (this.owner !== handlerId) return;
      await this.db.execProtocolRaw(SYNC_MESSAGE);
      if (this.db.isInTransaction()) await this.db.execProtocolRaw(ROLLBACK_MESSAGE);
      this.owner = null;
    });
    await this.pump();
  }

  getQueueLength(): number {
    return this.queue.length;
  }

  /**
   * When other connections have waited longer than `ms` for an owner that sends nothing, returns
   * the owner's id (a transaction waiting on another connection: a deadlock on one session).
   */
  stalled(ms: number, now = Date.now()): number | null {
    if (this.owner === null || this.running) return null;
    const waiting = this.queue.filter((p) => p.handlerId !== this.owner);
    return waiting.length && now - Math.min(...waiting.map((p) => p.since)) > ms ? this.owner : null;
  }

  private next(): Pending | undefined {
    const i = this.owner === null ? 0 : this.queue.findIndex((p) => p.handlerId === this.owner);
    return i >= 0 && i < this.queue.length ? this.queue.splice(i, 1)[0] : undefined;
  }

  private async pump(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      for (let p = this.next(); p; p = this.next()) {
        this.owner = p.handlerId;
        let bytes = 0;
        try {
          await this.db.runExclusive(() =>
            this.db.execProtocolRawStream(p.message, {
              onRawData: (data: Uint8Array) => {
                bytes += data.length;
                p.onData(data);
              },
            }),
          );
          p.resolve(bytes);
        } catch (e) {
          p.reject(e);
        }
        if (endsBatch(p.message) && !this.db.isInTransaction()) this.owner = null;
      }
    } finally {
      this.running = false;
    }
  }
}
