/** The certified institutions and leading units named in the flowchart v2.0 (seed), with English names. */
export interface NamedOrg {
  key: string;
  name: string;
  nameEn: string;
  /**
   * 所属集团/上级单位, set only where the names show it: organisations of one group count as one party in the
   * evaluation conflict-of-interest rule (src/server/modules/evaluation/conflict.ts).
   */
  parentGroup?: string;
}

/** China Telecom's Zhongshan branch and its Guangdong planning and design institute. */
export const CHINA_TELECOM_GROUP = '中国电信集团有限公司';

export const COMPREHENSIVE_INSTITUTIONS: NamedOrg[] = [
  { key: 'caict', name: '中国信息通信研究院', nameEn: 'China Academy of Information and Communications Technology' },
  { key: 'ceprei', name: '工业和信息化部电子第五研究所', nameEn: 'China Electronic Product Reliability and Environmental Testing Research Institute (MIIT No. 5)' },
  { key: 'aii', name: '中国工业互联网研究院', nameEn: 'China Academy of Industrial Internet' },
  { key: 'ccid', name: '中国电子信息产业发展研究院', nameEn: 'China Center for Information Industry Development' },
  { key: 'cics', name: '国家工业信息安全发展研究中心', nameEn: 'China Industrial Control Systems Cyber Emergency Response Team' },
];

export const DIAGNOSTIC_INSTITUTIONS: NamedOrg[] = [
  { key: 'riamb', name: '北京机械工业自动化研究所有限公司', nameEn: 'Beijing Research Institute of Automation for Machinery Industry Co., Ltd.' },
  { key: 'gdtpri', name: '广东省电信规划设计院有限公司', nameEn: 'Guangdong Planning and Designing Institute of Telecommunications Co., Ltd.', parentGroup: CHINA_TELECOM_GROUP },
  { key: 'cqc', name: '中国质量认证中心有限公司', nameEn: 'China Quality Certification Centre Co., Ltd.' },
  { key: 'taier', name: '泰尔认证中心有限公司', nameEn: 'Telecommunication Terminal Test Technology (TAIER) Certification Center Co., Ltd.' },
];

export const LEADING_UNITS: NamedOrg[] = [
  { key: 'telecom', name: '中国电信股份有限公司中山分公司', nameEn: 'China Telecom Zhongshan Branch', parentGroup: CHINA_TELECOM_GROUP },
  { key: 'mobile', name: '中国移动通信集团广东有限公司中山分公司', nameEn: 'China Mobile Guangdong Zhongshan Branch' },
  { key: 'unicom', name: '中国联合网络通信有限公司中山分公司', nameEn: 'China Unicom Zhongshan Branch' },
  { key: 'huaweicloud', name: '华为云计算技术有限公司', nameEn: 'Huawei Cloud Computing Technologies Co., Ltd.' },
  { key: 'humi', name: '重庆忽米网络科技有限公司', nameEn: 'Chongqing Humi Network Technology Co., Ltd.' },
  { key: 'inspur', name: '浪潮云洲工业互联网有限公司', nameEn: 'Inspur Yunzhou Industrial Internet Co., Ltd.' },
  { key: 'elite', name: '广东伊莱特电器有限公司', nameEn: 'Guangdong Elite Electric Appliance Co., Ltd.' },
  { key: 'zedong', name: '中山泽东照明有限公司', nameEn: 'Zhongshan Zedong Lighting Co., Ltd.' },
  { key: 'juhao', name: '广东炬豪照明电器有限公司', nameEn: 'Guangdong Juhao Lighting Appliance Co., Ltd.' },
  { key: 'huilipu', name: '广东惠利普智能科技股份有限公司', nameEn: 'Guangdong Huilipu Intelligent Technology Co., Ltd.' },
  { key: 'fengxi', name: '中山市锋禧电子科技有限公司', nameEn: 'Zhongshan Fengxi Electronic Technology Co., Ltd.' },
  { key: 'heihu', name: '中山黑湖网络科技有限公司', nameEn: 'Zhongshan Blacklake Network Technology Co., Ltd.' },
  { key: 'vtech', name: '南京维拓科技股份有限公司', nameEn: 'Nanjing Weituo Technology Co., Ltd.' },
  { key: 'guzhen', name: '中山市古镇灯饰文化传播有限公司', nameEn: 'Zhongshan Guzhen Lighting Culture Communication Co., Ltd.' },
  { key: 'fengzi', name: '广东缝子产业投资集团有限公司', nameEn: 'Guangdong Fengzi Industrial Investment Group Co., Ltd.' },
  { key: 'zhiye', name: '广东知业科技有限公司', nameEn: 'Guangdong Zhiye Technology Co., Ltd.' },
  { key: 'chinasoft', name: '中山中软国际信息技术有限公司', nameEn: 'Zhongshan Chinasoft International Information Technology Co., Ltd.' },
  { key: 'pangu', name: '广东盘古信息科技股份有限公司', nameEn: 'Guangdong Pangu Information Technology Co., Ltd.' },
];
