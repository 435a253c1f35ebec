/**
 * Demo data for stage 2b (institution diagnosis), loaded once after the base demo data (src/db/demo.ts):
 * three more enterprises file 机构诊断 projects, and the bureau, the institutions and the enterprises move them
 * on through the platform's own use-cases, signed in as the demo users, so the lifecycle, deadlines, audit
 * trail, materials and notifications are exactly what the same clicks would have produced:
 *
 * - 中山市黄圃恒丰食品有限公司 (13800000007): assigned to the first diagnostic institution, accepted, with an open
 *   evidence request (three groups and a note): the enterprise has a checklist to fill;
 * - 中山市坦洲利达塑胶有限公司 (13800000008): assigned to the first comprehensive institution, accepted, evidence
 *   uploaded by the enterprise, report PDF uploaded and sent with its summary: it awaits the enterprise's confirmation;
 * - 中山市三角华盛纺织有限公司 (13800000009): assigned to the second diagnostic institution with a due date in the
 *   past and not accepted: overdue in the bureau's list.
 *
 * It has its own system_meta key, so a database that already holds the base demo gets it on its next start.
 */
import { Readable } from 'node:stream';
import PDFDocument from 'pdfkit';
import { eq, or } from 'drizzle-orm';
import type { AppDb, DbOrTx } from '../../db/client';
import { organizations, systemMeta, users } from '../../db/schema';
import { makeEnterprise, makeUser } from '../../db/factories';
import { DEMO_DOMAIN, DEMO_PASSWORD_HASH, demoLoadingCancelled, isDemoLoaded } from '../../db/demo';
import { COMPREHENSIVE_INSTITUTIONS, DIAGNOSTIC_INSTITUTIONS } from '../../db/reference-orgs';
import type { IsoDate } from '../../core/calendar/date';
import type { RequestContext } from '../http/actor';
import { actorOf } from '../modules/auth/sessions';
import type { FileStore } from '../files';
import { createProject, transitionProject, updateProject } from '../modules/projects/service';
import { createProjectBody, updateProjectBody } from '../modules/projects/schemas';
import { assignInstitutions } from '../modules/diagnosis/service';
import { prepareUpload, recordUpload } from '../modules/materials/service';
import { loadCalendar } from '../deadlines/calendar';
import { subtractWorkingDays, todayInShanghai } from '../deadlines/service';
import { NO_DEFAULT_FONT, fontNameFor, installFonts } from '../modules/reports/fonts';

export const STAGE2B_DEMO_FLAG = 'demo_stage2b_loaded';

/** The three enterprises this part adds (seq continues demo.ts's 800_001…800_006). */
export const STAGE2B_ENTERPRISES = [
  { seq: 800_007, name: '中山市黄圃恒丰食品有限公司', nameEn: 'Zhongshan Huangpu Hengfeng Foods Co., Ltd.', town: 'huangpu', industry: '14', employees: 95, revenueFen: 32_000_000_00, mobile: '13800000007', contact: '梁淑芬' },
  { seq: 800_008, name: '中山市坦洲利达塑胶有限公司', nameEn: 'Zhongshan Tanzhou Lida Plastics Co., Ltd.', town: 'tanzhou', industry: '29', employees: 140, revenueFen: 58_000_000_00, mobile: '13800000008', contact: '何伟明' },
  { seq: 800_009, name: '中山市三角华盛纺织有限公司', nameEn: 'Zhongshan Sanjiao Huasheng Textiles Co., Ltd.', town: 'sanjiao', industry: '17', employees: 260, revenueFen: 96_000_000_00, mobile: '13800000009', contact: '冯国强' },
] as const;

/** How many working days before today the overdue project's due date lies. */
export const OVERDUE_WORKING_DAYS = 2;

/** The evidence the first institution asks for, and why. */
export const DEMO_EVIDENCE_REQUEST = {
  slots: ['diagnosis.policies', 'diagnosis.systems', 'diagnosis.financials'] as Array<'diagnosis.policies' | 'diagnosis.systems' | 'diagnosis.financials'>,
  note: '入企调研前请上传：1. 组织架构图及生产、仓储管理制度；2. 现有ERP/财务软件截图和主要设备清单（含购置时间）；3. 2025年度财务报表。材料齐全后我们将与您约定现场诊断时间。',
};

/** The comprehensive institution's summary of the report awaiting confirmation. */
export const DEMO_REPORT_SUMMARY = {
  levelBefore: 1,
  painPoints:
    '1. 注塑车间32台注塑机未联网，开机率、良品率靠班组长手工记录，月底汇总滞后约一周；\n2. 生产计划依赖计划员经验排产，插单频繁时模具切换冲突多，平均换模等待约2小时；\n3. 原料（PP、ABS粒料）与成品库存账实不符，每月盘点差异率约4%；\n4. 质量追溯只到批次，客户投诉时难以定位具体机台、模具和班次。',
  recommendations:
    '1. 建设MES生产执行系统，实现工单下达、扫码报工和工序流转电子化；\n2. 为注塑机加装数据采集网关，实时采集开机、停机、周期和温度参数，建立设备OEE看板；\n3. 上线条码化仓储管理（WMS），与ERP打通原料领用和成品入库，目标盘点差异率降至1%以内；\n4. 建立“机台-模具-班次-批次”质量追溯链，优先选用入库服务商的注塑行业解决方案，分两期实施。',
};

async function flagSet(db: DbOrTx): Promise<boolean> {
  const rows = await db.select().from(systemMeta).where(eq(systemMeta.key, STAGE2B_DEMO_FLAG));
  return rows.length > 0;
}

/** The demo user signed in with `account` (e-mail or mobile), as the session code resolves a member. */
async function contextFor(db: AppDb, account: string): Promise<RequestContext> {
  const [row] = await db
    .select({
      userId: users.id,
      name: users.name,
      orgId: users.orgId,
      memberRole: users.memberRole,
      bureauRole: users.bureauRole,
      orgName: organizations.name,
      orgType: organizations.type,
      townCode: organizations.townCode,
    })
    .from(users)
    .innerJoin(organizations, eq(organizations.id, users.orgId))
    .where(or(eq(users.email, account), eq(users.mobile, account)));
  if (!row) throw new Error(`stage 2b demo: no demo account ${account}`);
  return { actor: actorOf(row), requestId: `demo-stage2b-${account}`, ip: '127.0.0.1', locale: 'zh-CN' };
}

/** A small A4 PDF with a title and a few lines of Chinese text (the report font, as the platform's own PDFs). */
export async function demoPdf(title: string, lines: readonly string[]): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', ...NO_DEFAULT_FONT, margin: 56, pdfVersion: '1.7', lang: 'zh-CN', info: { Title: title, Author: '中山市中小企业数字化转型城市试点（演示数据）' } });
  installFonts(doc);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.font(fontNameFor('regular')).fontSize(18).text(title, { align: 'center' });
  doc.moveDown(1).fontSize(11);
  for (const line of lines) doc.text(line, { lineGap: 4 }).moveDown(0.4);
  doc.moveDown(1).fontSize(9).fillColor('#666666').text('本文件为平台演示数据，仅供体验流程使用。');
  doc.end();
  return done;
}

/** Uploads `content` into a slot the way the upload route does: check the slot, stream into the store, record. */
async function upload(db: AppDb, store: FileStore, uploadMaxBytes: number, ctx: RequestContext, projectId: string, slotKey: string, fileName: string, content: Buffer): Promise<void> {
  const plan = await prepareUpload(db, ctx.actor, projectId, slotKey, uploadMaxBytes);
  const stored = await store.put(Readable.from([content]), { maxBytes: plan.maxBytes, accept: plan.slot.accept });
  await recordUpload(db, ctx, projectId, slotKey, stored, fileName);
}

/** An enterprise's draft, completed and submitted: a 机构诊断 filing waiting for an institution. */
async function fileProject(db: AppDb, ctx: RequestContext, draft: { title: string; situation: string; needs: string; scope: string; plannedInvestmentFen: number }): Promise<string> {
  const created = await createProject(db, ctx, createProjectBody.parse({ title: draft.title, situation: draft.situation, diagnosisMode: 'institution' }));
  const completed = await updateProject(
    db,
    ctx,
    created.id,
    updateProjectBody.parse({ needs: draft.needs, scope: draft.scope, plannedInvestmentFen: draft.plannedInvestmentFen, plannedStart: '2027-01-01', plannedEnd: '2027-10-31', revision: created.revision }),
  );
  const filed = await transitionProject(db, ctx, completed.id, { event: 'submitFiling' });
  if (filed.state !== 'awaitingDiagnosisAssignment') throw new Error(`stage 2b demo: filing went to ${filed.state}`);
  return filed.id;
}

async function assign(db: AppDb, bureau: RequestContext, projectId: string, institutionId: string, extra: { dueOn?: string; note?: string } = {}): Promise<void> {
  const [r] = await assignInstitutions(db, bureau, { projectIds: [projectId], institutionId, ...extra });
  if (!r?.ok) throw new Error(`stage 2b demo: assignment refused: ${r?.code ?? 'no result'}`);
}

/**
 * Loads the stage 2b demo once, after the base demo data; returns whether it loaded now. Does nothing when the
 * base demo is not in the database. Two instances starting together load it once (the flag is claimed first).
 */
export async function ensureStage2bDemo(db: AppDb, store: FileStore, uploadMaxBytes: number): Promise<boolean> {
  if (demoLoadingCancelled() || !(await isDemoLoaded(db)) || (await flagSet(db))) return false;
  const passwordHash = DEMO_PASSWORD_HASH;
  const claimed = await db.transaction(async (tx) => {
    await tx.execute('lock table system_meta in exclusive mode');
    if (await flagSet(tx)) return false;
    await tx.insert(systemMeta).values({ key: STAGE2B_DEMO_FLAG, value: 'loading' });
    for (const e of STAGE2B_ENTERPRISES) {
      const org = await makeEnterprise(tx, e.seq, {
        name: e.name,
        nameEn: e.nameEn,
        townCode: e.town,
        industryCode: e.industry,
        employees: e.employees,
        annualRevenueFen: e.revenueFen,
        contactName: e.contact,
        contactMobile: e.mobile,
      });
      await makeUser(tx, { orgId: org.id, name: e.contact, mobile: e.mobile, passwordHash });
    }
    return true;
  });
  if (!claimed) return false;
  try {
    await loadStage2b(db, store, uploadMaxBytes);
  } catch (err) {
    // Keep the claim (a restart must not add the enterprises twice) but say what happened.
    const message = err instanceof Error ? err.message : String(err);
    await db.update(systemMeta).set({ value: `failed: ${message.slice(0, 200)}` }).where(eq(systemMeta.key, STAGE2B_DEMO_FLAG));
    throw err;
  }
  await db.update(systemMeta).set({ value: new Date().toISOString() }).where(eq(systemMeta.key, STAGE2B_DEMO_FLAG));
  return true;
}

async function loadStage2b(db: AppDb, store: FileStore, uploadMaxBytes: number): Promise<void> {
  await store.ready();
  const [foods, plastics, textiles] = STAGE2B_ENTERPRISES;
  const [diag1, diag2] = DIAGNOSTIC_INSTITUTIONS;
  const [comp1] = COMPREHENSIVE_INSTITUTIONS;
  if (!diag1 || !diag2 || !comp1) throw new Error('stage 2b demo: reference institutions missing');
  const bureau = await contextFor(db, `reviewer@${DEMO_DOMAIN}`);
  const diagnostic1 = await contextFor(db, `${diag1.key}@${DEMO_DOMAIN}`);
  const diagnostic2 = await contextFor(db, `${diag2.key}@${DEMO_DOMAIN}`);
  const comprehensive = await contextFor(db, `${comp1.key}@${DEMO_DOMAIN}`);
  const entFoods = await contextFor(db, foods.mobile);
  const entPlastics = await contextFor(db, plastics.mobile);
  const entTextiles = await contextFor(db, textiles.mobile);

  // (a) Evidence requested: the enterprise has a checklist to fill.
  const a = await fileProject(db, entFoods, {
    title: `${foods.name}中央厨房生产与冷链仓储数字化改造`,
    situation: '生产排班和配料靠纸质单据，冷库温度人工每日记录两次，订单由业务员微信接收后手工录入。',
    needs: '实现订单、配料、生产批次和冷链温度的全程数字化记录，满足食品安全追溯要求。',
    scope: '订单管理、生产批次管理、冷库温湿度监测、食品安全追溯',
    plannedInvestmentFen: 86_000_000,
  });
  await assign(db, bureau, a, diagnostic1.actor.orgId, { note: '企业为食品加工企业，请关注食品安全追溯和冷链环节。' });
  await transitionProject(db, diagnostic1, a, { event: 'acceptDiagnosisTask' });
  await transitionProject(db, diagnostic1, a, { event: 'requestEvidence', input: DEMO_EVIDENCE_REQUEST });

  // (b) Report sent: awaiting the enterprise's confirmation.
  const b = await fileProject(db, entPlastics, {
    title: `${plastics.name}注塑车间设备联网与生产执行系统建设`,
    situation: '32台注塑机未联网，生产报工和质检记录为纸质单据，ERP仅用于财务记账。',
    needs: '设备联网采集、工单电子化、条码化仓储和质量追溯，提升设备综合效率。',
    scope: '生产执行（MES）、设备数据采集、仓储管理（WMS）、质量追溯',
    plannedInvestmentFen: 168_000_000,
  });
  await assign(db, bureau, b, comprehensive.actor.orgId);
  await transitionProject(db, comprehensive, b, { event: 'acceptDiagnosisTask' });
  await transitionProject(db, comprehensive, b, {
    event: 'requestEvidence',
    input: { slots: DEMO_EVIDENCE_REQUEST.slots, note: '请上传组织架构与管理制度、现有系统截图与设备清单、近一年财务报表。' },
  });
  const evidence: Array<[string, string, string[]]> = [
    ['diagnosis.policies', '组织架构与生产管理制度.pdf', ['公司组织架构：总经理、生产部（注塑车间、装配车间）、品质部、仓储部、财务部。', '生产管理制度：生产计划下达、首件检验、交接班记录、设备点检。']],
    ['diagnosis.systems', '现有系统截图与设备清单.pdf', ['现有系统：金蝶财务软件（2019年购置），仅用于记账和开票。', '主要设备：注塑机32台（海天、震雄，2012–2023年购置），空压机4台，冷却塔2台。']],
    ['diagnosis.financials', '2025年度财务报表.pdf', ['2025年度营业收入5,800万元，利润总额310万元。', '近三年数字化投入：财务软件及电脑设备合计约18万元。']],
  ];
  for (const [slot, fileName, lines] of evidence) {
    await upload(db, store, uploadMaxBytes, entPlastics, b, slot, fileName, await demoPdf(fileName.replace(/\.pdf$/, ''), [plastics.name, ...lines]));
  }
  const report = await demoPdf('数字化转型诊断报告', [
    `企业名称：${plastics.name}`,
    `诊断机构：${comp1.name}`,
    '改造前数字化水平：一级（单项应用）',
    '主要痛点：',
    ...DEMO_REPORT_SUMMARY.painPoints.split('\n'),
    '改造建议：',
    ...DEMO_REPORT_SUMMARY.recommendations.split('\n'),
  ]);
  await upload(db, store, uploadMaxBytes, comprehensive, b, 'diagnosis.report', '利达塑胶数字化转型诊断报告.pdf', report);
  await transitionProject(db, comprehensive, b, { event: 'submitDiagnosisReport', input: DEMO_REPORT_SUMMARY });

  // (c) Overdue: assigned with a due date already past, not accepted.
  const c = await fileProject(db, entTextiles, {
    title: `${textiles.name}织造车间数字化改造`,
    situation: '织机运行状态靠巡检记录，订单进度靠电话询问车间，面料库存以Excel管理。',
    needs: '织机状态实时采集、订单进度可视化和面料库存管理。',
    scope: '设备联网、订单进度跟踪、仓储管理',
    plannedInvestmentFen: 124_000_000,
  });
  const calendar = await loadCalendar(db);
  const pastDue: IsoDate = subtractWorkingDays(todayInShanghai(new Date()), OVERDUE_WORKING_DAYS, calendar);
  await assign(db, bureau, c, diagnostic2.actor.orgId, { dueOn: pastDue, note: '企业希望尽快安排入企诊断，请及时接收。' });
}
