/**
 * The bureau's XLSX exports of applications, approvals and disbursements, filtered by year, town, pool and
 * line, each with a totals row. Approvals and disbursements are read from the ledger itself (commitments and
 * their releases; payments), so their totals are the ledger's sums by construction.
 */
import ExcelJS from 'exceljs';
import { and, asc, eq, isNotNull, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { DbOrTx } from '../../../db/client';
import { budgetPools, ledgerEntries, projects, subsidyApplications } from '../../../db/schema';
import { FUND_SOURCE_LABELS, MONEY_LINES, MONEY_LINE_LABELS, type FundSource, type MoneyLine } from '../../../core/subsidy/policy';
import { getTown, townDisplayName } from '../../../core/identity/towns';
import type { Locale } from '../../../core/text';
import { bi } from '../../http/validation';
import { fenToYuanNumber, YUAN_FORMAT, DATE_TIME_FORMAT } from '../projects/export';

export const EXPORT_ROW_LIMIT = 20_000;

export const exportFilters = z.strictObject({
  year: z.coerce.number(bi('年度应为数字', 'The year must be a number')).int().min(2000, bi('年度不正确', 'Invalid year')).max(2100, bi('年度不正确', 'Invalid year')).optional(),
  townCode: z.string().trim().max(32, bi('镇街代码过长', 'Town code too long')).optional(),
  poolId: z.uuid(bi('资金池编号不正确', 'Malformed pool id')).optional(),
  line: z.enum(MONEY_LINES, bi('资金类别应为 pre、final 或 benchmark', 'The line must be pre, final or benchmark')).optional(),
});
export type ExportFilters = z.infer<typeof exportFilters>;

const SHANGHAI_MS = 8 * 3_600_000;
const cellDate = (d: Date | null): Date | null => (d ? new Date(d.getTime() + SHANGHAI_MS) : null);
const townName = (code: string | null, en: boolean): string => {
  if (!code) return '';
  const t = getTown(code);
  return t ? (en ? townDisplayName(t).en : townDisplayName(t).zh) : code;
};

function book(): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = '中山市中小企业数字化转型城市试点项目管理平台';
  return wb;
}

function finish(ws: ExcelJS.Worksheet, dataRows: number, truncated: boolean, en: boolean): void {
  const header = ws.getRow(1);
  header.font = { bold: true };
  header.alignment = { vertical: 'middle', wrapText: true };
  ws.views = [{ state: 'frozen', ySplit: 1, xSplit: 0, topLeftCell: 'A2', activeCell: 'A2' }];
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: Math.max(dataRows + 1, 1), column: ws.columns.length } };
  if (truncated) {
    ws.addRow([en ? `Only the first ${EXPORT_ROW_LIMIT} rows are exported; narrow the filter.` : `仅导出前 ${EXPORT_ROW_LIMIT} 行，请缩小筛选范围后导出其余记录。`]).font = { italic: true, color: { argb: 'FFC00000' } };
  }
}

/** A totals cell: the SUM formula over the data rows with its computed value. */
function sumCell(ws: ExcelJS.Worksheet, key: string, rows: number, totalFen: number): ExcelJS.CellValue {
  const col = ws.getColumn(key).letter;
  return rows > 0 ? { formula: `SUM(${col}2:${col}${rows + 1})`, result: fenToYuanNumber(totalFen) } : 0;
}

async function out(wb: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

// ---- the ledger's rows ---------------------------------------------------------------------------------

function ledgerWhere(f: ExportFilters, kinds: readonly string[]): SQL {
  return and(
    sql`${ledgerEntries.kind} in (${sql.join(kinds.map((k) => sql`${k}`), sql`, `)})`,
    f.year === undefined ? undefined : eq(budgetPools.year, f.year),
    f.poolId === undefined ? undefined : eq(ledgerEntries.poolId, f.poolId),
    f.line === undefined ? undefined : eq(ledgerEntries.line, f.line),
    f.townCode === undefined || f.townCode === '' ? undefined : eq(projects.townCode, f.townCode),
  )!;
}

export interface ApprovalRow {
  refType: string;
  refId: string;
  poolId: string;
  poolName: string;
  fundSource: string;
  year: number;
  line: string;
  projectId: string | null;
  enterpriseName: string | null;
  title: string | null;
  filingNo: string | null;
  townCode: string | null;
  committedFen: number;
  releasedFen: number;
  netFen: number;
  firstAt: Date;
}

/** Commitments per what they pay for (application, benchmark award, pre-subsidy) and pool: committed, released, net. */
export async function approvalRows(db: DbOrTx, f: ExportFilters, limit = EXPORT_ROW_LIMIT + 1): Promise<ApprovalRow[]> {
  const rows = await db
    .select({
      refType: ledgerEntries.refType,
      refId: ledgerEntries.refId,
      poolId: ledgerEntries.poolId,
      poolName: budgetPools.name,
      fundSource: budgetPools.fundSource,
      year: budgetPools.year,
      line: ledgerEntries.line,
      projectId: ledgerEntries.projectId,
      enterpriseName: projects.enterpriseName,
      title: projects.title,
      filingNo: projects.filingNo,
      townCode: projects.townCode,
      committed: sql<string>`coalesce(sum(case when ${ledgerEntries.kind} = 'commit' then ${ledgerEntries.amountFen} else 0 end), 0)`,
      released: sql<string>`coalesce(sum(case when ${ledgerEntries.kind} = 'release' then ${ledgerEntries.amountFen} else 0 end), 0)`,
      firstAt: sql<Date | string>`min(${ledgerEntries.at})`,
    })
    .from(ledgerEntries)
    .innerJoin(budgetPools, eq(budgetPools.id, ledgerEntries.poolId))
    .leftJoin(projects, eq(projects.id, ledgerEntries.projectId))
    .where(ledgerWhere(f, ['commit', 'release']))
    .groupBy(ledgerEntries.refType, ledgerEntries.refId, ledgerEntries.poolId, budgetPools.name, budgetPools.fundSource, budgetPools.year, ledgerEntries.line, ledgerEntries.projectId, projects.enterpriseName, projects.title, projects.filingNo, projects.townCode)
    .orderBy(sql`min(${ledgerEntries.at})`, asc(ledgerEntries.refId))
    .limit(limit);
  return rows.map((r) => {
    const committedFen = Number(r.committed);
    const releasedFen = Number(r.released);
    return { ...r, committedFen, releasedFen, netFen: committedFen - releasedFen, firstAt: new Date(r.firstAt) };
  });
}

export interface DisbursementRow {
  id: number;
  at: Date;
  poolName: string;
  fundSource: string;
  year: number;
  line: string;
  refType: string;
  refId: string;
  enterpriseName: string | null;
  title: string | null;
  filingNo: string | null;
  townCode: string | null;
  amountFen: number;
  reason: string | null;
}

export async function disbursementRows(db: DbOrTx, f: ExportFilters, limit = EXPORT_ROW_LIMIT + 1): Promise<DisbursementRow[]> {
  return db
    .select({
      id: ledgerEntries.id,
      at: ledgerEntries.at,
      poolName: budgetPools.name,
      fundSource: budgetPools.fundSource,
      year: budgetPools.year,
      line: ledgerEntries.line,
      refType: ledgerEntries.refType,
      refId: ledgerEntries.refId,
      enterpriseName: projects.enterpriseName,
      title: projects.title,
      filingNo: projects.filingNo,
      townCode: projects.townCode,
      amountFen: ledgerEntries.amountFen,
      reason: ledgerEntries.reason,
    })
    .from(ledgerEntries)
    .innerJoin(budgetPools, eq(budgetPools.id, ledgerEntries.poolId))
    .leftJoin(projects, eq(projects.id, ledgerEntries.projectId))
    .where(ledgerWhere(f, ['pay']))
    .orderBy(asc(ledgerEntries.at), asc(ledgerEntries.id))
    .limit(limit);
}

const lineLabel = (line: string, en: boolean): string => {
  const l = MONEY_LINE_LABELS[line as MoneyLine] as { zh: string; en: string } | undefined;
  return l ? (en ? l.en : l.zh) : line;
};
const sourceLabel = (s: string, en: boolean): string => {
  const l = FUND_SOURCE_LABELS[s as FundSource] as { zh: string; en: string } | undefined;
  return l ? (en ? l.en : l.zh) : s;
};
const REF_LABELS: Record<string, { zh: string; en: string }> = {
  application: { zh: '完工奖补申请', en: 'Completion subsidy' },
  benchmark: { zh: '标杆奖励', en: 'Benchmark award' },
  preSubsidy: { zh: '预奖补', en: 'Pre-subsidy' },
};
const refLabel = (r: string, en: boolean): string => (REF_LABELS[r] ? (en ? REF_LABELS[r].en : REF_LABELS[r].zh) : r);

export async function approvalsWorkbook(db: DbOrTx, f: ExportFilters, locale: Locale): Promise<Buffer> {
  const en = locale === 'en';
  const fetched = await approvalRows(db, f);
  const truncated = fetched.length > EXPORT_ROW_LIMIT;
  const rows = fetched.slice(0, EXPORT_ROW_LIMIT);
  const wb = book();
  const ws = wb.addWorksheet(en ? 'Approvals' : '批准与占用');
  ws.columns = [
    { header: en ? 'First committed (Asia/Shanghai)' : '占用时间（北京时间）', key: 'at', width: 18, style: { numFmt: DATE_TIME_FORMAT } },
    { header: en ? 'Filing no.' : '备案号', key: 'filingNo', width: 18 },
    { header: en ? 'Enterprise' : '企业名称', key: 'enterprise', width: 32 },
    { header: en ? 'Project' : '项目名称', key: 'title', width: 36 },
    { header: en ? 'Town/street' : '镇街', key: 'town', width: 12 },
    { header: en ? 'For' : '事项', key: 'ref', width: 14 },
    { header: en ? 'Line' : '资金类别', key: 'line', width: 12 },
    { header: en ? 'Pool' : '资金池', key: 'pool', width: 24 },
    { header: en ? 'Fund source' : '资金来源', key: 'source', width: 10 },
    { header: en ? 'Year' : '年度', key: 'year', width: 8 },
    { header: en ? 'Committed (yuan)' : '批准占用（元）', key: 'committed', width: 16, style: { numFmt: YUAN_FORMAT } },
    { header: en ? 'Released (yuan)' : '已释放（元）', key: 'released', width: 16, style: { numFmt: YUAN_FORMAT } },
    { header: en ? 'Net committed (yuan)' : '净占用（元）', key: 'net', width: 16, style: { numFmt: YUAN_FORMAT } },
  ];
  let committed = 0;
  let released = 0;
  for (const r of rows) {
    committed += r.committedFen;
    released += r.releasedFen;
    ws.addRow({
      at: cellDate(r.firstAt),
      filingNo: r.filingNo ?? '',
      enterprise: r.enterpriseName ?? '',
      title: r.title ?? '',
      town: townName(r.townCode, en),
      ref: refLabel(r.refType, en),
      line: lineLabel(r.line, en),
      pool: r.poolName,
      source: sourceLabel(r.fundSource, en),
      year: r.year,
      committed: fenToYuanNumber(r.committedFen),
      released: fenToYuanNumber(r.releasedFen),
      net: fenToYuanNumber(r.netFen),
    });
  }
  const totals = ws.addRow({
    at: en ? `Total (${rows.length})` : `合计（${rows.length} 笔）`,
    committed: sumCell(ws, 'committed', rows.length, committed),
    released: sumCell(ws, 'released', rows.length, released),
    net: sumCell(ws, 'net', rows.length, committed - released),
  });
  totals.font = { bold: true };
  finish(ws, rows.length, truncated, en);
  return out(wb);
}

export async function disbursementsWorkbook(db: DbOrTx, f: ExportFilters, locale: Locale): Promise<Buffer> {
  const en = locale === 'en';
  const fetched = await disbursementRows(db, f);
  const truncated = fetched.length > EXPORT_ROW_LIMIT;
  const rows = fetched.slice(0, EXPORT_ROW_LIMIT);
  const wb = book();
  const ws = wb.addWorksheet(en ? 'Disbursements' : '资金拨付');
  ws.columns = [
    { header: en ? 'Paid at (Asia/Shanghai)' : '拨付时间（北京时间）', key: 'at', width: 18, style: { numFmt: DATE_TIME_FORMAT } },
    { header: en ? 'Filing no.' : '备案号', key: 'filingNo', width: 18 },
    { header: en ? 'Enterprise' : '企业名称', key: 'enterprise', width: 32 },
    { header: en ? 'Project' : '项目名称', key: 'title', width: 36 },
    { header: en ? 'Town/street' : '镇街', key: 'town', width: 12 },
    { header: en ? 'For' : '事项', key: 'ref', width: 14 },
    { header: en ? 'Line' : '资金类别', key: 'line', width: 12 },
    { header: en ? 'Pool' : '资金池', key: 'pool', width: 24 },
    { header: en ? 'Fund source' : '资金来源', key: 'source', width: 10 },
    { header: en ? 'Year' : '年度', key: 'year', width: 8 },
    { header: en ? 'Amount (yuan)' : '拨付金额（元）', key: 'amount', width: 16, style: { numFmt: YUAN_FORMAT } },
    { header: en ? 'Note' : '说明', key: 'reason', width: 24 },
  ];
  let total = 0;
  for (const r of rows) {
    total += r.amountFen;
    ws.addRow({
      at: cellDate(r.at),
      filingNo: r.filingNo ?? '',
      enterprise: r.enterpriseName ?? '',
      title: r.title ?? '',
      town: townName(r.townCode, en),
      ref: refLabel(r.refType, en),
      line: lineLabel(r.line, en),
      pool: r.poolName,
      source: sourceLabel(r.fundSource, en),
      year: r.year,
      amount: fenToYuanNumber(r.amountFen),
      reason: r.reason ?? '',
    });
  }
  const totals = ws.addRow({ at: en ? `Total (${rows.length})` : `合计（${rows.length} 笔）`, amount: sumCell(ws, 'amount', rows.length, total) });
  totals.font = { bold: true };
  finish(ws, rows.length, truncated, en);
  return out(wb);
}

// ---- applications ---------------------------------------------------------------------------------------

export async function applicationsWorkbook(db: DbOrTx, f: ExportFilters, locale: Locale): Promise<Buffer> {
  const en = locale === 'en';
  // Applications are the completion subsidy's (line 'final'): another line has none.
  const none = f.line !== undefined && f.line !== 'final';
  const fetched = none
    ? []
    : await db
        .select({
          a: subsidyApplications,
          enterpriseName: projects.enterpriseName,
          title: projects.title,
          filingNo: projects.filingNo,
          townCode: projects.townCode,
          poolName: budgetPools.name,
        })
        .from(subsidyApplications)
        .innerJoin(projects, eq(projects.id, subsidyApplications.projectId))
        .leftJoin(budgetPools, eq(budgetPools.id, subsidyApplications.poolId))
        .where(
          and(
            isNotNull(subsidyApplications.submittedAt),
            f.year === undefined ? undefined : sql`extract(year from (${subsidyApplications.submittedAt} at time zone 'Asia/Shanghai')) = ${f.year}`,
            f.townCode ? eq(projects.townCode, f.townCode) : undefined,
            f.poolId ? eq(subsidyApplications.poolId, f.poolId) : undefined,
          ),
        )
        .orderBy(asc(subsidyApplications.submittedAt), asc(subsidyApplications.id))
        .limit(EXPORT_ROW_LIMIT + 1);
  const truncated = fetched.length > EXPORT_ROW_LIMIT;
  const rows = fetched.slice(0, EXPORT_ROW_LIMIT);
  const wb = book();
  const ws = wb.addWorksheet(en ? 'Applications' : '奖补申请');
  ws.columns = [
    { header: en ? 'Submitted (Asia/Shanghai)' : '提交时间（北京时间）', key: 'at', width: 18, style: { numFmt: DATE_TIME_FORMAT } },
    { header: en ? 'Filing no.' : '备案号', key: 'filingNo', width: 18 },
    { header: en ? 'Enterprise' : '企业名称', key: 'enterprise', width: 32 },
    { header: en ? 'Project' : '项目名称', key: 'title', width: 36 },
    { header: en ? 'Town/street' : '镇街', key: 'town', width: 12 },
    { header: en ? 'Round' : '轮次', key: 'round', width: 8 },
    { header: en ? 'Verified investment (yuan)' : '核定投资额（元）', key: 'verified', width: 18, style: { numFmt: YUAN_FORMAT } },
    { header: en ? 'Suggested (yuan)' : '建议金额（元）', key: 'suggested', width: 16, style: { numFmt: YUAN_FORMAT } },
    { header: en ? 'Approved (yuan)' : '批准金额（元）', key: 'approved', width: 16, style: { numFmt: YUAN_FORMAT } },
    { header: en ? 'Pool' : '资金池', key: 'pool', width: 24 },
    { header: en ? 'Decided (Asia/Shanghai)' : '审议时间（北京时间）', key: 'decided', width: 18, style: { numFmt: DATE_TIME_FORMAT } },
  ];
  let verified = 0;
  let suggested = 0;
  let approved = 0;
  for (const r of rows) {
    verified += r.a.verifiedInvestmentFen ?? 0;
    suggested += r.a.suggestedFen ?? 0;
    approved += r.a.approvedFen ?? 0;
    ws.addRow({
      at: cellDate(r.a.submittedAt),
      filingNo: r.filingNo ?? '',
      enterprise: r.enterpriseName,
      title: r.title,
      town: townName(r.townCode, en),
      round: r.a.round,
      verified: r.a.verifiedInvestmentFen === null ? null : fenToYuanNumber(r.a.verifiedInvestmentFen),
      suggested: r.a.suggestedFen === null ? null : fenToYuanNumber(r.a.suggestedFen),
      approved: r.a.approvedFen === null ? null : fenToYuanNumber(r.a.approvedFen),
      pool: r.poolName ?? '',
      decided: cellDate(r.a.decidedAt),
    });
  }
  const totals = ws.addRow({
    at: en ? `Total (${rows.length})` : `合计（${rows.length} 件）`,
    verified: sumCell(ws, 'verified', rows.length, verified),
    suggested: sumCell(ws, 'suggested', rows.length, suggested),
    approved: sumCell(ws, 'approved', rows.length, approved),
  });
  totals.font = { bold: true };
  finish(ws, rows.length, truncated, en);
  return out(wb);
}
