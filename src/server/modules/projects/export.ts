import ExcelJS from 'exceljs';
import type { AppDb } from '../../../db/client';
import type { Actor } from '../../http/actor';
import type { Locale } from '../../../core/text';
import { getTown, townDisplayName } from '../../../core/identity/towns';
import { getIndustry, industryDisplayName } from '../../../core/identity/industries';
import { t } from '../../../core/text';
import type { ExportQuery } from './schemas';
import { exportRows } from './service';

export const EXPORT_LIMIT = 20_000;

function label<T>(def: T | undefined, display: (d: T) => { zh: string; en: string }, code: string, locale: Locale): string {
  return def ? t(display(def), locale) : code;
}

/** Shanghai has no daylight saving: its wall clock is UTC + 8 h all year. */
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

/**
 * A date cell showing the Asia/Shanghai wall-clock time. Spreadsheet dates carry no time zone: exceljs writes a
 * Date's UTC fields, so the instant is shifted by Shanghai's offset to make those fields the local time.
 */
function shanghaiCellDate(iso: string | null): Date | null {
  return iso ? new Date(new Date(iso).getTime() + SHANGHAI_OFFSET_MS) : null;
}

/** Integer fen as a yuan number: built from the integer's digits (the nearest double to the exact decimal). */
export function fenToYuanNumber(fen: number): number {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return Number(`${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`);
}

export const YUAN_FORMAT = '#,##0.00';
export const DATE_TIME_FORMAT = 'yyyy-mm-dd hh:mm';

/**
 * The filtered projects as an .xlsx workbook, in the caller's language, in the list's order: amounts are numbers
 * in yuan (format #,##0.00), filing times real date cells in Asia/Shanghai time, a totals row with a SUM formula
 * (and its computed value), frozen header, auto-filter and column widths.
 */
export async function projectsWorkbook(db: AppDb, actor: Actor, q: ExportQuery, locale: Locale): Promise<Buffer> {
  const fetched = await exportRows(db, actor, q, EXPORT_LIMIT + 1);
  const truncated = fetched.length > EXPORT_LIMIT;
  const rows = truncated ? fetched.slice(0, EXPORT_LIMIT) : fetched;
  const en = locale === 'en';
  const bureau = actor.orgType === 'bureau';
  const wb = new ExcelJS.Workbook();
  wb.creator = en ? 'Zhongshan SME Digital Transformation Pilot Platform' : '中山市中小企业数字化转型城市试点项目管理平台';
  const ws = wb.addWorksheet(en ? 'Filings' : '备案项目');
  ws.columns = [
    { header: en ? 'Filing no.' : '备案号', key: 'filingNo', width: 18 },
    { header: en ? 'Enterprise' : '企业名称', key: 'enterpriseName', width: 34 },
    { header: en ? 'USCC' : '统一社会信用代码', key: 'uscc', width: 22 },
    { header: en ? 'Project' : '项目名称', key: 'title', width: 40 },
    { header: en ? 'Town/street' : '镇街', key: 'town', width: 14 },
    { header: en ? 'Industry' : '行业', key: 'industry', width: 26 },
    { header: en ? 'Stage' : '所处阶段', key: 'stage', width: 10 },
    { header: en ? 'Status' : '状态', key: 'state', width: 22 },
    { header: en ? 'Planned investment (yuan)' : '计划投资（元）', key: 'investment', width: 20, style: { numFmt: YUAN_FORMAT } },
    { header: en ? 'Filed at (Asia/Shanghai)' : '备案时间（北京时间）', key: 'submittedAt', width: 18, style: { numFmt: DATE_TIME_FORMAT } },
    ...(bureau ? [{ header: en ? 'Same name, other USCC' : '同名企业（其他信用代码）', key: 'sameName', width: 24 }] : []),
  ];
  let totalFen = 0;
  for (const r of rows) {
    totalFen += r.plannedInvestmentFen;
    ws.addRow({
      filingNo: r.filingNo ?? '',
      enterpriseName: r.enterpriseName,
      uscc: r.uscc,
      title: r.title,
      town: label(getTown(r.townCode), townDisplayName, r.townCode, locale),
      industry: label(getIndustry(r.industryCode), industryDisplayName, r.industryCode, locale),
      stage: r.stage,
      state: en ? r.stateLabel.en : r.stateLabel.zh,
      investment: fenToYuanNumber(r.plannedInvestmentFen),
      submittedAt: shanghaiCellDate(r.submittedAt),
      ...(bureau ? { sameName: r.sameNameUsccs.join(en ? ', ' : '、') } : {}),
    });
  }
  const header = ws.getRow(1);
  header.font = { bold: true };
  header.alignment = { vertical: 'middle', wrapText: true };
  const lastDataRow = rows.length + 1;
  const investmentCol = ws.getColumn('investment').letter;
  const totals = ws.addRow({
    filingNo: en ? `Total (${rows.length} projects)` : `合计（${rows.length} 个项目）`,
    investment: rows.length > 0 ? { formula: `SUM(${investmentCol}2:${investmentCol}${lastDataRow})`, result: fenToYuanNumber(totalFen) } : 0,
  });
  totals.font = { bold: true };
  totals.getCell('investment').numFmt = YUAN_FORMAT;
  if (truncated) {
    ws.addRow({
      filingNo: en
        ? `Only the first ${EXPORT_LIMIT} matching projects are exported; narrow the filter to export the rest.`
        : `仅导出符合条件的前 ${EXPORT_LIMIT} 个项目，请缩小筛选范围后导出其余项目。`,
    }).font = { italic: true, color: { argb: 'FFC00000' } };
  }
  ws.views = [{ state: 'frozen', ySplit: 1, xSplit: 0, topLeftCell: 'A2', activeCell: 'A2' }];
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: Math.max(lastDataRow, 1), column: ws.columns.length } };
  const out = await wb.xlsx.writeBuffer();
  return Buffer.from(out as ArrayBuffer);
}
