import { describe, expect, it } from 'vitest';
import type { AssessmentAnswers } from './answers';
import { assess } from './assess';
import { getCatalog } from './catalogs';
import { compareAssessments } from './compare';
import { answersForTargetLevel } from './fixtures';
import { recommendProducts } from './recommend';
import { weakness } from './weakness';

const catalog = getCatalog('2024');

/** Level 1 enterprise whose level-2 gap is scenes: only 4 scenes at L2 (2 constraint). */
function levelOneAnswers(): AssessmentAnswers {
  const answers = answersForTargetLevel(catalog, 2);
  for (const code of Object.keys(answers.scenes)) answers.scenes[code] = 1;
  Object.assign(answers.scenes, { productDesign: 2, marketing: 2, hr: 2, decision: 2, warehousing: 0 });
  return answers;
}

describe('weakness', () => {
  const result = assess(catalog, levelOneAnswers());

  it('puts scenes that block the next level first, constraint scenes before others, lowest level first', () => {
    expect(result.level.level).toBe(1);
    expect(result.level.next?.requirements.filter((r) => !r.met).map((r) => r.kind)).toEqual(['scenes', 'constraintScenes']);
    const weak = weakness(catalog, result);
    const codes = weak.scenes.map((s) => s.code);
    // Blocking constraint scenes: warehousing (L0) first, then the L1 constraint scenes in catalog order.
    expect(codes.slice(0, 8)).toEqual([
      'warehousing',
      'productionControl',
      'quality',
      'equipment',
      'safety',
      'energy',
      'purchasing',
      'finance',
    ]);
    expect(codes).not.toContain(undefined);
    const first = weak.scenes[0];
    expect(first).toMatchObject({ level: 0, constraint: true, blocksNextLevel: true, targetLevel: 2 });
    expect(first?.reason.zh).toBe('当前 L0，约束性场景；提升到 L2 有助于达到二级');
    // Scenes already at L2 are not blocking but still below L4.
    expect(weak.scenes.find((s) => s.code === 'productDesign')).toMatchObject({ blocksNextLevel: false, targetLevel: null });
    expect(weak.scenes.at(-1)?.blocksNextLevel).toBe(false);
  });

  it('ranks indicators by lowest score ratio and leaves full ones out', () => {
    const weak = weakness(catalog, result);
    const ratios = weak.indicators.map((i) => i.ratio);
    expect(ratios).toEqual([...ratios].sort((a, b) => a - b));
    expect(weak.indicators.every((i) => i.ratio < 1 && i.missing > 0)).toBe(true);
    const full = weakness(catalog, assess(catalog, answersForTargetLevel(catalog, 4)));
    expect(full.indicators.every((i) => i.score < i.max)).toBe(true);
  });

  it('computes the level itself when given only a score', () => {
    expect(weakness(catalog, { score: result.score })).toEqual(weakness(catalog, result));
  });
});

describe('recommendProducts', () => {
  const result = assess(catalog, levelOneAnswers());
  const weakest = weakness(catalog, result).indicators[0];
  const products = [
    { id: 'oa', name: 'OA 协同', providerName: '甲', scenes: ['collaboration'] },
    { id: 'wms', name: '仓储 WMS', providerName: '乙', scenes: ['warehousing', 'purchasing'] },
    { id: 'mes', name: 'MES', providerName: '丙', scenes: ['productionControl', 'quality'], indicators: [weakest?.code ?? ''] },
    { id: 'none', name: 'Design suite', providerName: '丁', scenes: [] },
  ];

  it('ranks products by the weak scenes and indicators they address, with a reason', () => {
    const ranked = recommendProducts(catalog, result, products, 10);
    expect(ranked.map((r) => r.product.id)).toEqual(['mes', 'wms', 'oa']);
    const wms = ranked.find((r) => r.product.id === 'wms');
    expect(wms?.matchedScenes).toEqual(['warehousing', 'purchasing']);
    expect(wms?.reason.zh).toBe('可提升场景：仓储物流（L0，约束性，影响晋级二级）、采购管理（L1，约束性，影响晋级二级）');
    expect(wms?.reason.en).toBe(
      'Improves scenes: Warehousing and logistics (L0, constraint scene, needed for Level 2), Purchasing management (L1, constraint scene, needed for Level 2)',
    );
    const mes = ranked[0];
    expect(mes?.matchedIndicators).toEqual([weakest?.code]);
    expect(mes?.reason.zh).toContain(`；可补强指标：${weakest?.name.zh}（${weakest?.score}/${weakest?.max} 分）`);
    expect(mes?.product).toBe(products[2]);
  });

  it('honours the limit and skips products matching nothing', () => {
    expect(recommendProducts(catalog, result, products, 1).map((r) => r.product.id)).toEqual(['mes']);
    expect(recommendProducts(catalog, result, products, 0)).toEqual([]);
    expect(recommendProducts(catalog, result, [products[3]!], 5)).toEqual([]);
  });
});

describe('compareAssessments', () => {
  it('reports per-dimension and per-scene deltas and the level change', () => {
    const before = assess(catalog, answersForTargetLevel(catalog, 1));
    const after = assess(catalog, answersForTargetLevel(catalog, 3));
    const comparison = compareAssessments(before, after);
    expect(comparison.sameCatalog).toBe(true);
    expect(comparison.level).toMatchObject({ before: 1, after: 3, delta: 2, changed: true });
    expect(comparison.base.delta).toBe(Number((after.score.base - before.score.base).toFixed(3)));
    expect(comparison.dimensions.map((d) => d.code)).toEqual(['foundation', 'management', 'outcomes']);
    for (const d of comparison.dimensions) {
      const b = before.score.dimensions.find((x) => x.code === d.code)?.score ?? 0;
      const a = after.score.dimensions.find((x) => x.code === d.code)?.score ?? 0;
      expect(d.delta).toBeCloseTo(a - b, 9);
    }
    expect(comparison.scenes.find((s) => s.code === 'quality')).toMatchObject({ before: 1, after: 3, delta: 2, constraint: true });
    expect(comparison.scenes.find((s) => s.code === 'hr')).toMatchObject({ before: 0, after: 2, delta: 2 });
    expect(comparison.indicators).toHaveLength(9);
    expect(comparison.summary.zh).toBe(
      `基础得分由 30 变为 ${after.score.base}（+${after.score.base - 30}）；等级由一级提升至三级；16 个场景等级提升，0 个下降`,
    );
    expect(comparison.summary.en).toContain('level raised from Level 1 to Level 3; 16 scenes improved, 0 declined');
  });

  it('describes an unchanged or lower level', () => {
    const a = assess(catalog, answersForTargetLevel(catalog, 2));
    expect(compareAssessments(a, a).summary.zh).toBe('基础得分由 50 变为 50（0）；等级保持二级；0 个场景等级提升，0 个下降');
    const lower = compareAssessments(a, assess(catalog, answersForTargetLevel(catalog, 1)));
    expect(lower.level.delta).toBe(-1);
    expect(lower.summary.en).toContain('level lowered from Level 2 to Level 1');
  });
});
