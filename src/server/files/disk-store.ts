/**
 * Blobs on local disk: `<root>/<aa>/<bb>/<sha256>` (root is `DATA_DIR/files` by default). An upload is written
 * to `<root>/tmp/` while it is hashed, flushed, then hard-linked into place — atomic, and an existing blob is
 * never rewritten (the link fails with EEXIST and the copy is dropped).
 */
import { randomUUID } from 'node:crypto';
import { link, mkdir, open, readdir, rename, rm, stat, unlink, type FileHandle } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import { AppError } from '../http/errors';
import { ingest, type BlobSink } from './ingest';
import { checkSha256, isSha256, type BlobStat, type ByteRange, type ByteSource, type FileStore, type PutOptions, type StoredFile } from './types';

/** Temporary uploads older than this are a crashed upload's leftovers; `ready()` removes them. */
const STALE_TMP_MS = 24 * 3_600_000;

function errno(err: unknown): string | undefined {
  return (err as NodeJS.ErrnoException | null)?.code;
}

class DiskSink implements BlobSink {
  private handle: FileHandle | null = null;
  private readonly tmp: string;

  constructor(private readonly store: DiskFileStore) {
    this.tmp = join(store.tmpDir, `${randomUUID()}.part`);
  }

  async write(chunk: Buffer): Promise<void> {
    if (!this.handle) {
      await mkdir(this.store.tmpDir, { recursive: true });
      this.handle = await open(this.tmp, 'wx', 0o640);
    }
    for (let offset = 0; offset < chunk.length; ) {
      const { bytesWritten } = await this.handle.write(chunk, offset, chunk.length - offset);
      offset += bytesWritten;
    }
  }

  async commit(sha256: string): Promise<boolean> {
    if (!this.handle) await this.write(Buffer.alloc(0));
    const handle = this.handle as FileHandle;
    await handle.sync();
    await handle.close();
    this.handle = null;
    const target = this.store.pathOf(sha256);
    await mkdir(dirname(target), { recursive: true });
    try {
      await link(this.tmp, target);
      return true;
    } catch (err) {
      if (errno(err) === 'EEXIST') return false;
      // a file system without hard links: rename, unless the blob appeared meanwhile
      if (errno(err) === 'EPERM' || errno(err) === 'ENOTSUP' || errno(err) === 'EXDEV') {
        if (await this.store.has(sha256)) return false;
        await rename(this.tmp, target);
        return true;
      }
      throw err;
    } finally {
      await rm(this.tmp, { force: true });
    }
  }

  async discard(): Promise<void> {
    try {
      await this.handle?.close();
    } catch {
      // already closed
    }
    this.handle = null;
    await rm(this.tmp, { force: true }).catch(() => undefined);
  }
}

export class DiskFileStore implements FileStore {
  readonly kind = 'disk' as const;
  readonly tmpDir: string;

  constructor(readonly root: string) {
    this.tmpDir = join(root, 'tmp');
  }

  pathOf(sha256: string): string {
    checkSha256(sha256);
    return join(this.root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  async ready(): Promise<void> {
    await mkdir(this.tmpDir, { recursive: true });
    const now = Date.now();
    for (const name of await readdir(this.tmpDir)) {
      const p = join(this.tmpDir, name);
      const s = await stat(p).catch(() => null);
      if (s && now - s.mtimeMs > STALE_TMP_MS) await unlink(p).catch(() => undefined);
    }
  }

  put(source: ByteSource, opts: PutOptions): Promise<StoredFile> {
    return ingest(source, new DiskSink(this), opts);
  }

  async get(sha256: string, range?: ByteRange): Promise<Readable> {
    let handle: FileHandle;
    try {
      handle = await open(this.pathOf(sha256), 'r');
    } catch (err) {
      if (errno(err) === 'ENOENT') throw new AppError('NOT_FOUND');
      throw err;
    }
    return handle.createReadStream(range ? { start: range.start, end: range.end } : {});
  }

  async has(sha256: string): Promise<boolean> {
    return (await this.stat(sha256)) !== null;
  }

  async stat(sha256: string): Promise<BlobStat | null> {
    if (!isSha256(sha256)) return null;
    try {
      const s = await stat(this.pathOf(sha256));
      return { sha256, size: s.size };
    } catch (err) {
      if (errno(err) === 'ENOENT') return null;
      throw err;
    }
  }
}
