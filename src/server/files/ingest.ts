/**
 * The one upload pipeline both stores use: pull the source chunk by chunk, count, hash (SHA-256), sniff the
 * type from the content and hand each chunk to the store's sink. Nothing is buffered beyond one chunk (and
 * what the sink keeps for itself, e.g. one multipart part), so memory stays flat whatever the file's size.
 */
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { PassThrough, Readable } from 'node:stream';
import { fileTypeFromStream } from 'file-type/node';
import type { FileKind } from '../../core/workflow/types';
import { ACCEPTED_FORMATS, fileTooLarge, fileTypeRefused, isFileFormat, type ByteSource, type PutOptions, type StoredFile } from './types';

/** Where the bytes go while they arrive: a temporary file or a temporary object. */
export interface BlobSink {
  write(chunk: Buffer): Promise<void>;
  /** All bytes are written: make them the blob `sha256` (keeping an existing one). True when it was new. */
  commit(sha256: string, mime: string): Promise<boolean>;
  /** Throw away what was written; never throws. */
  discard(): Promise<void>;
}

const ALL_KINDS: readonly FileKind[] = ['pdf', 'image', 'office'];

/**
 * Sniffs the type while the bytes pass: `file-type` reads from its own feed as far as it needs (for a
 * DOCX/XLSX it walks the ZIP entries), and is fed no more once it has decided.
 */
class Sniffer {
  private readonly feed = new PassThrough({ highWaterMark: 256 * 1024 });
  private settled = false;
  ext: string | undefined;
  private readonly result: Promise<void>;

  constructor() {
    this.feed.on('error', () => undefined);
    this.result = fileTypeFromStream(this.feed).then(
      (r) => {
        this.ext = r?.ext;
        this.settled = true;
      },
      () => {
        this.ext = undefined;
        this.settled = true;
      },
    );
  }

  get decided(): boolean {
    return this.settled;
  }

  /** Feeds a chunk, then gives the detector one turn of the event loop, so a refused type stops the upload at once. */
  async push(chunk: Buffer): Promise<void> {
    if (this.settled || this.feed.destroyed) return;
    if (!this.feed.write(chunk)) await Promise.race([once(this.feed, 'drain').catch(() => undefined), this.result]);
    await Promise.race([new Promise((resolve) => setImmediate(resolve)), this.result]);
  }

  async finish(): Promise<string | undefined> {
    if (!this.settled && !this.feed.destroyed) this.feed.end();
    await this.result;
    return this.ext;
  }

  destroy(): void {
    if (!this.feed.destroyed) this.feed.destroy();
  }
}

function toBuffer(chunk: Uint8Array | string): Buffer {
  if (typeof chunk === 'string') return Buffer.from(chunk, 'utf8');
  return Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
}

export async function ingest(source: ByteSource, sink: BlobSink, opts: PutOptions): Promise<StoredFile> {
  if (!Number.isSafeInteger(opts.maxBytes) || opts.maxBytes < 1) throw new RangeError('maxBytes must be a positive integer');
  const accept = opts.accept ?? ALL_KINDS;
  const acceptable = (ext: string | undefined) => isFileFormat(ext) && accept.includes(ACCEPTED_FORMATS[ext].kind);
  const hash = createHash('sha256');
  const sniffer = new Sniffer();
  let size = 0;
  try {
    for await (const raw of source as AsyncIterable<Uint8Array | string>) {
      const chunk = toBuffer(raw);
      size += chunk.length;
      if (size > opts.maxBytes) throw fileTooLarge(opts.maxBytes);
      hash.update(chunk);
      await sniffer.push(chunk);
      if (sniffer.decided && !acceptable(sniffer.ext)) throw fileTypeRefused(sniffer.ext ?? null, accept);
      await sink.write(chunk);
    }
    const ext = await sniffer.finish();
    if (!isFileFormat(ext) || !acceptable(ext)) throw fileTypeRefused(ext ?? null, accept);
    const sha256 = hash.digest('hex');
    const format = ACCEPTED_FORMATS[ext];
    const created = await sink.commit(sha256, format.mime);
    return { sha256, size, format: ext, kind: format.kind, mime: format.mime, created };
  } catch (err) {
    sniffer.destroy();
    if (source instanceof Readable && !source.destroyed) source.destroy();
    await sink.discard();
    throw err;
  }
}
