import { describe, expect, it } from 'vitest';
import { getCatalog } from './catalogs';
import type { BandQuestion, TrendQuestion } from './catalog-types';
import { catalogQuestions } from './catalog-index';
import { collectInputs, deriveBand, deriveTrend } from './derive';

const catalog = getCatalog('2024');
const question = <T>(code: string): T => {
  const found = catalogQuestions(catalog).find((q) => q.code === code);
  if (!found) throw new Error(code);
  return found as T;
};
const digital = question<BandQuestion>('equipmentDigitalRate');
const networked = question<BandQuestion>('equipmentNetworkedRate');
const funding = question<BandQuestion>('funding');

const band = (q: BandQuestion, num: number | null, den: number | null) =>
  deriveBand(q, { [q.ratio.numerator]: num, [q.ratio.denominator]: den });
const bandId = (q: BandQuestion, num: number, den: number): string | null => {
  const result = band(q, num, den);
  return result.status === 'ok' ? result.optionId : null;
};

describe('deriveBand', () => {
  it.each([
    [0, 100, 'A'],
    [10, 100, 'A'],
    [10.0001, 100, 'B'],
    [20, 100, 'B'],
    [20.0001, 100, 'C'],
    [40, 100, 'C'],
    [40.0001, 100, 'D'],
    [60, 100, 'D'],
    [60.0001, 100, 'E'],
    [100, 100, 'E'],
  ])('%s of %s → band %s (inclusive upper bounds)', (num, den, expected) => {
    expect(bandId(digital, num, den)).toBe(expected);
  });

  it('is exact on boundaries that floats get wrong', () => {
    // 0.3 / 3 = 0.09999999999999999 in floating point; it is 10% exactly.
    expect(bandId(funding, 0.3, 3)).toBe('A');
    expect(bandId(funding, 0.7, 3.5)).toBe('B'); // exactly 20%
    expect(bandId(digital, 1, 10)).toBe('A');
    expect(bandId(digital, 100001, 1000000)).toBe('B');
    expect(bandId(digital, 1, 3)).toBe('C');
  });

  it('shows enough decimals to tell which side of a boundary the ratio is on', () => {
    const exact = band(digital, 1, 10);
    const above = band(digital, 100001, 1000000);
    const plain = band(digital, 35, 100);
    expect(exact.status === 'ok' && exact.percentText).toBe('10.0%');
    expect(above.status === 'ok' && above.percentText).toBe('10.0001%');
    expect(plain.status === 'ok' && plain.percentText).toBe('35.0%');
    expect(plain.status === 'ok' && plain.percent).toBe(35);
  });

  it('rejects a zero denominator', () => {
    expect(band(digital, 0, 0)).toEqual({ status: 'invalid', reason: 'DENOMINATOR_ZERO', inputs: ['productionEquipment'] });
    expect(band(funding, 5, 0)).toEqual({ status: 'invalid', reason: 'DENOMINATOR_ZERO', inputs: ['revenueLastYear'] });
  });

  it('rejects a part larger than the whole, but not funding above 100% of revenue', () => {
    expect(band(networked, 11, 10)).toEqual({
      status: 'invalid',
      reason: 'RATIO_OVER_100',
      inputs: ['networkedEquipment', 'productionEquipment'],
    });
    expect(bandId(funding, 150, 100)).toBe('E');
  });

  it('rejects negative figures and reports missing ones', () => {
    expect(band(digital, -1, 10)).toMatchObject({ status: 'invalid', reason: 'NEGATIVE_INPUT', inputs: ['digitalEquipment'] });
    expect(band(digital, null, 10)).toEqual({ status: 'incomplete', missing: ['digitalEquipment'] });
    expect(band(digital, null, null)).toEqual({ status: 'incomplete', missing: ['digitalEquipment', 'productionEquipment'] });
    expect(deriveBand(digital, {})).toMatchObject({ status: 'incomplete' });
  });
});

describe('deriveTrend', () => {
  const passRate = question<TrendQuestion>('passRate');
  const energy = question<TrendQuestion>('energyPerRevenue');
  const revenuePerEmployee = question<TrendQuestion>('revenuePerEmployee');

  it('maps the direction to the option through `better`', () => {
    const pass = (last: number, before: number) => deriveTrend(passRate, { passRateLastYear: last, passRateYearBefore: before });
    expect(pass(98, 97)).toMatchObject({ status: 'ok', direction: 'up', optionId: 'C' });
    expect(pass(97, 97)).toMatchObject({ status: 'ok', direction: 'flat', optionId: 'B' });
    expect(pass(96.5, 97)).toMatchObject({ status: 'ok', direction: 'down', optionId: 'A' });
  });

  it('compares per-revenue figures, not totals', () => {
    // Energy rose 10 → 12 but revenue rose 100 → 150: energy per revenue fell, which is better.
    const inputs = { energyLastYear: 12, energyYearBefore: 10, revenueLastYear: 150, revenueYearBefore: 100 };
    expect(deriveTrend(energy, inputs)).toMatchObject({ status: 'ok', direction: 'down', optionId: 'C' });
    // 0.3 per 3 vs 0.1 per 1 is exactly flat.
    expect(
      deriveTrend(energy, { energyLastYear: 0.3, revenueLastYear: 3, energyYearBefore: 0.1, revenueYearBefore: 1 }),
    ).toMatchObject({ direction: 'flat', optionId: 'B' });
  });

  it('reports missing, negative and zero-denominator figures', () => {
    expect(deriveTrend(revenuePerEmployee, { revenueLastYear: 100 })).toEqual({
      status: 'incomplete',
      missing: ['employeesLastYear', 'revenueYearBefore', 'employeesYearBefore'],
    });
    expect(
      deriveTrend(revenuePerEmployee, { revenueLastYear: 100, employeesLastYear: 0, revenueYearBefore: 90, employeesYearBefore: 10 }),
    ).toEqual({ status: 'invalid', reason: 'DENOMINATOR_ZERO', inputs: ['employeesLastYear'] });
    expect(deriveTrend(passRate, { passRateLastYear: -1, passRateYearBefore: 90 })).toMatchObject({
      status: 'invalid',
      reason: 'NEGATIVE_INPUT',
    });
  });

  it('is unavailable for a trend question without figures', () => {
    const { figures: _figures, inputs: _inputs, ...bare } = passRate;
    expect(deriveTrend(bare, { passRateLastYear: 1, passRateYearBefore: 2 })).toEqual({ status: 'unavailable' });
  });
});

describe('collectInputs', () => {
  it('merges the shared area with question inputs; the shared area wins', () => {
    const values = collectInputs(catalog, {
      questions: {
        funding: { inputs: { revenueLastYear: 999, digitalSpend: 50 } },
        network: { choices: ['A'] },
        revenuePerEmployee: { inputs: { employeesLastYear: 80, unknownCode: 1 } },
      },
      scenes: {},
      inputs: { revenueLastYear: 1000, productionEquipment: null, notAnInput: 3 },
    });
    expect(values).toEqual({ revenueLastYear: 1000, digitalSpend: 50, employeesLastYear: 80 });
  });
});
