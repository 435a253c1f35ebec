/**
 * Materials through the API, against both file stores: local disk in a temp directory, and an S3-compatible
 * object store served by a real S3 server (s3rver) started here on a free port. Uploads that must stream
 * (cut off mid-stream, concurrent, 50 MB) go over real HTTP to the app listening on port 0.
 */
import { createHash } from 'node:crypto';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { request as httpRequest } from 'node:http';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { and, eq, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app';
import { createFileStore, type FileStore, type S3FileStore } from '../../src/server/files';
import { auditEvents, files, materialRequests, materials } from '../../src/db/schema';
import { makeProject, type OrgRow, type ProjectRow } from '../../src/db/factories';
import { presentSlots } from '../../src/server/modules/materials/facts';
import { startTestApp, testConfig, type TestApp } from '../support/app';
import { PASSWORD, enterpriseWithUser, orgWithUser } from '../support/fixtures';

const MB = 1024 * 1024;

import { docx, exe, jpeg, pdf } from '../support/sample-files';
import { startS3Server } from '../support/s3';

/** What a store still holds besides its files once a refused upload's clean-up (it runs as the answer leaves) is done: polled up to 3 s. */
async function leftoversSettled(h: { leftovers(): Promise<string[]> }): Promise<string[]> {
  let left = await h.leftovers();
  for (let i = 0; i < 30 && left.length > 0; i++) {
    await new Promise((r) => setTimeout(r, 100));
    left = await h.leftovers();
  }
  return left;
}

function sha(b: Buffer): string {
  return createHash('sha256').update(b).digest('hex');
}

// ---------------------------------------------------------------- multipart and sessions

const BOUNDARY = '----zsMaterialsBoundary7MA4YWxkTrZu0gW';
const CONTENT_TYPE = `multipart/form-data; boundary=${BOUNDARY}`;

function partHead(fileName: string, field = 'file', type = 'application/octet-stream'): Buffer {
  return Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="${field}"; filename="${fileName}"\r\nContent-Type: ${type}\r\n\r\n`, 'utf8');
}
const TAIL = Buffer.from(`\r\n--${BOUNDARY}--\r\n`);

function form(content: Buffer, fileName: string, field = 'file'): Buffer {
  return Buffer.concat([partHead(fileName, field), content, TAIL]);
}

interface Session {
  cookie: string;
  csrf: string;
}

interface Res<T = unknown> {
  status: number;
  body: T;
  headers: Record<string, string | string[] | number | undefined>;
  raw: Buffer;
}

async function login(app: FastifyInstance, account: string): Promise<Session> {
  const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { account, password: PASSWORD } });
  expect(res.statusCode).toBe(200);
  const jar = new Map(res.cookies.map((c) => [c.name, c.value]));
  return { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; '), csrf: jar.get('zs_csrf') ?? '' };
}

async function call<T = unknown>(
  app: FastifyInstance,
  s: Session | null,
  method: 'GET' | 'POST' | 'DELETE',
  url: string,
  opts: { payload?: Buffer; headers?: Record<string, string> } = {},
): Promise<Res<T>> {
  const headers: Record<string, string> = { 'x-lang': 'zh-CN', ...opts.headers };
  if (s) {
    headers.cookie = s.cookie;
    if (method !== 'GET') headers['x-csrf-token'] = s.csrf;
  }
  if (opts.payload) headers['content-type'] ??= CONTENT_TYPE;
  const res = await app.inject({ method, url, headers, ...(opts.payload ? { payload: opts.payload } : {}) });
  const isJson = String(res.headers['content-type'] ?? '').includes('json');
  return { status: res.statusCode, body: (isJson ? res.json() : res.body) as T, headers: res.headers, raw: res.rawPayload };
}

function upload<T = MaterialFile>(app: FastifyInstance, s: Session | null, projectId: string, slot: string, content: Buffer, fileName: string, field = 'file') {
  return call<T>(app, s, 'POST', `/api/v1/projects/${projectId}/materials/${slot}`, { payload: form(content, fileName, field) });
}

/**
 * An upload over a real connection, the file's bytes produced as they are sent: stops sending as soon as
 * the server answers. `sent` is how many file bytes went out.
 */
async function streamUpload(origin: string, s: Session, path: string, fileName: string, head: Buffer, total: number, chunk = 256 * 1024): Promise<{ status: number; body: { code?: string }; sent: number }> {
  const url = new URL(path, origin);
  const req = httpRequest(url, { method: 'POST', headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, 'content-type': CONTENT_TYPE, 'x-lang': 'zh-CN' } });
  let answered = false;
  const response = new Promise<{ status: number; body: { code?: string } }>((resolve, reject) => {
    req.on('response', (res) => {
      answered = true;
      const parts: Buffer[] = [];
      res.on('data', (c: Buffer) => parts.push(c));
      res.on('end', () => {
        const text = Buffer.concat(parts).toString('utf8');
        resolve({ status: res.statusCode ?? 0, body: text ? (JSON.parse(text) as { code?: string }) : {} });
      });
      res.on('error', reject);
    });
    req.on('error', (err) => {
      if (!answered) reject(err);
    });
  });
  response.catch(() => undefined);
  const filler = Buffer.alloc(chunk, 0x20);
  let sent = 0;
  try {
    req.write(partHead(fileName));
    while (sent < total && !answered && !req.destroyed) {
      const piece = sent === 0 ? Buffer.concat([head, filler.subarray(0, Math.max(0, chunk - head.length))]) : filler.subarray(0, Math.min(chunk, total - sent));
      sent += piece.length;
      if (!req.write(piece)) {
        await new Promise<void>((resolve) => {
          const done = () => {
            req.off('drain', done);
            req.off('close', done);
            resolve();
          };
          req.on('drain', done);
          req.on('close', done);
        });
      }
    }
    if (!answered && !req.destroyed) req.end(Buffer.concat([Buffer.from('\n%%EOF\n'), TAIL]));
  } catch {
    // the server closed the connection after answering
  }
  const r = await response;
  return { ...r, sent };
}

interface MaterialFile {
  id: string;
  slotKey: string;
  fileName: string;
  size: number;
  kind: string;
  mime: string;
  uploaderName: string;
  uploaderOrgName: string;
  onBehalfOfOrgName: string | null;
  supersededAt: string | null;
  removedAt: string | null;
  canRemove: boolean;
  mine: boolean;
}
interface SlotView {
  key: string;
  label: { zh: string; en: string };
  required: boolean;
  current: boolean;
  canUpload: boolean;
  reasonCode: string | null;
  requested: { note: string; dueOn: string | null } | null;
  present: boolean;
  files: MaterialFile[];
  versions: number;
  maxBytes: number;
  multiple: boolean;
}
interface ChecklistBody {
  slots: SlotView[];
  missing: Array<{ zh: string; en: string }>;
}
interface ErrorBody {
  code: string;
  message: string;
  details: Record<string, unknown> | null;
}

// ---------------------------------------------------------------- the two stores

interface Harness {
  store: FileStore;
  leftovers(): Promise<string[]>;
  blobs(): Promise<string[]>;
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
let s3server: { port: number; stop(): Promise<void> } | undefined;
const harnesses = {} as Record<'disk' | 's3', Harness>;

beforeAll(async () => {
  tmpRoot = await mkdtemp(join(tmpdir(), 'zs-materials-test-'));
  const diskRoot = join(tmpRoot, 'files');
  const disk = createFileStore({ FILES_DIR: diskRoot });
  harnesses.disk = {
    store: disk,
    leftovers: async () => walk(join(diskRoot, 'tmp')),
    blobs: async () => (await walk(diskRoot)).filter((p) => !p.startsWith(join(diskRoot, 'tmp'))).map((p) => p.slice(-64)),
  };
  s3server = await startS3Server(join(tmpRoot, 's3'));
  const { port } = s3server;
  const s3 = createFileStore({
    S3_ENDPOINT: `http://127.0.0.1:${port}`,
    S3_BUCKET: 'zs-materials',
    S3_ACCESS_KEY_ID: 'S3RVER',
    S3_SECRET_ACCESS_KEY: 'S3RVER',
    S3_CREATE_BUCKET: '1',
  });
  const list = async (prefix: string) => {
    const r = await (s3 as S3FileStore).client.send(new ListObjectsV2Command({ Bucket: 'zs-materials', Prefix: prefix }));
    return (r.Contents ?? []).map((o) => o.Key ?? '');
  };
  harnesses.s3 = {
    store: s3,
    leftovers: async () => (await list('')).filter((k) => !k.startsWith('files/')),
    blobs: async () => (await list('files/')).map((k) => k.slice(-64)),
  };
});

afterAll(async () => {
  if (harnesses.s3) (harnesses.s3.store as S3FileStore).destroy();
  await s3server?.stop();
  if (tmpRoot) await rm(tmpRoot, { recursive: true, force: true });
});

describe.each(['disk', 's3'] as const)('materials on the %s store', (storeName) => {
  let t: TestApp;
  /** A second instance on the same database with a 1 MB upload limit (UPLOAD_MAX_MB set low). */
  let small: FastifyInstance;
  let origin: string;
  let smallOrigin: string;
  let h: Harness;
  let enterprise: { org: OrgRow; account: string };
  let institution: { org: OrgRow; account: string };
  let project: ProjectRow;
  let selfProject: ProjectRow;
  let ent: Session;
  let inst: Session;
  let other: Session;
  let bureau: Session;
  const base = () => `/api/v1/projects/${project.id}/materials`;

  beforeAll(async () => {
    h = harnesses[storeName];
    t = await startTestApp({}, { files: h.store, uploadMaxBytes: 50 * MB });
    small = await buildApp(testConfig(), t.testDb.handle, { files: h.store, uploadMaxBytes: 1 * MB });
    await small.ready();
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    await small.listen({ port: 0, host: '127.0.0.1' });
    origin = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
    smallOrigin = `http://127.0.0.1:${(small.server.address() as AddressInfo).port}`;

    enterprise = await enterpriseWithUser(t.db);
    institution = await orgWithUser(t.db, 'institution_diagnostic');
    const otherEnterprise = await enterpriseWithUser(t.db);
    const reviewer = await orgWithUser(t.db, 'bureau', { bureauRole: 'reviewer' });
    project = await makeProject(t.db, { enterprise: enterprise.org, state: 'institutionDiagnosis', diagnosisMode: 'institution', diagnosisInstitutionId: institution.org.id });
    selfProject = await makeProject(t.db, { enterprise: enterprise.org, state: 'selfDiagnosis' });
    ent = await login(t.app, enterprise.account);
    inst = await login(t.app, institution.account);
    other = await login(t.app, otherEnterprise.account);
    bureau = await login(t.app, reviewer.account);
  });

  afterAll(async () => {
    await small?.close();
    await t?.close();
  });

  it('the checklist of institutionDiagnosis: four evidence slots and the report, all missing, who may upload what', async () => {
    const res = await call<ChecklistBody>(t.app, ent, 'GET', base());
    expect(res.status).toBe(200);
    expect(res.body.slots.map((s) => s.key)).toEqual(['diagnosis.policies', 'diagnosis.systems', 'diagnosis.photos', 'diagnosis.financials', 'diagnosis.report']);
    expect(res.body.missing.map((m) => m.zh)).toEqual(['相关制度文件、组织架构文件', '系统软件截图、设备清单、软件设备购买证明、数据台账', '审计报告或财务报表、数字化投入证明', '企业诊断报告']);
    const bySlot = Object.fromEntries(res.body.slots.map((s) => [s.key, s]));
    expect(bySlot['diagnosis.policies']).toMatchObject({ canUpload: true, present: false, required: true, multiple: false, versions: 0 });
    expect(bySlot['diagnosis.photos']).toMatchObject({ required: false, multiple: true });
    expect(bySlot['diagnosis.report']).toMatchObject({ canUpload: false, reasonCode: 'ROLE_NOT_ALLOWED' });
    // the slot's own limit, capped by the server's
    expect(bySlot['diagnosis.systems']?.maxBytes).toBe(50 * MB);
    const asInstitution = await call<ChecklistBody>(t.app, inst, 'GET', base());
    expect(asInstitution.body.slots.find((s) => s.key === 'diagnosis.report')?.canUpload).toBe(true);
    expect(asInstitution.body.slots.find((s) => s.key === 'diagnosis.policies')?.canUpload).toBe(false);
  });

  it('refusals before a byte is stored: 401, 404 for another enterprise, 403 ROLE_NOT_ALLOWED, 409 STAGE_NOT_ALLOWED, 400 without a file', async () => {
    const content = pdf(100);
    expect((await upload(t.app, null, project.id, 'diagnosis.policies', content, 'a.pdf')).status).toBe(401);
    expect((await call(t.app, null, 'GET', base())).status).toBe(401);

    const foreign = await upload<ErrorBody>(t.app, other, project.id, 'diagnosis.policies', content, 'a.pdf');
    expect(foreign.status).toBe(404);
    expect(foreign.body.code).toBe('NOT_FOUND');
    expect((await call(t.app, other, 'GET', base())).status).toBe(404);

    const wrongRole = await upload<ErrorBody>(t.app, inst, project.id, 'diagnosis.policies', content, 'a.pdf');
    expect(wrongRole.status).toBe(403);
    expect(wrongRole.body.code).toBe('ROLE_NOT_ALLOWED');
    expect(wrongRole.body.message).toContain('不能上传');
    const enterpriseReport = await upload<ErrorBody>(t.app, ent, project.id, 'diagnosis.report', content, 'a.pdf');
    expect(enterpriseReport.body.code).toBe('ROLE_NOT_ALLOWED');

    const wrongStage = await upload<ErrorBody>(t.app, ent, selfProject.id, 'diagnosis.policies', content, 'a.pdf');
    expect(wrongStage.status).toBe(409);
    expect(wrongStage.body.code).toBe('STAGE_NOT_ALLOWED');
    const unknownSlot = await upload<ErrorBody>(t.app, ent, project.id, 'contract.contract', content, 'a.pdf');
    expect(unknownSlot.body.code).toBe('STAGE_NOT_ALLOWED');

    const wrongField = await upload<ErrorBody>(t.app, ent, project.id, 'diagnosis.policies', content, 'a.pdf', 'upload');
    expect(wrongField.status).toBe(400);
    expect(wrongField.body.details).toMatchObject({ reason: 'FILE_FIELD' });
    const noFile = await call<ErrorBody>(t.app, ent, 'POST', `${base()}/diagnosis.policies`, { payload: Buffer.from(`--${BOUNDARY}--\r\n`) });
    expect(noFile.status).toBe(400);
    expect(noFile.body.details).toMatchObject({ reason: 'FILE_REQUIRED' });
    const twoFiles = Buffer.concat([partHead('a.pdf'), content, Buffer.from(`\r\n`), partHead('b.pdf'), content, TAIL]);
    const two = await call<ErrorBody>(t.app, ent, 'POST', `${base()}/diagnosis.policies`, { payload: twoFiles });
    expect(two.status).toBe(400);
    expect(two.body.details).toMatchObject({ reason: 'ONE_FILE_ONLY' });
    expect((await call<ErrorBody>(t.app, ent, 'POST', `${base()}/bad..key`, { payload: form(content, 'a.pdf') })).status).toBe(400);

    const rows = await t.db.select().from(materials).where(eq(materials.objectId, selfProject.id));
    expect(rows).toEqual([]);
  });

  it('a Windows executable renamed .pdf is 415 FILE_TYPE_REFUSED and nothing is stored', async () => {
    const bytes = exe();
    const before = await t.db.select().from(materials).where(eq(materials.objectId, project.id));
    const res = await upload<ErrorBody>(t.app, ent, project.id, 'diagnosis.policies', bytes, '制度文件.pdf');
    expect(res.status).toBe(415);
    expect(res.body.code).toBe('FILE_TYPE_REFUSED');
    expect(res.body.message).toContain('按文件内容判断');
    expect(await t.db.select().from(files).where(eq(files.sha256, sha(bytes)))).toEqual([]);
    expect(await h.store.has(sha(bytes))).toBe(false);
    expect(await leftoversSettled(h)).toEqual([]);
    expect(await t.db.select().from(materials).where(eq(materials.objectId, project.id))).toHaveLength(before.length);
  });

  it('an upload over the limit is 413 FILE_TOO_LARGE, cut off mid-stream, with no temporary file left', async () => {
    const session = await login(small, enterprise.account);
    // 64 times the slot's limit: what the client writes before it reads the answer is the limit plus what the
    // loopback socket buffers hold (a dozen MB on a busy machine), far from all of it.
    const total = 64 * MB;
    const r = await streamUpload(smallOrigin, session, `${base()}/diagnosis.policies`, 'big.pdf', pdf(0).subarray(0, 64), total);
    expect(r.status).toBe(413);
    expect(r.body.code).toBe('FILE_TOO_LARGE');
    // the server answered long before the client could send everything
    expect(r.sent).toBeLessThan(total / 2);
    expect(await leftoversSettled(h)).toEqual([]);
    const checklist = await call<ChecklistBody>(small, session, 'GET', base());
    expect(checklist.body.slots.find((s) => s.key === 'diagnosis.policies')?.maxBytes).toBe(1 * MB);
    expect(checklist.body.slots.find((s) => s.key === 'diagnosis.policies')?.present).toBe(false);
    // exactly at the limit is accepted
    const atLimit = pdf(1 * MB - pdf(0).length);
    expect(atLimit.length).toBe(1 * MB);
    expect((await upload(small, session, project.id, 'diagnosis.systems', atLimit, 'limit.pdf')).status).toBe(201);
    const over = pdf(1 * MB - pdf(0).length + 1);
    const refused = await upload<ErrorBody>(small, session, project.id, 'diagnosis.systems', over, 'over.pdf');
    expect(refused.status).toBe(413);
    expect(refused.body.details).toMatchObject({ maxBytes: 1 * MB });
    expect(await leftoversSettled(h)).toEqual([]);
  });

  it('two concurrent uploads to one single-file slot keep both (one current, one version); a multi-file slot keeps both current', async () => {
    const [a, b] = [pdf(300 * 1024), pdf(300 * 1024)];
    const send = (content: Buffer, name: string, slot: string) =>
      fetch(`${origin}${base()}/${slot}`, {
        method: 'POST',
        headers: { cookie: ent.cookie, 'x-csrf-token': ent.csrf, 'content-type': CONTENT_TYPE },
        body: new Uint8Array(form(content, name)),
      });
    const [ra, rb] = await Promise.all([send(a, 'a.pdf', 'diagnosis.policies'), send(b, 'b.pdf', 'diagnosis.policies')]);
    expect([ra.status, rb.status]).toEqual([201, 201]);
    const versions = await call<MaterialFile[]>(t.app, ent, 'GET', `${base()}/diagnosis.policies/versions`);
    expect(versions.status).toBe(200);
    expect(versions.body.map((v) => v.fileName).sort()).toEqual(['a.pdf', 'b.pdf']);
    expect(versions.body.filter((v) => v.supersededAt === null)).toHaveLength(1);
    // newest first: the current one is the later upload
    expect(versions.body[0]?.supersededAt).toBeNull();
    expect(Number(versions.body[0]?.id)).toBeGreaterThan(Number(versions.body[1]?.id));

    const [pa, pb] = await Promise.all([send(jpeg(), '现场1.jpg', 'diagnosis.photos'), send(jpeg(), '现场2.jpg', 'diagnosis.photos')]);
    expect([pa.status, pb.status]).toEqual([201, 201]);
    const checklist = await call<ChecklistBody>(t.app, ent, 'GET', base());
    const policies = checklist.body.slots.find((s) => s.key === 'diagnosis.policies');
    expect(policies).toMatchObject({ present: true, versions: 2 });
    expect(policies?.files).toHaveLength(1);
    const photos = checklist.body.slots.find((s) => s.key === 'diagnosis.photos');
    expect(photos?.files.map((f) => f.fileName).sort()).toEqual(['现场1.jpg', '现场2.jpg']);
    expect(checklist.body.missing.map((m) => m.zh)).not.toContain('相关制度文件、组织架构文件');
    expect(await leftoversSettled(h)).toEqual([]);
  });

  it('download: the bytes, a Chinese file name, nosniff, the stored type, Range 206; inline only for PDF and images', async () => {
    const content = pdf(64 * 1024);
    const name = '企业制度汇编（2026版）.pdf';
    const up = await upload(t.app, ent, project.id, 'diagnosis.financials', content, name);
    expect(up.status).toBe(201);
    expect(up.body).toMatchObject({ fileName: name, size: content.length, kind: 'pdf', mime: 'application/pdf', uploaderOrgName: enterprise.org.name, onBehalfOfOrgName: null, mine: true, canRemove: true });
    const url = `/api/v1/materials/${up.body.id}/download`;

    const whole = await call(t.app, ent, 'GET', url);
    expect(whole.status).toBe(200);
    expect(sha(whole.raw)).toBe(sha(content));
    expect(whole.headers['content-type']).toBe('application/pdf');
    expect(whole.headers['content-length']).toBe(String(content.length));
    expect(whole.headers['x-content-type-options']).toBe('nosniff');
    expect(whole.headers['cache-control']).toBe('private, no-store');
    const disposition = String(whole.headers['content-disposition']);
    expect(disposition.startsWith('attachment;')).toBe(true);
    expect(disposition).toContain(`filename*=UTF-8''${encodeURIComponent(name).replace(/[()]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`);

    const inline = await call(t.app, ent, 'GET', `${url}?inline=1`);
    expect(String(inline.headers['content-disposition']).startsWith('inline;')).toBe(true);

    const range = await call(t.app, ent, 'GET', url, { headers: { range: 'bytes=0-7' } });
    expect(range.status).toBe(206);
    expect(range.raw.toString('latin1')).toBe('%PDF-1.7');
    expect(range.headers['content-range']).toBe(`bytes 0-7/${content.length}`);
    expect(range.headers['content-length']).toBe('8');
    const suffix = await call(t.app, ent, 'GET', url, { headers: { range: 'bytes=-6' } });
    expect(suffix.status).toBe(206);
    expect(suffix.raw.toString('latin1')).toBe('%%EOF\n');
    const outside = await call<ErrorBody>(t.app, ent, 'GET', url, { headers: { range: `bytes=${content.length}-` } });
    expect(outside.status).toBe(416);
    expect(outside.headers['content-range']).toBe(`bytes */${content.length}`);

    // an office document never opens inline
    const office = await upload(t.app, ent, project.id, 'diagnosis.financials', docx(), '财务报表.docx');
    expect(office.status).toBe(201);
    expect(office.body.kind).toBe('office');
    const officeInline = await call(t.app, ent, 'GET', `/api/v1/materials/${office.body.id}/download?inline=1`);
    expect(String(officeInline.headers['content-disposition']).startsWith('attachment;')).toBe(true);
    expect(officeInline.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');

    // the institution sees the project, so it may download; another enterprise may not; nobody signed out may
    expect((await call(t.app, inst, 'GET', url)).status).toBe(200);
    expect((await call(t.app, other, 'GET', url)).status).toBe(404);
    expect((await call(t.app, null, 'GET', url)).status).toBe(401);
    expect((await call(t.app, ent, 'GET', '/api/v1/materials/999999999/download')).status).toBe(404);
    expect((await call(t.app, ent, 'GET', '/api/v1/materials/abc/download')).status).toBe(400);
  });

  it('a file whose name does not match its content keeps the name with the right extension; the audit records the upload', async () => {
    const up = await upload(t.app, ent, project.id, 'diagnosis.photos', jpeg(), '现场照片.pdf');
    expect(up.status).toBe(201);
    expect(up.body.fileName).toBe('现场照片.jpg');
    const [audit] = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'material.uploaded'), eq(auditEvents.targetId, up.body.id)));
    expect(audit).toMatchObject({ projectId: project.id, actorOrgId: enterprise.org.id, targetType: 'material' });
    expect(audit?.summary).toMatchObject({ slotKey: 'diagnosis.photos', fileName: '现场照片.jpg', state: 'institutionDiagnosis' });
  });

  it("an institution's evidence request shows on the slot until a file arrives after it", async () => {
    const [requester] = await t.db
      .insert(materialRequests)
      .values({ projectId: project.id, slotKeys: ['diagnosis.systems'], note: '请补充MES系统截图', dueOn: '2026-12-20', requestedBy: institution.org.id, requestedByOrgId: institution.org.id })
      .returning();
    expect(requester).toBeDefined();
    const before = await call<ChecklistBody>(t.app, ent, 'GET', base());
    expect(before.body.slots.find((s) => s.key === 'diagnosis.systems')?.requested).toMatchObject({ note: '请补充MES系统截图', dueOn: '2026-12-20' });
    expect(before.body.slots.find((s) => s.key === 'diagnosis.policies')?.requested).toBeNull();
    expect((await upload(t.app, ent, project.id, 'diagnosis.systems', pdf(10), 'MES截图.pdf')).status).toBe(201);
    const after = await call<ChecklistBody>(t.app, ent, 'GET', base());
    expect(after.body.slots.find((s) => s.key === 'diagnosis.systems')?.requested).toBeNull();
  });

  it('removal: only the uploader organisation, only the current file, while the slot is open; the bureau still sees it', async () => {
    const up = await upload(t.app, ent, project.id, 'diagnosis.photos', jpeg(), '待删除.jpg');
    expect(up.status).toBe(201);
    const del = (s: Session | null, id: string) => call<ErrorBody & MaterialFile>(t.app, s, 'DELETE', `/api/v1/materials/${id}`);

    const byInstitution = await del(inst, up.body.id);
    expect(byInstitution.status).toBe(403);
    expect(byInstitution.body.details).toMatchObject({ reason: 'NOT_UPLOADER' });
    expect((await del(other, up.body.id)).status).toBe(404);
    expect((await del(null, up.body.id)).status).toBe(401);

    const removed = await del(ent, up.body.id);
    expect(removed.status).toBe(200);
    expect(removed.body.removedAt).not.toBeNull();
    const checklist = await call<ChecklistBody>(t.app, ent, 'GET', base());
    expect(checklist.body.slots.find((s) => s.key === 'diagnosis.photos')?.files.map((f) => f.fileName)).not.toContain('待删除.jpg');
    expect((await call(t.app, ent, 'GET', `/api/v1/materials/${up.body.id}/download`)).status).toBe(404);
    expect((await del(ent, up.body.id)).status).toBe(404);
    // the blob is kept, the bureau sees the removed version and may open it
    expect((await call(t.app, bureau, 'GET', `/api/v1/materials/${up.body.id}/download`)).status).toBe(200);
    const bureauVersions = await call<MaterialFile[]>(t.app, bureau, 'GET', `${base()}/diagnosis.photos/versions`);
    expect(bureauVersions.body.find((v) => v.id === up.body.id)?.removedAt).not.toBeNull();
    const ownVersions = await call<MaterialFile[]>(t.app, ent, 'GET', `${base()}/diagnosis.photos/versions`);
    expect(ownVersions.body.find((v) => v.id === up.body.id)).toBeUndefined();

    // a replaced version cannot be removed
    const versions = await call<MaterialFile[]>(t.app, ent, 'GET', `${base()}/diagnosis.policies/versions`);
    const old = versions.body.find((v) => v.supersededAt !== null);
    expect(old).toBeDefined();
    const oldRemoval = await del(ent, old?.id ?? '');
    expect(oldRemoval.status).toBe(409);
    expect(oldRemoval.body.details).toMatchObject({ reason: 'SUPERSEDED' });

    // once the slot is closed in the state, the file stays: STAGE_NOT_ALLOWED
    const current = versions.body.find((v) => v.supersededAt === null);
    const moved = await makeProject(t.db, { enterprise: enterprise.org, state: 'institutionDiagnosis', diagnosisMode: 'institution', diagnosisInstitutionId: institution.org.id });
    const kept = await upload(t.app, ent, moved.id, 'diagnosis.policies', pdf(5), '制度.pdf');
    expect(kept.status).toBe(201);
    await t.db.execute(sql`update projects set state = 'diagnosisConfirmation' where id = ${moved.id}`);
    const closed = await del(ent, kept.body.id);
    expect(closed.status).toBe(409);
    expect(closed.body.code).toBe('STAGE_NOT_ALLOWED');
    expect(current?.canRemove).toBe(true);
    // the checklist of the new state lists the slot that holds files, closed for uploads
    const later = await call<ChecklistBody>(t.app, ent, 'GET', `/api/v1/projects/${moved.id}/materials`);
    expect(later.body.slots.find((s) => s.key === 'diagnosis.policies')).toMatchObject({ current: false, canUpload: false, reasonCode: 'STAGE_NOT_ALLOWED', present: true });
    expect(later.body.missing).toEqual([]);
  });

  it('versions: 404 for another enterprise and for a slot the table does not know', async () => {
    expect((await call(t.app, other, 'GET', `${base()}/diagnosis.policies/versions`)).status).toBe(404);
    expect((await call(t.app, ent, 'GET', `${base()}/nothing.here/versions`)).status).toBe(404);
  });

  it('presentSlots: the slots holding a current file, per object, in one call', async () => {
    const present = await presentSlots(t.db, 'project', [project.id, selfProject.id]);
    expect(present.get(selfProject.id)).toEqual([]);
    expect(present.get(project.id)).toEqual(['diagnosis.financials', 'diagnosis.photos', 'diagnosis.policies', 'diagnosis.systems']);
    expect((await presentSlots(t.db, 'project', [])).size).toBe(0);
  });

});

// ---------------------------------------------------------------- memory, measured on a server process of its own

/** A platform server in a child process (its own database, one enterprise, one project in institutionDiagnosis). */
const CHILD = `
const [root, storeEnv] = process.argv.slice(1);
const { openDb } = await import(root + '/src/db/client.ts');
const { buildApp } = await import(root + '/src/server/app.ts');
const { loadConfig } = await import(root + '/src/server/config.ts');
const { createFileStore } = await import(root + '/src/server/files/index.ts');
const f = await import(root + '/src/db/factories.ts');
const handle = await openDb({ dataDir: 'memory://' });
const app = await buildApp(loadConfig({ logLevel: 'silent', serveWeb: false, argonMemoryKib: 1024, demoData: false }), handle, { files: createFileStore(JSON.parse(storeEnv)), uploadMaxBytes: 100 * 1024 * 1024 });
await app.listen({ port: 0, host: '127.0.0.1' });
const enterprise = await f.makeEnterprise(handle.db, 424242);
await f.makeUser(handle.db, { orgId: enterprise.id, name: '测试', mobile: '13700424242', password: 'Passw0rd!' });
const institution = await f.makeOrg(handle.db, { type: 'institution_diagnostic', name: '测试机构' });
const project = await f.makeProject(handle.db, { enterprise, state: 'institutionDiagnosis', diagnosisMode: 'institution', diagnosisInstitutionId: institution.id });
const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { account: '13700424242', password: 'Passw0rd!' } });
const jar = new Map(res.cookies.map((c) => [c.name, c.value]));
// collect often, so the figure is what the server holds rather than what the collector has not reached yet
setInterval(() => globalThis.gc(), 200).unref();
process.send({ port: app.server.address().port, projectId: project.id, cookie: [...jar].map(([k, v]) => k + '=' + v).join('; '), csrf: jar.get('zs_csrf') });
process.on('message', async () => { await app.close(); await handle.close(); process.exit(0); });
`;

async function rssOf(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = /VmRSS:\s+(\d+) kB/.exec(status)?.[1];
  return Number(kb ?? 0) * 1024;
}

const ROOT = fileURLToPath(new URL('../..', import.meta.url)).replace(/\/$/, '');

describe.each(['disk', 's3'] as const)('a 100 MB upload on the %s store streams', (storeName) => {
  it("the server process's memory stays flat (it never holds the file)", async () => {
    const env =
      storeName === 'disk'
        ? { FILES_DIR: join(tmpRoot, 'child-files') }
        : { S3_ENDPOINT: `http://127.0.0.1:${s3server?.port ?? 0}`, S3_BUCKET: 'zs-materials', S3_ACCESS_KEY_ID: 'S3RVER', S3_SECRET_ACCESS_KEY: 'S3RVER', S3_CREATE_BUCKET: '1' };
    const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', '--input-type=module', '-e', CHILD, ROOT, JSON.stringify(env)], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
    try {
      const [info] = (await once(child, 'message')) as [{ port: number; projectId: string; cookie: string; csrf: string }];
      const origin = `http://127.0.0.1:${info.port}`;
      const session = { cookie: info.cookie, csrf: info.csrf };
      // 诊断 systems evidence takes up to 100 MB: twice the usual limit, so holding the file would show plainly
      const path = `/api/v1/projects/${info.projectId}/materials/diagnosis.systems`;
      const head = pdf(0).subarray(0, 64);
      // warm up the code paths (and the S3 client) with a 4 MB upload first
      expect((await streamUpload(origin, session, path, 'warm.pdf', head, 4 * MB)).status).toBe(201);
      const pid = child.pid ?? 0;
      const baseline = await rssOf(pid);
      let peak = baseline;
      let samples = 0;
      const timer = setInterval(() => {
        void rssOf(pid).then((v) => {
          samples += 1;
          peak = Math.max(peak, v);
        });
      }, 20);
      const started = Date.now();
      const r = await streamUpload(origin, session, path, '大文件.pdf', head, 100 * MB - 64 - 7);
      clearInterval(timer);
      const growth = (peak - baseline) / MB;
      console.log(`[materials:${storeName}] 100 MB upload in ${((Date.now() - started) / 1000).toFixed(2)} s; server RSS ${(baseline / MB).toFixed(0)} MB before, peak growth ${growth.toFixed(1)} MB (${samples} samples)`);
      expect(r.status).toBe(201);
      expect(samples).toBeGreaterThan(5);
      // A server that buffered the upload would grow by the whole 100 MB. Streaming keeps a few chunks in flight (the
      // S3 store up to 4 parts of 5 MB), and on a loaded machine the collector lags behind them: under 70 MB is streaming.
      expect(growth).toBeLessThan(70);
    } finally {
      if (child.exitCode === null) {
        child.send('stop');
        await Promise.race([once(child, 'exit'), new Promise((resolve) => setTimeout(resolve, 5000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
    }
  }, 240_000);
});
