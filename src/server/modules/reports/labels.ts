/**
 * Every fixed text of the PDF report, in Simplified Chinese and English. Texts with values are small
 * functions returning a `Text`, so both languages always stay complete.
 */
import type { Locale, Text } from '../../../core/text';

const tx = (zh: string, en: string): Text => ({ zh, en });

export const PLATFORM_NAME = tx(
  '中山市中小企业数字化转型城市试点项目管理平台',
  'Zhongshan SME Digital Transformation City Pilot — Project Management Platform',
);

export const LABELS = {
  platform: PLATFORM_NAME,
  diagnosisIntro: tx(
    '本报告依据企业提交的数字化水平评测答卷，对照国家中小企业数字化水平评测指标自动计算得出，供企业了解自身数字化水平、识别薄弱环节、选择改造方向。',
    'This report is computed from the digital-level assessment the enterprise submitted, against the national SME digital-level indicators. It shows the current level, the weak points and where transformation can start.',
  ),
  evaluationIntro: tx(
    '本报告依据改造完成后的成效评估答卷计算得出，并与改造前的诊断结果进行对比。评估等级达到二级及以上即通过成效评估。',
    'This report is computed from the effect evaluation after transformation and compares it with the diagnosis before transformation. An evaluated level of Level 2 or above passes.',
  ),

  // Section 1: enterprise and assessment
  sectionBasics: tx('基本信息', 'Basic information'),
  enterpriseName: tx('企业名称', 'Enterprise'),
  uscc: tx('统一社会信用代码', 'Unified social credit code'),
  town: tx('所在镇街', 'Town / street'),
  industry: tx('所属行业', 'Industry'),
  size: tx('企业规模', 'Enterprise size'),
  contact: tx('联系人', 'Contact'),
  projectTitle: tx('项目名称', 'Project'),
  filingNo: tx('备案号', 'Filing no.'),
  notFiled: tx('尚未备案', 'Not filed yet'),
  catalog: tx('评测指标体系', 'Assessment indicators'),
  catalogVersion: tx('版本', 'version'),
  mode: tx('评测方式', 'Assessment type'),
  filledBy: tx('填报人', 'Filled in by'),
  submittedAt: tx('提交日期', 'Submitted on'),
  notSubmitted: tx('尚未提交（草稿）', 'Not submitted (draft)'),
  pledgedAt: tx('真实性承诺时间', 'Truthfulness pledge'),
  notPledged: tx('尚未作出承诺', 'No pledge yet'),
  assessmentId: tx('评测编号', 'Assessment ID'),
  reportGeneratedAt: tx('报告生成时间', 'Report generated'),
  notProvided: tx('未填写', 'Not provided'),

  // Section 2: result
  sectionResult: tx('评测结果', 'Result'),
  levelReached: tx('数字化水平等级', 'Digital level'),
  baseScore: tx('基础得分', 'Base score'),
  nextLevelNeeds: tx('晋级下一等级还需', 'To reach the next level'),
  topLevelReached: tx('已达到最高等级，继续保持并向标杆示范迈进。', 'The highest level is reached: keep it up and aim to become a benchmark.'),
  requirementMet: tx('已满足', 'met'),
  requirementUnmet: tx('未满足', 'not met'),
  incomplete: tx(
    '提示：答卷尚不完整，未作答的题目按 0 分、未评级的场景按 L0 计算，结果仅供参考。',
    'Note: the answers are incomplete. Unanswered questions score 0 and unrated scenes count as L0, so this result is provisional.',
  ),
  verdict: tx('评估结论', 'Verdict'),
  verdictPass: tx('达到二级及以上，通过评估', 'Level 2 or above reached: the evaluation is passed'),
  verdictFail: tx('未达二级，需继续改造后重新申请评估', 'Below Level 2: continue the transformation and apply for a new evaluation'),

  // Section 3: dimensions and indicators
  sectionDimensions: tx('维度与指标得分', 'Dimension and indicator scores'),
  dimension: tx('维度', 'Dimension'),
  indicator: tx('指标', 'Indicator'),
  score: tx('得分', 'Score'),
  max: tx('满分', 'Max'),
  rate: tx('得分率', 'Share'),
  total: tx('合计', 'Total'),
  radarTitle: tx('各指标得分率雷达图', 'Indicator scores as a share of their maximum'),
  radarNote: tx('雷达图各轴为指标得分占满分的比例；右表给出相同数据。', "Each axis is an indicator's score as a share of its maximum; the table gives the same data."),
  seriesAfter: tx('改造后', 'After'),
  seriesBefore: tx('改造前', 'Before'),
  seriesCurrent: tx('本次评测', 'This assessment'),

  // Section 4: scenes
  sectionScenes: tx('场景等级', 'Scene levels'),
  sceneChartNote: tx(
    '16 个数字化场景按 L0（未开展）至 L4 评级，按四个场景类别分组。',
    'The 16 digital scenes are rated from L0 (not started) to L4, grouped by their four categories.',
  ),
  legendScene: tx('场景等级', 'Scene level'),
  legendConstraint: tx('约束性场景', 'Constraint scene'),
  constraintTag: tx('★ 约束性', '★ constraint'),
  legendTarget: tx('晋级要求', 'Required for next level'),
  scenesAtLevel: tx('场景等级分布', 'Scenes per level'),

  // Section 5: weak points
  sectionWeakness: tx('薄弱环节', 'Weak points'),
  weakScenes: tx('待提升场景', 'Scenes to improve'),
  weakIndicators: tx('得分最低的指标', 'Weakest indicators'),
  scene: tx('场景', 'Scene'),
  group: tx('场景类别', 'Category'),
  currentLevel: tx('当前', 'Now'),
  reason: tx('说明', 'Why'),
  missingPoints: tx('可提升分值', 'Points available'),
  blocksTag: tx('影响晋级', 'Blocks next level'),
  noWeakScenes: tx('所有场景均已达到 L4。', 'Every scene is at L4.'),
  noWeakIndicators: tx('所有指标均已得满分。', 'Every indicator has full marks.'),

  // Section 6: recommendations
  sectionRecommendations: tx('推荐服务产品', 'Recommended service products'),
  recommendationsIntro: tx(
    '以下产品来自经市工信局审核的服务产品目录，按与本企业薄弱场景和指标的匹配程度排序，仅供参考，企业可自主选择服务商。',
    'These products come from the service catalog reviewed by the city bureau, ranked by how well they match the weak scenes and indicators. They are suggestions only; the enterprise chooses its provider freely.',
  ),
  provider: tx('服务商', 'Provider'),
  price: tx('参考价格', 'Reference price'),
  matchedScenes: tx('对应场景', 'Scenes addressed'),
  matchedIndicators: tx('对应指标', 'Indicators addressed'),
  whyRecommended: tx('推荐理由', 'Why'),
  noRecommendations: tx(
    '服务产品目录中暂无与本企业薄弱场景或指标相匹配的产品。目录更新后平台将重新匹配；企业也可咨询数字化牵引单位或服务机构。',
    "No product in the service catalog matches this enterprise's weak scenes or indicators yet. The platform will match again when the catalog is updated; the enterprise can also ask a leading unit or a service institution.",
  ),

  // Section 7: comparison
  sectionComparison: tx('改造前后对比', 'Before and after transformation'),
  item: tx('项目', 'Item'),
  before: tx('改造前（诊断）', 'Before (diagnosis)'),
  after: tx('改造后（评估）', 'After (evaluation)'),
  change: tx('变化', 'Change'),
  level: tx('数字化水平等级', 'Digital level'),
  differentCatalogs: tx(
    '注意：前后两次评测采用的指标版本不同，对比仅供参考。',
    'Note: the two assessments use different indicator versions, so the comparison is indicative only.',
  ),
  beforeSource: tx('改造前依据', 'Before'),
  afterSource: tx('改造后依据', 'After'),

  // Footer
  page: tx('页', 'Page'),
  generatedAt: tx('生成时间', 'Generated'),
  footerNote: tx(
    '本报告结果由平台根据提交的评测答卷自动计算生成。',
    'The results are computed by the platform from the submitted assessment answers.',
  ),
  notAvailable: tx('—', '—'),
} satisfies Record<string, Text>;

export type LabelKey = keyof typeof LABELS;

export const MODE_LABELS = {
  self: tx('企业自诊断', 'Self-diagnosis by the enterprise'),
  institution: tx('服务机构诊断', 'Diagnosis by a service institution'),
  evaluation: tx('成效评估（综合型服务机构）', 'Effect evaluation by a comprehensive institution'),
} satisfies Record<string, Text>;

/** "第 2 / 5 页" / "Page 2 of 5". */
export const pageOf = (page: number, pages: number): Text => tx(`第 ${page} / ${pages} 页`, `Page ${page} of ${pages}`);

/** "距三级：" heading of the next-level box. */
export const nextLevelHeading = (name: Text): Text => tx(`晋级${name.zh}还需`, `To reach ${name.en}`);

/** The dashed target line of the scene chart. */
export const targetLine = (name: Text, sceneLevel: number): Text =>
  tx(`${name.zh}要求 L${sceneLevel}`, `${name.en} needs L${sceneLevel}`);

/** "改造前：企业自诊断，2025年3月12日提交，评测编号 …". */
export const sourceLine = (mode: Text, date: Text | null, id: string): Text =>
  date
    ? tx(`${mode.zh}，${date.zh}提交，评测编号 ${id}`, `${mode.en}, submitted on ${date.en}, assessment ID ${id}`)
    : tx(`${mode.zh}，评测编号 ${id}`, `${mode.en}, assessment ID ${id}`);

/** "：" in Chinese, ": " in English. */
export const colon = (locale: Locale): string => (locale === 'en' ? ': ' : '：');

/** The catalog with its version: "中小企业数字化水平评测指标（2024年版），版本 2024". */
export const catalogWithVersion = (name: Text, version: string): Text =>
  tx(`${name.zh}，版本 ${version}`, `${name.en}, version ${version}`);

export function label(key: LabelKey, locale: Locale): string {
  const text = LABELS[key];
  return locale === 'en' ? text.en : text.zh;
}
