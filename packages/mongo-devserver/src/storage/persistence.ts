import {
  closeSync,
  existsSync,
  ftruncateSync,
  mkdirSync,
  openSync,
  readFileSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { open, rename, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import { crc32 } from 'node:zlib';
import { BSON, EJSON } from 'bson';
import type { Change, EngineSnapshot } from './engine.js';

/** A journal record: 4 bytes length, 4 bytes CRC-32 of the body, then the BSON body `{ s: sequence, c: change }`. */
const HEADER_BYTES = 8;
/** Past this size (and the snapshot's), the journal is folded into a new snapshot. */
const COMPACT_AFTER_BYTES = 64 * 1024 * 1024;

export interface LoadedData {
  snapshot: EngineSnapshot | undefined;
  changes: Change[];
  /** Bytes of a torn last record (a write cut short by a crash, so never acknowledged) that were dropped. */
  droppedTail: number;
}

function fail(path: string, problem: string): never {
  throw new Error(`data file ${path} ${problem}; refusing to start on it (restore a backup or remove it)`);
}

/**
 * Takes `<file>.lock` for this server. The lock names the owner's pid, so a lock left by a process that died is
 * taken over while a live owner (another process or another server in this one) keeps the file to itself.
 */
function acquireLock(lockPath: string): void {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockPath, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number(readFileSync(lockPath, 'utf8'));
      if (Number.isInteger(owner) && owner > 0 && isAlive(owner)) {
        throw new Error(
          `data file ${lockPath.slice(0, -'.lock'.length)} is in use by another mongo-devserver (pid ${owner})`,
        );
      }
      unlinkSync(lockPath);
    }
  }
  throw new Error(`could not take the lock ${lockPath}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * The data set on disk: a snapshot (Extended JSON, readable) plus an append-only journal of the changes since.
 * A change is acknowledged only once its journal record is written and fdatasync'ed; concurrent writers share one
 * sync. The snapshot is replaced by write + fsync + rename + directory fsync, so it is always whole.
 */
export class DataFile {
  private readonly journalPath: string;
  private readonly lockPath: string;
  private journal: FileHandle | undefined;
  private pending: Buffer[] = [];
  private sequence = 0;
  /** Bytes recorded so far, and how many of them are durable: a commit waits for its own records only. */
  private recorded = 0;
  private durable = 0;
  private journalBytes = 0;
  private snapshotBytes = 0;
  /** Journal writes and snapshots take turns. */
  private io: Promise<unknown> = Promise.resolve();
  private compacting = false;

  private constructor(
    private readonly path: string,
    private readonly onError: (error: unknown) => void,
  ) {
    this.journalPath = `${path}.journal`;
    this.lockPath = `${path}.lock`;
  }

  static open(path: string, onError: (error: unknown) => void): DataFile {
    mkdirSync(dirname(path), { recursive: true });
    acquireLock(`${path}.lock`);
    return new DataFile(path, onError);
  }

  /** Reads the snapshot and the journal records after it; a damaged file stops the start loudly. */
  load(): LoadedData {
    const snapshot = this.readSnapshot();
    const applied = snapshot?.appliedThrough ?? 0;
    const { records, validBytes, totalBytes } = this.readJournal();
    if (validBytes < totalBytes) {
      const fd = openSync(this.journalPath, 'r+');
      ftruncateSync(fd, validBytes);
      closeSync(fd);
    }
    this.journalBytes = validBytes;
    this.sequence = Math.max(applied, records.at(-1)?.s ?? 0);
    return {
      snapshot,
      changes: records.filter((record) => record.s > applied).map((record) => record.c),
      droppedTail: totalBytes - validBytes,
    };
  }

  private readSnapshot(): EngineSnapshot | undefined {
    if (!existsSync(this.path)) return undefined;
    const text = readFileSync(this.path, 'utf8');
    this.snapshotBytes = text.length;
    if (text.trim() === '') fail(this.path, 'is empty (a snapshot is never written empty)');
    let parsed: unknown;
    try {
      parsed = EJSON.parse(text, { relaxed: true });
    } catch (error) {
      fail(
        this.path,
        `is not valid Extended JSON (${error instanceof Error ? error.message : String(error)})`,
      );
    }
    const snapshot = parsed as Partial<EngineSnapshot> | null;
    if (snapshot?.version !== 1 || typeof snapshot.databases !== 'object' || snapshot.databases === null)
      fail(this.path, 'is not a mongo-devserver snapshot (version 1 with databases)');
    return snapshot as EngineSnapshot;
  }

  /**
   * A record cut short at the very end is a write a crash interrupted before it was acknowledged: it is dropped.
   * A bad record with good data after it is damage, and refused.
   */
  private readJournal(): { records: { s: number; c: Change }[]; validBytes: number; totalBytes: number } {
    if (!existsSync(this.journalPath)) return { records: [], validBytes: 0, totalBytes: 0 };
    const data = readFileSync(this.journalPath);
    const records: { s: number; c: Change }[] = [];
    let offset = 0;
    while (offset < data.length) {
      const end =
        data.length - offset >= HEADER_BYTES ? offset + HEADER_BYTES + data.readUInt32LE(offset) : Infinity;
      if (end > data.length) break;
      const body = data.subarray(offset + HEADER_BYTES, end);
      if (crc32(body) !== data.readUInt32LE(offset + 4)) {
        if (end === data.length) break;
        fail(this.journalPath, `has a damaged record at byte ${offset}`);
      }
      records.push(BSON.deserialize(body) as { s: number; c: Change });
      offset = end;
    }
    return { records, validBytes: offset, totalBytes: data.length };
  }

  /** Queues a change; it becomes durable with the next `commit`. */
  record(change: Change): void {
    this.sequence += 1;
    const body = BSON.serialize({ s: this.sequence, c: change });
    const header = Buffer.alloc(HEADER_BYTES);
    header.writeUInt32LE(body.length, 0);
    header.writeUInt32LE(crc32(body), 4);
    this.pending.push(header, Buffer.from(body.buffer, body.byteOffset, body.byteLength));
    this.recorded += HEADER_BYTES + body.length;
  }

  /** Resolves once every change recorded before the call is on disk. */
  async commit(): Promise<void> {
    const target = this.recorded;
    while (this.durable < target) await this.exclusive(() => this.syncPending());
  }

  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const turn = this.io.then(work);
    this.io = turn.catch(() => {});
    return turn;
  }

  private async syncPending(): Promise<void> {
    if (this.pending.length === 0) return;
    const batch = Buffer.concat(this.pending);
    const end = this.recorded;
    this.pending = [];
    try {
      this.journal ??= await open(this.journalPath, 'a');
      await this.journal.write(batch);
      await this.journal.datasync();
    } catch (error) {
      this.pending.unshift(batch);
      throw error;
    }
    this.durable = end;
    this.journalBytes += batch.length;
    if (this.journalBytes > Math.max(COMPACT_AFTER_BYTES, this.snapshotBytes) && !this.compacting) {
      this.compacting = true;
      void this.exclusive(async () => this.compactNow(this.take?.()))
        .catch(this.onError)
        .finally(() => {
          this.compacting = false;
        });
    }
  }

  /** What a background compaction snapshots; set by the server once the engine is loaded. */
  take: (() => EngineSnapshot) | undefined;

  /** Folds the journal into a new snapshot: afterwards the journal is empty. */
  compact(snapshot: EngineSnapshot): Promise<void> {
    return this.exclusive(() => this.compactNow(snapshot));
  }

  private async compactNow(taken: EngineSnapshot | undefined): Promise<void> {
    if (!taken) return;
    const text = EJSON.stringify({ ...taken, appliedThrough: this.sequence }, { relaxed: true });
    // Everything recorded so far is in this snapshot, whether or not its journal record reached the disk.
    this.pending = [];
    const coveredThrough = this.recorded;
    const temporary = `${this.path}.${process.pid}.tmp`;
    await writeDurably(temporary, text);
    await rename(temporary, this.path);
    await syncDirectory(dirname(this.path));
    this.snapshotBytes = text.length;
    this.durable = Math.max(this.durable, coveredThrough);
    this.journal ??= await open(this.journalPath, 'a');
    await this.journal.truncate(0);
    await this.journal.datasync();
    this.journalBytes = 0;
  }

  get hasJournal(): boolean {
    return this.journalBytes > 0 || this.pending.length > 0;
  }

  /** Writes what is pending, folds the journal into the snapshot and lets go of the lock. */
  async close(snapshot: EngineSnapshot): Promise<void> {
    try {
      await this.commit();
      if (this.hasJournal || !existsSync(this.path)) await this.compact(snapshot);
    } finally {
      await this.release();
    }
  }

  async release(): Promise<void> {
    await this.journal?.close();
    this.journal = undefined;
    if (existsSync(this.lockPath)) unlinkSync(this.lockPath);
  }
}

async function writeDurably(path: string, text: string): Promise<void> {
  const handle = await open(path, 'w');
  try {
    await handle.writeFile(text);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** A rename is durable only once the directory entry itself is synced. */
async function syncDirectory(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
