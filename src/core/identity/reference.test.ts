import { describe, expect, it } from 'vitest';
import { INDUSTRIES, getIndustry, industryDisplayName, industryName, isIndustryCode } from './industries';
import { TOWNS, getTown, isTownCode, townDisplayName, townName } from './towns';

// Copied from the Zhongshan reference facts (domain/zhongshan.md), independently of the tables under test.
const STREETS_ZH = '石岐街道, 东区街道, 西区街道, 南区街道, 五桂山街道, 中山港街道, 南朗街道, 民众街道';
const TOWNS_ZH =
  '小榄镇, 古镇镇, 横栏镇, 坦洲镇, 三乡镇, 板芙镇, 神湾镇, 大涌镇, 沙溪镇, 港口镇, 东凤镇, 南头镇, 黄圃镇, 阜沙镇, 三角镇';
const MANUFACTURING = `13 农副食品加工业 · 14 食品制造业 · 15 酒、饮料和精制茶制造业 · 16 烟草制品业 · 17 纺织业 · 18 纺织服装、服饰业 ·
  19 皮革、毛皮、羽毛及其制品和制鞋业 · 20 木材加工和木、竹、藤、棕、草制品业 · 21 家具制造业 · 22 造纸和纸制品业 ·
  23 印刷和记录媒介复制业 · 24 文教、工美、体育和娱乐用品制造业 · 25 石油、煤炭及其他燃料加工业 ·
  26 化学原料和化学制品制造业 · 27 医药制造业 · 28 化学纤维制造业 · 29 橡胶和塑料制品业 · 30 非金属矿物制品业 ·
  31 黑色金属冶炼和压延加工业 · 32 有色金属冶炼和压延加工业 · 33 金属制品业 · 34 通用设备制造业 · 35 专用设备制造业 ·
  36 汽车制造业 · 37 铁路、船舶、航空航天和其他运输设备制造业 · 38 电气机械和器材制造业 ·
  39 计算机、通信和其他电子设备制造业 · 40 仪器仪表制造业 · 41 其他制造业 · 42 废弃资源综合利用业 ·
  43 金属制品、机械和设备修理业`;

describe('towns', () => {
  it('lists the 8 streets and 15 towns with their Chinese names', () => {
    expect(TOWNS).toHaveLength(23);
    expect(TOWNS.filter((t) => t.kind === 'street').map((t) => t.name.zh)).toEqual(STREETS_ZH.split(', '));
    expect(TOWNS.filter((t) => t.kind === 'town').map((t) => t.name.zh)).toEqual(TOWNS_ZH.split(', '));
  });

  it('has unique lower-case pinyin codes and English names by kind', () => {
    expect(new Set(TOWNS.map((t) => t.code)).size).toBe(23);
    for (const t of TOWNS) {
      expect(t.code).toMatch(/^[a-z]+$/);
      expect(t.name.en).toMatch(t.kind === 'street' ? / Subdistrict$/ : / Town$/);
    }
  });

  it('looks towns up by code', () => {
    expect(isTownCode('xiaolan')).toBe(true);
    expect(isTownCode('Xiaolan')).toBe(false);
    expect(isTownCode('beijing')).toBe(false);
    expect(isTownCode(42)).toBe(false);
    expect(getTown('guzhen').name).toEqual({ zh: '古镇镇', en: 'Guzhen Town' });
    expect(getTown('nowhere')).toBeUndefined();
    expect(townDisplayName(getTown('zhongshangang')).zh).toBe('中山港街道（火炬开发区）');
    expect(townDisplayName(getTown('nanlang')).en).toBe('Nanlang Subdistrict (Cuiheng New Area)');
    expect(townDisplayName(getTown('shiqi')).zh).toBe('石岐街道');
    expect(townName('xiaolan', 'zh-CN')).toBe('小榄镇');
    expect(townName('xiaolan', 'en')).toBe('Xiaolan Town');
    expect(townName('gone', 'en')).toBe('gone');
  });
});

describe('industries', () => {
  it('lists manufacturing divisions 13–43 with the names of GB/T 4754-2017', () => {
    const expected = MANUFACTURING.split('·').map((entry) => {
      const [code, name] = entry.trim().split(' ');
      return { code, zh: name };
    });
    expect(INDUSTRIES.map((i) => ({ code: i.code, zh: i.name.zh }))).toEqual(expected);
    expect(INDUSTRIES.map((i) => Number(i.code))).toEqual(Array.from({ length: 31 }, (_, k) => 13 + k));
    for (const i of INDUSTRIES) expect(i.name.en).not.toBe('');
  });

  it('looks industries up by code', () => {
    expect(isIndustryCode('38')).toBe(true);
    expect(isIndustryCode('12')).toBe(false);
    expect(isIndustryCode('44')).toBe(false);
    expect(isIndustryCode(38)).toBe(false);
    expect(getIndustry('38').name.zh).toBe('电气机械和器材制造业');
    expect(getIndustry('99')).toBeUndefined();
    expect(industryDisplayName(getIndustry('38')).zh).toBe('38 电气机械和器材制造业');
    expect(industryName('41', 'zh-CN')).toBe('其他制造业');
    expect(industryName('41', 'en')).toBe('Other manufacturing');
    expect(industryName('99', 'zh-CN')).toBe('99');
  });
});
