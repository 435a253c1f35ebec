/**
 * The pack's index (00_目录): as an A4 PDF (the report fonts and layout) and as an XLSX. One row per file of the
 * checklist, in order — no., item, file name, size, SHA-256, uploaded at, by — with 缺失 for an item without a
 * file; then the application's invoices, payments and the computation's steps.
 */
import ExcelJS from 'exceljs';
import PDFDocument from 'pdfkit';
import { formatFenAsYuan } from '../../../core/money';
import { installFonts, NO_DEFAULT_FONT } from '../reports/fonts';
import { COLORS, Layout, PAGE, type TableRow } from '../reports/layout';
import { fenToYuanNumber, YUAN_FORMAT, DATE_TIME_FORMAT } from '../projects/export';
import type { BatchPack, ProjectPack } from './service';

export const MISSING = '缺失';

export interface IndexRow {
  no: string;
  item: string;
  fileName: string;
  size: number | null;
  sha256: string;
  uploadedAt: string | null;
  uploadedBy: string;
}

/** The index rows: one per file, an item without files once with 缺失. */
export function indexRows(pack: ProjectPack): IndexRow[] {
  return pack.items.flatMap((item): IndexRow[] =>
    item.files.length === 0
      ? [{ no: String(item.no), item: item.label.zh, fileName: MISSING, size: null, sha256: '', uploadedAt: null, uploadedBy: '' }]
      : item.files.map((f, i) => ({
          no: item.files.length > 1 ? `${item.no}.${i + 1}` : String(item.no),
          item: item.label.zh,
          fileName: f.path.split('/').slice(-1)[0] ?? f.fileName,
          size: f.size,
          sha256: f.sha256,
          uploadedAt: f.uploadedAt,
          uploadedBy: f.uploadedBy,
        })),
  );
}

function shanghai(iso: string | null): string {
  if (!iso) return '';
  const d = new Date(new Date(iso).getTime() + 8 * 3_600_000);
  return d.toISOString().slice(0, 16).replace('T', ' ');
}

function sizeText(bytes: number | null): string {
  if (bytes === null) return '';
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

const yuan = (fen: number | null): string => (fen === null ? '—' : `${formatFenAsYuan(fen)} 元`);

export async function renderIndexPdf(pack: ProjectPack): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    ...NO_DEFAULT_FONT,
    margins: { top: PAGE.top, bottom: 20, left: PAGE.left, right: PAGE.right },
    pdfVersion: '1.7',
    lang: 'zh-CN',
    info: { Title: `奖补申报材料目录 — ${pack.project.enterpriseName}`, Creator: '中山市中小企业数字化转型城市试点项目管理平台' },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  installFonts(doc);
  const l = new Layout(doc, 'zh-CN');
  l.paragraph('数字化转型城市试点奖补申报材料目录', { size: 16, weight: 'bold', color: COLORS.primary });
  l.gap(6);
  const facts = [
    `企业名称：${pack.project.enterpriseName}`,
    `统一社会信用代码：${pack.project.uscc}`,
    `项目名称：${pack.project.title}`,
    `备案号：${pack.project.filingNo ?? '—'}`,
    `生成时间：${shanghai(pack.generatedAt.toISOString())}（北京时间）`,
  ];
  for (const f of facts) l.paragraph(f, { size: 9.5, color: COLORS.text });
  l.heading('材料清单');
  const rows: TableRow[] = indexRows(pack).map((r) => ({
    cells: [
      r.no,
      r.item,
      r.fileName === MISSING ? { text: MISSING, color: COLORS.fail, weight: 'bold' } : r.fileName,
      sizeText(r.size),
      { text: r.sha256, size: 6 },
      shanghai(r.uploadedAt),
      r.uploadedBy,
    ],
  }));
  l.table(
    [
      { header: '序号', width: 28 },
      { header: '材料', width: 80 },
      { header: '文件名', width: 100 },
      { header: '大小', width: 40, align: 'right' },
      { header: 'SHA-256', width: 95 },
      { header: '上传时间', width: 82 },
      { header: '上传人', width: 70 },
    ],
    rows,
    { size: 8 },
  );
  const a = pack.application;
  l.heading('申报信息');
  if (!a) {
    l.paragraph('尚未填写奖补申请（无发票、付款及测算信息）。', { color: COLORS.muted });
  } else {
    l.paragraph(`第 ${a.round} 轮申请；提交时间：${a.submittedAt ? shanghai(a.submittedAt) : '未提交'}；核定投资额：${yuan(a.verifiedInvestmentFen)}；建议奖补：${yuan(a.suggestedFen)}；批准金额：${yuan(a.approvedFen)}`);
    l.gap(6);
    l.subheading('发票');
    l.table(
      [
        { header: '发票号码', width: 110 },
        { header: '开票日期', width: 80 },
        { header: '价税合计（元）', width: 100, align: 'right' },
        { header: '税额（元）', width: 80, align: 'right' },
        { header: '费用类别', width: 125 },
      ],
      a.invoices.length ? a.invoices.map((i) => ({ cells: [i.number, i.issuedOn, formatFenAsYuan(i.amountFen), formatFenAsYuan(i.taxFen), i.costClass] })) : [{ cells: ['（无）', '', '', '', ''] }],
    );
    l.gap(8);
    l.subheading('付款凭证');
    l.table(
      [
        { header: '付款日期', width: 90 },
        { header: '金额（元）', width: 110, align: 'right' },
        { header: '收款方', width: 170 },
        { header: '凭证号', width: 125 },
      ],
      a.payments.length ? a.payments.map((p) => ({ cells: [p.paidOn, formatFenAsYuan(p.amountFen), p.payee ?? '', p.reference ?? ''] })) : [{ cells: ['（无）', '', '', ''] }],
    );
    l.gap(8);
    l.subheading('奖补金额测算');
    if (a.steps.length === 0) l.paragraph('（提交时计算）', { color: COLORS.muted });
    a.steps.forEach((s, i) => l.paragraph(`${i + 1}. ${s.text.zh}${s.amountFen === null ? '' : `（${formatFenAsYuan(s.amountFen)} 元）`}`));
  }
  doc.end();
  return done;
}

function styleHeader(ws: ExcelJS.Worksheet): void {
  const header = ws.getRow(1);
  header.font = { bold: true };
  header.alignment = { vertical: 'middle', wrapText: true };
  ws.views = [{ state: 'frozen', ySplit: 1, xSplit: 0, topLeftCell: 'A2', activeCell: 'A2' }];
}

function shanghaiCell(iso: string | null): Date | null {
  return iso ? new Date(new Date(iso).getTime() + 8 * 3_600_000) : null;
}

function addIndexSheet(wb: ExcelJS.Workbook, pack: ProjectPack, name = '目录'): void {
  const ws = wb.addWorksheet(name);
  ws.columns = [
    { header: '序号', key: 'no', width: 8 },
    { header: '材料', key: 'item', width: 26 },
    { header: '文件名', key: 'fileName', width: 36 },
    { header: '大小（字节）', key: 'size', width: 14 },
    { header: 'SHA-256', key: 'sha256', width: 68 },
    { header: '上传时间（北京时间）', key: 'uploadedAt', width: 20, style: { numFmt: DATE_TIME_FORMAT } },
    { header: '上传人', key: 'uploadedBy', width: 14 },
  ];
  for (const r of indexRows(pack)) ws.addRow({ ...r, size: r.size ?? '', uploadedAt: shanghaiCell(r.uploadedAt) });
  styleHeader(ws);
}

function addApplicationSheet(wb: ExcelJS.Workbook, pack: ProjectPack): void {
  const ws = wb.addWorksheet('申报信息');
  ws.columns = [
    { header: '项目', key: 'a', width: 22 },
    { header: '内容', key: 'b', width: 40 },
    { header: '日期', key: 'c', width: 14 },
    { header: '金额（元）', key: 'd', width: 18, style: { numFmt: YUAN_FORMAT } },
    { header: '备注', key: 'e', width: 30 },
  ];
  styleHeader(ws);
  const p = pack.project;
  ws.addRow({ a: '企业名称', b: p.enterpriseName });
  ws.addRow({ a: '统一社会信用代码', b: p.uscc });
  ws.addRow({ a: '项目名称', b: p.title });
  ws.addRow({ a: '备案号', b: p.filingNo ?? '' });
  const a = pack.application;
  if (!a) {
    ws.addRow({ a: '奖补申请', b: '尚未填写' });
    return;
  }
  const money = (fen: number | null) => (fen === null ? '' : fenToYuanNumber(fen));
  ws.addRow({ a: '核定投资额', d: money(a.verifiedInvestmentFen) });
  ws.addRow({ a: '建议奖补金额', d: money(a.suggestedFen) });
  ws.addRow({ a: '批准金额', d: money(a.approvedFen) });
  for (const i of a.invoices) ws.addRow({ a: '发票', b: i.number, c: i.issuedOn, d: money(i.amountFen), e: `${i.costClass}${i.seller ? ` · ${i.seller}` : ''}` });
  for (const pay of a.payments) ws.addRow({ a: '付款凭证', b: pay.reference ?? '', c: pay.paidOn, d: money(pay.amountFen), e: pay.payee ?? '' });
  a.steps.forEach((s, n) => ws.addRow({ a: `测算步骤 ${n + 1}`, b: s.text.zh, d: money(s.amountFen) }));
}

function workbook(): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = '中山市中小企业数字化转型城市试点项目管理平台';
  return wb;
}

export async function renderIndexXlsx(pack: ProjectPack): Promise<Buffer> {
  const wb = workbook();
  addIndexSheet(wb, pack);
  addApplicationSheet(wb, pack);
  return Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

/** The batch index: one row per application with its amounts, result and the count of its files and gaps. */
export async function renderBatchIndexXlsx(batch: BatchPack): Promise<Buffer> {
  const wb = workbook();
  const ws = wb.addWorksheet('批次目录');
  ws.columns = [
    { header: '序号', key: 'no', width: 8 },
    { header: '文件夹', key: 'folder', width: 40 },
    { header: '企业名称', key: 'enterprise', width: 32 },
    { header: '项目名称', key: 'project', width: 36 },
    { header: '备案号', key: 'filingNo', width: 18 },
    { header: '建议金额（元）', key: 'suggested', width: 16, style: { numFmt: YUAN_FORMAT } },
    { header: '批准金额（元）', key: 'approved', width: 16, style: { numFmt: YUAN_FORMAT } },
    { header: '审议结果', key: 'result', width: 20 },
    { header: '文件数', key: 'files', width: 10 },
    { header: '缺失材料', key: 'missing', width: 30 },
  ];
  let suggested = 0;
  let approved = 0;
  batch.projects.forEach((b, i) => {
    suggested += b.suggestedFen ?? 0;
    approved += b.approvedFen ?? 0;
    ws.addRow({
      no: i + 1,
      folder: b.folder,
      enterprise: b.pack.project.enterpriseName,
      project: b.pack.project.title,
      filingNo: b.pack.project.filingNo ?? '',
      suggested: b.suggestedFen === null ? '' : fenToYuanNumber(b.suggestedFen),
      approved: b.approvedFen === null ? '' : fenToYuanNumber(b.approvedFen),
      result: b.result,
      files: b.pack.items.reduce((n, it) => n + it.files.length, 0),
      missing: b.pack.items.filter((it) => it.files.length === 0).map((it) => it.label.zh).join('、'),
    });
  });
  const totals = ws.addRow({ no: `合计（${batch.projects.length} 项）`, suggested: fenToYuanNumber(suggested), approved: fenToYuanNumber(approved) });
  totals.font = { bold: true };
  styleHeader(ws);
  return Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}
