import { describe, expect, it } from 'vitest';
import { RUBRIC, RUBRIC_MAX, expertStats, rubricTotal } from './rubric';

const full = { outcome: 25, investment: 20, technology: 15, uplift: 10, materials: 8 };

describe('rubric', () => {
  it('totals 100 points over five items with both labels', () => {
    expect(RUBRIC_MAX).toBe(100);
    expect(RUBRIC.map((i) => i.max)).toEqual([30, 25, 20, 15, 10]);
    for (const i of RUBRIC) expect(i.label.zh && i.label.en && i.guidance.zh && i.guidance.en).toBeTruthy();
  });

  it('totals a complete sheet, including the boundaries 0 and max', () => {
    expect(rubricTotal(full)).toEqual({ ok: true, total: 78 });
    expect(rubricTotal({ outcome: 0, investment: 0, technology: 0, uplift: 0, materials: 0 })).toEqual({ ok: true, total: 0 });
    expect(rubricTotal({ outcome: 30, investment: 25, technology: 20, uplift: 15, materials: 10 })).toEqual({ ok: true, total: 100 });
  });

  it('names the item that is above its maximum, negative, fractional, missing or unknown', () => {
    const r = rubricTotal({ ...full, outcome: 31, investment: -1, technology: 2.5, materials: undefined, extra: 3 });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.map((p) => p.item).sort()).toEqual(['extra', 'investment', 'materials', 'outcome', 'technology']);
    expect(r.problems.find((p) => p.item === 'outcome')?.message.zh).toContain('0 至 30');
  });

  it('accepts a partial draft but still checks the ranges', () => {
    expect(rubricTotal({ outcome: 20 }, { partial: true })).toEqual({ ok: true, total: 20 });
    expect(rubricTotal({ outcome: 40 }, { partial: true }).ok).toBe(false);
    expect(rubricTotal({ outcome: '20' }, { partial: true }).ok).toBe(false);
  });
});

describe('expertStats', () => {
  it('is empty without reviews', () => {
    expect(expertStats([])).toMatchObject({ count: 0, meanScore: null, spread: null, outliers: [] });
  });

  it('computes mean, spread, deviation and flags a score outlier', () => {
    const s = expertStats([
      { id: 'a', totalScore: 80, recommendedFen: 100_000_00 },
      { id: 'b', totalScore: 84, recommendedFen: 100_000_00 },
      { id: 'c', totalScore: 50, recommendedFen: 100_000_00 },
    ]);
    expect(s.count).toBe(3);
    expect(s.meanScore).toBe(71.3);
    expect(s.spread).toBe(34);
    expect(s.stdDev).toBe(15.2);
    expect(s.meanRecommendedFen).toBe(100_000_00);
    expect(s.outliers).toEqual(['c']);
  });

  it('does not flag a total exactly 15 points from the mean', () => {
    const s = expertStats([
      { id: 'a', totalScore: 65, recommendedFen: 1000 },
      { id: 'b', totalScore: 95, recommendedFen: 1000 },
    ]);
    expect(s.meanScore).toBe(80);
    expect(s.outliers).toEqual([]);
  });

  it('flags a recommendation more than 30 % from the median, not one at 30 %', () => {
    const s = expertStats([
      { id: 'a', totalScore: 80, recommendedFen: 100_000 },
      { id: 'b', totalScore: 80, recommendedFen: 100_000 },
      { id: 'c', totalScore: 80, recommendedFen: 130_000 },
      { id: 'd', totalScore: 80, recommendedFen: 60_000 },
    ]);
    expect(s.medianRecommendedFen).toBe(100_000);
    expect(s.outliers).toEqual(['d']);
  });
});
