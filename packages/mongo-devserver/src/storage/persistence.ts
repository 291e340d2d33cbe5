import { existsSync, readFileSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { EJSON } from 'bson';
import type { EngineSnapshot } from './engine.js';

/**
 * Keeps a snapshot file in step with the engine: writes are debounced, go to a temporary file first and are
 * renamed into place, so a crash mid-write never leaves a truncated database behind.
 */
export class SnapshotFile {
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> = Promise.resolve();
  private dirty = false;

  constructor(
    private readonly path: string,
    private readonly take: () => EngineSnapshot,
    private readonly onError: (error: unknown) => void,
    private readonly debounceMs = 100,
  ) {}

  /** Relaxed Extended JSON keeps ObjectIds, Dates and other BSON types while staying readable. */
  load(): EngineSnapshot | undefined {
    if (!existsSync(this.path)) return undefined;
    const text = readFileSync(this.path, 'utf8');
    if (text.trim() === '') return undefined;
    try {
      return EJSON.parse(text, { relaxed: true }) as EngineSnapshot;
    } catch (error) {
      throw new Error(
        `cannot read data file ${this.path}: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }

  schedule(): void {
    this.dirty = true;
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.flush().catch(this.onError);
    }, this.debounceMs);
    this.timer.unref();
  }

  /** Resolves once everything changed so far is on disk. */
  async flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    // A failed write must not poison later flushes: the next one retries with the current data.
    this.writing = this.writing.catch(() => {}).then(() => this.writeIfDirty());
    return this.writing;
  }

  private async writeIfDirty(): Promise<void> {
    if (!this.dirty) return;
    this.dirty = false;
    try {
      await this.write();
    } catch (error) {
      this.dirty = true;
      throw error;
    }
  }

  private async write(): Promise<void> {
    const text = EJSON.stringify(this.take(), { relaxed: true });
    const temporary = `${this.path}.${process.pid}.tmp`;
    await mkdir(dirname(this.path), { recursive: true });
    await writeFile(temporary, text);
    await rename(temporary, this.path);
  }
}
