/**
 * The file store contract, run against both stores: local disk in a temp directory, and an S3-compatible
 * object store served by a real S3 server (s3rver) this test starts on a free port with its data in a
 * temp directory.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readdir, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { createReadStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../src/server/http/errors';
import { createFileStore, DiskFileStore, parseFileStoreEnv, S3FileStore, type FileStore } from '../../src/server/files';

// ---------------------------------------------------------------- fixtures: real files of each format

import { docx, docxContentTypesLast, jpeg, pdf, png, zip } from '../support/sample-files';
import { startS3Server } from '../support/s3';

async function xlsx(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('数据台账').addRow(['设备', '数量']).commit();
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The start of a Windows executable: MZ header pointing at a PE header. */
function exe(padding = 4096): Buffer {
  const b = Buffer.alloc(256 + padding);
  b.write('MZ', 0, 'latin1');
  b.writeUInt32LE(0x80, 0x3c);
  b.write('PE\0\0', 0x80, 'latin1');
  b.writeUInt16LE(0x014c, 0x84);
  return b;
}

function sha(b: Buffer): string {
  return createHash('sha256').update(b).digest('hex');
}

async function readAll(s: Readable): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const c of s) parts.push(c as Buffer);
  return Buffer.concat(parts);
}

/** A source that produces `total` bytes in `chunk`-sized pieces, starting with `head`, and counts what was pulled. */
function countingSource(head: Buffer, total: number, chunk = 64 * 1024) {
  const probe = { pulled: 0, closed: false };
  async function* gen() {
    try {
      let sent = 0;
      while (sent < total) {
        const piece = sent === 0 ? Buffer.concat([head, Buffer.alloc(Math.max(0, chunk - head.length), 0x20)]) : Buffer.alloc(chunk, 0x20);
        sent += piece.length;
        probe.pulled += piece.length;
        yield piece;
      }
    } finally {
      probe.closed = true;
    }
  }
  return { probe, source: gen() };
}

async function refusal(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error('expected the put to be refused');
}

const MB = 1024 * 1024;

// ---------------------------------------------------------------- the two stores

interface Harness {
  store: FileStore;
  /** Every stored blob's name, and every temporary leftover. */
  blobs(): Promise<string[]>;
  leftovers(): Promise<string[]>;
}

async function walk(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await walk(p)));
    else out.push(p);
  }
  return out;
}


let tmpRoot: string;
let s3server: Awaited<ReturnType<typeof startS3Server>> | undefined;
let s3Endpoint: string;
const harnesses: Record<'disk' | 's3', Harness> = {} as Record<'disk' | 's3', Harness>;

beforeAll(async () => {
  tmpRoot = await mkdtemp(join(tmpdir(), 'zs-files-test-'));
  const diskRoot = join(tmpRoot, 'data', 'files');
  const disk = createFileStore({ DATA_DIR: join(tmpRoot, 'data') });
  await disk.ready();
  harnesses.disk = {
    store: disk,
    blobs: async () => (await walk(diskRoot)).filter((p) => !p.startsWith(join(diskRoot, 'tmp'))).map((p) => p.slice(-64)),
    leftovers: async () => walk(join(diskRoot, 'tmp')),
  };

  s3server = await startS3Server(join(tmpRoot, 's3'));
  const { port } = s3server;
  s3Endpoint = `http://127.0.0.1:${port}`;
  const s3 = createFileStore({
    S3_ENDPOINT: s3Endpoint,
    S3_BUCKET: 'zs-pilot-files',
    S3_ACCESS_KEY_ID: 'S3RVER',
    S3_SECRET_ACCESS_KEY: 'S3RVER',
    S3_CREATE_BUCKET: '1',
  });
  await s3.ready();
  const list = async (prefix: string) => {
    const r = await (s3 as S3FileStore).client.send(new ListObjectsV2Command({ Bucket: 'zs-pilot-files', Prefix: prefix }));
    return (r.Contents ?? []).map((o) => o.Key ?? '');
  };
  harnesses.s3 = {
    store: s3,
    blobs: async () => (await list('files/')).map((k) => k.slice(-64)),
    leftovers: async () => (await list('')).filter((k) => !k.startsWith('files/')),
  };
});

afterAll(async () => {
  if (harnesses.s3) (harnesses.s3.store as S3FileStore).destroy();
  await s3server?.stop();
  if (tmpRoot) await rm(tmpRoot, { recursive: true, force: true });
});

describe.each(['disk', 's3'] as const)('file store contract: %s', (name) => {
  const h = () => harnesses[name];

  it('round trip: put, stat, has, get (whole and a range); a multipart-sized file streams through', async () => {
    const content = pdf(7 * MB);
    const put = await h().store.put(Readable.from([content.subarray(0, 3 * MB), content.subarray(3 * MB)]), { maxBytes: 50 * MB });
    expect(put).toEqual({ sha256: sha(content), size: content.length, format: 'pdf', kind: 'pdf', mime: 'application/pdf', created: true });
    expect(await h().store.has(put.sha256)).toBe(true);
    expect(await h().store.stat(put.sha256)).toEqual({ sha256: put.sha256, size: content.length });
    expect(sha(await readAll(await h().store.get(put.sha256)))).toBe(put.sha256);
    expect(await readAll(await h().store.get(put.sha256, { start: 0, end: 7 }))).toEqual(Buffer.from('%PDF-1.7'));
    expect(await h().leftovers()).toEqual([]);
  });

  it('every accepted format is recognised by its content', async () => {
    const cases: [Buffer, string, string][] = [
      [png(), 'png', 'image'],
      [jpeg(), 'jpg', 'image'],
      [docx(), 'docx', 'office'],
      [docxContentTypesLast(), 'docx', 'office'],
      [await xlsx(), 'xlsx', 'office'],
    ];
    for (const [content, format, kind] of cases) {
      const r = await h().store.put(Readable.from([content]), { maxBytes: 5 * MB });
      expect({ format: r.format, kind: r.kind, sha256: r.sha256 }).toEqual({ format, kind, sha256: sha(content) });
    }
  });

  it('a missing or malformed blob name is NOT_FOUND, never a path', async () => {
    const missing = 'f'.repeat(64);
    expect(await h().store.has(missing)).toBe(false);
    expect(await h().store.stat(missing)).toBeNull();
    expect((await refusal(h().store.get(missing))).code).toBe('NOT_FOUND');
    for (const bad of ['../../etc/passwd', 'F'.repeat(64), 'a'.repeat(63), '']) {
      expect(await h().store.has(bad)).toBe(false);
      expect((await refusal(h().store.get(bad))).code).toBe('NOT_FOUND');
    }
  });

  it('the same content twice is one blob, not rewritten', async () => {
    const content = pdf(2048);
    const first = await h().store.put(Readable.from([content]), { maxBytes: MB });
    const before = name === 'disk' ? await stat((h().store as DiskFileStore).pathOf(first.sha256)) : null;
    const second = await h().store.put(Readable.from([content]), { maxBytes: MB });
    expect(first.created).toBe(true);
    expect(second).toEqual({ ...first, created: false });
    expect((await h().blobs()).filter((b) => b === first.sha256)).toHaveLength(1);
    if (before) {
      const after = await stat((h().store as DiskFileStore).pathOf(first.sha256));
      expect({ ino: after.ino, mtimeMs: after.mtimeMs }).toEqual({ ino: before.ino, mtimeMs: before.mtimeMs });
    }
    expect(await h().leftovers()).toEqual([]);
  });

  it('concurrent puts of the same and of different content all land, each content once', async () => {
    const same = pdf(300 * 1024);
    const different = Array.from({ length: 4 }, () => pdf(200 * 1024));
    const results = await Promise.all([
      ...Array.from({ length: 4 }, () => h().store.put(Readable.from([same.subarray(0, 1000), same.subarray(1000)]), { maxBytes: MB })),
      ...different.map((d) => h().store.put(Readable.from([d]), { maxBytes: MB })),
    ]);
    expect(new Set(results.slice(0, 4).map((r) => r.sha256))).toEqual(new Set([sha(same)]));
    expect(results.slice(4).map((r) => r.sha256)).toEqual(different.map(sha));
    const blobs = await h().blobs();
    for (const c of [same, ...different]) {
      expect(blobs.filter((b) => b === sha(c))).toHaveLength(1);
      expect(sha(await readAll(await h().store.get(sha(c))))).toBe(sha(c));
    }
    expect(await h().leftovers()).toEqual([]);
  });

  it('an oversize upload is cut off mid-stream: bytes pulled stay at the limit, nothing is left behind', async () => {
    const before = await h().blobs();
    // above one multipart part, so the S3 store has started a multipart upload when the limit is hit
    const maxBytes = 6 * MB;
    const { probe, source } = countingSource(pdf(0), 512 * MB);
    const err = await refusal(h().store.put(source, { maxBytes }));
    expect(err.code).toBe('FILE_TOO_LARGE');
    expect(err.status).toBe(413);
    expect(err.details).toEqual({ maxBytes });
    expect(err.text.zh).toContain('6 MB');
    expect(probe.pulled).toBe(maxBytes + 64 * 1024);
    expect(probe.closed).toBe(true);
    expect(await h().blobs()).toEqual(before);
    expect(await h().leftovers()).toEqual([]);
  });

  it('an oversize Node stream is destroyed with at most its read-ahead pulled', async () => {
    const { probe, source } = countingSource(pdf(0), 512 * MB);
    const stream = Readable.from(source);
    const err = await refusal(h().store.put(stream, { maxBytes: MB }));
    expect(err.code).toBe('FILE_TOO_LARGE');
    expect(stream.destroyed).toBe(true);
    expect(probe.pulled).toBeLessThanOrEqual(MB + 17 * 64 * 1024);
    expect(await h().leftovers()).toEqual([]);
  });

  it('a file of exactly the limit is accepted; one byte more is not', async () => {
    const content = pdf(100 * 1024);
    const limit = content.length;
    expect((await h().store.put(Readable.from([content]), { maxBytes: limit })).size).toBe(limit);
    const bigger = Buffer.concat([content, Buffer.from(' ')]);
    expect((await refusal(h().store.put(Readable.from([bigger]), { maxBytes: limit }))).code).toBe('FILE_TOO_LARGE');
    expect(await h().store.has(sha(bigger))).toBe(false);
  });

  it('an upload whose client goes away mid-stream fails with the source error and leaves nothing', async () => {
    const before = await h().blobs();
    async function* broken() {
      yield pdf(0);
      yield randomBytes(6 * MB);
      throw new Error('client disconnected');
    }
    await expect(h().store.put(Readable.from(broken()), { maxBytes: 50 * MB })).rejects.toThrow('client disconnected');
    expect(await h().blobs()).toEqual(before);
    expect(await h().leftovers()).toEqual([]);
  });

  it('a Windows executable renamed .pdf is refused by its content, early', async () => {
    const path = join(tmpRoot, `invoice-${name}.pdf`);
    await writeFile(path, exe());
    const err = await refusal(h().store.put(createReadStream(path), { maxBytes: 50 * MB }));
    expect(err.code).toBe('FILE_TYPE_REFUSED');
    expect(err.status).toBe(415);
    expect(err.details).toEqual({ detected: 'exe', accepted: ['pdf', 'jpg', 'png', 'docx', 'xlsx'] });
    // a large executable is refused after its first chunk, not after it has been read whole
    const { probe, source } = countingSource(exe(0), 64 * MB);
    expect((await refusal(h().store.put(source, { maxBytes: 100 * MB }))).code).toBe('FILE_TYPE_REFUSED');
    expect(probe.pulled).toBeLessThanOrEqual(2 * 64 * 1024);
    expect(probe.closed).toBe(true);
    expect(await h().leftovers()).toEqual([]);
  });

  it('refuses a plain ZIP, text, an empty file and a kind the slot does not accept', async () => {
    const plainZip = zip([['readme.txt', Buffer.from('hello')]]);
    expect((await refusal(h().store.put(Readable.from([plainZip]), { maxBytes: MB }))).details).toMatchObject({ detected: 'zip' });
    expect((await refusal(h().store.put(Readable.from([Buffer.from('just text, named .pdf')]), { maxBytes: MB }))).details).toMatchObject({ detected: null });
    expect((await refusal(h().store.put(Readable.from([]), { maxBytes: MB }))).code).toBe('FILE_TYPE_REFUSED');
    const onlyPdf = await refusal(h().store.put(Readable.from([png()]), { maxBytes: MB, accept: ['pdf'] }));
    expect(onlyPdf.code).toBe('FILE_TYPE_REFUSED');
    expect(onlyPdf.details).toEqual({ detected: 'png', accepted: ['pdf'] });
    expect(onlyPdf.text.zh).toContain('此处只接受：PDF');
    expect(await h().leftovers()).toEqual([]);
  });
});

describe('stores shared by several instances', () => {
  it('a blob put through one instance is read through another on the same disk directory or bucket', async () => {
    const content = pdf(4096);
    const disk = harnesses.disk.store as DiskFileStore;
    const s3 = harnesses.s3.store as S3FileStore;
    const otherDisk = new DiskFileStore(disk.root);
    const otherS3 = createFileStore({ S3_ENDPOINT: s3Endpoint, S3_BUCKET: s3.bucket, S3_ACCESS_KEY_ID: 'S3RVER', S3_SECRET_ACCESS_KEY: 'S3RVER' });
    for (const [a, b] of [[disk, otherDisk], [s3, otherS3]] as const) {
      const put = await a.put(Readable.from([content]), { maxBytes: MB });
      expect(sha(await readAll(await b.get(put.sha256)))).toBe(put.sha256);
      expect((await b.put(Readable.from([content]), { maxBytes: MB })).created).toBe(false);
    }
    (otherS3 as S3FileStore).destroy();
  });

  it('ready() removes a crashed upload\'s stale temporary file and keeps a fresh one', async () => {
    const disk = harnesses.disk.store as DiskFileStore;
    const stale = join(disk.tmpDir, 'stale.part');
    const fresh = join(disk.tmpDir, 'fresh.part');
    await writeFile(stale, 'x');
    await writeFile(fresh, 'y');
    const old = new Date(Date.now() - 25 * 3_600_000);
    await utimes(stale, old, old);
    await disk.ready();
    expect((await readdir(disk.tmpDir)).sort()).toEqual(['fresh.part']);
    await rm(fresh);
  });

  it('ready() fails on a bucket that does not exist unless asked to create it', async () => {
    const env = { S3_ENDPOINT: s3Endpoint, S3_BUCKET: 'zs-no-such-bucket', S3_ACCESS_KEY_ID: 'S3RVER', S3_SECRET_ACCESS_KEY: 'S3RVER' };
    const missing = createFileStore(env) as S3FileStore;
    await expect(missing.ready()).rejects.toThrow();
    missing.destroy();
  });
});

describe('choosing the store from the environment', () => {
  it('defaults to local disk under DATA_DIR/files', () => {
    expect(parseFileStoreEnv({})).toEqual({ kind: 'disk', root: join('./data', 'files'), maxUploadBytes: 50 * MB });
    expect(parseFileStoreEnv({ DATA_DIR: '/srv/zs', UPLOAD_MAX_MB: '20' })).toEqual({ kind: 'disk', root: '/srv/zs/files', maxUploadBytes: 20 * MB });
    expect(parseFileStoreEnv({ FILES_DIR: '/mnt/files' })).toMatchObject({ kind: 'disk', root: '/mnt/files' });
    expect(parseFileStoreEnv({ DATA_DIR: 'memory://' })).toMatchObject({ kind: 'disk', root: expect.stringContaining('zs-files-') });
  });

  it('uses S3 when an endpoint or bucket is set, and names what is missing', () => {
    expect(parseFileStoreEnv({ S3_ENDPOINT: 'http://minio:9000', S3_BUCKET: 'b-files', S3_ACCESS_KEY_ID: 'k', S3_SECRET_ACCESS_KEY: 's' })).toEqual({
      kind: 's3',
      endpoint: 'http://minio:9000',
      bucket: 'b-files',
      accessKeyId: 'k',
      secretAccessKey: 's',
      region: 'us-east-1',
      forcePathStyle: true,
      createBucket: false,
      maxUploadBytes: 50 * MB,
    });
    expect(() => parseFileStoreEnv({ S3_ENDPOINT: 'http://minio:9000' })).toThrow('S3_BUCKET, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY');
    expect(() => parseFileStoreEnv({ S3_BUCKET: 'b', S3_ACCESS_KEY_ID: 'k', S3_SECRET_ACCESS_KEY: 's', S3_ENDPOINT: 'minio:9000' })).toThrow('S3_ENDPOINT');
    expect(() => parseFileStoreEnv({ UPLOAD_MAX_MB: 'lots' })).toThrow('UPLOAD_MAX_MB');
  });
});
