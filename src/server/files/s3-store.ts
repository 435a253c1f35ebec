/**
 * Blobs in an S3-compatible object store (path-style by default, so MinIO, Ceph, OSS/COS gateways work):
 * key `files/<aa>/<bb>/<sha256>`. An upload streams into a temporary object `tmp/<uuid>` by multipart upload
 * (one part of 5 MB in memory at a time) while it is hashed, then is copied to its final key unless that
 * key exists, and the temporary object is deleted. Several instances sharing the bucket share the files.
 */
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { PassThrough, Readable } from 'node:stream';
import {
  CopyObjectCommand,
  CreateBucketCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  S3Client,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { AppError } from '../http/errors';
import { ingest, type BlobSink } from './ingest';
import { checkSha256, isSha256, type BlobStat, type ByteRange, type ByteSource, type FileStore, type PutOptions, type StoredFile } from './types';

export interface S3StoreOptions {
  endpoint: string | undefined;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  region: string;
  forcePathStyle: boolean;
  /** Create the bucket in `ready()` when it does not exist (for a fresh local server). */
  createBucket?: boolean;
}

const PART_BYTES = 5 * 1024 * 1024;
const STALE_TMP_MS = 24 * 3_600_000;

function httpStatus(err: unknown): number | undefined {
  return (err as { $metadata?: { httpStatusCode?: number } } | null)?.$metadata?.httpStatusCode;
}

function isMissing(err: unknown): boolean {
  const name = (err as { name?: string } | null)?.name;
  return httpStatus(err) === 404 || name === 'NotFound' || name === 'NoSuchKey' || name === 'NoSuchBucket';
}

class S3Sink implements BlobSink {
  private readonly body = new PassThrough({ highWaterMark: 1024 * 1024 });
  private readonly tmpKey = `tmp/${randomUUID()}`;
  private readonly upload: Upload;
  private readonly done: Promise<unknown>;

  constructor(private readonly store: S3FileStore) {
    this.upload = new Upload({
      client: store.client,
      params: { Bucket: store.bucket, Key: this.tmpKey, Body: this.body },
      partSize: PART_BYTES,
      queueSize: 2,
      leavePartsOnError: false,
    });
    this.done = this.upload.done();
    this.done.catch(() => undefined);
  }

  async write(chunk: Buffer): Promise<void> {
    if (!this.body.write(chunk)) await Promise.race([once(this.body, 'drain'), this.done]);
  }

  async commit(sha256: string, mime: string): Promise<boolean> {
    this.body.end();
    try {
      await this.done;
      if (await this.store.has(sha256)) return false;
      await this.store.client.send(
        new CopyObjectCommand({
          Bucket: this.store.bucket,
          Key: this.store.keyOf(sha256),
          CopySource: `${this.store.bucket}/${this.tmpKey}`,
          MetadataDirective: 'REPLACE',
          ContentType: mime,
          Metadata: { sha256 },
        }),
      );
      return true;
    } finally {
      await this.deleteTmp();
    }
  }

  async discard(): Promise<void> {
    this.body.destroy();
    await this.upload.abort().catch(() => undefined);
    await this.done.catch(() => undefined);
    await this.deleteTmp();
  }

  private async deleteTmp(): Promise<void> {
    await this.store.client.send(new DeleteObjectCommand({ Bucket: this.store.bucket, Key: this.tmpKey })).catch(() => undefined);
  }
}

export class S3FileStore implements FileStore {
  readonly kind = 's3' as const;
  readonly client: S3Client;
  readonly bucket: string;

  constructor(private readonly options: S3StoreOptions) {
    this.bucket = options.bucket;
    this.client = new S3Client({
      ...(options.endpoint ? { endpoint: options.endpoint } : {}),
      region: options.region,
      forcePathStyle: options.forcePathStyle,
      credentials: { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey },
      // checksums only where S3 requires them: many S3-compatible servers reject the newer trailing checksums
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
  }

  keyOf(sha256: string): string {
    checkSha256(sha256);
    return `files/${sha256.slice(0, 2)}/${sha256.slice(2, 4)}/${sha256}`;
  }

  async ready(): Promise<void> {
    try {
      await this.client.send(new HeadBucketCommand({ Bucket: this.bucket }));
    } catch (err) {
      if (!this.options.createBucket || !isMissing(err)) throw err;
      await this.client.send(new CreateBucketCommand({ Bucket: this.bucket }));
    }
    const listed = await this.client.send(new ListObjectsV2Command({ Bucket: this.bucket, Prefix: 'tmp/', MaxKeys: 1000 }));
    const now = Date.now();
    for (const o of listed.Contents ?? []) {
      if (o.Key && o.LastModified && now - o.LastModified.getTime() > STALE_TMP_MS) {
        await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: o.Key })).catch(() => undefined);
      }
    }
  }

  put(source: ByteSource, opts: PutOptions): Promise<StoredFile> {
    return ingest(source, new S3Sink(this), opts);
  }

  async get(sha256: string, range?: ByteRange): Promise<Readable> {
    try {
      const r = await this.client.send(
        new GetObjectCommand({ Bucket: this.bucket, Key: this.keyOf(sha256), ...(range ? { Range: `bytes=${range.start}-${range.end}` } : {}) }),
      );
      if (!(r.Body instanceof Readable)) throw new Error('S3 answered without a body stream');
      return r.Body;
    } catch (err) {
      if (isMissing(err)) throw new AppError('NOT_FOUND');
      throw err;
    }
  }

  async has(sha256: string): Promise<boolean> {
    return (await this.stat(sha256)) !== null;
  }

  async stat(sha256: string): Promise<BlobStat | null> {
    if (!isSha256(sha256)) return null;
    try {
      const r = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: this.keyOf(sha256) }));
      return { sha256, size: r.ContentLength ?? 0 };
    } catch (err) {
      if (isMissing(err)) return null;
      throw err;
    }
  }

  /** Closes the client's sockets. */
  destroy(): void {
    this.client.destroy();
  }
}
