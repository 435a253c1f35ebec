/**
 * Demo catalog products of providers named in the seed, tagged with the assessment scenes and
 * indicators they address (so that report recommendations have something to show).
 */
export interface DemoProduct {
  provider: string;
  name: string;
  nameEn: string;
  summary: string;
  summaryEn: string;
  scenes: string[];
  indicators: string[];
  priceFen: number;
  /** The price range (fen) and the other catalog fields a provider fills in. */
  priceMinFen: number;
  priceMaxFen: number;
  industries: string[];
  deliveryDays: number;
  description: string;
  references: string;
}

export const DEMO_PRODUCTS: DemoProduct[] = [
  { provider: 'heihu', name: '黑湖智造 MES 轻量版', nameEn: 'Blacklake MES Lite', summary: '工单报工、生产进度看板、质量检验记录，适合离散制造中小企业。', summaryEn: 'Work-order reporting, production dashboards and inspection records for discrete SMEs.', scenes: ['productionControl', 'quality', 'scheduling'], indicators: ['dataCollection', 'infoSystems'], priceFen: 9_800_000, priceMinFen: 6_000_000, priceMaxFen: 15_000_000, industries: ['33', '34', '38', '39', '40'], deliveryDays: 30, description: '小：按工位订阅；快：两周上线报工；轻：手机扫码报工，无需改造产线；准：聚焦离散制造的进度不透明和质量追溯。', references: '某五金企业：报工及时率由 60% 提升到 98%。' },
  { provider: 'pangu', name: '盘古 WMS 仓储管理系统', nameEn: 'Pangu WMS', summary: '条码出入库、库位管理、与 ERP 集成。', summaryEn: 'Barcode inbound/outbound, bin management, ERP integration.', scenes: ['warehousing', 'purchasing'], indicators: ['infoSystems'], priceFen: 12_000_000, priceMinFen: 8_000_000, priceMaxFen: 18_000_000, industries: [], deliveryDays: 45, description: '小：按仓库规模计费；快：一个月上线；轻：PDA 扫码出入库；准：解决账实不符和找货难。', references: '某灯饰企业：库存准确率提升到 99.5%。' },
  { provider: 'telecom', name: '天翼 5G 工业专网套餐', nameEn: 'China Telecom 5G industrial private network', summary: '厂区 5G 覆盖与设备上云。', summaryEn: '5G coverage of the plant and equipment connectivity to the cloud.', scenes: ['equipment', 'energy'], indicators: ['equipment', 'security'], priceFen: 6_000_000, priceMinFen: 4_000_000, priceMaxFen: 10_000_000, industries: [], deliveryDays: 30, description: '小：按套餐订购；快：两周开通；轻：运营商建设维护，企业免运维；准：解决厂区无线覆盖差和设备联网难。', references: '某电子企业：厂区 5G 全覆盖，AGV 调度时延低于 20 毫秒。' },
  { provider: 'huaweicloud', name: '华为云 ERP 一体化方案', nameEn: 'Huawei Cloud integrated ERP', summary: '销售、采购、财务一体化，业财融合。', summaryEn: 'Sales, purchasing and finance in one system.', scenes: ['finance', 'marketing', 'purchasing'], indicators: ['infoSystems', 'planning'], priceFen: 15_000_000, priceMinFen: 10_000_000, priceMaxFen: 20_000_000, industries: [], deliveryDays: 60, description: '小：按模块订阅，先上销售与财务；快：标准实施两个月上线；轻：公有云部署，无需自建机房；准：解决业财数据两张皮。', references: '中山某灯饰企业：订单到回款全流程在线，月结时间由 5 天缩短到 1 天。' },
  { provider: 'inspur', name: '云洲设备管理与能耗监测平台', nameEn: 'Yunzhou equipment and energy monitoring', summary: '设备联网、OEE 统计、能耗实时采集。', summaryEn: 'Equipment connectivity, OEE and real-time energy data.', scenes: ['equipment', 'energy', 'safety'], indicators: ['equipment', 'dataCollection'], priceFen: 8_800_000, priceMinFen: 5_000_000, priceMaxFen: 12_000_000, industries: ['33', '34', '38'], deliveryDays: 45, description: '小：按设备台数计费；快：网关即插即用，一周采集上数；轻：边缘网关加云平台；准：聚焦设备停机和能耗浪费。', references: '某五金制品企业：120 台设备联网，OEE 提升 8 个百分点。' },
  { provider: 'zhiye', name: '知业协同办公与人事系统', nameEn: 'Zhiye collaboration and HR', summary: 'OA 审批、移动办公、考勤薪酬。', summaryEn: 'OA approvals, mobile office, attendance and payroll.', scenes: ['collaboration', 'hr', 'decision'], indicators: ['resources'], priceFen: 3_600_000, priceMinFen: 2_000_000, priceMaxFen: 5_000_000, industries: [], deliveryDays: 20, description: '小：按人数订阅；快：一周开通；轻：手机即可审批打卡；准：解决纸质审批慢、考勤薪酬手工算。', references: '某服装企业 300 人：审批平均用时由 2 天降到 4 小时。' },
  { provider: 'vtech', name: '维拓 PLM 产品数据管理', nameEn: 'Weituo PLM', summary: '图纸、BOM、设计变更与工艺协同。', summaryEn: 'Drawings, BOM, design changes and process collaboration.', scenes: ['productDesign', 'processDesign'], indicators: ['infoSystems'], priceFen: 11_000_000, priceMinFen: 8_000_000, priceMaxFen: 15_000_000, industries: ['34', '35', '38', '39'], deliveryDays: 60, description: '小：按设计席位计费；快：模板化导入图纸和 BOM；轻：与主流 CAD 集成；准：解决图纸版本混乱和设计变更不同步。', references: '某家电配件企业：设计变更传递时间缩短 70%。' },
  { provider: 'chinasoft', name: '中软售后服务与客户管理平台', nameEn: 'Chinasoft after-sales and CRM', summary: '售后工单、客户档案、服务闭环。', summaryEn: 'After-sales tickets, customer records, closed-loop service.', scenes: ['afterSales', 'marketing'], indicators: ['infoSystems'], priceFen: 4_500_000, priceMinFen: 3_000_000, priceMaxFen: 6_000_000, industries: [], deliveryDays: 30, description: '小：按坐席订阅；快：两周上线；轻：微信小程序报修；准：售后工单闭环与客户回访。', references: '某家电企业：售后工单平均处理时长缩短 40%。' },
];
