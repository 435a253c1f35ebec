/** Manufacturing (section C) divisions 13–43 of 国民经济行业分类 GB/T 4754-2017. */
import { t, type Locale, type Text } from '../text';

export interface IndustryDef {
  /** Two-digit division code, '13' … '43'. */
  code: string;
  name: Text;
}

export const INDUSTRIES = [
  { code: '13', name: { zh: '农副食品加工业', en: 'Processing of food from agricultural products' } },
  { code: '14', name: { zh: '食品制造业', en: 'Manufacture of foods' } },
  { code: '15', name: { zh: '酒、饮料和精制茶制造业', en: 'Manufacture of liquor, beverages and refined tea' } },
  { code: '16', name: { zh: '烟草制品业', en: 'Manufacture of tobacco products' } },
  { code: '17', name: { zh: '纺织业', en: 'Manufacture of textiles' } },
  { code: '18', name: { zh: '纺织服装、服饰业', en: 'Manufacture of textile garments and apparel' } },
  {
    code: '19',
    name: {
      zh: '皮革、毛皮、羽毛及其制品和制鞋业',
      en: 'Manufacture of leather, fur, feathers and related products, and footwear',
    },
  },
  {
    code: '20',
    name: {
      zh: '木材加工和木、竹、藤、棕、草制品业',
      en: 'Processing of timber; manufacture of wood, bamboo, rattan, palm and straw products',
    },
  },
  { code: '21', name: { zh: '家具制造业', en: 'Manufacture of furniture' } },
  { code: '22', name: { zh: '造纸和纸制品业', en: 'Manufacture of paper and paper products' } },
  { code: '23', name: { zh: '印刷和记录媒介复制业', en: 'Printing and reproduction of recording media' } },
  {
    code: '24',
    name: {
      zh: '文教、工美、体育和娱乐用品制造业',
      en: 'Manufacture of articles for culture, education, arts and crafts, sport and entertainment',
    },
  },
  { code: '25', name: { zh: '石油、煤炭及其他燃料加工业', en: 'Processing of petroleum, coal and other fuels' } },
  {
    code: '26',
    name: { zh: '化学原料和化学制品制造业', en: 'Manufacture of chemical raw materials and chemical products' },
  },
  { code: '27', name: { zh: '医药制造业', en: 'Manufacture of medicines' } },
  { code: '28', name: { zh: '化学纤维制造业', en: 'Manufacture of chemical fibres' } },
  { code: '29', name: { zh: '橡胶和塑料制品业', en: 'Manufacture of rubber and plastic products' } },
  { code: '30', name: { zh: '非金属矿物制品业', en: 'Manufacture of non-metallic mineral products' } },
  { code: '31', name: { zh: '黑色金属冶炼和压延加工业', en: 'Smelting and pressing of ferrous metals' } },
  { code: '32', name: { zh: '有色金属冶炼和压延加工业', en: 'Smelting and pressing of non-ferrous metals' } },
  { code: '33', name: { zh: '金属制品业', en: 'Manufacture of metal products' } },
  { code: '34', name: { zh: '通用设备制造业', en: 'Manufacture of general-purpose machinery' } },
  { code: '35', name: { zh: '专用设备制造业', en: 'Manufacture of special-purpose machinery' } },
  { code: '36', name: { zh: '汽车制造业', en: 'Manufacture of automobiles' } },
  {
    code: '37',
    name: {
      zh: '铁路、船舶、航空航天和其他运输设备制造业',
      en: 'Manufacture of railway, ship, aerospace and other transport equipment',
    },
  },
  { code: '38', name: { zh: '电气机械和器材制造业', en: 'Manufacture of electrical machinery and equipment' } },
  {
    code: '39',
    name: {
      zh: '计算机、通信和其他电子设备制造业',
      en: 'Manufacture of computers, communication and other electronic equipment',
    },
  },
  { code: '40', name: { zh: '仪器仪表制造业', en: 'Manufacture of instruments and meters' } },
  { code: '41', name: { zh: '其他制造业', en: 'Other manufacturing' } },
  { code: '42', name: { zh: '废弃资源综合利用业', en: 'Comprehensive utilisation of waste resources' } },
  {
    code: '43',
    name: { zh: '金属制品、机械和设备修理业', en: 'Repair of metal products, machinery and equipment' },
  },
] as const satisfies readonly IndustryDef[];

export type IndustryCode = (typeof INDUSTRIES)[number]['code'];

export const INDUSTRY_CODES: readonly IndustryCode[] = INDUSTRIES.map((i) => i.code);

const BY_CODE: ReadonlyMap<string, IndustryDef> = new Map(INDUSTRIES.map((i) => [i.code, i]));

export function isIndustryCode(value: unknown): value is IndustryCode {
  return typeof value === 'string' && BY_CODE.has(value);
}

export function getIndustry(code: IndustryCode): IndustryDef;
export function getIndustry(code: string): IndustryDef | undefined;
export function getIndustry(code: string): IndustryDef | undefined {
  return BY_CODE.get(code);
}

/** "38 电气机械和器材制造业" / "38 Manufacture of electrical machinery and equipment". */
export function industryDisplayName(industry: IndustryDef): Text {
  return { zh: `${industry.code} ${industry.name.zh}`, en: `${industry.code} ${industry.name.en}` };
}

/** The division's name in `locale`; an unknown code is shown as is. */
export function industryName(code: string, locale: Locale): string {
  const industry = BY_CODE.get(code);
  return industry ? t(industry.name, locale) : code;
}
