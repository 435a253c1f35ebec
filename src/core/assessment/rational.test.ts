import { describe, expect, it } from 'vitest';
import { compare, div, fromNumber, hasDecimals, mul, rational, toFixed } from './rational';

describe('rational', () => {
  it('reads numbers as the decimal they print as', () => {
    expect(fromNumber(0.1)).toEqual({ n: 1n, d: 10n });
    expect(fromNumber(1.875)).toEqual({ n: 15n, d: 8n });
    expect(fromNumber(-2.5)).toEqual({ n: -5n, d: 2n });
    expect(fromNumber(1e21)).toEqual({ n: 10n ** 21n, d: 1n });
    expect(fromNumber(1.5e-7)).toEqual({ n: 3n, d: 20000000n });
    expect(fromNumber(0)).toEqual({ n: 0n, d: 1n });
    expect(() => fromNumber(Number.NaN)).toThrow();
  });

  it('compares exactly where floats drift', () => {
    // 0.1 + 0.2 !== 0.3 in floats, but 3 × 0.1 = 0.3 exactly here.
    expect(compare(mul(fromNumber(0.1), rational(3n)), fromNumber(0.3))).toBe(0);
    expect(compare(div(rational(1n), rational(3n)), div(rational(2n), rational(6n)))).toBe(0);
    expect(compare(fromNumber(10.0001), rational(10n))).toBe(1);
  });

  it('formats with rounding half away from zero', () => {
    expect(toFixed(rational(1n, 3n), 1)).toBe('0.3');
    expect(toFixed(rational(2n, 3n), 2)).toBe('0.67');
    expect(toFixed(rational(35n), 1)).toBe('35.0');
    expect(toFixed(rational(-1n, 8n), 2)).toBe('-0.13');
    expect(toFixed(rational(-1n, 1000n), 1)).toBe('0.0');
    expect(toFixed(rational(5n, 2n), 0)).toBe('3');
    expect(hasDecimals(fromNumber(1.25), 2)).toBe(true);
    expect(hasDecimals(rational(1n, 3n), 6)).toBe(false);
  });
});
