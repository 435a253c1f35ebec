/**
 * 一企一档: per project the level before (diagnosis report), every evaluation's level after, the assessment
 * scores and the targets before / aimed at / after — the enterprise's own projects, or every filed one for the
 * bureau (filters and pages), and the bureau's Excel export of them.
 */
import ExcelJS from 'exceljs';
import { and, asc, count, desc, eq, ilike, inArray, isNotNull, or, type SQL } from 'drizzle-orm';
import type { AppDb } from '../../../db/client';
import { containsPattern } from '../../../db/sql';
import { assessments, projects, workflowObjects } from '../../../db/schema';
import { AppError } from '../../http/errors';
import type { Actor } from '../../http/actor';
import { t, type Locale } from '../../../core/text';
import { getTown, townDisplayName } from '../../../core/identity/towns';
import { projectScope } from '../projects/policy';
import { projectTable, stateInfo } from '../projects/workflow';
import { REQUIRED_TARGETS, targetViews, targetsOf, type TargetView } from './service';
import type { ArchiveQuery } from './schemas';

export const ARCHIVE_EXPORT_LIMIT = 20_000;

function assertMaySee(actor: Actor): void {
  if (actor.orgType !== 'enterprise' && actor.orgType !== 'bureau') throw new AppError('FORBIDDEN_ROLE');
}

function filters(actor: Actor, q: Omit<ArchiveQuery, 'page' | 'pageSize'>): SQL {
  const parts: SQL[] = [projectScope(actor), isNotNull(projects.submittedAt)];
  if (q.townCode) parts.push(eq(projects.townCode, q.townCode));
  if (q.stage) parts.push(eq(projects.stage, q.stage));
  if (q.q) {
    const pattern = containsPattern(q.q);
    parts.push(or(ilike(projects.enterpriseName, pattern), ilike(projects.title, pattern), ilike(projects.filingNo, pattern))!);
  }
  return and(...parts)!;
}

const levelOf = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

export interface ArchiveRow {
  projectId: string;
  filingNo: string | null;
  title: string;
  enterpriseName: string;
  townCode: string;
  stage: number;
  state: string;
  stateLabel: { zh: string; en: string };
  pilotEnterpriseAt: string | null;
  levelBefore: number | null;
  evaluations: Array<{ version: number; levelAfter: number | null; state: string }>;
  assessments: Array<{ mode: string; level: number | null; baseScore: number | null; submittedAt: string | null }>;
  targets: TargetView[];
}

async function rowsFor(db: AppDb, list: Array<typeof projects.$inferSelect>, locale: Locale): Promise<ArchiveRow[]> {
  const ids = list.map((p) => p.id);
  if (ids.length === 0) return [];
  const reports = await db
    .select({ projectId: workflowObjects.projectId, kind: workflowObjects.kind, version: workflowObjects.version, state: workflowObjects.state, data: workflowObjects.data })
    .from(workflowObjects)
    .where(and(inArray(workflowObjects.projectId, ids), inArray(workflowObjects.kind, ['diagnosisReport', 'evaluationReport'])))
    .orderBy(asc(workflowObjects.version));
  const scores = await db
    .select({ projectId: assessments.projectId, mode: assessments.mode, level: assessments.level, baseMilli: assessments.baseMilli, submittedAt: assessments.submittedAt })
    .from(assessments)
    .where(and(inArray(assessments.projectId, ids), eq(assessments.status, 'submitted')))
    .orderBy(asc(assessments.submittedAt));
  const targets = await targetsOf(db, ids);
  return list.map((p) => {
    const diag = reports.filter((r) => r.projectId === p.id && r.kind === 'diagnosisReport');
    const withLevel = [...diag].reverse().find((r) => levelOf(r.data.levelBefore) !== null);
    return {
      projectId: p.id,
      filingNo: p.filingNo,
      title: p.title,
      enterpriseName: p.enterpriseName,
      townCode: p.townCode,
      stage: p.stage,
      state: p.state,
      stateLabel: stateInfo(p.state, projectTable(p)).label,
      pilotEnterpriseAt: p.pilotEnterpriseAt?.toISOString() ?? null,
      levelBefore: withLevel ? levelOf(withLevel.data.levelBefore) : null,
      evaluations: reports.filter((r) => r.projectId === p.id && r.kind === 'evaluationReport').map((r) => ({ version: r.version, levelAfter: levelOf(r.data.levelAfter), state: r.state })),
      assessments: scores.filter((s) => s.projectId === p.id).map((s) => ({ mode: s.mode, level: s.level, baseScore: s.baseMilli === null ? null : s.baseMilli / 1000, submittedAt: s.submittedAt?.toISOString() ?? null })),
      targets: targetViews(targets.filter((x) => x.projectId === p.id), locale),
    };
  });
}

export async function archivePage(db: AppDb, actor: Actor, q: ArchiveQuery, locale: Locale) {
  assertMaySee(actor);
  const where = filters(actor, q);
  const [total] = await db.select({ n: count() }).from(projects).where(where);
  const list = await db
    .select()
    .from(projects)
    .where(where)
    .orderBy(desc(projects.submittedAt), asc(projects.id))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  return { items: await rowsFor(db, list, locale), total: Number(total?.n ?? 0), page: q.page, pageSize: q.pageSize };
}

const LEVEL_NAMES = ['未达一级', '一级', '二级', '三级', '四级'];
const LEVEL_NAMES_EN = ['below 1', 'level 1', 'level 2', 'level 3', 'level 4'];

/**
 * The archive as an .xlsx workbook (bureau): one sheet with a row per project (levels, scores, the two required
 * targets before / target / after as numbers) and one with a row per target; frozen headers, auto-filters.
 */
export async function archiveWorkbook(db: AppDb, actor: Actor, q: Omit<ArchiveQuery, 'page' | 'pageSize'>, locale: Locale): Promise<Buffer> {
  if (actor.orgType !== 'bureau') throw new AppError('FORBIDDEN_ROLE');
  const list = await db.select().from(projects).where(filters(actor, q)).orderBy(desc(projects.submittedAt), asc(projects.id)).limit(ARCHIVE_EXPORT_LIMIT);
  const rows = await rowsFor(db, list, locale);
  const en = locale === 'en';
  const level = (n: number | null) => (n === null ? '' : ((en ? LEVEL_NAMES_EN : LEVEL_NAMES)[n] ?? String(n)));
  const wb = new ExcelJS.Workbook();
  wb.creator = en ? 'Zhongshan SME Digital Transformation Pilot Platform' : '中山市中小企业数字化转型城市试点项目管理平台';
  const ws = wb.addWorksheet(en ? 'Enterprise archive' : '一企一档');
  const targetCols = REQUIRED_TARGETS.flatMap((c) => {
    const name = t(c.label, locale);
    return [
      { header: en ? `${name} before (%)` : `${name}·改造前（%）`, key: `${c.key}.baseline`, width: 16, style: { numFmt: '0.00' } },
      { header: en ? `${name} target (%)` : `${name}·目标值（%）`, key: `${c.key}.target`, width: 16, style: { numFmt: '0.00' } },
      { header: en ? `${name} after (%)` : `${name}·改造后（%）`, key: `${c.key}.measured`, width: 16, style: { numFmt: '0.00' } },
    ];
  });
  ws.columns = [
    { header: en ? 'Filing no.' : '备案号', key: 'filingNo', width: 18 },
    { header: en ? 'Enterprise' : '企业名称', key: 'enterpriseName', width: 34 },
    { header: en ? 'Project' : '项目名称', key: 'title', width: 36 },
    { header: en ? 'Town/street' : '镇街', key: 'town', width: 12 },
    { header: en ? 'Stage' : '所处阶段', key: 'stage', width: 10 },
    { header: en ? 'Status' : '状态', key: 'state', width: 22 },
    { header: en ? 'Level before (diagnosis)' : '改造前等级（诊断）', key: 'levelBefore', width: 14 },
    { header: en ? 'Level after (latest evaluation)' : '改造后等级（最近评估）', key: 'levelAfter', width: 14 },
    { header: en ? 'Evaluations' : '评估次数', key: 'evaluations', width: 10 },
    { header: en ? 'Assessment score (latest)' : '评测得分（最近）', key: 'score', width: 14, style: { numFmt: '0.0##' } },
    ...targetCols,
  ];
  const ts = wb.addWorksheet(en ? 'Targets' : '改造目标');
  ts.columns = [
    { header: en ? 'Filing no.' : '备案号', key: 'filingNo', width: 18 },
    { header: en ? 'Enterprise' : '企业名称', key: 'enterpriseName', width: 34 },
    { header: en ? 'Figure' : '指标', key: 'label', width: 28 },
    { header: en ? 'Unit' : '单位', key: 'unit', width: 8 },
    { header: en ? 'Before' : '改造前', key: 'baseline', width: 12, style: { numFmt: '0.00' } },
    { header: en ? 'Target' : '目标值', key: 'target', width: 12, style: { numFmt: '0.00' } },
    { header: en ? 'After' : '改造后', key: 'measured', width: 12, style: { numFmt: '0.00' } },
  ];
  for (const r of rows) {
    const town = getTown(r.townCode);
    const lastEval = r.evaluations[r.evaluations.length - 1];
    const lastScore = r.assessments[r.assessments.length - 1];
    const cells: Record<string, unknown> = {
      filingNo: r.filingNo ?? '',
      enterpriseName: r.enterpriseName,
      title: r.title,
      town: town ? t(townDisplayName(town), locale) : r.townCode,
      stage: r.stage,
      state: t(r.stateLabel, locale),
      levelBefore: level(r.levelBefore),
      levelAfter: level(lastEval?.levelAfter ?? null),
      evaluations: r.evaluations.length,
      score: lastScore?.baseScore ?? null,
    };
    for (const target of r.targets) {
      if (!target.required) continue;
      cells[`${target.key}.baseline`] = target.baseline;
      cells[`${target.key}.target`] = target.target;
      cells[`${target.key}.measured`] = target.measured;
    }
    ws.addRow(cells);
    for (const target of r.targets) ts.addRow({ filingNo: r.filingNo ?? '', enterpriseName: r.enterpriseName, label: target.label, unit: target.unit, baseline: target.baseline, target: target.target, measured: target.measured });
  }
  for (const sheet of [ws, ts]) {
    const header = sheet.getRow(1);
    header.font = { bold: true };
    header.alignment = { vertical: 'middle', wrapText: true };
    sheet.views = [{ state: 'frozen', ySplit: 1, xSplit: 0, topLeftCell: 'A2', activeCell: 'A2' }];
    sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: Math.max(sheet.rowCount, 1), column: sheet.columns.length } };
  }
  const out = await wb.xlsx.writeBuffer();
  return Buffer.from(out as ArrayBuffer);
}
