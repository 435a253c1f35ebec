/**
 * 资金台账 as an .xlsx workbook: the filtered ledger entries (amounts as yuan numbers, committed / released / paid
 * in their own columns with SUM totals) and a reconciliation sheet: per pool, the pool's own figures next to the
 * same figures summed from its whole ledger — they agree, or the row says so.
 */
import ExcelJS from 'exceljs';
import type { AppDb } from '../../../db/client';
import type { Locale } from '../../../core/text';
import { t } from '../../../core/text';
import type { Actor } from '../../http/actor';
import { DATE_TIME_FORMAT, YUAN_FORMAT, fenToYuanNumber } from '../projects/export';
import type { LedgerExportQuery } from './schemas';
import { LEDGER_EXPORT_LIMIT, ledgerExportRows, poolReconciliation } from './service';

const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

function shanghaiCellDate(iso: string): Date {
  return new Date(new Date(iso).getTime() + SHANGHAI_OFFSET_MS);
}

export async function ledgerWorkbook(db: AppDb, actor: Actor, q: LedgerExportQuery, locale: Locale): Promise<Buffer> {
  const fetched = await ledgerExportRows(db, actor, q);
  const truncated = fetched.length > LEDGER_EXPORT_LIMIT;
  const rows = truncated ? fetched.slice(0, LEDGER_EXPORT_LIMIT) : fetched;
  const en = locale === 'en';
  const wb = new ExcelJS.Workbook();
  wb.creator = en ? 'Zhongshan SME Digital Transformation Pilot Platform' : '中山市中小企业数字化转型城市试点项目管理平台';

  const ws = wb.addWorksheet(en ? 'Ledger' : '资金台账');
  ws.columns = [
    { header: en ? 'Time (Asia/Shanghai)' : '时间（北京时间）', key: 'at', width: 18, style: { numFmt: DATE_TIME_FORMAT } },
    { header: en ? 'Budget pool' : '预算池', key: 'pool', width: 26 },
    { header: en ? 'Fund source' : '资金来源', key: 'source', width: 16 },
    { header: en ? 'Filing no.' : '备案号', key: 'filingNo', width: 18 },
    { header: en ? 'Enterprise' : '企业名称', key: 'enterprise', width: 30 },
    { header: en ? 'Project' : '项目名称', key: 'project', width: 34 },
    { header: en ? 'Line' : '资金类别', key: 'line', width: 12 },
    { header: en ? 'Kind' : '类型', key: 'kind', width: 8 },
    { header: en ? 'Committed (yuan)' : '占用（元）', key: 'commit', width: 16, style: { numFmt: YUAN_FORMAT } },
    { header: en ? 'Released (yuan)' : '释放（元）', key: 'release', width: 16, style: { numFmt: YUAN_FORMAT } },
    { header: en ? 'Paid (yuan)' : '拨付（元）', key: 'pay', width: 16, style: { numFmt: YUAN_FORMAT } },
    { header: en ? 'Reference' : '业务来源', key: 'ref', width: 24 },
    { header: en ? 'Reason' : '说明', key: 'reason', width: 30 },
    { header: en ? 'By' : '经办人', key: 'actor', width: 12 },
  ];
  const sums = { commit: 0, release: 0, pay: 0 };
  for (const r of rows) {
    sums[r.kind] += r.amountFen;
    ws.addRow({
      at: shanghaiCellDate(r.at),
      pool: r.poolName,
      source: t(r.fundSource === 'central' ? { zh: '中央', en: 'Central' } : r.fundSource === 'provincial' ? { zh: '省级', en: 'Provincial' } : { zh: '市级', en: 'City' }, locale),
      filingNo: r.filingNo ?? '',
      enterprise: r.enterpriseName ?? '',
      project: r.projectTitle ?? '',
      line: t(r.lineLabel, locale),
      kind: t(r.kindLabel, locale),
      commit: r.kind === 'commit' ? fenToYuanNumber(r.amountFen) : null,
      release: r.kind === 'release' ? fenToYuanNumber(r.amountFen) : null,
      pay: r.kind === 'pay' ? fenToYuanNumber(r.amountFen) : null,
      ref: `${r.refType}:${r.refId}`,
      reason: r.reason ?? '',
      actor: r.actorName ?? '',
    });
  }
  ws.getRow(1).font = { bold: true };
  const last = rows.length + 1;
  const col = (k: string) => ws.getColumn(k).letter;
  const sumCell = (k: 'commit' | 'release' | 'pay') => (rows.length > 0 ? { formula: `SUM(${col(k)}2:${col(k)}${last})`, result: fenToYuanNumber(sums[k]) } : 0);
  const totals = ws.addRow({ at: null, pool: en ? `Total (${rows.length} entries)` : `合计（${rows.length} 条）`, commit: sumCell('commit'), release: sumCell('release'), pay: sumCell('pay') });
  totals.font = { bold: true };
  for (const k of ['commit', 'release', 'pay']) totals.getCell(k).numFmt = YUAN_FORMAT;
  if (truncated) {
    ws.addRow({
      pool: en ? `Only the first ${LEDGER_EXPORT_LIMIT} entries are exported; narrow the filter to export the rest.` : `仅导出符合条件的前 ${LEDGER_EXPORT_LIMIT} 条，请缩小筛选范围后导出其余记录。`,
    }).font = { italic: true, color: { argb: 'FFC00000' } };
  }
  ws.views = [{ state: 'frozen', ySplit: 1, xSplit: 0, topLeftCell: 'A2', activeCell: 'A2' }];
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: Math.max(last, 1), column: ws.columns.length } };

  const ps = wb.addWorksheet(en ? 'Pools' : '预算池汇总');
  ps.columns = [
    { header: en ? 'Year' : '年度', key: 'year', width: 8 },
    { header: en ? 'Fund source' : '资金来源', key: 'source', width: 16 },
    { header: en ? 'Budget pool' : '预算池', key: 'name', width: 26 },
    { header: en ? 'Total (yuan)' : '预算总额（元）', key: 'total', width: 18, style: { numFmt: YUAN_FORMAT } },
    { header: en ? 'Committed (yuan)' : '已占用（元）', key: 'committed', width: 18, style: { numFmt: YUAN_FORMAT } },
    { header: en ? 'Paid (yuan)' : '已拨付（元）', key: 'paid', width: 18, style: { numFmt: YUAN_FORMAT } },
    { header: en ? 'Remaining (yuan)' : '可用余额（元）', key: 'remaining', width: 18, style: { numFmt: YUAN_FORMAT } },
    { header: en ? 'Ledger: committed − released (yuan)' : '台账：占用−释放（元）', key: 'ledgerCommitted', width: 22, style: { numFmt: YUAN_FORMAT } },
    { header: en ? 'Ledger: paid (yuan)' : '台账：拨付（元）', key: 'ledgerPaid', width: 18, style: { numFmt: YUAN_FORMAT } },
    { header: en ? 'Reconciled' : '账实相符', key: 'matches', width: 10 },
  ];
  const recon = await poolReconciliation(db, actor, q.poolId);
  for (const r of recon) {
    ps.addRow({
      year: r.pool.year,
      source: t(r.pool.fundSourceLabel, locale),
      name: r.pool.name,
      total: fenToYuanNumber(r.pool.totalFen),
      committed: fenToYuanNumber(r.pool.committedFen),
      paid: fenToYuanNumber(r.pool.paidFen),
      remaining: fenToYuanNumber(r.pool.remainingFen),
      ledgerCommitted: fenToYuanNumber(r.ledgerCommittedFen),
      ledgerPaid: fenToYuanNumber(r.ledgerPaidFen),
      matches: r.matches ? (en ? 'Yes' : '相符') : en ? 'NO' : '不符',
    });
  }
  ps.getRow(1).font = { bold: true };
  ps.views = [{ state: 'frozen', ySplit: 1, xSplit: 0, topLeftCell: 'A2', activeCell: 'A2' }];
  const out = await wb.xlsx.writeBuffer();
  return Buffer.from(out as ArrayBuffer);
}
