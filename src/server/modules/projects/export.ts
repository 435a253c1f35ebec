import ExcelJS from 'exceljs';
import type { AppDb } from '../../../db/client';
import type { Actor } from '../../http/actor';
import type { Locale } from '../../../core/text';
import { getTown, townDisplayName } from '../../../core/identity/towns';
import { getIndustry, industryDisplayName } from '../../../core/identity/industries';
import { t } from '../../../core/text';
import { formatFenAsYuan } from '../../../core/money';
import type { ListQuery } from './schemas';
import { exportRows } from './service';

export const EXPORT_LIMIT = 20_000;

function label<T>(def: T | undefined, display: (d: T) => { zh: string; en: string }, code: string, locale: Locale): string {
  return def ? t(display(def), locale) : code;
}

function shanghai(iso: string | null): string {
  if (!iso) return '';
  return new Date(new Date(iso).getTime() + 8 * 3_600_000).toISOString().replace('T', ' ').slice(0, 16);
}

/** The filtered projects as an .xlsx workbook, in the caller's language. */
export async function projectsWorkbook(db: AppDb, actor: Actor, q: Omit<ListQuery, 'page' | 'pageSize'>, locale: Locale): Promise<Buffer> {
  const rows = await exportRows(db, actor, q, EXPORT_LIMIT);
  const en = locale === 'en';
  const wb = new ExcelJS.Workbook();
  wb.creator = en ? 'Zhongshan SME Digital Transformation Pilot Platform' : '中山市中小企业数字化转型城市试点项目管理平台';
  const ws = wb.addWorksheet(en ? 'Filings' : '备案项目');
  ws.columns = [
    { header: en ? 'Filing no.' : '备案号', key: 'filingNo', width: 18 },
    { header: en ? 'Enterprise' : '企业名称', key: 'enterpriseName', width: 32 },
    { header: en ? 'USCC' : '统一社会信用代码', key: 'uscc', width: 22 },
    { header: en ? 'Project' : '项目名称', key: 'title', width: 36 },
    { header: en ? 'Town/street' : '镇街', key: 'town', width: 12 },
    { header: en ? 'Industry' : '行业', key: 'industry', width: 24 },
    { header: en ? 'Stage' : '所处阶段', key: 'stage', width: 8 },
    { header: en ? 'Status' : '状态', key: 'state', width: 18 },
    { header: en ? 'Planned investment (yuan)' : '计划投资（元）', key: 'investment', width: 18 },
    { header: en ? 'Filed at (Asia/Shanghai)' : '备案时间', key: 'submittedAt', width: 18 },
  ];
  for (const r of rows) {
    ws.addRow({
      filingNo: r.filingNo ?? '',
      enterpriseName: r.enterpriseName,
      uscc: r.uscc,
      title: r.title,
      town: label(getTown(r.townCode), townDisplayName, r.townCode, locale),
      industry: label(getIndustry(r.industryCode), industryDisplayName, r.industryCode, locale),
      stage: r.stage,
      state: en ? r.stateLabel.en : r.stateLabel.zh,
      investment: formatFenAsYuan(r.plannedInvestmentFen),
      submittedAt: shanghai(r.submittedAt),
    });
  }
  ws.getRow(1).font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  const out = await wb.xlsx.writeBuffer();
  return Buffer.from(out as ArrayBuffer);
}
