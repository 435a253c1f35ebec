import { describe, expect, it } from 'vitest';
import { yuanToFen } from '../money';
import { classifySme, type SmeSize } from './sme';

const WAN = yuanToFen(10_000);
const YI = yuanToFen(100_000_000);

function sizeOf(employees: number, revenueFen: number): SmeSize {
  return classifySme(employees, revenueFen).size;
}

describe('classifySme (industry, 工信部联企业〔2011〕300号)', () => {
  it('explains a large enterprise and marks it ineligible', () => {
    const r = classifySme(1200, 45_000 * WAN);
    expect(r).toMatchObject({ size: 'large', isSme: false });
    expect(r.reason.zh).toBe('从业人员1200人且营业收入4.5亿元，属于大型企业，不符合试点申报条件');
    expect(r.reason.en).toContain('not eligible');
  });

  it('needs both 1000 employees and 400 million yuan to be large', () => {
    expect(sizeOf(1000, 4 * YI)).toBe('large');
    expect(sizeOf(999, 4 * YI)).toBe('medium');
    expect(sizeOf(1000, 4 * YI - 1)).toBe('medium');
    expect(sizeOf(5000, 100 * WAN)).toBe('micro'); // many staff, tiny revenue: still an SME
    expect(classifySme(999, 100 * YI).isSme).toBe(true);
  });

  it('splits medium from small at 300 employees and 20 million yuan', () => {
    expect(sizeOf(300, 2000 * WAN)).toBe('medium');
    expect(sizeOf(299, 2000 * WAN)).toBe('small');
    expect(sizeOf(300, 2000 * WAN - 1)).toBe('small');
    expect(classifySme(300, 2000 * WAN).reason.zh).toBe(
      '从业人员300人且营业收入2000万元，属于中型企业（从业人员300人及以上且营业收入2000万元及以上）',
    );
  });

  it('splits small from micro at 20 employees and 3,000,000 yuan', () => {
    expect(sizeOf(20, 300 * WAN)).toBe('small');
    expect(sizeOf(19, 300 * WAN)).toBe('micro');
    expect(sizeOf(20, 299_999_999)).toBe('micro'); // 2,999,999.99 yuan
    expect(classifySme(20, 299_999_999).reason.zh).toBe(
      '从业人员20人且营业收入299.999999万元，营业收入低于300万元，属于微型企业',
    );
    expect(classifySme(19, 299_999_999).reason.zh).toBe(
      '从业人员19人且营业收入299.999999万元，从业人员少于20人且营业收入低于300万元，属于微型企业',
    );
    expect(classifySme(19, 300 * WAN).reason.en).toBe(
      '19 employees and revenue of 3,000,000 yuan: fewer than 20 employees, a micro enterprise.',
    );
  });

  it('treats zero as micro and every non-large size as an SME', () => {
    expect(classifySme(0, 0)).toMatchObject({ size: 'micro', isSme: true });
    for (const [e, r] of [
      [19, 0],
      [20, 300 * WAN],
      [300, 2000 * WAN],
    ] as const) {
      expect(classifySme(e, r).isSme).toBe(true);
    }
  });

  it('refuses negative or fractional inputs', () => {
    expect(() => classifySme(-1, 0)).toThrow(RangeError);
    expect(() => classifySme(10.5, 0)).toThrow(RangeError);
    expect(() => classifySme(10, -1)).toThrow(RangeError);
    expect(() => classifySme(10, 0.5)).toThrow(RangeError);
  });
});
