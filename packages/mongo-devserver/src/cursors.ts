import { calculateObjectSize, Long, type Document } from 'bson';
import { CommandError } from './errors.js';

const DEFAULT_FIRST_BATCH = 101;
/** mongod caps a reply at 16 MiB; stay well below it so the envelope always fits. */
const MAX_BATCH_BYTES = 8 * 1024 * 1024;

/** mongod's cursorTimeoutMillis: a client that vanished without killCursors does not leak its results. */
const IDLE_TIMEOUT_MS = 10 * 60 * 1000;

interface OpenCursor {
  namespace: string;
  docs: Document[];
  position: number;
  lastUsed: number;
}

export interface CursorReply {
  id: Long;
  ns: string;
  firstBatch?: Document[];
  nextBatch?: Document[];
}

/** Cursors over already computed results: getMore just pages through what find/aggregate produced. */
export class CursorStore {
  private readonly open = new Map<bigint, OpenCursor>();
  private nextId = 1n;

  /** Advances `cursor.position` past the documents it returns. */
  private takeBatch(cursor: OpenCursor, batchSize: number | undefined): Document[] {
    const limit = batchSize && batchSize > 0 ? batchSize : cursor.docs.length;
    const batch: Document[] = [];
    let bytes = 0;
    while (batch.length < limit && cursor.position < cursor.docs.length) {
      const doc = cursor.docs[cursor.position] as Document;
      bytes += calculateObjectSize(doc);
      if (batch.length > 0 && bytes > MAX_BATCH_BYTES) break;
      batch.push(doc);
      cursor.position += 1;
    }
    return batch;
  }

  /** Builds the `cursor` document of a find/aggregate/list reply, keeping the rest for getMore. */
  first(
    namespace: string,
    docs: Document[],
    options: { batchSize?: number; singleBatch?: boolean } = {},
  ): CursorReply {
    this.dropIdle();
    const cursor: OpenCursor = { namespace, docs, position: 0, lastUsed: Date.now() };
    const firstBatch = this.takeBatch(cursor, options.batchSize ?? DEFAULT_FIRST_BATCH);
    if (cursor.position >= docs.length || options.singleBatch)
      return { id: Long.ZERO, ns: namespace, firstBatch };
    const id = this.nextId++;
    this.open.set(id, cursor);
    return { id: Long.fromBigInt(id), ns: namespace, firstBatch };
  }

  more(id: Long | number | bigint, namespace: string, batchSize?: number): CursorReply {
    const key = BigInt(id.toString());
    const cursor = this.open.get(key);
    if (!cursor || cursor.namespace !== namespace) {
      throw new CommandError('CursorNotFound', `cursor id ${key} not found`);
    }
    cursor.lastUsed = Date.now();
    const nextBatch = this.takeBatch(cursor, batchSize);
    if (cursor.position < cursor.docs.length) return { id: Long.fromBigInt(key), ns: namespace, nextBatch };
    this.open.delete(key);
    return { id: Long.ZERO, ns: namespace, nextBatch };
  }

  kill(ids: Array<Long | number | bigint>): { killed: Long[]; notFound: Long[] } {
    const killed: Long[] = [];
    const notFound: Long[] = [];
    for (const id of ids) {
      const key = BigInt(id.toString());
      (this.open.delete(key) ? killed : notFound).push(Long.fromBigInt(key));
    }
    return { killed, notFound };
  }

  private dropIdle(): void {
    const cutoff = Date.now() - IDLE_TIMEOUT_MS;
    for (const [id, cursor] of this.open) if (cursor.lastUsed < cutoff) this.open.delete(id);
  }

  clear(): void {
    this.open.clear();
  }
}
