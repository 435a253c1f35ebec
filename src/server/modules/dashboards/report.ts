/**
 * The pilot performance report (试点绩效报告) for the province and the ministry's mid-term evaluation, per period:
 * enterprises filed / transformed / at 二级 or above against Guangdong's expectation (≥ 350 per Pearl River Delta
 * city), the 专精特新 and 规上 shares, money by fund source, level uplift, and the before/after figures from the
 * enterprises' archives. One summary function (the page previews it) and its .xlsx workbook.
 */
import ExcelJS from 'exceljs';
import { and, gte, isNotNull, lte, sql } from 'drizzle-orm';
import type { AppDb } from '../../../db/client';
import { organizations, projects } from '../../../db/schema';
import { FUND_SOURCE_LABELS, type FundSource } from '../../../core/subsidy/policy';
import { getTown, townDisplayName } from '../../../core/identity/towns';
import { getIndustry, industryDisplayName } from '../../../core/identity/industries';
import { t, type Locale } from '../../../core/text';
import { fenToYuanNumber, YUAN_FORMAT } from '../projects/export';
import { evaluatedProjects, moneyOverview, upliftGroups, UPLIFT_DIMENSIONS, type UpliftGroup } from './service';

/** Guangdong's expectation of enterprises at level 2 or above per Pearl River Delta pilot city. */
export const LEVEL2_TARGET = 350;

export const SPTS_GRADES = ['innovative', 'specialized', 'littleGiant'] as const;

export interface PerformanceSummary {
  from: string;
  to: string;
  filed: number;
  transformed: number;
  atLeastLevel2: number;
  level2Target: number;
  enterprises: number;
  aboveScale: number;
  spts: Record<(typeof SPTS_GRADES)[number], number>;
  sptsShareBp: number;
  money: Array<{ fundSource: string; totalFen: number; committedFen: number; paidFen: number; enterpriseShareBp: number | null }>;
  uplift: Record<(typeof UPLIFT_DIMENSIONS)[number], UpliftGroup[]>;
  evaluated: number;
  meanBefore: number | null;
  meanAfter: number | null;
}

const share = (part: number, whole: number) => (whole > 0 ? Math.round((part * 10_000) / whole) : 0);

export async function performanceSummary(db: AppDb, range: { from: string; to: string }): Promise<PerformanceSummary> {
  const inPeriod = and(
    isNotNull(projects.filingNo),
    gte(projects.submittedAt, new Date(`${range.from}T00:00:00+08:00`)),
    lte(projects.submittedAt, new Date(`${range.to}T23:59:59.999+08:00`)),
  );
  const [counts] = await db
    .select({
      filed: sql<string>`count(*)`,
      transformed: sql<string>`count(*) filter (where ${projects.acceptedOn} is not null)`,
      level2: sql<string>`count(distinct ${projects.enterpriseId}) filter (where ${projects.pilotEnterpriseAt} is not null)`,
      enterprises: sql<string>`count(distinct ${projects.enterpriseId})`,
      aboveScale: sql<string>`count(distinct ${projects.enterpriseId}) filter (where ${organizations.aboveScale})`,
      innovative: sql<string>`count(distinct ${projects.enterpriseId}) filter (where ${organizations.sptsGrade} = 'innovative')`,
      specialized: sql<string>`count(distinct ${projects.enterpriseId}) filter (where ${organizations.sptsGrade} = 'specialized')`,
      littleGiant: sql<string>`count(distinct ${projects.enterpriseId}) filter (where ${organizations.sptsGrade} = 'littleGiant')`,
    })
    .from(projects)
    .innerJoin(organizations, sql`${organizations.id} = ${projects.enterpriseId}`)
    .where(inPeriod);
  const n = (v: string | undefined) => Number(v ?? 0);
  const fromYear = Number(range.from.slice(0, 4));
  const toYear = Number(range.to.slice(0, 4));
  const pools = (await moneyOverview(db)).filter((p) => p.year >= fromYear && p.year <= toYear);
  const money = (['central', 'provincial', 'city'] as const).map((fundSource) => {
    const mine = pools.filter((p) => p.fundSource === fundSource);
    const totalFen = mine.reduce((a, p) => a + p.totalFen, 0);
    const committedFen = mine.reduce((a, p) => a + p.committedFen, 0);
    const paidFen = mine.reduce((a, p) => a + p.paidFen, 0);
    // Every line this platform pays (pre-subsidy, completion subsidy, benchmark award) goes to an enterprise's
    // transformation: the share is of the pool's total.
    return { fundSource, totalFen, committedFen, paidFen, enterpriseShareBp: totalFen > 0 ? share(committedFen, totalFen) : null };
  });
  const evaluated = await evaluatedProjects(db, range);
  const withBefore = evaluated.filter((e) => e.before !== null);
  const avg = (xs: number[]) => (xs.length ? Math.round((xs.reduce((a, b) => a + b, 0) / xs.length) * 100) / 100 : null);
  const enterprises = n(counts?.enterprises);
  const sptsTotal = n(counts?.innovative) + n(counts?.specialized) + n(counts?.littleGiant);
  return {
    from: range.from,
    to: range.to,
    filed: n(counts?.filed),
    transformed: n(counts?.transformed),
    atLeastLevel2: n(counts?.level2),
    level2Target: LEVEL2_TARGET,
    enterprises,
    aboveScale: n(counts?.aboveScale),
    spts: { innovative: n(counts?.innovative), specialized: n(counts?.specialized), littleGiant: n(counts?.littleGiant) },
    sptsShareBp: share(sptsTotal, enterprises),
    money,
    uplift: { industry: upliftGroups(evaluated, 'industry'), town: upliftGroups(evaluated, 'town'), provider: upliftGroups(evaluated, 'provider') },
    evaluated: evaluated.length,
    meanBefore: avg(withBefore.map((e) => e.before ?? 0)),
    meanAfter: avg(evaluated.map((e) => e.after)),
  };
}

const pct = (bp: number | null) => (bp === null ? '—' : `${(bp / 100).toFixed(2)}%`);

export async function performanceWorkbook(db: AppDb, range: { from: string; to: string }, locale: Locale): Promise<Buffer> {
  const en = locale === 'en';
  const s = await performanceSummary(db, range);
  const evaluated = await evaluatedProjects(db, range);
  const wb = new ExcelJS.Workbook();
  wb.creator = en ? 'Zhongshan SME Digital Transformation Pilot Platform' : '中山市中小企业数字化转型城市试点项目管理平台';

  const overview = wb.addWorksheet(en ? 'Indicators' : '总体指标');
  overview.columns = [
    { header: en ? 'Indicator' : '指标', key: 'k', width: 46 },
    { header: en ? 'Value' : '数值', key: 'v', width: 22 },
    { header: en ? 'Note' : '说明', key: 'n', width: 60 },
  ];
  const add = (k: string, v: string | number, note = '') => overview.addRow({ k, v, n: note });
  add(en ? 'Period' : '统计期间', `${s.from} – ${s.to}`, en ? 'Filing date, Asia/Shanghai' : '按备案提交日期（北京时间）');
  add(en ? 'Projects filed' : '备案项目数', s.filed);
  add(en ? 'Enterprises filed' : '备案企业数', s.enterprises);
  add(en ? 'Projects transformed (internal acceptance done)' : '完成改造项目数（已内部验收）', s.transformed);
  add(en ? 'Enterprises at level 2 or above (pilot enterprises)' : '达到二级及以上企业数（试点企业）', s.atLeastLevel2, en ? `Guangdong expects ≥ ${s.level2Target} per Pearl River Delta city` : `广东省要求珠三角试点城市不少于${s.level2Target}家`);
  add(en ? 'Share of the expectation reached' : '完成目标比例', pct(share(s.atLeastLevel2, s.level2Target)));
  add(en ? 'Above-designated-size enterprises (规上)' : '规上企业数', s.aboveScale, pct(share(s.aboveScale, s.enterprises)));
  add(en ? 'Innovative SMEs' : '创新型中小企业', s.spts.innovative);
  add(en ? 'Specialised SMEs (专精特新)' : '专精特新中小企业', s.spts.specialized);
  add(en ? '“Little giants”' : '专精特新“小巨人”企业', s.spts.littleGiant);
  add(en ? '专精特新 share of enterprises' : '专精特新企业占比', pct(s.sptsShareBp));
  add(en ? 'Projects evaluated' : '已完成成效评估项目数', s.evaluated);
  add(en ? 'Mean level before' : '改造前平均等级', s.meanBefore ?? '—');
  add(en ? 'Mean level after' : '改造后平均等级', s.meanAfter ?? '—');
  overview.getRow(1).font = { bold: true };

  const money = wb.addWorksheet(en ? 'Funds' : '资金');
  money.columns = [
    { header: en ? 'Fund source' : '资金来源', key: 'src', width: 18 },
    { header: en ? 'Budget (yuan)' : '预算（元）', key: 'total', width: 18, style: { numFmt: YUAN_FORMAT } },
    { header: en ? 'Committed (yuan)' : '已安排（元）', key: 'committed', width: 18, style: { numFmt: YUAN_FORMAT } },
    { header: en ? 'Paid (yuan)' : '已拨付（元）', key: 'paid', width: 18, style: { numFmt: YUAN_FORMAT } },
    { header: en ? 'Share on enterprise transformation' : '用于企业改造比例', key: 'share', width: 26 },
  ];
  for (const m of s.money) {
    money.addRow({ src: t(FUND_SOURCE_LABELS[m.fundSource as FundSource], locale), total: fenToYuanNumber(m.totalFen), committed: fenToYuanNumber(m.committedFen), paid: fenToYuanNumber(m.paidFen), share: pct(m.enterpriseShareBp) });
  }
  money.addRow({});
  money.addRow({ src: en ? 'The platform pays enterprises only (pre-subsidy, completion subsidy, benchmark award); platform and provider funding is not handled here (the national rule: ≥ 80 % of central money on enterprise transformation).' : '本平台仅安排企业改造资金（预奖补、完工奖补、标杆奖励），平台及服务商资金不经本平台（国家要求中央资金不少于80%用于中小企业改造）。' });
  money.getRow(1).font = { bold: true };

  const dims: Array<[(typeof UPLIFT_DIMENSIONS)[number], string, string]> = [
    ['industry', 'By industry', '按行业'],
    ['town', 'By town', '按镇街'],
    ['provider', 'By provider', '按服务商'],
  ];
  for (const [dim, enName, zhName] of dims) {
    const ws = wb.addWorksheet(en ? `Uplift ${enName.toLowerCase()}` : `等级提升${zhName}`);
    ws.columns = [
      { header: en ? enName.replace('By ', '') : zhName.replace('按', ''), key: 'name', width: 34 },
      { header: en ? 'Projects' : '项目数', key: 'n', width: 10 },
      { header: en ? 'Mean before' : '改造前平均等级', key: 'b', width: 16 },
      { header: en ? 'Mean after' : '改造后平均等级', key: 'a', width: 16 },
      { header: en ? 'Mean uplift' : '平均提升', key: 'u', width: 12 },
      { header: en ? 'At level 2+' : '达二级及以上', key: 'l2', width: 14 },
    ];
    for (const g of s.uplift[dim]) {
      const name =
        dim === 'industry'
          ? (() => { const d = getIndustry(g.key); return d ? t(industryDisplayName(d), locale) : g.key; })()
          : dim === 'town'
            ? (() => { const d = getTown(g.key); return d ? t(townDisplayName(d), locale) : g.key; })()
            : (g.name ?? (en ? 'No provider recorded' : '未记录服务商'));
      ws.addRow({ name, n: g.projects, b: g.meanBefore ?? '—', a: g.meanAfter, u: g.meanUplift ?? '—', l2: g.atLeastLevel2 });
    }
    ws.getRow(1).font = { bold: true };
  }

  const detail = wb.addWorksheet(en ? 'Enterprises' : '企业明细');
  detail.columns = [
    { header: en ? 'Enterprise' : '企业名称', key: 'name', width: 34 },
    { header: en ? 'Town' : '镇街', key: 'town', width: 12 },
    { header: en ? 'Industry' : '行业', key: 'industry', width: 26 },
    { header: en ? 'Provider' : '服务商', key: 'provider', width: 30 },
    { header: en ? 'Level before' : '改造前等级', key: 'before', width: 12 },
    { header: en ? 'Level after' : '改造后等级', key: 'after', width: 12 },
    { header: en ? 'Above designated size' : '规上企业', key: 'above', width: 10 },
    { header: en ? '专精特新 grade' : '专精特新', key: 'spts', width: 18 },
  ];
  const SPTS: Record<string, [string, string]> = { innovative: ['创新型中小企业', 'Innovative SME'], specialized: ['专精特新中小企业', 'Specialised SME'], littleGiant: ['专精特新“小巨人”', 'Little giant'] };
  for (const e of evaluated) {
    const town = getTown(e.townCode);
    const industry = getIndustry(e.industryCode);
    detail.addRow({
      name: e.enterpriseName,
      town: town ? t(townDisplayName(town), locale) : e.townCode,
      industry: industry ? t(industryDisplayName(industry), locale) : e.industryCode,
      provider: e.providerName ?? '',
      before: e.before ?? '—',
      after: e.after,
      above: e.aboveScale === null ? '—' : e.aboveScale ? (en ? 'Yes' : '是') : en ? 'No' : '否',
      spts: e.sptsGrade ? (SPTS[e.sptsGrade]?.[en ? 1 : 0] ?? e.sptsGrade) : '',
    });
  }
  detail.getRow(1).font = { bold: true };
  detail.views = [{ state: 'frozen', ySplit: 1 }];
  return Buffer.from(await wb.xlsx.writeBuffer());
}
