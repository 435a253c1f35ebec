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
}

export const DEMO_PRODUCTS: DemoProduct[] = [
  { provider: 'heihu', name: '黑湖智造 MES 轻量版', nameEn: 'Blacklake MES Lite', summary: '工单报工、生产进度看板、质量检验记录，适合离散制造中小企业。', summaryEn: 'Work-order reporting, production dashboards and inspection records for discrete SMEs.', scenes: ['productionControl', 'quality', 'scheduling'], indicators: ['dataCollection', 'infoSystems'], priceFen: 9_800_000 },
  { provider: 'pangu', name: '盘古 WMS 仓储管理系统', nameEn: 'Pangu WMS', summary: '条码出入库、库位管理、与 ERP 集成。', summaryEn: 'Barcode inbound/outbound, bin management, ERP integration.', scenes: ['warehousing', 'purchasing'], indicators: ['infoSystems'], priceFen: 12_000_000 },
  { provider: 'telecom', name: '天翼 5G 工业专网套餐', nameEn: 'China Telecom 5G industrial private network', summary: '厂区 5G 覆盖与设备上云。', summaryEn: '5G coverage of the plant and equipment connectivity to the cloud.', scenes: ['equipment', 'energy'], indicators: ['equipment', 'security'], priceFen: 6_000_000 },
  { provider: 'huaweicloud', name: '华为云 ERP 一体化方案', nameEn: 'Huawei Cloud integrated ERP', summary: '销售、采购、财务一体化，业财融合。', summaryEn: 'Sales, purchasing and finance in one system.', scenes: ['finance', 'marketing', 'purchasing'], indicators: ['infoSystems', 'planning'], priceFen: 15_000_000 },
  { provider: 'inspur', name: '云洲设备管理与能耗监测平台', nameEn: 'Yunzhou equipment and energy monitoring', summary: '设备联网、OEE 统计、能耗实时采集。', summaryEn: 'Equipment connectivity, OEE and real-time energy data.', scenes: ['equipment', 'energy', 'safety'], indicators: ['equipment', 'dataCollection'], priceFen: 8_800_000 },
  { provider: 'zhiye', name: '知业协同办公与人事系统', nameEn: 'Zhiye collaboration and HR', summary: 'OA 审批、移动办公、考勤薪酬。', summaryEn: 'OA approvals, mobile office, attendance and payroll.', scenes: ['collaboration', 'hr', 'decision'], indicators: ['resources'], priceFen: 3_600_000 },
  { provider: 'vtech', name: '维拓 PLM 产品数据管理', nameEn: 'Weituo PLM', summary: '图纸、BOM、设计变更与工艺协同。', summaryEn: 'Drawings, BOM, design changes and process collaboration.', scenes: ['productDesign', 'processDesign'], indicators: ['infoSystems'], priceFen: 11_000_000 },
  { provider: 'chinasoft', name: '中软售后服务与客户管理平台', nameEn: 'Chinasoft after-sales and CRM', summary: '售后工单、客户档案、服务闭环。', summaryEn: 'After-sales tickets, customer records, closed-loop service.', scenes: ['afterSales', 'marketing'], indicators: ['infoSystems'], priceFen: 4_500_000 },
];
