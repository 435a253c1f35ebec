/**
 * Demo data for stages 7–8 (completion subsidy, review chain, budget, benchmarks, pre-subsidy, disbursement,
 * announcements and certificates), loaded once after the stages 3–6 demo. The bureau's administrator publishes
 * the city's subsidy policy (and drafts its 2027 version) and finance opens the 2026 budget pools; ten more
 * enterprises are driven through stages 1–6 by the stages 3–6 path (the real assessment and services) and then on
 * through stage 7–8 by the acting demo users with the same service functions the routes call: the enterprise
 * fills and submits its application, the town office, the bureau's reviewer, the experts and the administrator
 * act on the review, a decision batch is decided, an objection is lodged on the public announcement, finance
 * pays. Each enterprise stops in one situation (STAGES7TO8_ENTERPRISES[].stop). Only real transitions: the one
 * announcement whose window is over was opened with its start date in the past, as the announcement service
 * allows. It has its own system_meta key (loaded once, safe on restart and concurrent start); each enterprise's
 * path runs in its own try, so a failure names the enterprise.
 */
import { and, desc, eq } from 'drizzle-orm';
import type { AppDb, DbOrTx } from '../../db/client';
import { benchmarks, disbursementTranches, expertReviews, projects, subsidyApplications, systemMeta, users } from '../../db/schema';
import { makeEnterprise, makeOrg, makeUser } from '../../db/factories';
import { DEMO_DOMAIN, DEMO_INTERRUPTED, DEMO_PASSWORD_HASH, demoLoadingCancelled, isDemoLoaded } from '../../db/demo';
import { DEFAULT_POLICY_RULES } from '../../core/subsidy';
import type { RequestContext } from '../http/actor';
import type { FileStore } from '../files';
import { todayInShanghai } from '../deadlines/service';
import { createPolicy, createPool, newVersionFrom, policyRowInForce, publishPolicy, updateDraft } from '../modules/policy/service';
import { policyCreateBody, poolCreateBody } from '../modules/policy/schemas';
import { saveApplication, saveProfile } from '../modules/application/service';
import { applicationBody, profileBody } from '../modules/application/schemas';
import { reviewEvent } from '../modules/subsidy/service';
import { createBatch, decideBatch } from '../modules/subsidy/batches';
import { PUBLICITY_OFFICE, PUBLICITY_WORKING_DAYS } from '../modules/subsidy/effects';
import { assignExperts, declare, submitReview } from '../modules/experts/service';
import { saveEnterpriseAccount } from '../modules/money/bank';
import { fireTranche } from '../modules/money/service';
import { fireBenchmark } from '../modules/benchmarks/service';
import { grantPreSubsidy, preSuggestion } from '../modules/benchmarks/pre';
import { finaliseAnnouncement, openAnnouncement } from '../modules/announcements/service';
import { lodgeObjection } from '../modules/announcements/objections';
import { STAGES3TO6_ENTERPRISES, demoContext, demoContextFor, demoFire, demoUpload, runDemoEnterprise, type DemoEnterprise, type DemoEnv } from './stages3to6';

export const STAGES7TO8_DEMO_FLAG = 'demo_stages7to8_loaded';

export const DEMO_POLICY = {
  code: 'zs-gxgz-2024-5',
  name: '中山市数字化转型城市试点专项资金（中工信规字〔2024〕5号）',
  nameV2: '中山市数字化转型城市试点专项资金（2027年修订征求意见稿）',
};
export const DEMO_POOLS = [
  { fundSource: 'central', name: '2026年中央财政中小企业数字化转型城市试点资金', totalFen: 40_000_000_00 },
  { fundSource: 'provincial', name: '2026年省级中小企业数字化转型专项资金', totalFen: 10_000_000_00 },
  { fundSource: 'city', name: '2026年市级数字化转型城市试点配套资金', totalFen: 20_000_000_00 },
] as const;

/** Where each enterprise's stage 7–8 path stops. */
export type Stop = 'draft' | 'townReview' | 'bureauExamination' | 'expertReview' | 'decision' | 'publicity' | 'disbursement' | 'completed' | 'honourOnly';

export interface DemoEnterprise78 extends DemoEnterprise {
  stop: Stop;
  profile?: { aboveScale: boolean; sptsGrade?: 'innovative' | 'specialized' | 'littleGiant'; sptsYear?: number };
}

const seqOf = (n: number) => 800_100 + n;
const mobileOf = (n: number) => `138000001${String(n).padStart(2, '0')}`;

const TRAINING = [
  { topic: '生产执行系统工单与报工操作培训', trainer: '服务商实施顾问 黄工', trainees: 16, traineeNames: '生产部班组长及计划员' },
  { topic: '设备联网看板与数据分析培训', trainer: '服务商实施顾问 苏工', trainees: 10, traineeNames: '设备科、品质部相关人员' },
];

function enterprise(n: number, e: Omit<DemoEnterprise78, 'seq' | 'mobile' | 'goal' | 'state' | 'training' | 'notes' | 'rating' | 'targets'> & { level?: 2 | 3; benchmark?: { kind: 'workshop' | 'smart'; reasons: string } }): DemoEnterprise78 {
  const level = e.level ?? 2;
  return {
    ...e,
    seq: seqOf(n),
    mobile: mobileOf(n),
    goal: 'evaluationPassed',
    state: 'evaluationPassed',
    targets: [[30, 55], [25, 80], [35, 60]],
    training: TRAINING,
    notes: ['系统已上线运行，车间全部扫码报工。', '设备数据接入完成，看板每日使用。'],
    rating: { timeliness: 5, quality: 4, service: 5, price: 4, comment: '实施规范，培训到位，响应及时。' },
    attempts: [
      {
        institution: (['ccid', 'cics', 'aii', 'ceprei'] as const)[n % 4] ?? 'ccid',
        levelAfter: level,
        summary: level === 3 ? '生产、质量与设备数据全面贯通，实现基于数据的排产与质量分析，关键指标达到三级要求。' : '生产执行与设备联网已投入使用，关键工序数据在线采集并用于管理，数字化水平达到二级。',
        measured: [58, 86, 66],
        ...(e.benchmark ? { benchmark: e.benchmark } : {}),
      },
    ],
  };
}

/** The ten enterprises of stages 7–8 (seq and mobiles continue after stages 3–6's). */
export const STAGES7TO8_ENTERPRISES: readonly DemoEnterprise78[] = [
  enterprise(13, {
    stop: 'draft', name: '中山市古镇耀星灯饰有限公司', nameEn: 'Zhongshan Guzhen Yaoxing Lighting Co., Ltd.', town: 'guzhen', industry: '38', employees: 150, revenueFen: 56_000_000_00, contact: '区志明',
    title: '中山市古镇耀星灯饰有限公司灯饰订单与生产报工数字化改造', situation: '吊灯、吸顶灯订单多款小批，排产靠经验，工序进度不透明。', needs: '订单排产、工序报工、成品条码仓储。', scope: '生产计划、报工、仓储', investmentFen: 90_000_000,
    provider: { route: 'leadingUnit', key: 'zedong' },
    lines: [['灯饰行业生产管理系统', 1, '套', 460_000_00], ['条码仓储模块', 1, '套', 180_000_00], ['PDA 手持终端', 10, '台', 4_000_00]],
    measures: '上线灯饰行业生产管理系统与条码仓储模块，实现订单排产、工序报工和成品库位管理。',
  }),
  enterprise(14, {
    stop: 'townReview', name: '中山市东凤科美电器有限公司', nameEn: 'Zhongshan Dongfeng Kemei Electric Appliance Co., Ltd.', town: 'dongfeng', industry: '38', employees: 240, revenueFen: 110_000_000_00, contact: '卢家豪',
    title: '中山市东凤科美电器有限公司小家电装配线数字化改造', situation: '电热水壶、电吹风装配线靠纸质工票，品质数据分散。', needs: '装配线扫码报工、品质追溯。', scope: '生产执行、质量追溯', investmentFen: 110_000_000,
    provider: { route: 'leadingUnit', key: 'elite' },
    lines: [['小家电装配MES', 1, '套', 620_000_00], ['工位扫码终端', 20, '台', 3_500_00], ['质量追溯模块', 1, '套', 200_000_00]],
    measures: '建设装配车间MES，工位扫码报工，上线质量追溯模块。',
    profile: { aboveScale: true, sptsGrade: 'innovative', sptsYear: 2025 },
  }),
  enterprise(15, {
    stop: 'bureauExamination', name: '中山市小榄固安锁业有限公司', nameEn: 'Zhongshan Xiaolan Gu’an Locks Co., Ltd.', town: 'xiaolan', industry: '33', employees: 200, revenueFen: 78_000_000_00, contact: '麦国强',
    title: '中山市小榄固安锁业有限公司锁具冲压与装配数字化改造', situation: '挂锁、执手锁冲压件靠手工台账，装配测试数据纸质记录。', needs: '冲压设备联网、装配测试数据追溯。', scope: '设备联网、生产执行、质量追溯', investmentFen: 100_000_000,
    provider: { route: 'leadingUnit', key: 'telecom' },
    lines: [['5G 工业专网', 1, '项', 220_000_00], ['锁具生产执行与测试追溯系统', 1, '套', 520_000_00], ['设备数据采集网关', 20, '台', 3_000_00]],
    measures: '建设5G工业专网，上线生产执行与测试追溯系统，冲压设备联网。',
    profile: { aboveScale: true, sptsGrade: 'specialized', sptsYear: 2024 },
  }),
  enterprise(16, {
    stop: 'expertReview', name: '中山市横栏光耀照明科技有限公司', nameEn: 'Zhongshan Henglan Guangyao Lighting Technology Co., Ltd.', town: 'henglan', industry: '38', employees: 170, revenueFen: 64_000_000_00, contact: '岑美华',
    title: '中山市横栏光耀照明科技有限公司LED灯具智能仓储与生产改造', situation: 'LED灯具物料齐套靠人工核对，成品仓找货困难。', needs: '物料齐套、报工、条码仓储。', scope: '生产计划、仓储管理', investmentFen: 85_000_000,
    provider: { route: 'leadingUnit', key: 'fengxi' },
    lines: [['照明生产管理系统', 1, '套', 400_000_00], ['WMS 仓储管理系统', 1, '套', 230_000_00], ['车间电子看板', 6, '块', 8_000_00]],
    measures: '上线照明生产管理系统和WMS，建设车间电子看板。',
  }),
  enterprise(17, {
    stop: 'decision', name: '中山市南头欧派厨电有限公司', nameEn: 'Zhongshan Nantou Oupai Kitchen Appliance Co., Ltd.', town: 'nantou', industry: '38', employees: 330, revenueFen: 190_000_000_00, contact: '霍志坚', level: 3,
    title: '中山市南头欧派厨电有限公司厨电钣金与总装数字化改造', situation: '钣金冲压设备未联网，总装线排产靠电话协调。', needs: '冲压设备联网、总装MES、质量看板。', scope: '设备联网、生产执行、质量管理', investmentFen: 160_000_000,
    provider: { route: 'leadingUnit', key: 'inspur' },
    lines: [['厨电总装MES', 1, '套', 880_000_00], ['冲压设备数据采集网关', 30, '台', 5_000_00], ['质量分析看板', 1, '套', 260_000_00]],
    measures: '建设总装MES，冲压设备全部联网，上线质量分析看板。',
    profile: { aboveScale: true, sptsGrade: 'littleGiant', sptsYear: 2025 },
  }),
  enterprise(18, {
    stop: 'decision', name: '中山市沙溪衣之恋服饰有限公司', nameEn: 'Zhongshan Shaxi Yizhilian Apparel Co., Ltd.', town: 'shaxi', industry: '18', employees: 260, revenueFen: 52_000_000_00, contact: '冼丽芳',
    title: '中山市沙溪衣之恋服饰有限公司针织服装柔性生产改造', situation: '针织服装小单快反，计件靠纸质工票，面料按单难追踪。', needs: '电子工票计件、面辅料按单管理。', scope: '生产执行、计件、仓储', investmentFen: 75_000_000,
    provider: { route: 'leadingUnit', key: 'fengzi' },
    lines: [['服装柔性生产管理系统', 1, '套', 380_000_00], ['电子工票终端', 40, '台', 1_800_00], ['面辅料仓储模块', 1, '套', 140_000_00]],
    measures: '上线服装柔性生产管理系统，电子工票自动计件，面辅料按订单领用。',
  }),
  enterprise(19, {
    stop: 'publicity', name: '中山市小榄坚信五金制品有限公司', nameEn: 'Zhongshan Xiaolan Jianxin Hardware Co., Ltd.', town: 'xiaolan', industry: '33', employees: 180, revenueFen: 68_000_000_00, contact: '梁伟雄',
    title: '中山市小榄坚信五金制品有限公司五金压铸能耗与质量改造', situation: '压铸机能耗按月抄表，工艺参数人工记录，不良品发现滞后。', needs: '能耗与工艺参数实时采集、质量前移。', scope: '设备联网、能耗监测、质量管理', investmentFen: 80_000_000,
    provider: { route: 'leadingUnit', key: 'huilipu' },
    lines: [['压铸能耗与工艺质量管理系统', 1, '套', 420_000_00], ['设备数据采集网关', 18, '台', 6_000_00], ['实施与培训服务', 1, '项', 120_000_00]],
    measures: '上线压铸能耗与工艺质量管理系统，18台压铸机联网采集能耗与工艺参数。',
  }),
  enterprise(20, {
    stop: 'disbursement', name: '中山市黄圃顺达电器有限公司', nameEn: 'Zhongshan Huangpu Shunda Electric Appliance Co., Ltd.', town: 'huangpu', industry: '38', employees: 220, revenueFen: 96_000_000_00, contact: '何嘉俊',
    title: '中山市黄圃顺达电器有限公司小家电注塑与装配数字化改造', situation: '注塑机开停机靠人工记录，装配线报工滞后。', needs: '注塑设备联网、装配报工、质量追溯。', scope: '设备联网、生产执行', investmentFen: 95_000_000,
    provider: { route: 'leadingUnit', key: 'mobile' },
    lines: [['5G 工厂专网及设备上云', 1, '项', 240_000_00], ['注塑与装配MES', 1, '套', 450_000_00], ['质量追溯模块', 1, '套', 120_000_00]],
    measures: '建设5G工厂专网，注塑机全部上云，上线注塑与装配MES和质量追溯。',
    profile: { aboveScale: true },
  }),
  enterprise(21, {
    stop: 'completed', name: '中山市古镇名门灯饰有限公司', nameEn: 'Zhongshan Guzhen Mingmen Lighting Co., Ltd.', town: 'guzhen', industry: '38', employees: 280, revenueFen: 130_000_000_00, contact: '苏建华', level: 3,
    title: '中山市古镇名门灯饰有限公司灯饰智能车间建设', situation: '水晶灯、铜灯生产工序多，质检与包装依赖人工，订单交期难把控。', needs: '智能排产、工序质检数据、自动化包装线数据采集。', scope: '计划排产、生产执行、质量管理、设备联网', investmentFen: 150_000_000,
    provider: { route: 'leadingUnit', key: 'chinasoft' },
    lines: [['灯饰智能排产与生产执行系统', 1, '套', 760_000_00], ['设备数据采集网关', 30, '台', 4_000_00], ['质量检测数据平台', 1, '套', 300_000_00]],
    measures: '上线智能排产与生产执行系统，全部工序设备联网，建设质量检测数据平台。',
    profile: { aboveScale: true, sptsGrade: 'specialized', sptsYear: 2025 },
    benchmark: { kind: 'smart', reasons: '排产、生产、质检数据全面贯通，设备联网率超过85%，可作为灯饰行业智能车间示范。' },
  }),
  enterprise(22, {
    stop: 'honourOnly', name: '中山市三乡雅居五金有限公司', nameEn: 'Zhongshan Sanxiang Yaju Hardware Co., Ltd.', town: 'sanxiang', industry: '33', employees: 90, revenueFen: 24_000_000_00, contact: '谭永强',
    title: '中山市三乡雅居五金有限公司卫浴五金仓储与报工改造', situation: '卫浴五金配件品种多，库存账实不符，报工靠手写。', needs: '条码仓储、工序报工。', scope: '仓储管理、生产报工', investmentFen: 48_000_000,
    provider: { route: 'leadingUnit', key: 'elite' },
    lines: [['五金仓储与报工系统', 1, '套', 300_000_00], ['PDA 手持终端', 8, '台', 4_000_00]],
    measures: '上线五金仓储与报工系统，配件条码化出入库，工序扫码报工。',
  }),
];

/** The objection lodged on the open announcement (real name and contact, as Zhongshan's notices require). */
export const DEMO_OBJECTION = {
  objectorName: '陈志远',
  contact: '13926081234',
  facts: '据了解，该企业申报的数据采集网关中有部分设备安装在其关联企业厂区，并非本项目改造车间，请核实投资额是否如实申报。',
};
export const DEMO_EXPERT2 = `expert2@${DEMO_DOMAIN}`;
/** The enterprise of stages 3–6 granted a pre-subsidy (in implementation, with a signed contract). */
export const DEMO_PRE_SUBSIDY_MOBILE = '13800000105';

// ---- plumbing ------------------------------------------------------------------------------------------

async function flagSet(db: DbOrTx): Promise<boolean> {
  const rows = await db.select().from(systemMeta).where(eq(systemMeta.key, STAGES7TO8_DEMO_FLAG));
  return rows.length > 0;
}

function daysBefore(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - n);
  return d.toISOString().slice(0, 10);
}

interface Env78 extends DemoEnv {
  admin: RequestContext;
  reviewer: RequestContext;
  finance: RequestContext;
  experts: RequestContext[];
  pools: Record<'central' | 'provincial' | 'city', string>;
  /** The announcement whose window is over (opened with its start in the past), for the earlier decisions. */
  pastAnnouncementId: string | null;
  realToday: string;
}

async function projectOf(db: DbOrTx, enterpriseOrgId: string): Promise<string> {
  const [p] = await db.select({ id: projects.id }).from(projects).where(eq(projects.enterpriseId, enterpriseOrgId)).orderBy(desc(projects.createdAt)).limit(1);
  if (!p) throw new Error('no project');
  return p.id;
}

async function reviewOf(db: DbOrTx, projectId: string): Promise<{ reviewId: string; applicationId: string; suggestedFen: number }> {
  const [a] = await db
    .select({ reviewId: subsidyApplications.reviewObjectId, applicationId: subsidyApplications.id, suggestedFen: subsidyApplications.suggestedFen })
    .from(subsidyApplications)
    .where(eq(subsidyApplications.projectId, projectId))
    .orderBy(desc(subsidyApplications.round))
    .limit(1);
  if (!a?.reviewId) throw new Error('no subsidy review opened');
  return { reviewId: a.reviewId, applicationId: a.applicationId, suggestedFen: a.suggestedFen ?? 0 };
}

// ---- the policy and the pools --------------------------------------------------------------------------

async function policyAndPools(env: Env78): Promise<void> {
  const { db } = env;
  if (!(await policyRowInForce(db, env.realToday))) {
    const made = await createPolicy(
      db,
      env.admin,
      policyCreateBody.parse({
        code: DEMO_POLICY.code,
        name: DEMO_POLICY.name,
        effectiveFrom: '2024-01-01',
        effectiveTo: '2026-12-31',
        rules: DEFAULT_POLICY_RULES,
        note: '按《中山市数字化转型城市试点专项资金管理办法》：二级不超过30万元、三级不超过60万元、四级不超过100万元；预奖补按首付款30%、最高15万元；标杆奖励最高25万元。',
      }),
    );
    await publishPolicy(db, env.admin, made.id);
    const v2 = await newVersionFrom(db, env.admin, made.id);
    await updateDraft(db, env.admin, v2.id, { name: DEMO_POLICY.nameV2, effectiveFrom: '2027-01-01', effectiveTo: '2027-12-31', note: '2027年修订稿：拟对2027年6月30日后提交的申请按投资额50%核定，待局党组审议后发布。' });
  }
  for (const p of DEMO_POOLS) {
    const pool = await createPool(db, env.finance, poolCreateBody.parse({ year: 2026, fundSource: p.fundSource, name: p.name, totalFen: p.totalFen }));
    env.pools[p.fundSource] = pool.id;
  }
}

// ---- one enterprise's stage 7–8 path -------------------------------------------------------------------

const yuan = (fen: number) => `${(fen / 100).toFixed(2)}元`;

async function runStage7(env: Env78, e: DemoEnterprise78): Promise<string> {
  const { db } = env;
  await runDemoEnterprise(env, e);
  const ent = await demoContext(env, e.mobile);
  const id = await projectOf(db, ent.actor.orgId);
  if (e.profile) await saveProfile(db, ent, profileBody.parse(e.profile));
  if (e.stop === 'honourOnly') {
    await demoFire(env, ent, id, 'declineSubsidy', undefined, 'honourOnly');
    return id;
  }

  // The application: invoices and payments of the contract (dated at acceptance), materials, declarations.
  const provider = e.provider?.route === 'leadingUnit' ? (await demoContext(env, e.provider.key)).actor.orgName : '服务商';
  const lines = (e.lines ?? []).map(([item, quantity, unit, unitPriceFen]) => ({ item, quantity, unit, amountFen: quantity * unitPriceFen }));
  const total = lines.reduce((s, l) => s + l.amountFen, 0);
  const acceptedOn = env.today;
  const invoices = lines.map((l, i) => ({
    number: `4420${String(e.seq % 1000).padStart(3, '0')}${i + 1}`,
    issuedOn: acceptedOn,
    amountFen: l.amountFen,
    taxFen: Math.round((l.amountFen * 6) / 106),
    costClass: /终端|网关|看板|专网|PDA/.test(l.item) ? 'hardware' : /服务/.test(l.item) ? 'services' : 'software',
    seller: provider,
    description: `${l.item} ${l.quantity}${l.unit}`,
  }));
  const payments = [
    { paidOn: acceptedOn, amountFen: Math.round(total * 0.3), payee: provider, reference: `FK-${e.seq % 1000}-01` },
    { paidOn: acceptedOn, amountFen: total - Math.round(total * 0.3), payee: provider, reference: `FK-${e.seq % 1000}-02` },
  ];
  const declarations = { truthful: true, noDishonesty: true, noSeriousViolation3y: true, aboveScale: e.profile?.aboveScale ?? false, otherFunding: { has: false } };
  if (e.stop === 'draft') {
    // Partly filled: the invoices and the down payment; no materials, no declarations yet — the enterprise adds the
    // final payment, signs, uploads and submits. (The whole path runs on one day, so no invoice can be dated after
    // acceptance without being in the future: the application refuses future dates.)
    await saveApplication(db, ent, id, applicationBody.parse({ invoices, payments: payments.slice(0, 1) }));
    return id;
  }
  await saveApplication(db, ent, id, applicationBody.parse({ invoices, payments, declarations }));
  await demoUpload(env, ent, id, 'subsidy.invoices', '增值税发票（全部）.pdf', invoices.map((i) => `发票号码 ${i.number}：${i.description ?? ''}，价税合计 ${yuan(i.amountFen)}`));
  await demoUpload(env, ent, id, 'subsidy.paymentProofs', '付款凭证.pdf', payments.map((p) => `${p.paidOn} 付 ${p.payee} ${yuan(p.amountFen)}（${p.reference}）`));
  await demoUpload(env, ent, id, 'subsidy.systemScreenshots', '系统使用截图.pdf', ['生产执行系统首页与工单列表截图', '设备联网看板截图', '质量追溯查询截图']);
  await demoFire(env, ent, id, 'applySubsidy', undefined, 'subsidyReview');
  if (e.stop === 'townReview') return id;

  // The chain: 镇街初审 → 市工信局审查 → 专家评审 → 局党组审议.
  const { reviewId, suggestedFen } = await reviewOf(db, id);
  const town = await demoContext(env, `town-${e.town}@${DEMO_DOMAIN}`);
  await reviewEvent(db, town, reviewId, 'pass', { step: 'townReview', reason: '企业注册地、经营状况属实，申报材料齐全，同意上报。' });
  if (e.stop === 'bureauExamination') return id;
  await reviewEvent(db, env.reviewer, reviewId, 'pass', { step: 'bureauExamination', reason: '合同、发票、付款凭证相互印证，成效评估报告为二级及以上，提交专家评审。' });
  const expertIds = await Promise.all(env.experts.map(async (x) => x.actor.userId));
  await assignExperts(db, env.reviewer, reviewId, expertIds);
  const { applicationId } = await reviewOf(db, id);
  const assignments = await db.select({ id: expertReviews.id, userId: expertReviews.expertUserId }).from(expertReviews).where(eq(expertReviews.applicationId, applicationId));
  for (const [i, x] of env.experts.entries()) {
    // At the expert step the first expert has not started; a second one (if any) has submitted.
    if (e.stop === 'expertReview' && i === 0) continue;
    const a = assignments.find((r) => r.userId === x.actor.userId);
    if (!a) throw new Error('no expert assignment');
    await declare(db, x, a.id, { noConflict: true });
    const scores = i === 0 ? { outcome: 26, investment: 21, technology: 17, uplift: 13, materials: 9 } : { outcome: 24, investment: 22, technology: 16, uplift: 12, materials: 8 };
    await submitReview(db, x, a.id, { scores, recommendedFen: i === 0 ? suggestedFen : Math.round(suggestedFen * 0.9), opinion: '改造内容与合同一致，成效评估指标提升明显，投资真实，建议按核定金额给予支持。' });
  }
  if (e.stop === 'expertReview') return id;
  await reviewEvent(db, env.reviewer, reviewId, 'pass', { step: 'expertReview', reason: '专家评审完成，提交局党组审议。' });
  if (e.stop === 'decision' || e.stop === 'publicity') return id;

  // Decided earlier: approved into the announcement whose window is over, then publicity concluded.
  if (!env.pastAnnouncementId) throw new Error('no earlier announcement');
  await reviewEvent(db, env.admin, reviewId, 'pass', { step: 'partyGroupDecision', reason: '局党组会议审议通过。', input: { approvedFen: suggestedFen, poolId: env.pools.central, announcementId: env.pastAnnouncementId } });
  await reviewEvent(db, env.reviewer, reviewId, 'pass', { step: 'publicity', reason: '公示期满无异议。' });
  await stage8(env, e, ent, town, id);
  return id;
}

async function stage8(env: Env78, e: DemoEnterprise78, ent: RequestContext, town: RequestContext, id: string): Promise<void> {
  const { db } = env;
  await saveEnterpriseAccount(db, ent, { bankName: '中国工商银行中山分行', accountName: e.name, accountNumber: `20110${String(e.seq).padStart(6, '0')}09${String(e.seq % 97).padStart(2, '0')}88` });
  await demoUpload(env, ent, id, 'disbursement.accountLicence', '基本存款账户信息（盖章）.pdf', [`账户名称：${e.name}`, '开户银行：中国工商银行中山分行', '（加盖企业公章）']);
  await demoUpload(env, town, id, 'disbursement.paymentRequestForm', '财政专项资金拨付申请表.pdf', [`申请单位：${e.name}`, `项目名称：${e.title}`, `初审单位：${town.actor.orgName}`, '镇街意见：情况属实，同意拨付。']);
  if (e.stop !== 'completed') return;
  const [t] = await db.select({ id: disbursementTranches.id }).from(disbursementTranches).where(and(eq(disbursementTranches.projectId, id), eq(disbursementTranches.line, 'final')));
  if (!t) throw new Error('no final tranche');
  await fireTranche(db, env.finance, t.id, 'pay', { idempotencyKey: `demo-pay-${e.seq}-final`, voucherNo: `GK2026${String(e.seq % 1000).padStart(6, '0')}`, paidOn: env.realToday });
}

async function benchmarkFor(env: Env78, projectId: string): Promise<void> {
  const [b] = await env.db.select({ id: benchmarks.id }).from(benchmarks).where(eq(benchmarks.projectId, projectId));
  if (!b) throw new Error('no benchmark recommendation');
  await fireBenchmark(env.db, env.reviewer, b.id, 'designate', { input: { kind: 'smart', opinion: '现场核查属实，排产、生产、质检数据贯通，认定为智能车间。' } });
  await fireBenchmark(env.db, env.admin, b.id, 'approveAward', { input: { awardFen: 200_000_00, poolId: env.pools.city } });
}

async function preSubsidy(env: Env78): Promise<void> {
  const ent = await demoContext(env, DEMO_PRE_SUBSIDY_MOBILE);
  const id = await projectOf(env.db, ent.actor.orgId);
  const s = await preSuggestion(env.db, env.admin.actor, id, 0);
  const down = Math.round(s.contractFen * 0.3);
  const suggested = await preSuggestion(env.db, env.admin.actor, id, down);
  await grantPreSubsidy(env.db, env.admin, { projectId: id, downPaymentFen: down, approvedFen: suggested.suggestedFen, poolId: env.pools.provincial });
}

// ---- loading -------------------------------------------------------------------------------------------

/**
 * Loads the stages 7–8 demo once, after the stages 3–6 demo; returns whether it loaded now. Does nothing when
 * the base demo is not in the database. Two instances starting together load it once (the flag is claimed first).
 */
export async function ensureStages7to8Demo(db: AppDb, store: FileStore, uploadMaxBytes: number): Promise<boolean> {
  if (demoLoadingCancelled() || !(await isDemoLoaded(db)) || (await flagSet(db))) return false;
  const passwordHash = DEMO_PASSWORD_HASH;
  const claimed = await db.transaction(async (tx) => {
    await tx.execute('lock table system_meta in exclusive mode');
    if (await flagSet(tx)) return false;
    await tx.insert(systemMeta).values({ key: STAGES7TO8_DEMO_FLAG, value: 'loading' });
    for (const e of STAGES7TO8_ENTERPRISES) {
      const o = await makeEnterprise(tx, e.seq, { name: e.name, nameEn: e.nameEn, townCode: e.town, industryCode: e.industry, employees: e.employees, annualRevenueFen: e.revenueFen, contactName: e.contact, contactMobile: e.mobile });
      await makeUser(tx, { orgId: o.id, name: e.contact, mobile: e.mobile, passwordHash });
    }
    const [expert2] = await tx.select({ id: users.id }).from(users).where(eq(users.email, DEMO_EXPERT2));
    if (!expert2) {
      const panel = await makeOrg(tx, { type: 'expert', name: '评审专家库（第二组）', nameEn: 'Review expert pool (group 2)', contactName: '专家' });
      await makeUser(tx, { orgId: panel.id, name: '林专家', email: DEMO_EXPERT2, passwordHash });
    }
    return true;
  });
  if (!claimed) return false;
  const failures: string[] = [];
  const profile = process.env.DEMO_PROFILE === '1';
  try {
    await store.ready();
    const realToday = todayInShanghai(new Date());
    const ctx = (account: string) => demoContextFor(db, account);
    const env: Env78 = {
      db,
      store,
      uploadMaxBytes,
      today: realToday,
      realToday,
      bureau: await ctx(`reviewer@${DEMO_DOMAIN}`),
      reviewer: await ctx(`reviewer@${DEMO_DOMAIN}`),
      admin: await ctx(`admin@${DEMO_DOMAIN}`),
      finance: await ctx(`finance@${DEMO_DOMAIN}`),
      experts: [await ctx(`expert1@${DEMO_DOMAIN}`), await ctx(DEMO_EXPERT2)],
      contexts: new Map(),
      pdfs: new Map(),
      pools: { central: '', provincial: '', city: '' },
      pastAnnouncementId: null,
    };
    await policyAndPools(env);
    // The earlier batch's announcement: opened three weeks ago (7 working days), its window over.
    env.pastAnnouncementId = (
      await db.transaction((tx) =>
        openAnnouncement(tx, { kind: 'funded', title: '2026年第一批中小企业数字化转型完工奖补拟支持项目公示', officeName: PUBLICITY_OFFICE, officeContact: '0760-88888000', workingDays: PUBLICITY_WORKING_DAYS, startsOn: daysBefore(realToday, 21), createdBy: env.admin.actor.userId, items: [] }),
      )
    ).id;
    const ids = new Map<Stop, string[]>();
    for (const e of STAGES7TO8_ENTERPRISES) {
      if (demoLoadingCancelled()) break;
      const started = Date.now();
      try {
        const id = await runStage7(env, e);
        ids.set(e.stop, [...(ids.get(e.stop) ?? []), id]);
        if (e.attempts?.some((a) => a.benchmark)) await benchmarkFor(env, id);
        if (profile) console.log(`stages 7–8 demo: ${e.name} (${e.stop}) in ${Date.now() - started} ms`);
      } catch (err) {
        failures.push(`${e.name} (${e.stop}): ${err instanceof Error ? err.message : String(err)}`);
      }
    }
    const steps: Array<[string, () => Promise<unknown>]> = [
      ['the earlier announcement', () => finaliseAnnouncement(db, env.admin, env.pastAnnouncementId ?? '')],
      [
        'the draft decision batch',
        async () => {
          const items = await Promise.all((ids.get('decision') ?? []).map(async (p) => ({ reviewId: (await reviewOf(db, p)).reviewId })));
          await createBatch(db, env.admin, { name: '2026年第三批完工奖补', minutesRef: '待局党组会议审议', poolId: env.pools.central, items });
        },
      ],
      [
        'the decided batch and its objection',
        async () => {
          const [p] = ids.get('publicity') ?? [];
          if (!p) throw new Error('no publicity enterprise');
          const batch = await createBatch(db, env.admin, { name: '2026年第二批完工奖补', minutesRef: '局党组会议纪要〔2026〕18号', poolId: env.pools.central, items: [{ reviewId: (await reviewOf(db, p)).reviewId }] });
          const decided = await decideBatch(db, env.admin, batch.id, { officeContact: '0760-88888000' });
          const announcementId = (decided as { announcementId?: string | null }).announcementId;
          if (!announcementId) throw new Error('the batch opened no announcement');
          await lodgeObjection(db, announcementId, DEMO_OBJECTION, '203.0.113.19');
        },
      ],
      ['the pre-subsidy', () => preSubsidy(env)],
    ];
    for (const [name, step] of steps) {
      if (demoLoadingCancelled()) {
        failures.push(DEMO_INTERRUPTED);
        break;
      }
      try {
        await step();
      } catch (err) {
        failures.push(`${name}: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
  } catch (err) {
    failures.push(err instanceof Error ? err.message : String(err));
  }
  if (failures.length > 0) {
    const message = `stages 7–8 demo: ${failures.join('; ')}`;
    await db.update(systemMeta).set({ value: `failed: ${message.slice(0, 500)}` }).where(eq(systemMeta.key, STAGES7TO8_DEMO_FLAG));
    throw new Error(message);
  }
  await db.update(systemMeta).set({ value: new Date().toISOString() }).where(eq(systemMeta.key, STAGES7TO8_DEMO_FLAG));
  return true;
}

/** Re-exported for the demo test: the stages 3–6 enterprise the pre-subsidy is granted to. */
export const PRE_SUBSIDY_ENTERPRISE = STAGES3TO6_ENTERPRISES.find((e) => e.mobile === DEMO_PRE_SUBSIDY_MOBILE);
