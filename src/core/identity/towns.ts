/** The 23 towns and streets (镇街) of Zhongshan: 8 streets (街道) and 15 towns (镇). */
import { t, type Locale, type Text } from '../text';

export type TownKind = 'street' | 'town';

export interface TownDef {
  /** Stable pinyin id, stored in the database: never rename one. */
  code: string;
  kind: TownKind;
  name: Text;
  /** The development area a street is known by, if any. */
  note?: Text;
}

export const TOWNS = [
  { code: 'shiqi', kind: 'street', name: { zh: '石岐街道', en: 'Shiqi Subdistrict' } },
  { code: 'dongqu', kind: 'street', name: { zh: '东区街道', en: 'Dongqu Subdistrict' } },
  { code: 'xiqu', kind: 'street', name: { zh: '西区街道', en: 'Xiqu Subdistrict' } },
  { code: 'nanqu', kind: 'street', name: { zh: '南区街道', en: 'Nanqu Subdistrict' } },
  { code: 'wuguishan', kind: 'street', name: { zh: '五桂山街道', en: 'Wuguishan Subdistrict' } },
  {
    code: 'zhongshangang',
    kind: 'street',
    name: { zh: '中山港街道', en: 'Zhongshangang Subdistrict' },
    note: { zh: '火炬开发区', en: 'Torch Development Zone' },
  },
  {
    code: 'nanlang',
    kind: 'street',
    name: { zh: '南朗街道', en: 'Nanlang Subdistrict' },
    note: { zh: '翠亨新区', en: 'Cuiheng New Area' },
  },
  { code: 'minzhong', kind: 'street', name: { zh: '民众街道', en: 'Minzhong Subdistrict' } },
  { code: 'xiaolan', kind: 'town', name: { zh: '小榄镇', en: 'Xiaolan Town' } },
  { code: 'guzhen', kind: 'town', name: { zh: '古镇镇', en: 'Guzhen Town' } },
  { code: 'henglan', kind: 'town', name: { zh: '横栏镇', en: 'Henglan Town' } },
  { code: 'tanzhou', kind: 'town', name: { zh: '坦洲镇', en: 'Tanzhou Town' } },
  { code: 'sanxiang', kind: 'town', name: { zh: '三乡镇', en: 'Sanxiang Town' } },
  { code: 'banfu', kind: 'town', name: { zh: '板芙镇', en: 'Banfu Town' } },
  { code: 'shenwan', kind: 'town', name: { zh: '神湾镇', en: 'Shenwan Town' } },
  { code: 'dachong', kind: 'town', name: { zh: '大涌镇', en: 'Dachong Town' } },
  { code: 'shaxi', kind: 'town', name: { zh: '沙溪镇', en: 'Shaxi Town' } },
  { code: 'gangkou', kind: 'town', name: { zh: '港口镇', en: 'Gangkou Town' } },
  { code: 'dongfeng', kind: 'town', name: { zh: '东凤镇', en: 'Dongfeng Town' } },
  { code: 'nantou', kind: 'town', name: { zh: '南头镇', en: 'Nantou Town' } },
  { code: 'huangpu', kind: 'town', name: { zh: '黄圃镇', en: 'Huangpu Town' } },
  { code: 'fusha', kind: 'town', name: { zh: '阜沙镇', en: 'Fusha Town' } },
  { code: 'sanjiao', kind: 'town', name: { zh: '三角镇', en: 'Sanjiao Town' } },
] as const satisfies readonly TownDef[];

export type TownCode = (typeof TOWNS)[number]['code'];

export const TOWN_CODES: readonly TownCode[] = TOWNS.map((t) => t.code);

const BY_CODE: ReadonlyMap<string, TownDef> = new Map(TOWNS.map((t) => [t.code, t]));

export function isTownCode(value: unknown): value is TownCode {
  return typeof value === 'string' && BY_CODE.has(value);
}

export function getTown(code: TownCode): TownDef;
export function getTown(code: string): TownDef | undefined;
export function getTown(code: string): TownDef | undefined {
  return BY_CODE.get(code);
}

/** The display name, with the development area where there is one: "中山港街道（火炬开发区）". */
export function townDisplayName(town: TownDef): Text {
  if (!town.note) return town.name;
  return { zh: `${town.name.zh}（${town.note.zh}）`, en: `${town.name.en} (${town.note.en})` };
}

/** The town's name in `locale`; an unknown code (e.g. from old data) is shown as is. */
export function townName(code: string, locale: Locale): string {
  const town = BY_CODE.get(code);
  return town ? t(town.name, locale) : code;
}
