/**
 * Demo data for stages 3–6 (provider and catalog, contract, implementation, effect evaluation), loaded once after
 * the stage 2b demo. Twelve more enterprises file self-diagnosis projects, answer the real assessment, and then
 * the enterprises, their leading units (as providers and, authorised, as delegates), the bureau and the
 * comprehensive institutions move them on through the platform's own use-cases — the same service functions the
 * routes call, each with the acting demo user's RequestContext — so states, revisions, files, deadlines, ratings,
 * audit trail and notifications are exactly what the same clicks would have produced. Each enterprise stops in
 * one state (STAGES3TO6_ENTERPRISES[].state): 诊断完成待选择服务商, 等待推荐产品入库 twice (the letter still a draft
 * with the leading unit / under the bureau's review), 待项目签约 (a draft by the authorised leading unit),
 * 改造实施中, 改造完成, 待分配评估机构, 评估机构待接收, 成效评估中, 评估报告待企业确认, 整改提升中 (level 1
 * confirmed) and 评估通过 (试点企业, after a failed first attempt).
 *
 * Besides: providers' product entries waiting for the bureau's 产品入库审核 (one returned), and a warning to a
 * provider that the provider answered. It has its own system_meta key (loaded once, safe on restart and
 * concurrent start); each enterprise's path runs in its own try, so a failure names the enterprise.
 */
import { Readable } from 'node:stream';
import { eq, or } from 'drizzle-orm';
import type { AppDb, DbOrTx } from '../../db/client';
import { organizations, products, systemMeta, users } from '../../db/schema';
import { makeEnterprise, makeUser } from '../../db/factories';
import { DEMO_DOMAIN, DEMO_INTERRUPTED, DEMO_PASSWORD_HASH, demoLoadingCancelled, isDemoLoaded } from '../../db/demo';
import { makeUscc } from '../../core/identity/uscc';
import { answersForTargetLevel, getCatalog, type DigitalLevel } from '../../core/assessment';
import type { RequestContext } from '../http/actor';
import { actorOf } from '../modules/auth/sessions';
import type { FileStore } from '../files';
import { createProject, transitionProject, updateProject } from '../modules/projects/service';
import { createProjectBody, updateProjectBody } from '../modules/projects/schemas';
import { prepareUpload, recordUpload } from '../modules/materials/service';
import { saveAnswers, startAssessment, submitAssessment } from '../modules/assessments/service';
import { grantDelegation } from '../modules/delegations/service';
import { listLetters, prepareLetterUpload, recordLetterUpload, saveLetter, fireLetter } from '../modules/choice/letters';
import { letterBody } from '../modules/choice/letter-form';
import { saveContract, saveMeasured, saveTargets } from '../modules/contracts/service';
import { contractBody, measuredBody, targetsBody } from '../modules/contracts/schemas';
import { addNote, createSession, setAcceptance } from '../modules/implementation/service';
import { createProduct, decideEntry, submitProduct } from '../modules/catalog/products';
import { productBody } from '../modules/catalog/schemas';
import { answerMeasure, takeMeasure } from '../modules/providers/service';
import { todayInShanghai } from '../deadlines/service';
import { demoPdf } from './stage2b';

export const STAGES3TO6_DEMO_FLAG = 'demo_stages3to6_loaded';

type Goal =
  | 'diagnosed'
  | 'letterDraft'
  | 'letterReview'
  | 'contracting'
  | 'implementation'
  | 'implemented'
  | 'awaitingEvaluationAssignment'
  | 'evaluationAssigned'
  | 'evaluationInProgress'
  | 'evaluationConfirmation'
  | 'remediation'
  | 'evaluationPassed';

type ProviderChoice =
  | { route: 'leadingUnit'; key: string }
  | { route: 'catalog'; key: string; productName: string }
  | { route: 'market'; recommender: string; providerName: string; productName: string };

interface Rating {
  timeliness: number;
  quality: number;
  service: number;
  price: number;
  comment: string;
}

interface Attempt {
  /** The comprehensive institution's key (reference-orgs.ts). */
  institution: string;
  levelAfter: 1 | 2 | 3;
  summary: string;
  gaps?: string;
  benchmark?: { kind: 'workshop' | 'smart'; reasons: string };
  /** cncRate, networkRate and the third figure measured after. */
  measured: [number, number, number];
}

export interface DemoEnterprise {
  seq: number;
  name: string;
  nameEn: string;
  town: string;
  industry: string;
  employees: number;
  revenueFen: number;
  mobile: string;
  contact: string;
  /** Where the path stops; `state` is the project's lifecycle state then. */
  goal: Goal;
  state: string;
  title: string;
  situation: string;
  needs: string;
  scope: string;
  investmentFen: number;
  provider?: ProviderChoice;
  /** Price lines of the contract: item, quantity, unit, unit price (fen). */
  lines?: Array<[string, number, string, number]>;
  measures?: string;
  /** cncRate, networkRate, equipmentDigitalRate: before and target. */
  targets?: [[number, number], [number, number], [number, number]];
  training?: Array<{ topic: string; trainer: string; trainees: number; traineeNames: string }>;
  notes?: string[];
  rating?: Rating;
  /** Whether the leading unit (authorised) requests the evaluation instead of the enterprise. */
  delegateRequests?: boolean;
  attempts?: Attempt[];
}

const seqOf = (n: number) => 800_100 + n;
const mobileOf = (n: number) => `138000001${String(n).padStart(2, '0')}`;

const TRAINING_MES = [
  { topic: 'MES 工单下达与扫码报工操作培训', trainer: '服务商实施顾问 李工', trainees: 18, traineeNames: '生产部班组长及计划员' },
  { topic: '设备数据采集看板与异常处理培训', trainer: '服务商实施顾问 陈工', trainees: 12, traineeNames: '设备科、品质部相关人员' },
];

/** The twelve enterprises of stages 3–6 (seq and mobiles continue after stage 2b's, in a range of their own). */
export const STAGES3TO6_ENTERPRISES: readonly DemoEnterprise[] = [
  {
    seq: seqOf(1), mobile: mobileOf(1), name: '中山市古镇华彩灯饰有限公司', nameEn: 'Zhongshan Guzhen Huacai Lighting Co., Ltd.', town: 'guzhen', industry: '38', employees: 180, revenueFen: 72_000_000_00, contact: '欧阳明',
    goal: 'diagnosed', state: 'diagnosed',
    title: '中山市古镇华彩灯饰有限公司灯饰订单与生产协同数字化改造',
    situation: '灯饰订单以小批量、多款式为主，客户定制需求通过微信和邮件传递，生产排产靠Excel，半成品在喷涂、组装工序间流转不透明。',
    needs: '订单到生产的数字化协同、工序报工与进度透明、成品库存准确。',
    scope: '订单管理、生产计划与报工、仓储管理',
    investmentFen: 96_000_000,
  },
  {
    seq: seqOf(2), mobile: mobileOf(2), name: '中山市大涌鸿运红木家具有限公司', nameEn: 'Zhongshan Dachong Hongyun Rosewood Furniture Co., Ltd.', town: 'dachong', industry: '21', employees: 120, revenueFen: 38_000_000_00, contact: '萧志华',
    goal: 'letterDraft', state: 'awaitingCatalogEntry',
    title: '中山市大涌鸿运红木家具有限公司定制家具设计生产一体化改造',
    situation: '红木家具以定制为主，设计图纸靠手绘和CAD分散保存，开料、雕刻、打磨工序按师傅经验安排，木材库存按件登记。',
    needs: '设计拆单到开料的数据贯通、雕刻设备联网、珍贵木材的批次库存管理。',
    scope: '设计拆单、生产工序管理、木材库存',
    investmentFen: 78_000_000,
    provider: { route: 'market', recommender: 'chinasoft', providerName: '中山市匠心云家居软件有限公司', productName: '红木家具定制设计拆单与生产协同系统' },
  },
  {
    seq: seqOf(3), mobile: mobileOf(3), name: '中山市小榄恒通五金制品有限公司', nameEn: 'Zhongshan Xiaolan Hengtong Hardware Co., Ltd.', town: 'xiaolan', industry: '33', employees: 150, revenueFen: 46_000_000_00, contact: '何永康',
    goal: 'letterReview', state: 'awaitingCatalogEntry',
    title: '中山市小榄恒通五金制品有限公司压铸车间能耗与质量数字化改造',
    situation: '锌合金压铸机18台，能耗按月抄表，模温、压射参数靠人工巡检记录，产品不良主要在抛光后才发现。',
    needs: '压铸设备能耗与工艺参数实时采集、质量问题前移发现。',
    scope: '设备联网、能耗监测、质量管理',
    investmentFen: 64_000_000,
    provider: { route: 'market', recommender: 'huilipu', providerName: '中山市锐能智联科技有限公司', productName: '五金压铸车间能耗与工艺质量管理系统' },
  },
  {
    seq: seqOf(4), mobile: mobileOf(4), name: '中山市东凤美诺电器有限公司', nameEn: 'Zhongshan Dongfeng Meinuo Electric Appliance Co., Ltd.', town: 'dongfeng', industry: '38', employees: 260, revenueFen: 120_000_000_00, contact: '梁嘉欣',
    goal: 'contracting', state: 'contracting',
    title: '中山市东凤美诺电器有限公司小家电总装车间数字化改造',
    situation: '电饭煲、空气炸锅两条总装线依靠纸质作业指导书，工位报工靠人工统计，来料检验记录分散在Excel中。',
    needs: '总装线电子作业指导、工位扫码报工、来料与成品质量追溯。',
    scope: '生产执行、质量追溯、电子作业指导',
    investmentFen: 150_000_000,
    provider: { route: 'leadingUnit', key: 'elite' },
    lines: [['小家电总装MES（含电子SOP）', 1, '套', 680_000_00], ['工位扫码终端及安装', 24, '台', 3_500_00], ['质量追溯模块', 1, '套', 260_000_00]],
    measures: '建设总装车间MES，实现工单下达、工位扫码报工和电子作业指导；上线来料检验与成品追溯模块，打通与现有ERP的物料和订单数据。',
    targets: [[30, 55], [25, 70], [35, 60]],
  },
  {
    seq: seqOf(5), mobile: mobileOf(5), name: '中山市南头佳美电器有限公司', nameEn: 'Zhongshan Nantou Jiamei Electric Appliance Co., Ltd.', town: 'nantou', industry: '38', employees: 310, revenueFen: 180_000_000_00, contact: '黄伟强',
    goal: 'implementation', state: 'implementation',
    title: '中山市南头佳美电器有限公司厨房电器生产管控数字化改造',
    situation: '油烟机、燃气灶生产以人工排产为主，钣金冲压设备未联网，工序进度靠车间主任电话汇报。',
    needs: '工单报工和生产进度看板、冲压设备联网、质量检验记录电子化。',
    scope: '生产执行（MES）、设备联网、质量检验',
    investmentFen: 168_000_000,
    provider: { route: 'catalog', key: 'heihu', productName: '黑湖智造 MES 轻量版' },
    lines: [['黑湖智造 MES 轻量版（三年订阅）', 1, '套', 980_000_00], ['冲压设备数据采集网关', 16, '台', 6_000_00], ['实施与培训服务', 1, '项', 180_000_00]],
    measures: '部署黑湖智造MES轻量版，覆盖冲压、装配、包装三道工序的工单、报工和质检；为16台冲压设备加装数据采集网关，建设车间进度与设备状态看板。',
    targets: [[28, 50], [20, 75], [32, 55]],
    training: TRAINING_MES.slice(0, 1),
    notes: ['冲压车间16台设备数据采集网关已安装完成，正在联调。', '装配线工单报工已试运行一周，班组长反馈扫码操作顺畅。'],
  },
  {
    seq: seqOf(6), mobile: mobileOf(6), name: '中山市横栏明亮照明电器有限公司', nameEn: 'Zhongshan Henglan Mingliang Lighting Appliance Co., Ltd.', town: 'henglan', industry: '38', employees: 140, revenueFen: 52_000_000_00, contact: '冯丽娟',
    goal: 'implemented', state: 'implemented',
    title: '中山市横栏明亮照明电器有限公司LED灯具生产与仓储数字化改造',
    situation: 'LED面板灯、筒灯生产以订单驱动，物料齐套靠人工核对，成品仓按区域堆放、出货常需翻找。',
    needs: '物料齐套检查、生产报工、条码化成品仓。',
    scope: '生产计划、仓储管理、条码追溯',
    investmentFen: 88_000_000,
    provider: { route: 'leadingUnit', key: 'zedong' },
    lines: [['照明行业生产管理系统', 1, '套', 420_000_00], ['条码仓储管理模块', 1, '套', 210_000_00], ['PDA 手持终端', 10, '台', 4_200_00]],
    measures: '上线照明行业生产管理系统与条码仓储模块，实现物料齐套检查、工序报工和成品库位管理。',
    targets: [[35, 55], [30, 70], [40, 60]],
    training: TRAINING_MES,
    notes: ['生产管理系统已上线，三条装配线全部扫码报工。', '成品仓库位条码张贴完成，出入库全部通过PDA操作。'],
    rating: { timeliness: 5, quality: 5, service: 5, price: 4, comment: '实施团队熟悉照明行业，上线及时，培训细致。' },
  },
  {
    seq: seqOf(7), mobile: mobileOf(7), name: '中山市沙溪锦绣服饰有限公司', nameEn: 'Zhongshan Shaxi Jinxiu Apparel Co., Ltd.', town: 'shaxi', industry: '18', employees: 230, revenueFen: 48_000_000_00, contact: '吴美玲',
    goal: 'awaitingEvaluationAssignment', state: 'awaitingEvaluationAssignment',
    title: '中山市沙溪锦绣服饰有限公司休闲服装柔性生产数字化改造',
    situation: '休闲服装订单小单快反比例高，裁床与缝制工序计件靠纸质工票，面辅料库存与订单难以对应。',
    needs: '电子工票计件、裁剪与缝制进度跟踪、面辅料按单管理。',
    scope: '生产执行、计件工资、面辅料仓储',
    investmentFen: 72_000_000,
    provider: { route: 'leadingUnit', key: 'fengzi' },
    lines: [['服装柔性生产管理系统', 1, '套', 360_000_00], ['电子工票终端', 40, '台', 1_800_00], ['面辅料仓储模块', 1, '套', 150_000_00]],
    measures: '建设服装柔性生产管理系统，裁床、缝制工序使用电子工票自动计件，面辅料按订单领用出库。',
    targets: [[20, 45], [15, 60], [25, 50]],
    training: TRAINING_MES,
    notes: ['电子工票在缝制一车间上线，计件数据日结。', '面辅料仓按订单领料流程已运行。'],
    rating: { timeliness: 4, quality: 4, service: 5, price: 4, comment: '服务响应快，对服装小单快反很有经验。' },
    delegateRequests: true,
  },
  {
    seq: seqOf(8), mobile: mobileOf(8), name: '中山市港口星辉游艺设备有限公司', nameEn: 'Zhongshan Gangkou Xinghui Amusement Equipment Co., Ltd.', town: 'gangkou', industry: '24', employees: 190, revenueFen: 66_000_000_00, contact: '陈国栋',
    goal: 'evaluationAssigned', state: 'evaluationAssigned',
    title: '中山市港口星辉游艺设备有限公司游艺机装配与售后数字化改造',
    situation: '游艺机以项目制装配为主，整机调试数据纸质存档，售后维修依靠电话登记，配件供应周期长。',
    needs: '整机装配与调试数据电子化、售后工单与配件管理。',
    scope: '装配管理、调试数据、售后服务',
    investmentFen: 82_000_000,
    provider: { route: 'leadingUnit', key: 'mobile' },
    lines: [['5G 工厂专网及设备上云', 1, '项', 260_000_00], ['装配与调试数据管理平台', 1, '套', 320_000_00], ['售后工单系统', 1, '套', 120_000_00]],
    measures: '建设厂区5G专网，整机调试数据自动上传；上线装配与调试数据管理平台和售后工单系统。',
    targets: [[25, 50], [30, 80], [30, 55]],
    training: TRAINING_MES,
    notes: ['5G专网覆盖总装车间，调试台数据已接入平台。', '售后工单系统上线，客户可扫码报修。'],
    rating: { timeliness: 4, quality: 5, service: 4, price: 3, comment: '网络和平台质量好，价格略高。' },
    attempts: [{ institution: 'ceprei', levelAfter: 2, summary: '（待机构接收）', measured: [50, 80, 55] }],
  },
  {
    seq: seqOf(9), mobile: mobileOf(9), name: '中山市三乡华达家具有限公司', nameEn: 'Zhongshan Sanxiang Huada Furniture Co., Ltd.', town: 'sanxiang', industry: '21', employees: 210, revenueFen: 58_000_000_00, contact: '郑伟',
    goal: 'evaluationInProgress', state: 'evaluationInProgress',
    title: '中山市三乡华达家具有限公司板式家具仓储与生产数字化改造',
    situation: '板式家具板材、五金件库存以手工台账管理，出货前常出现缺件，开料排产依赖经验。',
    needs: '条码化仓储、按单齐套发货、开料生产报工。',
    scope: '仓储管理（WMS）、生产报工',
    investmentFen: 70_000_000,
    provider: { route: 'catalog', key: 'pangu', productName: '盘古 WMS 仓储管理系统' },
    lines: [['盘古 WMS 仓储管理系统', 1, '套', 450_000_00], ['PDA 手持终端', 12, '台', 4_000_00], ['实施与培训服务', 1, '项', 92_000_00]],
    measures: '上线盘古WMS，实现板材与五金件条码出入库、库位管理和按单齐套发货，与ERP打通订单数据。',
    targets: [[30, 50], [25, 65], [35, 55]],
    training: TRAINING_MES,
    notes: ['WMS已上线，板材仓和五金仓全部条码化。', '按单齐套发货流程已运行一个月，缺件出货减少。'],
    rating: { timeliness: 4, quality: 4, service: 4, price: 5, comment: '产品成熟，性价比高。' },
    attempts: [{ institution: 'aii', levelAfter: 2, summary: '（评估进行中）', measured: [52, 68, 58] }],
  },
  {
    seq: seqOf(10), mobile: mobileOf(10), name: '中山市阜沙科力电子有限公司', nameEn: 'Zhongshan Fusha Keli Electronics Co., Ltd.', town: 'fusha', industry: '39', employees: 170, revenueFen: 62_000_000_00, contact: '林晓东',
    goal: 'evaluationConfirmation', state: 'evaluationConfirmation',
    title: '中山市阜沙科力电子有限公司电子组件SMT车间数字化改造',
    situation: 'SMT贴片线4条，贴片机程序与物料上料靠人工核对，AOI检测数据未与工单关联。',
    needs: '防错上料、贴片与AOI数据按工单追溯、车间看板。',
    scope: 'SMT防错、质量追溯、车间看板',
    investmentFen: 92_000_000,
    provider: { route: 'leadingUnit', key: 'fengxi' },
    lines: [['SMT 防错上料与追溯系统', 1, '套', 480_000_00], ['车间电子看板', 6, '块', 8_000_00], ['实施与培训服务', 1, '项', 120_000_00]],
    measures: '上线SMT防错上料与追溯系统，贴片机、AOI数据按工单采集，车间设置电子看板。',
    targets: [[40, 65], [35, 85], [45, 70]],
    training: TRAINING_MES,
    notes: ['4条SMT线防错上料全部上线。', 'AOI检测数据已与工单关联，可按批次追溯。'],
    rating: { timeliness: 5, quality: 4, service: 5, price: 4, comment: '本地服务商，驻场支持及时。' },
    attempts: [{ institution: 'ccid', levelAfter: 2, summary: 'SMT车间实现防错上料和工单级质量追溯，设备联网率达到86%，关键工序数控化率66%，数字化水平达到二级。', measured: [66, 86, 71] }],
  },
  {
    seq: seqOf(11), mobile: mobileOf(11), name: '中山市板芙金鹰五金机械有限公司', nameEn: 'Zhongshan Banfu Jinying Hardware Machinery Co., Ltd.', town: 'banfu', industry: '34', employees: 95, revenueFen: 26_000_000_00, contact: '罗建明',
    goal: 'remediation', state: 'remediation',
    title: '中山市板芙金鹰五金机械有限公司机加工车间设备联网改造',
    situation: '数控车床、加工中心共26台，多为不同年代品牌，设备状态靠巡检，刀具寿命靠经验更换。',
    needs: '机加工设备联网与OEE统计、刀具寿命管理、能耗监测。',
    scope: '设备联网、OEE、能耗监测',
    investmentFen: 58_000_000,
    provider: { route: 'leadingUnit', key: 'inspur' },
    lines: [['云洲设备管理与能耗监测平台', 1, '套', 320_000_00], ['数控设备数据采集网关', 26, '台', 3_000_00], ['实施与培训服务', 1, '项', 60_000_00]],
    measures: '接入26台数控设备，建设设备OEE与能耗监测平台，上线刀具寿命管理。',
    targets: [[45, 65], [20, 80], [40, 60]],
    training: TRAINING_MES,
    notes: ['已完成18台设备联网，老旧设备协议适配中。', '能耗监测平台上线，按班次统计电耗。'],
    rating: { timeliness: 3, quality: 3, service: 4, price: 4, comment: '老旧设备联网进度偏慢，需加快。' },
    attempts: [{ institution: 'aii', levelAfter: 1, summary: '设备管理与能耗监测平台已上线，但仅18台设备完成联网，数据未用于生产调度，数字化水平仍为一级。', gaps: '1. 剩余8台老旧设备未联网，设备联网率仅69%；2. 设备数据未与生产计划联动；3. 刀具寿命管理尚未投入使用。', measured: [50, 69, 48] }],
  },
  {
    seq: seqOf(12), mobile: mobileOf(12), name: '中山市小榄华艺锁具有限公司', nameEn: 'Zhongshan Xiaolan Huayi Locks Co., Ltd.', town: 'xiaolan', industry: '33', employees: 280, revenueFen: 95_000_000_00, contact: '李志坚',
    goal: 'evaluationPassed', state: 'evaluationPassed',
    title: '中山市小榄华艺锁具有限公司智能锁生产与质量数字化改造',
    situation: '智能门锁组装与功能测试以人工记录为主，测试数据无法按序列号追溯，冲压件库存账实不符。',
    needs: '组装与功能测试数据按序列号追溯、设备联网、条码化仓储。',
    scope: '生产执行、测试数据追溯、设备联网、仓储',
    investmentFen: 186_000_000,
    provider: { route: 'leadingUnit', key: 'telecom' },
    lines: [['天翼5G工业专网', 1, '项', 300_000_00], ['智能锁生产执行与测试追溯系统', 1, '套', 880_000_00], ['设备数据采集网关', 30, '台', 3_000_00], ['条码仓储模块', 1, '套', 160_000_00]],
    measures: '建设5G工业专网；上线生产执行与测试追溯系统，功能测试数据按锁具序列号自动采集；冲压、组装设备联网；条码化仓储。',
    targets: [[40, 60], [30, 85], [40, 65]],
    training: TRAINING_MES,
    notes: ['测试工位数据已按序列号自动上传。', '30台设备完成联网，仓储条码化上线。'],
    rating: { timeliness: 5, quality: 5, service: 4, price: 4, comment: '5G专网稳定，项目管理规范。' },
    delegateRequests: true,
    attempts: [
      { institution: 'ccid', levelAfter: 1, summary: '生产执行与测试追溯系统已上线，但设备联网率仅55%，测试数据尚未用于质量分析，数字化水平为一级。', gaps: '1. 冲压车间12台设备未联网；2. 测试数据只做存档，未形成质量分析；3. 仓储条码未覆盖冲压件。', measured: [55, 55, 50] },
      { institution: 'cics', levelAfter: 2, summary: '整改后冲压、组装设备全部联网，联网率88%；测试数据形成按序列号的质量分析看板，仓储全面条码化，数字化水平达到二级。', measured: [63, 88, 68], benchmark: { kind: 'workshop', reasons: '组装与测试数据全流程按序列号追溯，设备全面联网，看板完整，可作为锁具行业数字化车间示范。' } },
    ],
  },
];

/** Product entries the providers submit to the bureau's 产品入库审核 (the last one is returned). */
export const DEMO_PRODUCT_ENTRIES = [
  {
    provider: 'heihu',
    returned: false,
    body: { name: '黑湖排程 APS 高级计划排程', nameEn: 'Blacklake APS', summary: '按订单交期、产能和物料约束自动排产，插单影响一键评估。', scenes: ['scheduling', 'productionControl'], indicators: ['infoSystems'], industries: ['33', '38'], priceMinFen: 3_800_000, priceMaxFen: 12_000_000, deliveryDays: 30, description: '小：按车间订阅；快：30天上线；轻：SaaS部署免服务器；准：聚焦排产与插单评估。', references: '已在中山多家五金、小家电企业应用。' },
  },
  {
    provider: 'inspur',
    returned: false,
    body: { name: '云洲注塑机数据采集网关', nameEn: 'Yunzhou injection-moulding data gateway', summary: '兼容主流注塑机控制器，采集开停机、周期、温度参数并上云。', scenes: ['equipment', 'energy'], indicators: ['equipment', 'dataCollection'], industries: ['29', '38'], priceMinFen: 300_000, priceMaxFen: 900_000, deliveryDays: 15, description: '小：单台起装；快：一周接入；轻：免布线4G/5G上云；准：聚焦设备联网与OEE。', references: '' },
  },
  {
    provider: 'pangu',
    returned: true,
    body: { name: '盘古 QMS 质量管理系统', nameEn: 'Pangu QMS', summary: '来料、过程、成品检验与不合格品处理。', scenes: ['quality'], indicators: ['infoSystems'], industries: [], priceMinFen: 5_000_000, priceMaxFen: 20_000_000, deliveryDays: 60, description: '小：按模块选购；快：两个月上线；轻：标准化配置。', references: '' },
  },
] as const;

export const DEMO_RETURN_REASON = '请补充适用行业、价格区间的计费口径（按用户数或按模块）以及至少一个本地应用案例。';
export const DEMO_WARNING = {
  provider: 'heihu',
  reason: '佳美电器项目第二场培训已逾约定时间两周未开展，且培训签到表上传滞后，请加快实施进度。',
  response: '已与企业重新确认培训计划，第二场培训安排在下周三进行，签到表和照片将于培训当天上传，今后将按周报告实施进展。',
};

// ---- plumbing ------------------------------------------------------------------------------------------

async function flagSet(db: DbOrTx): Promise<boolean> {
  const rows = await db.select().from(systemMeta).where(eq(systemMeta.key, STAGES3TO6_DEMO_FLAG));
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
  if (!row) throw new Error(`no demo account ${account}`);
  return { actor: actorOf(row), requestId: `demo-stages3to6-${account}`, ip: '127.0.0.1', locale: 'zh-CN' };
}

interface Env {
  db: AppDb;
  store: FileStore;
  uploadMaxBytes: number;
  today: string;
  bureau: RequestContext;
  contexts: Map<string, RequestContext>;
  /** PDFs already made, by title and lines: the same generic document is rendered once. */
  pdfs: Map<string, Promise<Buffer>>;
}

function pdfFor(env: Env, title: string, lines: readonly string[]): Promise<Buffer> {
  const key = JSON.stringify([title, lines]);
  let made = env.pdfs.get(key);
  if (!made) {
    made = demoPdf(title, lines);
    env.pdfs.set(key, made);
  }
  return made;
}

async function org(env: Env, key: string): Promise<RequestContext> {
  const account = key.includes('@') || /^\d+$/.test(key) ? key : `${key}@${DEMO_DOMAIN}`;
  let c = env.contexts.get(account);
  if (!c) {
    c = await contextFor(env.db, account);
    env.contexts.set(account, c);
  }
  return c;
}

/** Uploads `content` into a project slot the way the upload route does: check the slot, stream into the store, record. */
async function upload(env: Env, ctx: RequestContext, projectId: string, slotKey: string, fileName: string, lines: readonly string[], itemId?: string): Promise<void> {
  const content = await pdfFor(env, fileName.replace(/\.pdf$/, ''), lines);
  const plan = await prepareUpload(env.db, ctx.actor, projectId, slotKey, env.uploadMaxBytes, itemId);
  const stored = await env.store.put(Readable.from([content]), { maxBytes: plan.maxBytes, accept: plan.slot.accept });
  await recordUpload(env.db, ctx, projectId, slotKey, stored, fileName, itemId);
}

async function fire(env: Env, ctx: RequestContext, id: string, event: string, input?: Record<string, unknown>, expected?: string): Promise<void> {
  const moved = await transitionProject(env.db, ctx, id, input === undefined ? { event } : { event, input });
  if (expected && moved.state !== expected) throw new Error(`${event} went to ${moved.state}, not ${expected}`);
}

async function assess(env: Env, ctx: RequestContext, projectId: string, mode: 'self' | 'evaluation', level: DigitalLevel): Promise<void> {
  const started = await startAssessment(env.db, ctx, projectId, mode);
  const saved = await saveAnswers(env.db, ctx, started.detail.id, answersForTargetLevel(getCatalog(), level), started.detail.revision);
  await submitAssessment(env.db, ctx, saved.id, true, saved.revision);
}

// ---- one enterprise's path -----------------------------------------------------------------------------

const ORDER: readonly Goal[] = ['diagnosed', 'contracting', 'implementation', 'implemented', 'awaitingEvaluationAssignment', 'evaluationAssigned', 'evaluationInProgress', 'evaluationConfirmation', 'remediation', 'evaluationPassed'];
const reaches = (e: DemoEnterprise, g: Goal) => ORDER.indexOf(e.goal) >= ORDER.indexOf(g);

async function runEnterprise(env: Env, e: DemoEnterprise): Promise<void> {
  const { db } = env;
  const ent = await org(env, e.mobile);

  // Stage 1–2: the filing, then the real self-assessment (level 1 before transformation) → 诊断完成.
  const created = await createProject(db, ent, createProjectBody.parse({ title: e.title, situation: e.situation, diagnosisMode: 'self' }));
  const completed = await updateProject(
    db,
    ent,
    created.id,
    updateProjectBody.parse({ needs: e.needs, scope: e.scope, plannedInvestmentFen: e.investmentFen, plannedStart: env.today, plannedEnd: '2027-12-31', revision: created.revision }),
  );
  const id = completed.id;
  await fire(env, ent, id, 'submitFiling', undefined, 'selfDiagnosis');
  await assess(env, ent, id, 'self', 1);
  if (e.goal === 'diagnosed' || !e.provider) return;

  // Stage 3: the provider choice.
  const choice = e.provider;
  if (choice.route === 'market') {
    const recommender = await org(env, choice.recommender);
    await fire(env, ent, id, 'chooseProvider', { route: 'market', marketProviderName: choice.providerName, marketProductName: choice.productName, recommenderOrgId: recommender.actor.orgId, note: '该服务商已为同行企业实施过类似项目，希望牵引单位出具推荐函。' }, 'awaitingCatalogEntry');
    const letters = await listLetters(db, recommender.actor, { page: 1, pageSize: 100 });
    const letter = letters.items.find((l) => l.projectId === id);
    if (!letter) throw new Error('no recommendation letter opened');
    const partial = { providerName: choice.providerName, contactName: '刘经理', contactPhone: '0760-88123456', productName: choice.productName, industries: [e.industry] };
    if (e.goal === 'letterDraft') {
      await saveLetter(db, recommender, letter.id, letterBody.parse(partial), env.uploadMaxBytes);
      return;
    }
    const full = letterBody.parse({
      ...partial,
      providerUscc: makeUscc(e.seq + 50_000),
      scenes: ['equipment', 'energy', 'quality'],
      priceMinFen: 18_000_000,
      priceMaxFen: 45_000_000,
      deliveryDays: 60,
      description: '小：按车间部署，单条压铸线起步；快：60天上线；轻：边缘网关加云平台，无需改造设备；准：聚焦压铸能耗、模温与压射参数和质量关联分析。',
      reasons: '该产品已在小榄、东凤多家五金压铸企业应用，能耗下降约8%，不良率下降明显，符合“小快轻准”要求。',
      experience: '本单位与该服务商在2025年合作实施过两个压铸车间能耗监测项目，交付及时、运维稳定。',
    });
    await saveLetter(db, recommender, letter.id, full, env.uploadMaxBytes);
    const fileName = '服务商及产品推荐函（盖章）.pdf';
    const content = await demoPdf('服务商及产品推荐函', [`推荐单位：${recommender.actor.orgName}`, `推荐服务商：${choice.providerName}`, `推荐产品：${choice.productName}`, `服务企业：${e.name}`, full.reasons ?? '', full.experience ?? '']);
    const plan = await prepareLetterUpload(db, recommender.actor, letter.id, 'catalog.recommendationLetter', env.uploadMaxBytes);
    const stored = await env.store.put(Readable.from([content]), { maxBytes: plan.maxBytes, accept: plan.slot.accept });
    await recordLetterUpload(db, recommender, letter.id, 'catalog.recommendationLetter', stored, fileName);
    const submitted = await fireLetter(db, recommender, letter.id, { event: 'submit' }, env.uploadMaxBytes);
    if (submitted.state !== 'underReview') throw new Error(`the letter went to ${submitted.state}`);
    return;
  }
  const provider = await org(env, choice.key);
  if (choice.route === 'catalog') {
    const [product] = await db.select({ id: products.id }).from(products).where(eq(products.name, choice.productName));
    if (!product) throw new Error(`no catalog product ${choice.productName}`);
    await fire(env, ent, id, 'chooseProvider', { route: 'catalog', productId: product.id }, 'contracting');
  } else {
    await fire(env, ent, id, 'chooseProvider', { route: 'leadingUnit', providerOrgId: provider.actor.orgId }, 'contracting');
  }

  // Delegation (授权管理): the owner authorises the leading unit, which then enters the contract for it.
  await grantDelegation(db, ent, provider.actor.orgId);

  // Stage 4: the contract and the targets, by the delegate.
  const lines = (e.lines ?? []).map(([item, quantity, unit, unitPriceFen]) => ({ item, quantity, unit, unitPriceFen, amountFen: quantity * unitPriceFen }));
  const amountFen = lines.reduce((s, l) => s + l.amountFen, 0);
  const [t1, t2, t3] = e.targets ?? [[30, 50], [20, 70], [30, 50]];
  await saveContract(
    db,
    provider,
    id,
    contractBody.parse({
      contractNo: `HT-ZS-2026-${String(e.seq % 1000).padStart(3, '0')}`,
      amountFen,
      amountExTaxFen: Math.round(amountFen / 1.06),
      signedOn: env.today,
      periodStart: env.today,
      periodEnd: '2027-09-30',
      parties: [
        { role: 'enterprise', orgId: ent.actor.orgId, name: e.name, duties: '提供改造场地、现有系统和生产数据，指定项目负责人，组织员工参加培训，按合同约定支付款项并开展内部验收。' },
        { role: 'provider', orgId: provider.actor.orgId, name: provider.actor.orgName, duties: '按改造方案交付软件、硬件和实施服务，开展不少于两场操作培训，配合内部验收和成效评估，提供一年免费运维。' },
      ],
      lines,
      measures: e.measures ?? '',
      targetsText: `关键工序数控化率由${t1[0]}%提升至${t1[1]}%，生产设备联网率由${t2[0]}%提升至${t2[1]}%，设备数字化率由${t3[0]}%提升至${t3[1]}%，数字化水平达到二级。`,
    }),
  );
  await saveTargets(
    db,
    provider,
    id,
    targetsBody.parse({
      rows: [
        { key: 'cncRate', baseline: t1[0], target: t1[1] },
        { key: 'networkRate', baseline: t2[0], target: t2[1] },
        { key: 'equipmentDigitalRate', baseline: t3[0], target: t3[1] },
      ],
    }),
  );
  if (!reaches(e, 'implementation')) return;
  await upload(env, provider, id, 'contract.contract', `${e.name}数字化改造项目合同（签章版）.pdf`, [`甲方：${e.name}`, `乙方：${provider.actor.orgName}`, `合同金额：${(amountFen / 100).toFixed(2)}元（含税）`, e.measures ?? '']);
  await upload(env, provider, id, 'contract.quotation', '项目报价单.pdf', lines.map((l) => `${l.item}：${l.quantity}${l.unit} × ${(l.unitPriceFen / 100).toFixed(2)}元 = ${(l.amountFen / 100).toFixed(2)}元`));
  await upload(env, provider, id, 'contract.plan', '数字化改造实施方案.pdf', [e.title, e.measures ?? '', `实施周期：${env.today} 至 2027-09-30`]);
  await fire(env, provider, id, 'submitContract', undefined, 'implementation');

  // Stage 5: training sessions with their sign-in sheets, progress notes, acceptance.
  const training = e.training ?? TRAINING_MES;
  const sessions = e.goal === 'implementation' ? training.slice(0, 1) : training;
  for (const [i, s] of sessions.entries()) {
    const session = await createSession(db, provider, id, { heldOn: env.today, ...s });
    await upload(env, provider, id, 'implementation.trainingRecords', `第${i + 1}场培训签到表.pdf`, [`培训主题：${s.topic}`, `培训讲师：${s.trainer}`, `参训人数：${s.trainees}人（${s.traineeNames}）`, `培训日期：${env.today}`], session.id);
  }
  for (const [i, note] of (e.notes ?? []).entries()) await addNote(db, i % 2 ? ent : provider, id, note);
  if (!reaches(e, 'implemented')) return;
  await setAcceptance(db, provider, id, env.today);
  await upload(env, ent, id, 'implementation.acceptanceReport', '内部验收报告.pdf', [`验收日期：${env.today}`, '验收内容：软件功能、硬件安装、数据接入、操作培训', '验收结论：系统功能按合同交付，培训完成，同意通过内部验收。']);
  await fire(env, ent, id, 'submitImplementation', { ...(e.rating ?? { timeliness: 4, quality: 4, service: 4, price: 4, comment: '' }) }, 'implemented');
  if (!reaches(e, 'awaitingEvaluationAssignment')) return;

  // Stage 6: the evaluation, attempt by attempt.
  const attempts = e.attempts ?? [];
  await fire(env, e.delegateRequests ? provider : ent, id, 'requestEvaluation', undefined, 'awaitingEvaluationAssignment');
  for (const [n, a] of attempts.entries()) {
    const last = n === attempts.length - 1;
    const inst = await org(env, a.institution);
    await fire(env, env.bureau, id, 'assignEvaluationInstitution', { institutionId: inst.actor.orgId }, 'evaluationAssigned');
    if (last && e.goal === 'evaluationAssigned') return;
    await fire(env, inst, id, 'acceptEvaluationTask', { noConflict: true, statement: '评估人员与企业及服务商均无隶属、投资或合作关系，未参与该项目的诊断和实施。' }, 'evaluationInProgress');
    if (n === 0) {
      const evidence: Array<[string, string, string[]]> = [
        ['evaluation.policies', '数字化管理制度与组织架构.pdf', ['数字化转型领导小组及职责', '信息系统使用与数据管理制度']],
        ['evaluation.systems', '系统截图与设备联网清单.pdf', ['已上线系统功能截图', '联网设备清单（编号、品牌、接入方式）']],
        ['evaluation.photos', '改造现场与培训照片.pdf', ['车间看板、扫码终端现场照片', '培训现场照片']],
        ['evaluation.financials', '数字化投入证明与财务报表.pdf', ['项目合同及付款凭证', '2026年度财务报表（数字化投入明细）']],
      ];
      for (const [slot, fileName, body] of evidence) await upload(env, ent, id, slot, fileName, body);
    } else {
      await upload(env, ent, id, 'evaluation.systems', '整改后系统截图与设备联网清单.pdf', ['整改后新增联网设备清单', '质量分析看板截图']);
    }
    if (last && e.goal === 'evaluationInProgress') return;
    await assess(env, inst, id, 'evaluation', a.levelAfter);
    await saveMeasured(db, inst, id, measuredBody.parse({ rows: [{ key: 'cncRate', measured: a.measured[0] }, { key: 'networkRate', measured: a.measured[1] }, { key: 'equipmentDigitalRate', measured: a.measured[2] }] }));
    await upload(env, inst, id, 'evaluation.report', `${e.name}成效评估报告（第${n + 1}次）.pdf`, [`评估机构：${inst.actor.orgName}`, `改造后数字化水平：${a.levelAfter}级`, a.summary, ...(a.gaps ? ['待改进事项：', a.gaps] : [])]);
    await fire(
      env,
      inst,
      id,
      'submitEvaluationReport',
      { levelAfter: a.levelAfter, summary: a.summary, gaps: a.gaps ?? '', ...(a.benchmark ? { benchmark: a.benchmark.kind, benchmarkReasons: a.benchmark.reasons } : {}) },
      'evaluationConfirmation',
    );
    if (last && e.goal === 'evaluationConfirmation') return;
    await fire(env, ent, id, 'confirmEvaluationReport', undefined, a.levelAfter >= 2 ? 'evaluationPassed' : 'remediation');
    if (a.levelAfter < 2) {
      await upload(env, ent, id, 'remediation.statement', '整改情况说明.pdf', [e.name, '针对评估报告待改进事项的整改措施：', a.gaps ?? '']);
      if (!last) await fire(env, e.delegateRequests ? provider : ent, id, 'requestEvaluation', undefined, 'awaitingEvaluationAssignment');
    }
  }
}

// ---- the catalog and the providers ---------------------------------------------------------------------

async function catalogAndProviders(env: Env): Promise<void> {
  for (const p of DEMO_PRODUCT_ENTRIES) {
    const provider = await org(env, p.provider);
    const made = await createProduct(env.db, provider, productBody.parse(p.body));
    const submitted = await submitProduct(env.db, provider, made.id);
    if (p.returned) {
      if (!submitted.entryId) throw new Error(`${p.body.name}: no entry`);
      await decideEntry(env.db, env.bureau, submitted.entryId, { event: 'returnForRevision', reason: DEMO_RETURN_REASON });
    }
  }
  const warned = await org(env, DEMO_WARNING.provider);
  const measure = await takeMeasure(env.db, env.bureau, warned.actor.orgId, { kind: 'warning', reason: DEMO_WARNING.reason });
  await answerMeasure(env.db, warned, measure.id, DEMO_WARNING.response);
}

// ---- loading -------------------------------------------------------------------------------------------

/**
 * Loads the stages 3–6 demo once, after the base demo data; returns whether it loaded now. Does nothing when the
 * base demo is not in the database. Two instances starting together load it once (the flag is claimed first).
 */
export async function ensureStages3to6Demo(db: AppDb, store: FileStore, uploadMaxBytes: number): Promise<boolean> {
  if (demoLoadingCancelled() || !(await isDemoLoaded(db)) || (await flagSet(db))) return false;
  const passwordHash = DEMO_PASSWORD_HASH;
  const claimed = await db.transaction(async (tx) => {
    await tx.execute('lock table system_meta in exclusive mode');
    if (await flagSet(tx)) return false;
    await tx.insert(systemMeta).values({ key: STAGES3TO6_DEMO_FLAG, value: 'loading' });
    for (const e of STAGES3TO6_ENTERPRISES) {
      const o = await makeEnterprise(tx, e.seq, {
        name: e.name,
        nameEn: e.nameEn,
        townCode: e.town,
        industryCode: e.industry,
        employees: e.employees,
        annualRevenueFen: e.revenueFen,
        contactName: e.contact,
        contactMobile: e.mobile,
      });
      await makeUser(tx, { orgId: o.id, name: e.contact, mobile: e.mobile, passwordHash });
    }
    return true;
  });
  if (!claimed) return false;
  const failures: string[] = [];
  try {
    await store.ready();
    const env: Env = { db, store, uploadMaxBytes, today: todayInShanghai(new Date()), bureau: await contextFor(db, `reviewer@${DEMO_DOMAIN}`), contexts: new Map(), pdfs: new Map() };
    const profile = process.env.DEMO_PROFILE === '1';
    for (const e of STAGES3TO6_ENTERPRISES) {
      if (demoLoadingCancelled()) {
        failures.push(DEMO_INTERRUPTED);
        break;
      }
      const started = Date.now();
      try {
        await runEnterprise(env, e);
        if (profile) console.log(`stages 3–6 demo: ${e.name} (${e.goal}) in ${Date.now() - started} ms`);
      } catch (err) {
        failures.push(`${e.name} (${e.goal}): ${err instanceof Error ? err.message : String(err)}`);
      }
    }
    try {
      if (!demoLoadingCancelled()) await catalogAndProviders(env);
    } catch (err) {
      failures.push(`catalog and providers: ${err instanceof Error ? err.message : String(err)}`);
    }
  } catch (err) {
    failures.push(err instanceof Error ? err.message : String(err));
  }
  if (failures.length > 0) {
    // Keep the claim (a restart must not add the enterprises twice) but say what happened.
    const message = `stages 3–6 demo: ${failures.join('; ')}`;
    await db.update(systemMeta).set({ value: `failed: ${message.slice(0, 500)}` }).where(eq(systemMeta.key, STAGES3TO6_DEMO_FLAG));
    throw new Error(message);
  }
  await db.update(systemMeta).set({ value: new Date().toISOString() }).where(eq(systemMeta.key, STAGES3TO6_DEMO_FLAG));
  return true;
}

/** What the stages 7–8 demo reuses: one enterprise's path to its goal, and the plumbing of the acting users. */
export { runEnterprise as runDemoEnterprise, org as demoContext, upload as demoUpload, fire as demoFire, contextFor as demoContextFor };
export type { Env as DemoEnv };
