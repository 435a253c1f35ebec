/**
 * The public lists (pilot enterprises, funded projects, payments, published filings, benchmarks, the catalog) as data sets: one query per
 * list, served page by page as JSON and whole as open data files (CSV with a UTF-8 BOM so Excel reads Chinese,
 * XLSX, JSON) at stable URLs `/api/v1/public/open-data/<list>.<csv|xlsx|json>`. No bank data, no contact data.
 */
import ExcelJS from 'exceljs';
import { and, count, desc, eq, gt, inArray, isNotNull, sql } from 'drizzle-orm';
import type { AppDb } from '../../../db/client';
import { disbursementTranches, projects, subsidyApplications } from '../../../db/schema';
import { getTown, townDisplayName } from '../../../core/identity/towns';
import { getIndustry, industryDisplayName } from '../../../core/identity/industries';
import { formatFenAsYuan } from '../../../core/money';
import { shanghaiDate } from '../../../core/calendar';
import { publicFilingsWhere } from '../projects/service';
import { publicBenchmarks } from '../benchmarks/service';
import { searchCatalog } from '../catalog/service';
import { fenToYuanNumber, YUAN_FORMAT } from '../projects/export';

export const DATASETS = ['pilot-enterprises', 'funded-projects', 'payments', 'filings', 'benchmarks', 'catalog'] as const;
export type DatasetName = (typeof DATASETS)[number];
export const OPEN_DATA_FORMATS = ['csv', 'xlsx', 'json'] as const;
export type OpenDataFormat = (typeof OPEN_DATA_FORMATS)[number];

/** The most rows one open-data file carries (far above the pilot's size). */
export const OPEN_DATA_LIMIT = 50_000;

type Cell = string | number | null;
export type DataRow = Record<string, Cell>;

interface Column {
  key: string;
  zh: string;
  en: string;
  /** fen: integer fen in JSON, yuan (2 decimals) in CSV/XLSX. */
  kind: 'text' | 'fen' | 'date';
  width?: number;
}

interface Dataset {
  title: { zh: string; en: string };
  columns: Column[];
  load(db: AppDb, limit: number, offset: number): Promise<DataRow[]>;
  total(db: AppDb): Promise<number>;
}

const LINE_LABELS: Record<string, { zh: string; en: string }> = {
  pre: { zh: '预奖补', en: 'Pre-subsidy' },
  final: { zh: '完工奖补', en: 'Completion subsidy' },
  benchmark: { zh: '标杆奖励', en: 'Benchmark award' },
};

function townName(code: string | null): string {
  if (!code) return '';
  const town = getTown(code);
  return town ? townDisplayName(town).zh : code;
}

function industryName(code: string): string {
  const def = getIndustry(code);
  return def ? industryDisplayName(def).zh : code;
}

const dateOf = (d: Date | null): string | null => (d ? shanghaiDate(d) : null);

/** The funded (approved) applications: the latest decided round of each project with an approved amount. */
const fundedWhere = and(isNotNull(subsidyApplications.decidedAt), gt(subsidyApplications.approvedFen, 0));

const DATASET_DEFS: Record<DatasetName, Dataset> = {
  'pilot-enterprises': {
    title: { zh: '试点企业名单', en: 'Pilot enterprises' },
    columns: [
      { key: 'enterpriseName', zh: '企业名称', en: 'Enterprise', kind: 'text', width: 34 },
      { key: 'projectName', zh: '项目名称', en: 'Project', kind: 'text', width: 40 },
      { key: 'filingNo', zh: '备案号', en: 'Filing no.', kind: 'text', width: 18 },
      { key: 'townCode', zh: '镇街代码', en: 'Town code', kind: 'text', width: 12 },
      { key: 'town', zh: '镇街', en: 'Town', kind: 'text', width: 14 },
      { key: 'industry', zh: '行业', en: 'Industry', kind: 'text', width: 26 },
      { key: 'pilotOn', zh: '认定为试点企业日期', en: 'Pilot enterprise since', kind: 'date', width: 16 },
    ],
    async load(db, limit, offset) {
      const rows = await db
        .select({
          id: projects.id,
          enterpriseName: projects.enterpriseName,
          projectName: projects.title,
          filingNo: projects.filingNo,
          townCode: projects.townCode,
          industryCode: projects.industryCode,
          pilotEnterpriseAt: projects.pilotEnterpriseAt,
        })
        .from(projects)
        .where(isNotNull(projects.pilotEnterpriseAt))
        .orderBy(desc(projects.pilotEnterpriseAt), desc(projects.id))
        .limit(limit)
        .offset(offset);
      return rows.map((r) => ({
        projectId: r.id,
        enterpriseName: r.enterpriseName,
        projectName: r.projectName,
        filingNo: r.filingNo ?? '',
        townCode: r.townCode,
        town: townName(r.townCode),
        industry: industryName(r.industryCode),
        pilotOn: dateOf(r.pilotEnterpriseAt),
      }));
    },
    async total(db) {
      return Number((await db.select({ n: count() }).from(projects).where(isNotNull(projects.pilotEnterpriseAt)))[0]?.n ?? 0);
    },
  },
  'funded-projects': {
    title: { zh: '获奖补项目名单', en: 'Funded projects' },
    columns: [
      { key: 'enterpriseName', zh: '企业名称', en: 'Enterprise', kind: 'text', width: 34 },
      { key: 'projectName', zh: '项目名称', en: 'Project', kind: 'text', width: 40 },
      { key: 'filingNo', zh: '备案号', en: 'Filing no.', kind: 'text', width: 18 },
      { key: 'townCode', zh: '镇街代码', en: 'Town code', kind: 'text', width: 12 },
      { key: 'town', zh: '镇街', en: 'Town', kind: 'text', width: 14 },
      { key: 'approvedFen', zh: '审定奖补金额（元）', en: 'Approved (yuan)', kind: 'fen', width: 18 },
      { key: 'paidFen', zh: '已拨付金额（元）', en: 'Paid (yuan)', kind: 'fen', width: 18 },
      { key: 'decidedOn', zh: '审定日期', en: 'Decided on', kind: 'date', width: 14 },
    ],
    async load(db, limit, offset) {
      const rows = await db
        .select({
          projectId: projects.id,
          enterpriseName: projects.enterpriseName,
          projectName: projects.title,
          filingNo: projects.filingNo,
          townCode: projects.townCode,
          approvedFen: subsidyApplications.approvedFen,
          decidedAt: subsidyApplications.decidedAt,
        })
        .from(subsidyApplications)
        .innerJoin(projects, eq(projects.id, subsidyApplications.projectId))
        .where(fundedWhere)
        .orderBy(desc(subsidyApplications.decidedAt), desc(subsidyApplications.id))
        .limit(limit)
        .offset(offset);
      // What was paid to those projects (pre-subsidy and final tranches), in one grouped query.
      const ids = rows.map((r) => r.projectId);
      const paid =
        ids.length === 0
          ? []
          : await db
              .select({ projectId: disbursementTranches.projectId, fen: sql<string>`coalesce(sum(${disbursementTranches.amountFen}), 0)` })
              .from(disbursementTranches)
              .where(and(inArray(disbursementTranches.projectId, ids), isNotNull(disbursementTranches.paidAt), inArray(disbursementTranches.line, ['pre', 'final'])))
              .groupBy(disbursementTranches.projectId);
      const paidBy = new Map(paid.map((p) => [p.projectId, Number(p.fen)]));
      return rows.map((r) => ({
        projectId: r.projectId,
        enterpriseName: r.enterpriseName,
        projectName: r.projectName,
        filingNo: r.filingNo ?? '',
        townCode: r.townCode,
        town: townName(r.townCode),
        approvedFen: r.approvedFen ?? 0,
        paidFen: paidBy.get(r.projectId) ?? 0,
        decidedOn: dateOf(r.decidedAt),
      }));
    },
    async total(db) {
      return Number((await db.select({ n: count() }).from(subsidyApplications).where(fundedWhere))[0]?.n ?? 0);
    },
  },
  payments: {
    title: { zh: '资金拨付名单', en: 'Payments' },
    columns: [
      { key: 'enterpriseName', zh: '企业名称', en: 'Enterprise', kind: 'text', width: 34 },
      { key: 'projectName', zh: '项目名称', en: 'Project', kind: 'text', width: 40 },
      { key: 'town', zh: '镇街', en: 'Town', kind: 'text', width: 14 },
      { key: 'line', zh: '资金类别', en: 'Line', kind: 'text', width: 12 },
      { key: 'amountFen', zh: '拨付金额（元）', en: 'Amount (yuan)', kind: 'fen', width: 18 },
      { key: 'paidOn', zh: '拨付日期', en: 'Paid on', kind: 'date', width: 14 },
    ],
    async load(db, limit, offset) {
      const rows = await db
        .select({
          id: disbursementTranches.id,
          projectId: projects.id,
          enterpriseName: projects.enterpriseName,
          projectName: projects.title,
          townCode: projects.townCode,
          line: disbursementTranches.line,
          amountFen: disbursementTranches.amountFen,
          paidAt: disbursementTranches.paidAt,
        })
        .from(disbursementTranches)
        .innerJoin(projects, eq(projects.id, disbursementTranches.projectId))
        .where(isNotNull(disbursementTranches.paidAt))
        .orderBy(desc(disbursementTranches.paidAt), desc(disbursementTranches.id))
        .limit(limit)
        .offset(offset);
      return rows.map((r) => ({
        trancheId: r.id,
        projectId: r.projectId,
        enterpriseName: r.enterpriseName,
        projectName: r.projectName,
        townCode: r.townCode,
        town: townName(r.townCode),
        lineCode: r.line,
        line: LINE_LABELS[r.line]?.zh ?? r.line,
        amountFen: r.amountFen,
        paidOn: dateOf(r.paidAt),
      }));
    },
    async total(db) {
      return Number((await db.select({ n: count() }).from(disbursementTranches).where(isNotNull(disbursementTranches.paidAt)))[0]?.n ?? 0);
    },
  },
  filings: {
    title: { zh: '备案公示', en: 'Published filings' },
    columns: [
      { key: 'filingNo', zh: '备案号', en: 'Filing no.', kind: 'text', width: 18 },
      { key: 'enterpriseName', zh: '企业名称', en: 'Enterprise', kind: 'text', width: 34 },
      { key: 'projectName', zh: '项目名称', en: 'Project', kind: 'text', width: 40 },
      { key: 'town', zh: '镇街', en: 'Town', kind: 'text', width: 14 },
      { key: 'industry', zh: '行业', en: 'Industry', kind: 'text', width: 26 },
      { key: 'filedOn', zh: '备案日期', en: 'Filed on', kind: 'date', width: 14 },
    ],
    async load(db, limit, offset) {
      const rows = await db
        .select({
          filingNo: projects.filingNo,
          enterpriseName: projects.enterpriseName,
          projectName: projects.title,
          townCode: projects.townCode,
          industryCode: projects.industryCode,
          submittedAt: projects.submittedAt,
        })
        .from(projects)
        .where(publicFilingsWhere())
        .orderBy(desc(projects.submittedAt), desc(projects.id))
        .limit(limit)
        .offset(offset);
      return rows.map((r) => ({
        filingNo: r.filingNo ?? '',
        enterpriseName: r.enterpriseName,
        projectName: r.projectName,
        townCode: r.townCode,
        town: townName(r.townCode),
        industry: industryName(r.industryCode),
        filedOn: dateOf(r.submittedAt),
      }));
    },
    async total(db) {
      return Number((await db.select({ n: count() }).from(projects).where(publicFilingsWhere()))[0]?.n ?? 0);
    },
  },
  benchmarks: {
    title: { zh: '标杆车间名单', en: 'Benchmark workshops' },
    columns: [
      { key: 'enterpriseName', zh: '企业名称', en: 'Enterprise', kind: 'text', width: 34 },
      { key: 'projectName', zh: '项目名称', en: 'Project', kind: 'text', width: 40 },
      { key: 'kind', zh: '标杆类型', en: 'Kind', kind: 'text', width: 14 },
      { key: 'town', zh: '镇街', en: 'Town', kind: 'text', width: 14 },
      { key: 'industry', zh: '行业', en: 'Industry', kind: 'text', width: 26 },
      { key: 'awardFen', zh: '标杆奖励（元）', en: 'Award (yuan)', kind: 'fen', width: 16 },
      { key: 'publishedOn', zh: '公布日期', en: 'Published on', kind: 'date', width: 14 },
    ],
    async load(db, limit, offset) {
      // The portal's own query (published designated and awarded benchmarks, newest first), page by page.
      const page = await publicBenchmarks(db, { page: Math.floor(offset / limit) + 1, pageSize: limit });
      return page.items.map((b) => ({
        benchmarkId: b.id,
        enterpriseName: b.enterpriseName,
        projectName: b.projectTitle,
        kindCode: b.kind,
        kind: b.kindLabel.zh,
        townCode: b.townCode,
        town: townName(b.townCode),
        industry: industryName(b.industryCode),
        awardFen: b.awardFen,
        publishedOn: b.publishedAt ? b.publishedAt.slice(0, 10) : null,
      }));
    },
    async total(db) {
      return (await publicBenchmarks(db, { page: 1, pageSize: 1 })).total;
    },
  },
  catalog: {
    title: { zh: '服务商及产品推荐目录', en: 'Provider and product catalog' },
    columns: [
      { key: 'productName', zh: '产品名称', en: 'Product', kind: 'text', width: 34 },
      { key: 'providerName', zh: '服务商', en: 'Provider', kind: 'text', width: 34 },
      { key: 'scenes', zh: '对应场景', en: 'Scenes', kind: 'text', width: 30 },
      { key: 'industries', zh: '适用行业', en: 'Industries', kind: 'text', width: 30 },
      { key: 'priceMinFen', zh: '最低价格（元）', en: 'Price from (yuan)', kind: 'fen', width: 16 },
      { key: 'priceMaxFen', zh: '最高价格（元）', en: 'Price to (yuan)', kind: 'fen', width: 16 },
      { key: 'deliveryDays', zh: '交付周期（天）', en: 'Delivery (days)', kind: 'text', width: 12 },
      { key: 'summary', zh: '产品简介', en: 'Summary', kind: 'text', width: 50 },
    ],
    async load(db, limit, offset) {
      // The public catalog's own query (approved products of active, unsuspended providers), page by page.
      const page = await searchCatalog(db, { page: Math.floor(offset / limit) + 1, pageSize: limit }, 'zh-CN');
      return page.items.map((p) => ({
        productId: p.id,
        productName: p.name,
        providerName: p.provider.name,
        scenes: p.scenes.join('、'),
        industries: p.industries.map(industryName).join('、'),
        priceMinFen: p.priceMinFen,
        priceMaxFen: p.priceMaxFen,
        deliveryDays: p.deliveryDays === null ? null : String(p.deliveryDays),
        summary: p.summary,
      }));
    },
    async total(db) {
      return (await searchCatalog(db, { page: 1, pageSize: 1 }, 'zh-CN')).total;
    },
  },
};

export function datasetTitle(name: DatasetName): { zh: string; en: string } {
  return DATASET_DEFS[name].title;
}

export async function datasetPage(db: AppDb, name: DatasetName, page: number, pageSize: number): Promise<{ items: DataRow[]; total: number; page: number; pageSize: number }> {
  const def = DATASET_DEFS[name];
  const items = await def.load(db, pageSize, (page - 1) * pageSize);
  const total = page === 1 && items.length < pageSize ? items.length : await def.total(db);
  return { items, total, page, pageSize };
}

/** A CSV field: quoted when it holds a separator, quote or line break; a leading =+-@ is defused for spreadsheets. */
function csvField(value: Cell): string {
  if (value === null) return '';
  let s = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function cellFor(col: Column, row: DataRow): Cell {
  const v = row[col.key] ?? null;
  if (col.kind === 'fen' && typeof v === 'number') return v;
  return v;
}

export interface OpenDataFile {
  body: Buffer | string;
  contentType: string;
  fileName: string;
}

export async function openDataFile(db: AppDb, name: DatasetName, format: OpenDataFormat, now: Date = new Date()): Promise<OpenDataFile> {
  const def = DATASET_DEFS[name];
  const rows = await def.load(db, OPEN_DATA_LIMIT, 0);
  const fileName = `${name}.${format}`;
  if (format === 'json') {
    const body = JSON.stringify({
      dataset: name,
      title: def.title,
      generatedAt: now.toISOString(),
      license: { zh: '可自由使用，请注明来源：中山市工业和信息化局', en: 'Free to reuse with attribution: Zhongshan Bureau of Industry and Information Technology' },
      amountsIn: 'fen',
      columns: def.columns.map((c) => ({ key: c.key, zh: c.zh, en: c.en, kind: c.kind })),
      total: rows.length,
      rows,
    });
    return { body, contentType: 'application/json; charset=utf-8', fileName };
  }
  if (format === 'csv') {
    const lines = [def.columns.map((c) => csvField(c.zh)).join(',')];
    for (const row of rows) {
      lines.push(
        def.columns
          .map((c) => {
            const v = cellFor(c, row);
            return c.kind === 'fen' && typeof v === 'number' ? formatFenAsYuan(v).replace(/,/g, '') : csvField(v);
          })
          .join(','),
      );
    }
    return { body: `\uFEFF${lines.join('\r\n')}\r\n`, contentType: 'text/csv; charset=utf-8', fileName };
  }
  const wb = new ExcelJS.Workbook();
  wb.creator = '中山市中小企业数字化转型城市试点项目管理平台';
  const ws = wb.addWorksheet(def.title.zh);
  ws.columns = def.columns.map((c) => ({ header: c.zh, key: c.key, width: c.width ?? 16, ...(c.kind === 'fen' ? { style: { numFmt: YUAN_FORMAT } } : {}) }));
  for (const row of rows) {
    const values: Record<string, Cell> = {};
    for (const c of def.columns) {
      const v = cellFor(c, row);
      values[c.key] = c.kind === 'fen' && typeof v === 'number' ? fenToYuanNumber(v) : v;
    }
    ws.addRow(values);
  }
  ws.getRow(1).font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  const body = Buffer.from(await wb.xlsx.writeBuffer());
  return { body, contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', fileName };
}
