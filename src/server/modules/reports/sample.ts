/**
 * Sample report models built from the core fixtures: a lighting manufacturer in 古镇镇 with a diagnosis
 * and, after transformation, an effect evaluation. Deterministic; used by the tests and the benchmark.
 */
import {
  assess,
  catalogQuestions,
  compareAssessments,
  getCatalog,
  randomCompleteAnswers,
  recommendProducts,
  seededRng,
  weakness,
  type AssessmentAnswers,
  type AssessmentResult,
  type Catalog,
  type DigitalLevel,
  type Rng,
  type SceneLevel,
} from '../../../core/assessment';
import { industryDisplayName, getIndustry } from '../../../core/identity/industries';
import { SME_SIZE_LABELS } from '../../../core/identity/sme';
import { getTown, townDisplayName } from '../../../core/identity/towns';
import { makeUscc } from '../../../core/identity/uscc';
import type { ReportModel, ReportProduct } from './model';

export interface SampleReportOptions {
  kind: 'diagnosis' | 'evaluation';
  /** Level of the assessment reported on (default: 1 for a diagnosis, 2 for an evaluation). */
  level?: DigitalLevel;
  /** Offer catalog products for recommendations (default true). */
  withProducts?: boolean;
}

export const SAMPLE_ENTERPRISE = {
  name: '中山市明辉灯饰有限公司',
  uscc: makeUscc(424_242),
  townCode: 'guzhen',
  industryCode: '38',
  contactName: '陈小红',
} as const;

/** Catalog products of certified leading units, tagged with the scenes and indicators they address. */
export const SAMPLE_PRODUCTS: ReportProduct[] = [
  {
    id: 'p-heihu-mes',
    name: '黑湖智造 MES 轻量版',
    providerName: '中山黑湖网络科技有限公司',
    summary: '工单报工、生产进度看板、质量检验记录，适合灯饰等离散制造中小企业。',
    scenes: ['productionControl', 'quality', 'scheduling'],
    indicators: ['dataCollection', 'infoSystems'],
    priceFen: 9_800_000,
  },
  {
    id: 'p-pangu-wms',
    name: '盘古 WMS 仓储管理系统',
    providerName: '广东盘古信息科技股份有限公司',
    summary: '条码出入库、库位管理，与 ERP 集成。',
    scenes: ['warehousing', 'purchasing'],
    indicators: ['infoSystems'],
    priceFen: 12_000_000,
  },
  {
    id: 'p-telecom-5g',
    name: '天翼 5G 工业专网套餐',
    providerName: '中国电信股份有限公司中山分公司',
    summary: '厂区 5G 覆盖与设备上云。',
    scenes: ['equipment', 'energy'],
    indicators: ['equipment', 'security'],
    priceFen: 6_000_000,
  },
  {
    id: 'p-huawei-erp',
    name: '华为云 ERP 一体化方案',
    providerName: '华为云计算技术有限公司',
    summary: '销售、采购、财务一体化，业财融合。',
    scenes: ['finance', 'marketing', 'purchasing'],
    indicators: ['infoSystems', 'planning'],
    priceFen: 15_000_000,
  },
  {
    id: 'p-yunzhou-energy',
    name: '云洲设备管理与能耗监测平台',
    providerName: '浪潮云洲工业互联网有限公司',
    summary: '设备联网、OEE 统计、能耗实时采集。',
    scenes: ['equipment', 'energy', 'safety'],
    indicators: ['equipment', 'dataCollection'],
    priceFen: 8_800_000,
  },
  {
    id: 'p-zhiye-oa',
    name: '知业协同办公与人事系统',
    providerName: '广东知业科技有限公司',
    summary: 'OA 审批、移动办公、考勤薪酬。',
    scenes: ['collaboration', 'hr', 'decision'],
    indicators: ['resources'],
    priceFen: 3_600_000,
  },
  {
    id: 'p-vtech-plm',
    name: '维拓 PLM 产品数据管理',
    providerName: '南京维拓科技股份有限公司',
    summary: '灯具图纸、BOM、设计变更与工艺协同。',
    scenes: ['productDesign', 'processDesign'],
    indicators: ['infoSystems'],
    priceFen: 11_000_000,
  },
  {
    id: 'p-chinasoft-crm',
    name: '中软售后服务与客户管理平台',
    providerName: '中山中软国际信息技术有限公司',
    summary: '售后工单、客户档案、服务闭环。',
    scenes: ['afterSales', 'marketing'],
    indicators: ['infoSystems'],
    priceFen: 4_500_000,
  },
];

const RECOMMENDATION_LIMIT = 5;

/** The first seeded random answer set that reaches `level`. */
function answersAtLevel(catalog: Catalog, level: DigitalLevel): { answers: AssessmentAnswers; result: AssessmentResult } {
  for (let seed = 1; seed < 5000; seed += 1) {
    const answers = randomCompleteAnswers(catalog, seededRng(seed));
    const result = assess(catalog, answers);
    const base = result.level.next?.requirements.find((r) => r.kind === 'base');
    const contrived = base !== undefined && !base.met && base.required - base.actual < 2;
    if (result.valid && result.level.level === level && !contrived) return { answers, result };
  }
  throw new Error(`no sample answers reach level ${level}`);
}

/**
 * The same enterprise before its transformation: every scene one or two levels lower, about half of the
 * answers one option lower (numeric figures dropped, so band and trend choices stand on their own).
 */
function degrade(catalog: Catalog, after: AssessmentAnswers, rng: Rng): AssessmentAnswers {
  const before: AssessmentAnswers = { catalogVersion: after.catalogVersion, questions: {}, scenes: {}, inputs: {} };
  for (const [code, level] of Object.entries(after.scenes)) {
    if (level === null || level === undefined) continue;
    before.scenes[code] = Math.max(0, level - (rng() < 0.7 ? 1 : 2)) as SceneLevel;
  }
  for (const question of catalogQuestions(catalog)) {
    const answer = after.questions[question.code];
    if (!answer) continue;
    if (question.type === 'multi') {
      const kept = (answer.choices ?? []).filter((id) => !question.options.find((o) => o.id === id)?.exclusive && rng() < 0.6);
      const none = question.options.find((o) => o.exclusive) ?? question.options[0];
      before.questions[question.code] = { choices: kept.length > 0 ? kept : none ? [none.id] : [] };
    } else {
      const byScore = [...question.options].sort((a, b) => a.score - b.score);
      const index = byScore.findIndex((o) => o.id === answer.choice);
      const lower = index > 0 && rng() < 0.5 ? byScore[index - 1] : byScore[index];
      before.questions[question.code] = { choice: lower?.id ?? answer.choice ?? null };
    }
  }
  return before;
}

/** A "before" result below `after` (one level lower where possible, never higher, lower base score). */
function beforeOf(catalog: Catalog, answers: AssessmentAnswers, after: AssessmentResult): AssessmentResult {
  const wanted = Math.max(0, after.level.level - 1);
  let fallback: AssessmentResult | null = null;
  for (let seed = 1; seed < 200; seed += 1) {
    const result = assess(catalog, degrade(catalog, answers, seededRng(seed)));
    if (!result.valid || result.score.base >= after.score.base || result.level.level > after.level.level) continue;
    if (result.level.level === wanted) return result;
    fallback ??= result;
  }
  if (fallback) return fallback;
  throw new Error('no sample "before" answers found');
}

export function buildSampleReportModel(opts: SampleReportOptions): ReportModel {
  const catalog = getCatalog('2024');
  const evaluation = opts.kind === 'evaluation';
  const level: DigitalLevel = opts.level ?? (evaluation ? 2 : 1);
  const { answers, result } = answersAtLevel(catalog, level);
  const products = opts.withProducts === false ? [] : SAMPLE_PRODUCTS;
  const town = getTown(SAMPLE_ENTERPRISE.townCode);
  const industry = getIndustry(SAMPLE_ENTERPRISE.industryCode);

  let comparison: ReportModel['comparison'] = null;
  if (evaluation) {
    const before = beforeOf(catalog, answers, result);
    comparison = {
      ...compareAssessments(before, result),
      beforeAssessmentId: 'a-2025-000137',
      beforeSubmittedAt: '2025-03-12T06:45:00.000Z',
      beforeMode: 'self',
    };
  }

  return {
    kind: opts.kind,
    mode: evaluation ? 'evaluation' : 'self',
    title: evaluation
      ? { zh: '改造成效评估报告', en: 'Transformation Effect Evaluation Report' }
      : { zh: '企业数字化水平诊断报告', en: 'Enterprise Digital Level Diagnosis Report' },
    generatedAt: evaluation ? '2025-11-20T02:30:00.000Z' : '2025-03-12T07:10:00.000Z',
    enterprise: {
      name: SAMPLE_ENTERPRISE.name,
      uscc: SAMPLE_ENTERPRISE.uscc,
      town: town ? townDisplayName(town) : { zh: SAMPLE_ENTERPRISE.townCode, en: SAMPLE_ENTERPRISE.townCode },
      industry: industry ? industryDisplayName(industry) : { zh: SAMPLE_ENTERPRISE.industryCode, en: SAMPLE_ENTERPRISE.industryCode },
      size: SME_SIZE_LABELS.small,
      contactName: SAMPLE_ENTERPRISE.contactName,
    },
    project: { id: 'p-2025-000042', title: '灯饰生产与仓储全流程数字化改造项目', filingNo: 'ZSSZ-2025-00042' },
    assessment: {
      id: evaluation ? 'a-2025-000311' : 'a-2025-000137',
      catalogVersion: catalog.version,
      catalogName: catalog.name,
      status: 'submitted',
      submittedAt: evaluation ? '2025-11-19T08:20:00.000Z' : '2025-03-12T06:45:00.000Z',
      filledBy: evaluation ? '中国信息通信研究院（评估专家 王磊）' : `${SAMPLE_ENTERPRISE.contactName}（企业）`,
      pledgedAt: evaluation ? '2025-11-19T08:18:00.000Z' : '2025-03-12T06:43:12.000Z',
    },
    result,
    weakness: weakness(catalog, result),
    recommendations: recommendProducts(catalog, result, products, RECOMMENDATION_LIMIT),
    comparison,
  };
}
