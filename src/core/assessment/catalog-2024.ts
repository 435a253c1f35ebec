/**
 * 中小企业数字化水平评测指标（2024年版）— copied from the domain reference (assessment-2024.json) into code so
 * the platform never reads shared files at run time. Option labels and scene descriptions are short
 * paraphrases, not the official wording; English translations are ours.
 *
 * Our additions to the source data (all marked in the notes): explicit numeric band bounds, the catalog-wide
 * input codes (revenue is entered once and reused by funding and the market-efficiency questions), and the
 * two-year figures of the trend questions so their direction can be derived.
 */
import type { Text } from '../text';
import type { BandOption, Catalog, InputDef, Option, TrendOption } from './catalog-types';

const tx = (zh: string, en: string): Text => ({ zh, en });

const NONE: Option = { id: 'A', label: tx('无', 'None'), score: 0, exclusive: true };

/** The five percentage bands shared by the equipment and funding questions, with their points. */
function percentBands(scores: readonly [number, number, number, number, number]): BandOption[] {
  return [
    { id: 'A', label: tx('[0,10%]', '[0,10%]'), score: scores[0], band: { high: 10 } },
    { id: 'B', label: tx('(10%,20%]', '(10%,20%]'), score: scores[1], band: { lowExclusive: 10, high: 20 } },
    { id: 'C', label: tx('(20%,40%]', '(20%,40%]'), score: scores[2], band: { lowExclusive: 20, high: 40 } },
    { id: 'D', label: tx('(40%,60%]', '(40%,60%]'), score: scores[3], band: { lowExclusive: 40, high: 60 } },
    // Open-ended: a ratio above 100% (possible for funding only) also falls in the top band.
    { id: 'E', label: tx('(60%,100%]', '(60%,100%]'), score: scores[4], band: { lowExclusive: 60, high: null } },
  ];
}

const ROSE = tx('上升', 'Rose');
const FLAT = tx('持平', 'Unchanged');
const FELL = tx('下降', 'Fell');

/** Trend options where a fall is the improvement (energy, cost): A 上升 0, B 持平 half, C 下降 full. */
function lowerIsBetter(points: number): TrendOption[] {
  return [
    { id: 'A', label: ROSE, score: 0, direction: 'up' },
    { id: 'B', label: FLAT, score: points / 2, direction: 'flat' },
    { id: 'C', label: FELL, score: points, direction: 'down' },
  ];
}

/** Trend options where a rise is the improvement (pass rate, revenue per employee). */
function higherIsBetter(points: number): TrendOption[] {
  return [
    { id: 'A', label: FELL, score: 0, direction: 'down' },
    { id: 'B', label: FLAT, score: points / 2, direction: 'flat' },
    { id: 'C', label: ROSE, score: points, direction: 'up' },
  ];
}

const UNITS = tx('台/套', 'units/sets');
const TEN_K_YUAN = tx('万元', '10k yuan');

const INPUTS: InputDef[] = [
  { code: 'productionEquipment', label: tx('生产设备总数', 'Total production equipment'), unit: UNITS, integer: true },
  { code: 'digitalEquipment', label: tx('数字化设备数', 'Digital equipment'), unit: UNITS, integer: true },
  { code: 'networkedEquipment', label: tx('联网设备数', 'Networked equipment'), unit: UNITS, integer: true },
  {
    code: 'digitalSpend',
    label: tx('近三年年均数字化投入', 'Average annual digital investment over the last three years'),
    unit: tx('万元/年', '10k yuan per year'),
    integer: false,
  },
  { code: 'revenueLastYear', label: tx('上年营业收入', 'Operating revenue last year'), unit: TEN_K_YUAN, integer: false },
  {
    code: 'revenueYearBefore',
    label: tx('前年营业收入', 'Operating revenue the year before last'),
    unit: TEN_K_YUAN,
    integer: false,
  },
  { code: 'costLastYear', label: tx('上年营业成本', 'Operating cost last year'), unit: TEN_K_YUAN, integer: false },
  {
    code: 'costYearBefore',
    label: tx('前年营业成本', 'Operating cost the year before last'),
    unit: TEN_K_YUAN,
    integer: false,
  },
  { code: 'employeesLastYear', label: tx('上年从业人数', 'Employees last year'), unit: tx('人', 'persons'), integer: true },
  {
    code: 'employeesYearBefore',
    label: tx('前年从业人数', 'Employees the year before last'),
    unit: tx('人', 'persons'),
    integer: true,
  },
  {
    code: 'energyLastYear',
    label: tx('上年综合能耗', 'Comprehensive energy consumption last year'),
    unit: tx('吨标准煤', 'tonnes of standard coal equivalent'),
    integer: false,
  },
  {
    code: 'energyYearBefore',
    label: tx('前年综合能耗', 'Comprehensive energy consumption the year before last'),
    unit: tx('吨标准煤', 'tonnes of standard coal equivalent'),
    integer: false,
  },
  {
    code: 'passRateLastYear',
    label: tx('上年月均产品合格率', 'Average monthly product pass rate last year'),
    unit: tx('%', '%'),
    integer: false,
    max: 100,
  },
  {
    code: 'passRateYearBefore',
    label: tx('前年月均产品合格率', 'Average monthly product pass rate the year before last'),
    unit: tx('%', '%'),
    integer: false,
    max: 100,
  },
];

export const catalog2024: Catalog = {
  version: '2024',
  name: tx('中小企业数字化水平评测指标（2024年版）', 'SME Digital Level Assessment Indicators (2024 edition)'),
  issuer: tx(
    '工业和信息化部办公厅 工信厅企业〔2024〕56号',
    'General Office of the Ministry of Industry and Information Technology, Gongxinting Qiye [2024] No. 56',
  ),
  issuedOn: '2024-09-04',
  provenance: tx(
    '结构与分值依据两个相互印证的第三方实现整理，待与官方文件核对；选项与场景描述为简述，非官方原文；佐证材料为常见做法的归纳。区间数值边界、共用输入项及趋势题的两年数据为平台补充。',
    'Structure and scores re-keyed from two independent third-party implementations that agree; to be checked against the official document. Option labels and scene descriptions are short paraphrases, not the official wording; suggested evidence summarises common practice. Numeric band bounds, shared inputs and the two-year figures of trend questions are platform additions.',
  ),
  scoredTotal: 100,
  inputs: INPUTS,
  dimensions: [
    {
      code: 'foundation',
      name: tx('数字化基础', 'Digital foundation'),
      points: 50,
      indicators: [
        {
          code: 'equipment',
          name: tx('设备系统', 'Equipment and systems'),
          points: 20,
          questions: [
            {
              code: 'network',
              name: tx('网络建设', 'Network infrastructure'),
              points: 8,
              type: 'multi',
              options: [
                NONE,
                { id: 'B', label: tx('工业控制网络', 'Industrial control network'), score: 2 },
                {
                  id: 'C',
                  label: tx(
                    '应用系统网络（大规模设备、人员、系统互联）',
                    'Application system network (large-scale interconnection of equipment, people and systems)',
                  ),
                  score: 2,
                },
                { id: 'D', label: tx('5G 工业网络（自建或租用）', '5G industrial network (self-built or leased)'), score: 2 },
                {
                  id: 'E',
                  label: tx('网络全面覆盖生产现场且可扩展', 'Network fully covers the production site and is extensible'),
                  score: 2,
                },
              ],
              evidence: [
                tx('网络拓扑图或网络建设方案', 'Network topology diagram or network construction plan'),
                tx('工控网络架构说明', 'Description of the industrial control network architecture'),
                tx('5G 网络建设或租用合同', '5G network construction or lease contract'),
              ],
            },
            {
              code: 'equipmentDigitalRate',
              name: tx('生产设备数字化率', 'Digitalisation rate of production equipment'),
              points: 6,
              type: 'band',
              inputs: ['productionEquipment', 'digitalEquipment'],
              ratio: {
                numerator: 'digitalEquipment',
                denominator: 'productionEquipment',
                label: tx('数字化设备比例', 'share of digital equipment'),
                partOfWhole: true,
              },
              options: percentBands([0, 1.5, 3, 4.5, 6]),
              evidence: [tx('生产设备清单（标明数字化设备）', 'List of production equipment (digital equipment marked)')],
            },
            {
              code: 'equipmentNetworkedRate',
              name: tx('生产设备联网率', 'Networking rate of production equipment'),
              points: 6,
              type: 'band',
              inputs: ['productionEquipment', 'networkedEquipment'],
              ratio: {
                numerator: 'networkedEquipment',
                denominator: 'productionEquipment',
                label: tx('联网设备比例', 'share of networked equipment'),
                partOfWhole: true,
              },
              options: percentBands([0, 1.5, 3, 4.5, 6]),
              evidence: [
                tx('生产设备清单（标明联网设备）', 'List of production equipment (networked equipment marked)'),
                tx('设备接入平台界面截图', 'Screenshots of the equipment connection platform'),
              ],
            },
          ],
        },
        {
          code: 'dataCollection',
          name: tx('数据采集', 'Data collection'),
          points: 10,
          questions: [
            {
              code: 'autoCollectionCoverage',
              name: tx('数据自动采集覆盖的业务环节', 'Business processes covered by automatic data collection'),
              points: 10,
              type: 'multi',
              options: [
                NONE,
                { id: 'B', label: tx('产品设计', 'Product design'), score: 0.7 },
                { id: 'C', label: tx('工艺设计', 'Process design'), score: 0.7 },
                { id: 'D', label: tx('营销管理', 'Marketing and sales management'), score: 0.7 },
                { id: 'E', label: tx('售后服务', 'After-sales service'), score: 0.7 },
                { id: 'F', label: tx('计划排程', 'Planning and scheduling'), score: 0.7 },
                { id: 'G', label: tx('生产管控', 'Production control'), score: 0.7 },
                { id: 'H', label: tx('质量管理', 'Quality management'), score: 0.7 },
                { id: 'I', label: tx('设备管理', 'Equipment management'), score: 0.7 },
                { id: 'J', label: tx('安全生产', 'Production safety'), score: 0.7 },
                { id: 'K', label: tx('能耗管理', 'Energy management'), score: 0.7 },
                { id: 'L', label: tx('采购管理', 'Purchasing management'), score: 0.7 },
                { id: 'M', label: tx('仓储物流', 'Warehousing and logistics'), score: 0.7 },
                { id: 'N', label: tx('财务管理', 'Financial management'), score: 0.7 },
                { id: 'O', label: tx('人力资源', 'Human resources'), score: 0.9 },
              ],
              evidence: [
                tx(
                  '各业务环节系统或数据采集平台截图',
                  'Screenshots of the systems or data collection platform for each business process',
                ),
              ],
            },
          ],
        },
        {
          code: 'infoSystems',
          name: tx('信息系统', 'Information systems'),
          points: 10,
          questions: [
            {
              code: 'systemCoverage',
              name: tx(
                '本地或云化信息系统覆盖的业务环节',
                'Business processes covered by on-premises or cloud information systems',
              ),
              points: 10,
              type: 'single',
              options: [
                { id: 'A', label: tx('无', 'None'), score: 0 },
                { id: 'B', label: tx('覆盖单个环节', 'Covers a single process'), score: 2.5 },
                { id: 'C', label: tx('覆盖多个（两个及以上）环节', 'Covers several (two or more) processes'), score: 5 },
                { id: 'D', label: tx('覆盖绝大部分（80%以上）环节', 'Covers most (over 80%) processes'), score: 7.5 },
                { id: 'E', label: tx('全部环节', 'Covers all processes'), score: 10 },
              ],
              evidence: [
                tx('信息系统清单', 'List of information systems'),
                tx('系统部署说明', 'Description of system deployment'),
              ],
            },
          ],
        },
        {
          code: 'security',
          name: tx('信息安全', 'Information security'),
          points: 10,
          questions: [
            {
              code: 'networkSecurity',
              name: tx('网络安全', 'Network security'),
              points: 5,
              type: 'multi',
              options: [
                NONE,
                { id: 'B', label: tx('有网络安全管理制度', 'Has a network security management policy'), score: 1.25 },
                {
                  id: 'C',
                  label: tx(
                    '使用网络安全产品或服务（防火墙、入侵检测、身份认证等）',
                    'Uses network security products or services (firewall, intrusion detection, identity authentication, etc.)',
                  ),
                  score: 1.25,
                },
                {
                  id: 'D',
                  label: tx(
                    '开展网络安全风险评估（自评或委托）',
                    'Carries out network security risk assessments (self-assessed or commissioned)',
                  ),
                  score: 1.25,
                },
                {
                  id: 'E',
                  label: tx(
                    '边界访问控制并能检测入侵和恶意代码',
                    'Controls boundary access and detects intrusions and malicious code',
                  ),
                  score: 1.25,
                },
              ],
              evidence: [
                tx('网络安全管理制度', 'Network security management policy'),
                tx(
                  '防火墙等安全设备或管理后台截图',
                  'Screenshots of firewalls or other security devices or their management consoles',
                ),
                tx('网络安全风险评估报告', 'Network security risk assessment report'),
              ],
            },
            {
              code: 'dataSecurity',
              name: tx('数据安全', 'Data security'),
              points: 5,
              type: 'multi',
              options: [
                NONE,
                { id: 'B', label: tx('有数据安全管理制度', 'Has a data security management policy'), score: 1.25 },
                {
                  id: 'C',
                  label: tx(
                    '使用数据安全产品或服务（加密、备份、脱敏、分级分类）',
                    'Uses data security products or services (encryption, backup, masking, classification and grading)',
                  ),
                  score: 1.25,
                },
                { id: 'D', label: tx('开展数据安全风险评估', 'Carries out data security risk assessments'), score: 1.25 },
                {
                  id: 'E',
                  label: tx(
                    '建立数据台账并定期核验安全能力',
                    'Keeps a data inventory and regularly verifies its security capabilities',
                  ),
                  score: 1.25,
                },
              ],
              evidence: [
                tx('数据安全管理制度', 'Data security management policy'),
                tx('备份、加密等平台截图', 'Screenshots of backup, encryption or similar platforms'),
                tx('数据安全风险评估报告', 'Data security risk assessment report'),
                tx('数据台账', 'Data inventory'),
              ],
            },
          ],
        },
      ],
    },
    {
      code: 'management',
      name: tx('数字化管理', 'Digital management'),
      points: 30,
      indicators: [
        {
          code: 'planning',
          name: tx('规划管理', 'Planning management'),
          points: 15,
          questions: [
            {
              code: 'planImplementation',
              name: tx('规划实施', 'Planning and implementation'),
              points: 7.5,
              type: 'single',
              options: [
                { id: 'A', label: tx('尚无规划', 'No plan yet'), score: 0 },
                { id: 'B', label: tx('主动了解数字化转型', 'Actively learning about digital transformation'), score: 1.5 },
                { id: 'C', label: tx('已制定规划并有保障措施', 'Plan drawn up with supporting measures'), score: 3 },
                {
                  id: 'D',
                  label: tx('已开展单点或多点改造', 'Single-point or multi-point upgrades carried out'),
                  score: 4.5,
                },
                {
                  id: 'E',
                  label: tx(
                    '业务或决策模式已改变并取得成效',
                    'Business or decision-making model has changed, with results achieved',
                  ),
                  score: 6,
                },
                {
                  id: 'F',
                  label: tx('能对外输出或交流数字化转型经验', 'Able to share or export digital transformation experience'),
                  score: 7.5,
                  note: tx('各来源对该选项的表述不一致', 'Sources disagree on the wording of this top option'),
                },
              ],
              evidence: [
                tx('数字化规划或计划文件', 'Digital transformation plan or programme documents'),
                tx('改造合同或项目文档', 'Upgrade contracts or project documents'),
                tx('成果案例或交流记录', 'Case studies of results or records of experience-sharing'),
              ],
            },
            {
              code: 'mechanisms',
              name: tx('管理机制', 'Management mechanisms'),
              points: 7.5,
              type: 'multi',
              options: [
                NONE,
                { id: 'B', label: tx('有数字化实施工作流程', 'Has a workflow for implementing digitalisation'), score: 1.875 },
                {
                  id: 'C',
                  label: tx('有信息系统建设与运维制度', 'Has policies for building and operating information systems'),
                  score: 1.875,
                },
                { id: 'D', label: tx('有数据资源管理制度', 'Has a data resource management policy'), score: 1.875 },
                { id: 'E', label: tx('有数字化创新激励制度', 'Has an incentive scheme for digital innovation'), score: 1.875 },
              ],
              evidence: [tx('所选各项制度文件', 'The policy document for each option selected')],
            },
          ],
        },
        {
          code: 'resources',
          name: tx('要素保障', 'Resource support'),
          points: 15,
          questions: [
            {
              code: 'talent',
              name: tx('人才建设', 'Talent development'),
              points: 7.5,
              type: 'multi',
              options: [
                NONE,
                { id: 'B', label: tx('有专职或兼职数字化人员', 'Has full-time or part-time digital staff'), score: 1.5 },
                { id: 'C', label: tx('设有专门岗位或部门', 'Has dedicated posts or a dedicated department'), score: 1.5 },
                { id: 'D', label: tx('定期开展数字化培训', 'Provides regular digital training'), score: 1.5 },
                { id: 'E', label: tx('有数字化绩效与薪酬机制', 'Has digital performance and pay mechanisms'), score: 1.5 },
                { id: 'F', label: tx('有梯度化人才培养', 'Has tiered talent development'), score: 1.5 },
              ],
              evidence: [
                tx('组织架构图（标明数字化岗位或部门）', 'Organisation chart (digital posts or department marked)'),
                tx('培训签到表或照片', 'Training attendance sheets or photos'),
                tx('数字化人才绩效、薪酬或培育制度', 'Performance, pay or development policies for digital talent'),
              ],
            },
            {
              code: 'funding',
              name: tx(
                '资金保障（近三年数字化投入占营业收入比例）',
                'Funding (digital investment over the last three years as a share of operating revenue)',
              ),
              points: 7.5,
              type: 'band',
              inputs: ['digitalSpend', 'revenueLastYear'],
              ratio: {
                numerator: 'digitalSpend',
                denominator: 'revenueLastYear',
                label: tx('数字化投入占营业收入比例', 'digital investment as a share of operating revenue'),
                partOfWhole: false,
              },
              options: percentBands([0, 1.875, 3.75, 5.625, 7.5]),
              note: tx(
                '与设备类题目使用相同的五个百分比区间；填写近三年年均数字化投入（万元/年）；营业收入与市场效益题共用。',
                'Same five percentage bands as the equipment questions; enter the average annual digital investment over the last three years (10k yuan per year); operating revenue is shared with the market-performance questions.',
              ),
              evidence: [
                tx('财务报表中的数字化投入科目', 'Digital investment accounts in the financial statements'),
                tx('数字化投入与营业收入计算表', 'Calculation sheet of digital investment against operating revenue'),
              ],
            },
          ],
        },
      ],
    },
    {
      code: 'outcomes',
      name: tx('数字化成效', 'Digital outcomes'),
      points: 20,
      indicators: [
        {
          code: 'green',
          name: tx('绿色低碳', 'Green and low-carbon'),
          points: 7,
          questions: [
            {
              code: 'energyPerRevenue',
              name: tx(
                '每百元营业收入综合能耗（上年对比前年）',
                'Comprehensive energy consumption per 100 yuan of operating revenue (last year vs. the year before)',
              ),
              points: 7,
              type: 'trend',
              better: 'down',
              inputs: ['energyLastYear', 'energyYearBefore', 'revenueLastYear', 'revenueYearBefore'],
              figures: {
                lastYear: { numerator: 'energyLastYear', denominator: 'revenueLastYear' },
                yearBefore: { numerator: 'energyYearBefore', denominator: 'revenueYearBefore' },
              },
              options: lowerIsBetter(7),
              evidence: [
                tx('能源管理系统截图', 'Screenshots of the energy management system'),
                tx('综合能源消费统计数据', 'Comprehensive energy consumption statistics'),
              ],
            },
          ],
        },
        {
          code: 'quality',
          name: tx('产品质量', 'Product quality'),
          points: 7,
          questions: [
            {
              code: 'passRate',
              name: tx('月均产品合格率（对比）', 'Average monthly product pass rate (comparison)'),
              points: 7,
              type: 'trend',
              better: 'up',
              inputs: ['passRateLastYear', 'passRateYearBefore'],
              figures: {
                lastYear: { numerator: 'passRateLastYear' },
                yearBefore: { numerator: 'passRateYearBefore' },
              },
              options: higherIsBetter(7),
              note: tx('对比上年与前年的月均合格率。', 'Compares the average monthly pass rate of last year with the year before.'),
              evidence: [
                tx('产品合格率统计报表', 'Product pass rate statistics reports'),
                tx('质量管理系统截图', 'Screenshots of the quality management system'),
              ],
            },
          ],
        },
        {
          code: 'market',
          name: tx('市场效益', 'Market performance'),
          points: 6,
          questions: [
            {
              code: 'revenuePerEmployee',
              name: tx('人均营业收入（上年对比前年）', 'Operating revenue per employee (last year vs. the year before)'),
              points: 3,
              type: 'trend',
              better: 'up',
              inputs: ['revenueLastYear', 'revenueYearBefore', 'employeesLastYear', 'employeesYearBefore'],
              figures: {
                lastYear: { numerator: 'revenueLastYear', denominator: 'employeesLastYear' },
                yearBefore: { numerator: 'revenueYearBefore', denominator: 'employeesYearBefore' },
              },
              options: higherIsBetter(3),
              evidence: [
                tx('从业人数证明（如社保缴纳记录）', 'Proof of headcount (e.g. social insurance payment records)'),
                tx('两年营业收入财务数据', 'Financial data on operating revenue for the two years'),
              ],
            },
            {
              code: 'costPerRevenue',
              name: tx(
                '每百元营业收入成本（上年对比前年）',
                'Cost per 100 yuan of operating revenue (last year vs. the year before)',
              ),
              points: 3,
              type: 'trend',
              better: 'down',
              inputs: ['costLastYear', 'costYearBefore', 'revenueLastYear', 'revenueYearBefore'],
              figures: {
                lastYear: { numerator: 'costLastYear', denominator: 'revenueLastYear' },
                yearBefore: { numerator: 'costYearBefore', denominator: 'revenueYearBefore' },
              },
              options: lowerIsBetter(3),
              evidence: [
                tx('成本明细表', 'Cost breakdown'),
                tx('两年财务数据对比', 'Comparison of financial data for the two years'),
              ],
            },
          ],
        },
      ],
    },
  ],
  sceneGroups: [
    {
      code: 'productLifecycle',
      name: tx('产品生命周期数字化', 'Digital product lifecycle'),
      scenes: [
        {
          code: 'productDesign',
          name: tx('产品设计', 'Product design'),
          constraint: true,
          levels: [
            tx('使用 CAD/CAE/EDA 等设计工具', 'Uses design tools such as CAD/CAE/EDA'),
            tx('设计系统管理 BOM、版本与变更', 'A design system manages BOMs, versions and changes'),
            tx(
              '建立标准件库与设计知识库，设计与工艺协同',
              'Standard-part library and design knowledge base; design and process engineering collaborate',
            ),
            tx('基于仿真验证设计，与供应链协同设计', 'Designs validated by simulation; collaborative design with the supply chain'),
          ],
        },
        {
          code: 'processDesign',
          name: tx('工艺设计', 'Process design'),
          constraint: false,
          levels: [
            tx('使用 CAM/CAPP 等工艺工具', 'Uses process tools such as CAM/CAPP'),
            tx('系统管理工艺数据（如 MBOM）', 'Process data (e.g. MBOM) managed in a system'),
            tx('工艺知识库，工艺与生产数据互通', 'Process knowledge base; process and production data interconnected'),
            tx('基于数据模型与三维仿真优化工艺', 'Processes optimised with data models and 3D simulation'),
          ],
        },
        {
          code: 'marketing',
          name: tx('营销管理', 'Marketing and sales management'),
          constraint: true,
          levels: [
            tx('用表格或网盘记录销售', 'Sales recorded in spreadsheets or cloud drives'),
            tx('使用销售管理系统', 'Uses a sales management system'),
            tx('实时管控并与生产、库存、财务集成', 'Real-time control, integrated with production, inventory and finance'),
            tx('AI 预测驱动采购与生产计划', 'AI forecasts drive purchasing and production planning'),
          ],
        },
        {
          code: 'afterSales',
          name: tx('售后服务', 'After-sales service'),
          constraint: false,
          levels: [
            tx('小程序或 App 受理售后', 'After-sales requests handled through a mini-program or app'),
            tx('售后系统与设计、生产、销售共享数据', 'The after-sales system shares data with design, production and sales'),
            tx(
              '问题清单快速响应并反馈设计、工艺',
              'Rapid response to issue lists, with feedback to design and process engineering',
            ),
            tx('远程运维、主动服务等精细化服务', 'Refined services such as remote maintenance and proactive service'),
          ],
        },
      ],
    },
    {
      code: 'productionExecution',
      name: tx('生产执行数字化', 'Digital production execution'),
      scenes: [
        {
          code: 'scheduling',
          name: tx('计划排程', 'Planning and scheduling'),
          constraint: false,
          levels: [
            tx('工具辅助人工排产', 'Manual scheduling assisted by tools'),
            tx('系统辅助排产并检查齐套', 'System-assisted scheduling with material-kit checks'),
            tx('多约束条件下自动排产', 'Automatic scheduling under multiple constraints'),
            tx('AI/APS 动态排产', 'Dynamic scheduling with AI/APS'),
          ],
        },
        {
          code: 'productionControl',
          name: tx('生产管控', 'Production control'),
          constraint: true,
          levels: [
            tx('工具辅助记录工单', 'Work orders recorded with tool support'),
            tx('系统跟踪工单', 'Work orders tracked in a system'),
            tx(
              '采集工单与工艺参数并系统集成',
              'Work-order and process-parameter data collected and integrated across systems',
            ),
            tx('AI 监控、预警与闭环控制', 'AI monitoring, early warning and closed-loop control'),
          ],
        },
        {
          code: 'quality',
          name: tx('质量管理', 'Quality management'),
          constraint: true,
          levels: [
            tx('工具辅助记录质量', 'Quality recorded with tool support'),
            tx('质量数据数字化、流程标准化', 'Quality data digitised and processes standardised'),
            tx(
              '关键工序自动检测报警或全流程追溯',
              'Automatic inspection and alarms at key operations, or end-to-end traceability',
            ),
            tx(
              '视觉质检、产业链质量协同、缺陷预测',
              'Machine-vision inspection, quality collaboration along the industrial chain, defect prediction',
            ),
          ],
        },
        {
          code: 'equipment',
          name: tx('设备管理', 'Equipment management'),
          constraint: true,
          levels: [
            tx('人工巡检与设备台账', 'Manual inspection rounds and an equipment ledger'),
            tx('系统管理维保计划', 'Maintenance plans managed in a system'),
            tx(
              '实时采集参数、故障分析、远程诊断、OEE',
              'Real-time parameter collection, fault analysis, remote diagnosis, OEE',
            ),
            tx('预测性维护与故障知识库', 'Predictive maintenance and a fault knowledge base'),
          ],
        },
        {
          code: 'safety',
          name: tx('安全生产', 'Production safety'),
          constraint: true,
          levels: [
            tx('工具辅助安全管理', 'Safety managed with tool support'),
            tx('在线监测危险源', 'Online monitoring of hazard sources'),
            tx(
              '危废全流程信息化、实时报警与应急预案',
              'End-to-end digital tracking of hazardous waste, real-time alarms and emergency plans',
            ),
            tx('基于模型的预测性安全管理', 'Model-based predictive safety management'),
          ],
        },
        {
          code: 'energy',
          name: tx('能耗管理', 'Energy management'),
          constraint: true,
          levels: [
            tx('人工记录能耗', 'Energy use recorded manually'),
            tx('能耗数据系统统计', 'Energy data compiled in a system'),
            tx('实时采集并跨部门优化', 'Real-time collection and cross-department optimisation'),
            tx('能耗模型预测与优化调度', 'Energy models for forecasting and optimised dispatch'),
          ],
        },
      ],
    },
    {
      code: 'supplyChain',
      name: tx('供应链数字化', 'Digital supply chain'),
      scenes: [
        {
          code: 'purchasing',
          name: tx('采购管理', 'Purchasing management'),
          constraint: true,
          levels: [
            tx('工具辅助采购', 'Purchasing with tool support'),
            tx('使用采购系统', 'Uses a purchasing system'),
            tx(
              '供应商、询价、计划、执行全流程并与生产、仓储、财务集成',
              'Full process (suppliers, inquiries, planning, execution) integrated with production, warehousing and finance',
            ),
            tx('AI 供应链风险预警', 'AI early warning of supply-chain risks'),
          ],
        },
        {
          code: 'warehousing',
          name: tx('仓储物流', 'Warehousing and logistics'),
          constraint: true,
          levels: [
            tx('工具辅助仓储', 'Warehousing with tool support'),
            tx('使用仓储管理系统', 'Uses a warehouse management system'),
            tx('与生产、采购、财务集成', 'Integrated with production, purchasing and finance'),
            tx('智能仓储与物流', 'Smart warehousing and logistics'),
          ],
        },
      ],
    },
    {
      code: 'managementDecision',
      name: tx('管理决策数字化', 'Digital management and decision-making'),
      scenes: [
        {
          code: 'finance',
          name: tx('财务管理', 'Financial management'),
          constraint: true,
          levels: [
            tx('基础账务与报表', 'Basic bookkeeping and reports'),
            tx('财务模块集成', 'Integrated finance modules'),
            tx('业财一体化与管理会计', 'Integrated business and finance, with management accounting'),
            tx('智能化、预测型财务', 'Intelligent, predictive finance'),
          ],
        },
        {
          code: 'hr',
          name: tx('人力资源', 'Human resources'),
          constraint: false,
          levels: [
            tx('工具辅助人事', 'HR administration with tool support'),
            tx('考勤薪酬系统', 'Attendance and payroll system'),
            tx('人力资源分析', 'HR analytics'),
            tx('AI 人才管理', 'AI talent management'),
          ],
        },
        {
          code: 'collaboration',
          name: tx('协同办公', 'Office collaboration'),
          constraint: false,
          levels: [
            tx('邮件与文件共享', 'Email and file sharing'),
            tx('OA 审批流程', 'OA approval workflows'),
            tx('OA 与业务系统集成、移动办公', 'OA integrated with business systems; mobile working'),
            tx('AI 辅助协同', 'AI-assisted collaboration'),
          ],
        },
        {
          code: 'decision',
          name: tx('决策支持', 'Decision support'),
          constraint: false,
          levels: [
            tx('基础数据统计', 'Basic data statistics'),
            tx('BI 与可视化', 'BI and visualisation'),
            tx('面向场景的数据驱动仿真', 'Scenario-oriented, data-driven simulation'),
            tx('AI 预测与决策模型', 'AI forecasting and decision models'),
          ],
        },
      ],
    },
  ],
  sceneLevelNames: [
    tx('L0 未开展', 'L0 Not started'),
    tx('L1', 'L1'),
    tx('L2', 'L2'),
    tx('L3', 'L3'),
    tx('L4', 'L4'),
  ],
  sceneEvidenceByLevel: [
    tx('工具使用截图或台账', 'Screenshots of tool use, or ledgers'),
    tx('信息系统截图与规范化流程文件', 'Information system screenshots and standardised process documents'),
    tx('系统集成、数据采集或跨部门共享记录', 'Records of system integration, data collection or cross-department sharing'),
    tx('模型、算法或智能系统的说明与运行记录', 'Descriptions and operating records of models, algorithms or intelligent systems'),
  ],
  levelRules: [
    { level: 1, name: tx('一级', 'Level 1'), minBase: 20, minScenesAtLevel: 6, sceneLevel: 1, minConstraintScenes: 3 },
    { level: 2, name: tx('二级', 'Level 2'), minBase: 40, minScenesAtLevel: 6, sceneLevel: 2, minConstraintScenes: 3 },
    { level: 3, name: tx('三级', 'Level 3'), minBase: 60, minScenesAtLevel: 8, sceneLevel: 3, minConstraintScenes: 5 },
    { level: 4, name: tx('四级', 'Level 4'), minBase: 80, minScenesAtLevel: 10, sceneLevel: 4, minConstraintScenes: 6 },
  ],
  belowLevelName: tx('未达一级', 'Below Level 1'),
  scoringRules: [
    tx('单选、区间、趋势题：取所选选项的分值', 'Single-choice, band and trend questions: the score of the chosen option'),
    tx(
      '多选题：所选选项分值之和，不超过该题分值；“无”不能与其他选项同时选择',
      'Multiple-choice questions: the sum of the chosen options, capped at the question’s points; “None” cannot be combined with other options',
    ),
    tx(
      '区间题：填写了数据时，区间由数据计算得出；所选区间与数据不符视为填写错误',
      'Band questions: when the figures are entered, the band follows from them; a chosen band that contradicts them is an input error',
    ),
    tx(
      '趋势题：填写了两年数据时，变化方向由数据得出',
      'Trend questions: when both years’ figures are entered, the direction follows from them',
    ),
  ],
};
