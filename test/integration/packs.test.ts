/**
 * The application pack (ZIP): every material of the subsidy checklist in checklist order with the index (PDF and
 * XLSX, 缺失 for a missing item) and the application summary; who may download it; the decision batch's pack;
 * the bureau's exports, whose approval and disbursement totals equal the ledger's sums.
 */
import { createHash, randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, startTestApp, type TestApp } from '../support/app';
import { PASSWORD, enterpriseWithUser, orgWithUser } from '../support/fixtures';
import { uploadSubsidyMaterials } from '../support/stage7';
import { unzip } from '../support/unzip';
import { makePool, makeProjectReadyToApply } from '../../src/db/factories';
import { decisionBatches, ledgerEntries, materials, subsidyApplications, subsidyInvoices, subsidyPayments, users } from '../../src/db/schema';
import { commitBudget, recordPaid, releaseBudget } from '../../src/server/modules/money/budget';
import { zipStream } from '../../src/server/modules/packs/zip';

let t: TestApp;
let bureau: Client;
let town: Client;

beforeAll(async () => {
  t = await startTestApp();
  const b = await orgWithUser(t.db, 'bureau', { bureauRole: 'reviewer' });
  bureau = new Client(t.app, '127.0.0.31');
  await bureau.login(b.account, PASSWORD);
  const tw = await orgWithUser(t.db, 'town', { townCode: 'xiaolan' });
  town = new Client(t.app, '127.0.0.32');
  await town.login(tw.account, PASSWORD);
});
afterAll(async () => {
  await t?.close();
});

async function readyWithMaterials() {
  const e = await enterpriseWithUser(t.db);
  const c = new Client(t.app);
  await c.login(e.account, PASSWORD);
  const [u] = await t.db.select({ id: users.id }).from(users).where(eq(users.orgId, e.org.id));
  const project = await makeProjectReadyToApply(t.db, { enterprise: e.org, userId: u!.id });
  await uploadSubsidyMaterials(c, project.id, project.trainingSessionId);
  const [app] = await t.db
    .insert(subsidyApplications)
    .values({ projectId: project.id, round: 1, submittedAt: new Date(), verifiedInvestmentFen: 50_000_000, suggestedFen: 15_000_000, calculation: { steps: [{ key: 'verified', text: { zh: '核定投资额取合同、发票、付款三者最小值', en: 'Smallest of three' }, amountFen: 50_000_000 }] } })
    .returning();
  await t.db.insert(subsidyInvoices).values({ applicationId: app!.id, number: '44201234', issuedOn: '2026-05-10', amountFen: 50_000_000, taxFen: 2_000_000, costClass: 'software', seller: '中山市智造软件有限公司' });
  await t.db.insert(subsidyPayments).values({ applicationId: app!.id, paidOn: '2026-06-01', amountFen: 50_000_000, payee: '中山市智造软件有限公司', reference: 'FK-001' });
  return { e, c, project, application: app!, url: `/api/v1/projects/${project.id}` };
}

const ORDER = ['01_项目报价单', '02_项目合同（签章版）', '03_发票', '04_付款凭证', '05_企业诊断报告', '06_内部验收报告', '07_培训记录（签到表、培训照片）', '08_系统使用截图', '09_改造成效评估报告'];

async function sheetRows(data: Buffer, sheet: string): Promise<unknown[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(data as unknown as ArrayBuffer);
  const ws = wb.getWorksheet(sheet);
  if (!ws) throw new Error(`no sheet ${sheet}`);
  const out: unknown[][] = [];
  ws.eachRow((row) => out.push((row.values as unknown[]).slice(1)));
  return out;
}

describe('zip writer', () => {
  it('writes entries in order with UTF-8 names, readable and CRC-checked, from buffers and streams', async () => {
    const big = Buffer.alloc(3 * 1024 * 1024, 7);
    const chunks: Buffer[] = [];
    for await (const c of zipStream([
      { name: '00_目录.txt', data: Buffer.from('目录') },
      { name: '01_文件夹/大文件.bin', data: async () => (await import('node:stream')).Readable.from([big.subarray(0, 1_000_000), big.subarray(1_000_000)]) },
      { name: 'empty.txt', data: Buffer.alloc(0) },
    ]))
      chunks.push(c as Buffer);
    const entries = unzip(Buffer.concat(chunks));
    expect(entries.map((e) => e.name)).toEqual(['00_目录.txt', '01_文件夹/大文件.bin', 'empty.txt']);
    expect(entries[1]!.data.equals(big)).toBe(true);
    expect(entries[0]!.flags & 0x0800).toBe(0x0800);
  });
});

describe('the project application pack', () => {
  it('holds the index first, then every checklist material in checklist order, byte for byte; missing items are 缺失', async () => {
    const { c, url, project } = await readyWithMaterials();
    const res = await c.get(`${url}/application-pack.zip`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('application/zip');
    expect(String(res.headers['content-disposition'])).toContain("filename*=UTF-8''");
    const entries = unzip(res.raw.rawPayload);
    const names = entries.map((e) => e.name);
    expect(names.slice(0, 2)).toEqual(['00_目录.pdf', '00_目录.xlsx']);
    expect(entries[0]!.data.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const folders = names.slice(2).map((n) => n.split('/')[0]!);
    // in checklist order, each folder once per file; the factory's reports have no file
    const seen = [...new Set(folders)];
    expect(seen).toEqual(ORDER.filter((f) => !f.includes('诊断报告') && !f.includes('评估报告')));
    expect([...folders].sort((a, b) => ORDER.indexOf(a) - ORDER.indexOf(b))).toEqual(folders);
    // the bytes are the uploaded ones
    const stored = await t.db.select().from(materials).where(eq(materials.projectId, project.id));
    for (const e of entries.slice(2)) {
      const sha = createHash('sha256').update(e.data).digest('hex');
      expect(stored.some((m) => m.fileSha256 === sha), e.name).toBe(true);
    }
    expect(names).toContain('07_培训记录（签到表、培训照片）/签到表.jpg');

    const index = await sheetRows(entries[1]!.data, '目录');
    expect(index[0]).toEqual(['序号', '材料', '文件名', '大小（字节）', 'SHA-256', '上传时间（北京时间）', '上传人']);
    const body = index.slice(1);
    expect(body.map((r) => r[1])).toEqual(['项目报价单', '项目合同（签章版）', '发票', '付款凭证', '企业诊断报告', '内部验收报告', '培训记录（签到表、培训照片）', '系统使用截图', '改造成效评估报告']);
    expect(body.find((r) => r[1] === '企业诊断报告')?.[2]).toBe('缺失');
    expect(body.find((r) => r[1] === '改造成效评估报告')?.[2]).toBe('缺失');
    const quotation = body[0]!;
    const file = entries.find((e) => e.name.startsWith('01_'))!;
    expect(quotation[4]).toBe(createHash('sha256').update(file.data).digest('hex'));
    expect(quotation[3]).toBe(file.data.length);

    const summary = JSON.stringify(await sheetRows(entries[1]!.data, '申报信息'));
    expect(summary).toContain('44201234');
    expect(summary).toContain('FK-001');
    expect(summary).toContain('核定投资额取合同、发票、付款三者最小值');
  });

  it('the bureau and the town office of the project download it; another enterprise, an expert and another town get 404', async () => {
    const { url } = await readyWithMaterials();
    expect((await bureau.get(`${url}/application-pack.zip`)).status).toBe(200);
    expect((await town.get(`${url}/application-pack.zip`)).status).toBe(200);
    const other = await enterpriseWithUser(t.db);
    const oc = new Client(t.app);
    await oc.login(other.account, PASSWORD);
    expect((await oc.get(`${url}/application-pack.zip`)).status).toBe(404);
    const ex = await orgWithUser(t.db, 'expert');
    const xc = new Client(t.app);
    await xc.login(ex.account, PASSWORD);
    expect((await xc.get(`${url}/application-pack.zip`)).status).toBe(404);
    const tw = await orgWithUser(t.db, 'town', { townCode: 'shiqi' });
    const oc2 = new Client(t.app);
    await oc2.login(tw.account, PASSWORD);
    expect((await oc2.get(`${url}/application-pack.zip`)).status).toBe(404);
    const lu = await orgWithUser(t.db, 'leading_unit');
    const lc = new Client(t.app);
    await lc.login(lu.account, PASSWORD);
    expect((await lc.get(`${url}/application-pack.zip`)).status).toBe(404);
    expect((await new Client(t.app).get(`${url}/application-pack.zip`)).status).toBe(401);
    expect((await bureau.get(`/api/v1/projects/${randomUUID()}/application-pack.zip`)).status).toBe(404);
  });
});

describe('the decision batch pack', () => {
  it('has the batch index and one folder per application with its index and materials (bureau only)', async () => {
    const a = await readyWithMaterials();
    const b = await readyWithMaterials();
    const [batch] = await t.db.insert(decisionBatches).values({ kind: 'subsidy', name: '2026年第一批', minutesRef: '局党组会议纪要〔2026〕3号' }).returning();
    await t.db.update(subsidyApplications).set({ batchId: batch!.id }).where(sql`${subsidyApplications.id} in (${a.application.id}, ${b.application.id})`);
    const res = await bureau.get(`/api/v1/decision-batches/${batch!.id}/pack.zip`);
    expect(res.status).toBe(200);
    const entries = unzip(res.raw.rawPayload);
    expect(entries[0]!.name).toBe('00_批次目录.xlsx');
    const index = await sheetRows(entries[0]!.data, '批次目录');
    expect(index).toHaveLength(1 + 2 + 1);
    const folders = index.slice(1, 3).map((r) => String(r[1]));
    for (const f of folders) {
      expect(entries.some((e) => e.name === `${f}/00_目录.pdf`)).toBe(true);
      expect(entries.some((e) => e.name.startsWith(`${f}/01_项目报价单/`))).toBe(true);
    }
    expect(String(index[3]![0])).toContain('合计');
    expect((await a.c.get(`/api/v1/decision-batches/${batch!.id}/pack.zip`)).status).toBe(403);
    expect((await bureau.get(`/api/v1/decision-batches/${randomUUID()}/pack.zip`)).status).toBe(404);
  });
});

describe('bureau exports', () => {
  async function ledgerSum(kind: string, year: number): Promise<number> {
    const [r] = await t.db.execute<{ s: string | null }>(sql`select coalesce(sum(l.amount_fen), 0) as s from ledger_entries l join budget_pools p on p.id = l.pool_id where l.kind = ${kind} and p.year = ${year}`).then((x) => ('rows' in x ? (x.rows as Array<{ s: string | null }>) : (x as unknown as Array<{ s: string | null }>)));
    return Number(r?.s ?? 0);
  }

  it('approvals and disbursements totals equal the ledger sums; the filters narrow them', async () => {
    const year = 2091;
    const city = await makePool(t.db, { year, fundSource: 'city', totalFen: 100_000_000 });
    const central = await makePool(t.db, { year, fundSource: 'central', totalFen: 100_000_000 });
    const other = await makePool(t.db, { year: 2092, fundSource: 'city', totalFen: 100_000_000 });
    const p1 = await readyWithMaterials();
    const p2 = await readyWithMaterials();
    await t.db.transaction(async (tx) => {
      const move = (poolId: string, projectId: string, refId: string, amountFen: number, line: 'final' | 'pre' | 'benchmark' = 'final', refType: 'application' | 'benchmark' | 'preSubsidy' = 'application') => ({ poolId, projectId, refId, amountFen, line, refType, actorUserId: null });
      await commitBudget(tx, move(city.id, p1.project.id, p1.application.id, 12_345_678));
      await recordPaid(tx, move(city.id, p1.project.id, p1.application.id, 12_000_001));
      await commitBudget(tx, move(central.id, p2.project.id, p2.application.id, 30_000_033));
      await recordPaid(tx, move(central.id, p2.project.id, p2.application.id, 30_000_033));
      await commitBudget(tx, move(city.id, p2.project.id, 'bm-1', 25_000_000, 'benchmark', 'benchmark'));
      await releaseBudget(tx, { refType: 'benchmark', refId: 'bm-1' }, { actorUserId: null, reason: '撤销' });
      await commitBudget(tx, move(other.id, p1.project.id, 'pre-1', 1_000_000, 'pre', 'preSubsidy'));
      await recordPaid(tx, move(other.id, p1.project.id, 'pre-1', 999_999, 'pre', 'preSubsidy'));
    });
    const yuan = (fen: number) => Number((fen / 100).toFixed(2));

    const approvals = await bureau.get(`/api/v1/exports/approvals.xlsx?year=${year}`);
    expect(approvals.status).toBe(200);
    const ar = await sheetRows(approvals.raw.rawPayload, '批准与占用');
    const aTotal = ar.find((r) => String(r[0]).startsWith('合计'))!;
    const result = (v: unknown) => (typeof v === 'object' && v !== null && 'result' in v ? (v as { result: number }).result : v);
    expect(result(aTotal[10])).toBe(yuan(await ledgerSum('commit', year)));
    expect(result(aTotal[11])).toBe(yuan(await ledgerSum('release', year)));
    expect(result(aTotal[12])).toBe(yuan((await ledgerSum('commit', year)) - (await ledgerSum('release', year))));
    expect(ar.length - 2).toBe(3);

    const disb = await bureau.get(`/api/v1/exports/disbursements.xlsx?year=${year}`);
    const dr = await sheetRows(disb.raw.rawPayload, '资金拨付');
    const dTotal = dr.find((r) => String(r[0]).startsWith('合计'))!;
    expect(result(dTotal[10])).toBe(yuan(await ledgerSum('pay', year)));
    expect(yuan(await ledgerSum('pay', year))).toBe(yuan(12_000_001 + 30_000_033));

    const onlyCity = await bureau.get(`/api/v1/exports/disbursements.xlsx?year=${year}&poolId=${city.id}&line=final`);
    const cr = await sheetRows(onlyCity.raw.rawPayload, '资金拨付');
    expect(result(cr.find((r) => String(r[0]).startsWith('合计'))![10])).toBe(yuan(12_000_001));
    const preOnly = await bureau.get(`/api/v1/exports/approvals.xlsx?line=pre&year=2092`);
    const pr = await sheetRows(preOnly.raw.rawPayload, '批准与占用');
    expect(pr.length - 2).toBe(1);

    const [all] = await t.db.select({ s: sql<string>`coalesce(sum(${ledgerEntries.amountFen}), 0)` }).from(ledgerEntries).where(eq(ledgerEntries.kind, 'pay'));
    const everything = await sheetRows((await bureau.get('/api/v1/exports/disbursements.xlsx')).raw.rawPayload, '资金拨付');
    expect(result(everything.find((r) => String(r[0]).startsWith('合计'))![10])).toBe(yuan(Number(all!.s)));
  });

  it('the applications export lists submitted applications with a totals row; bad filters are 400; other roles 403', async () => {
    const p = await readyWithMaterials();
    const res = await bureau.get('/api/v1/exports/applications.xlsx?townCode=xiaolan');
    expect(res.status).toBe(200);
    const rows = await sheetRows(res.raw.rawPayload, '奖补申请');
    expect(rows.some((r) => r[2] === p.e.org.name)).toBe(true);
    expect(rows.some((r) => String(r[0]).startsWith('合计'))).toBe(true);
    const bad = await bureau.get<{ code: string; message: string }>('/api/v1/exports/approvals.xlsx?line=other');
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/[\u4e00-\u9fa5]/);
    expect((await bureau.get('/api/v1/exports/approvals.xlsx?poolId=x')).status).toBe(400);
    expect((await p.c.get('/api/v1/exports/applications.xlsx')).status).toBe(403);
    expect((await town.get('/api/v1/exports/disbursements.xlsx')).status).toBe(403);
  });
});
