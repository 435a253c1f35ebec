import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatFenAsWan, formatFenAsYuan, formatFenEn, formatFenZh, parseYuanToFen, yuanToFen } from './money';

function fenOf(input: string): number {
  const r = parseYuanToFen(input);
  if (!r.ok) throw new Error(`expected ${input} to parse: ${r.message.en}`);
  return r.fen;
}

function rejection(input: string): string {
  const r = parseYuanToFen(input);
  if (r.ok) throw new Error(`expected ${input} to be rejected, got ${r.fen}`);
  expect(r.message.zh).not.toBe('');
  expect(r.message.en).not.toBe('');
  return r.message.zh;
}

describe('parseYuanToFen', () => {
  it('accepts plain, grouped and decimal amounts', () => {
    expect(fenOf('1234')).toBe(123_400);
    expect(fenOf('1,234.5')).toBe(123_450);
    expect(fenOf('1234.56')).toBe(123_456);
    expect(fenOf('  1,234,567.89 ')).toBe(123_456_789);
    expect(fenOf('0')).toBe(0);
    expect(fenOf('0.01')).toBe(1);
    expect(fenOf('007.10')).toBe(710);
  });

  it('is exact where floating point is not (0.29 * 100 = 28.999999999999996)', () => {
    expect(fenOf('0.29')).toBe(29);
    expect(fenOf('1.15')).toBe(115);
    expect(fenOf('4.35')).toBe(435);
  });

  it('accepts the largest safe amount and rejects one fen more', () => {
    expect(fenOf('90071992547409.91')).toBe(Number.MAX_SAFE_INTEGER);
    expect(rejection('90071992547409.92')).toContain('过大');
    expect(rejection('1' + '0'.repeat(30))).toContain('过大');
  });

  it('rejects more than two decimals, negatives and non-numbers with specific messages', () => {
    expect(rejection('1.234')).toContain('两位小数');
    expect(rejection('-5')).toContain('负数');
    expect(rejection('-1,234.00')).toContain('负数');
    expect(rejection('')).toBe('请输入金额');
    expect(rejection('   ')).toBe('请输入金额');
    for (const bad of ['abc', '1e5', '12,34', '1,2345', ',123', '1.', '.5', '+5', '¥100', '1 000', '0x10', 'NaN', '1.2.3']) {
      expect(rejection(bad), bad).toContain('格式不正确');
    }
  });

  it('round-trips with formatFenAsYuan', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), (fen) => {
        expect(fenOf(formatFenAsYuan(fen))).toBe(fen);
      }),
    );
  });
});

describe('formatting', () => {
  it('formats yuan with separators and two decimals', () => {
    expect(formatFenAsYuan(123_456)).toBe('1,234.56');
    expect(formatFenAsYuan(0)).toBe('0.00');
    expect(formatFenAsYuan(5)).toBe('0.05');
    expect(formatFenAsYuan(100)).toBe('1.00');
    expect(formatFenAsYuan(-123_456_789)).toBe('-1,234,567.89');
    expect(formatFenAsYuan(Number.MAX_SAFE_INTEGER)).toBe('90,071,992,547,409.91');
  });

  it('formats 万元 with two decimals, half-up by integer math', () => {
    expect(formatFenAsWan(123_450_000)).toBe('123.45');
    expect(formatFenAsWan(12_345_000)).toBe('12.35'); // 123,450 yuan = 12.345 万 → 12.35
    expect(formatFenAsWan(12_344_999)).toBe('12.34');
    expect(formatFenAsWan(30_000_000)).toBe('30.00');
    expect(formatFenAsWan(4_999)).toBe('0.00');
    expect(formatFenAsWan(5_000)).toBe('0.01');
    expect(formatFenAsWan(-12_345_000)).toBe('-12.35');
    expect(formatFenAsWan(1_234_567_800_000)).toBe('1,234,567.80');
  });

  it('formats exact amounts for sentences', () => {
    expect(formatFenZh(45_000_000_000)).toBe('4.5亿元');
    expect(formatFenZh(2_000_000_000)).toBe('2000万元');
    expect(formatFenZh(299_999_999)).toBe('299.999999万元');
    expect(formatFenZh(500_000)).toBe('5000元');
    expect(formatFenZh(1)).toBe('0.01元');
    expect(formatFenZh(0)).toBe('0元');
    expect(formatFenEn(45_000_000_000)).toBe('450,000,000 yuan');
    expect(formatFenEn(299_999_999)).toBe('2,999,999.99 yuan');
  });

  it('rejects non-integer fen', () => {
    expect(() => formatFenAsYuan(1.5)).toThrow(RangeError);
    expect(() => formatFenAsWan(Number.MAX_SAFE_INTEGER + 1)).toThrow(RangeError);
  });
});

describe('yuanToFen', () => {
  it('multiplies whole yuan by 100 and refuses fractions or overflow', () => {
    expect(yuanToFen(250_000)).toBe(25_000_000);
    expect(yuanToFen(0)).toBe(0);
    expect(() => yuanToFen(1.5)).toThrow(RangeError);
    expect(() => yuanToFen(Number.MAX_SAFE_INTEGER)).toThrow(RangeError);
  });
});
