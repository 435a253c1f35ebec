/**
 * The content-addressed file store: a blob is named by the SHA-256 of its bytes, so the same content is
 * stored once and a stored blob never changes. Which files exist, who uploaded them and under which name
 * is the database's business (files / materials tables); the store only keeps bytes.
 */
import type { Readable } from 'node:stream';
import type { FileKind } from '../../core/workflow/types';
import { AppError } from '../http/errors';

/** The formats the platform accepts, decided by content (magic bytes), never by name. */
export const ACCEPTED_FORMATS = {
  pdf: { kind: 'pdf', mime: 'application/pdf' },
  jpg: { kind: 'image', mime: 'image/jpeg' },
  png: { kind: 'image', mime: 'image/png' },
  docx: { kind: 'office', mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' },
  xlsx: { kind: 'office', mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
} as const satisfies Record<string, { kind: FileKind; mime: string }>;

export type FileFormat = keyof typeof ACCEPTED_FORMATS;

export function isFileFormat(ext: string | undefined): ext is FileFormat {
  return ext !== undefined && Object.hasOwn(ACCEPTED_FORMATS, ext);
}

export interface PutOptions {
  /** The largest accepted file; one byte more and the upload is cut off (FILE_TOO_LARGE). */
  maxBytes: number;
  /** The kinds this upload may be (a slot's `accept`); default: every accepted format. */
  accept?: readonly FileKind[];
}

export interface StoredFile {
  sha256: string;
  size: number;
  format: FileFormat;
  kind: FileKind;
  mime: string;
  /** False when a blob with this content was already stored (it was not rewritten). */
  created: boolean;
}

export interface BlobStat {
  sha256: string;
  size: number;
}

/** An inclusive byte range, as in an HTTP Range header. */
export interface ByteRange {
  start: number;
  end: number;
}

export type ByteSource = Readable | AsyncIterable<Uint8Array | string>;

export interface FileStore {
  readonly kind: 'disk' | 's3';
  /** Checks the store is reachable and prepares it (directories, bucket); removes stale temporary uploads. */
  ready(): Promise<void>;
  /**
   * Streams `source` into the store while hashing it and sniffing its type. Throws FILE_TOO_LARGE as soon as
   * more than `maxBytes` arrive, FILE_TYPE_REFUSED as soon as the content is known to be of a refused type;
   * either way nothing (no blob, no temporary file) is left behind and `source` is destroyed.
   */
  put(source: ByteSource, opts: PutOptions): Promise<StoredFile>;
  /** The blob's bytes (or a range of them); NOT_FOUND when there is no such blob. */
  get(sha256: string, range?: ByteRange): Promise<Readable>;
  has(sha256: string): Promise<boolean>;
  stat(sha256: string): Promise<BlobStat | null>;
}

const SHA256 = /^[0-9a-f]{64}$/;

export function isSha256(s: unknown): s is string {
  return typeof s === 'string' && SHA256.test(s);
}

/** A blob name is exactly 64 lower-case hex digits (so it can never name a path outside the store). */
export function checkSha256(sha256: string): string {
  if (!isSha256(sha256)) throw new AppError('NOT_FOUND');
  return sha256;
}

function mb(bytes: number): string {
  const v = bytes / (1024 * 1024);
  return v >= 1 ? `${Math.round(v * 10) / 10} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

export function fileTooLarge(maxBytes: number): AppError {
  return new AppError('FILE_TOO_LARGE', {
    message: { zh: `文件超过 ${mb(maxBytes)} 的大小上限`, en: `The file is larger than the limit of ${mb(maxBytes)}` },
    details: { maxBytes },
  });
}

const KIND_LABELS: Record<FileKind, { zh: string; en: string }> = {
  pdf: { zh: 'PDF', en: 'PDF' },
  image: { zh: '图片（JPG、PNG）', en: 'images (JPG, PNG)' },
  office: { zh: 'Word（DOCX）、Excel（XLSX）', en: 'Word (DOCX), Excel (XLSX)' },
};

export function fileTypeRefused(detected: string | null, accept: readonly FileKind[]): AppError {
  const kinds = accept.filter((k) => Object.values(ACCEPTED_FORMATS).some((f) => f.kind === k));
  const formats = (Object.keys(ACCEPTED_FORMATS) as FileFormat[]).filter((f) => kinds.includes(ACCEPTED_FORMATS[f].kind));
  return new AppError('FILE_TYPE_REFUSED', {
    message: {
      zh: `不接受此类文件（按文件内容判断，与文件名无关），此处只接受：${kinds.map((k) => KIND_LABELS[k].zh).join('、')}`,
      en: `This kind of file is not accepted (judged by its content, not its name); accepted here: ${kinds.map((k) => KIND_LABELS[k].en).join(', ')}`,
    },
    details: { detected, accepted: formats },
  });
}
