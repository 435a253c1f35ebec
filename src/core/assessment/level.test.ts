import { describe, expect, it } from 'vitest';
import type { SceneLevel } from './catalog-types';
import { catalogScenes } from './catalog-index';
import { getCatalog } from './catalogs';
import { determineLevel, levelName, type LevelInput } from './level';
import type { SceneResult } from './scoring';

const catalog = getCatalog('2024');
const scenes = catalogScenes(catalog);

/**
 * `atLevel` scenes rated `level`, of which `constraint` are constraint scenes; every other scene one below.
 */
function input(base: number, level: SceneLevel, atLevel: number, constraint: number): LevelInput {
  const constraintScenes = scenes.filter((s) => s.constraint);
  const others = scenes.filter((s) => !s.constraint);
  const high = new Set([
    ...constraintScenes.slice(0, constraint).map((s) => s.code),
    ...others.slice(0, atLevel - constraint).map((s) => s.code),
  ]);
  if (high.size !== atLevel) throw new Error('cannot build scene set');
  const below = Math.max(0, level - 1) as SceneLevel;
  const results: SceneResult[] = scenes.map((s) => ({
    code: s.code,
    name: s.name,
    group: '',
    level: high.has(s.code) ? level : below,
    constraint: s.constraint,
    rated: true,
  }));
  return { base, scenes: results };
}

describe('determineLevel', () => {
  describe.each(catalog.levelRules.map((rule) => [rule.level, rule] as const))('level %i', (level, rule) => {
    const { minBase, sceneLevel, minScenesAtLevel: n, minConstraintScenes: c } = rule;

    it('is reached exactly at every threshold', () => {
      expect(determineLevel(catalog, input(minBase, sceneLevel, n, c)).level).toBe(level);
    });

    it('is missed just below the base score', () => {
      const result = determineLevel(catalog, input(minBase - 0.001, sceneLevel, n, c));
      expect(result.level).toBe(level - 1);
      expect(result.next?.level).toBe(level);
      expect(result.next?.requirements.filter((r) => !r.met).map((r) => r.kind)).toEqual(['base']);
    });

    it('is missed with one scene too few at the scene level', () => {
      const result = determineLevel(catalog, input(minBase, sceneLevel, n - 1, c));
      expect(result.level).toBeLessThan(level);
      const requirements = result.checks.find((check) => check.level === level)?.requirements ?? [];
      expect(requirements.filter((r) => !r.met).map((r) => r.kind)).toEqual(['scenes']);
    });

    it('is missed with one constraint scene too few', () => {
      const result = determineLevel(catalog, input(minBase, sceneLevel, n, c - 1));
      expect(result.level).toBeLessThan(level);
      const requirements = result.checks.find((check) => check.level === level)?.requirements ?? [];
      expect(requirements.filter((r) => !r.met).map((r) => r.kind)).toEqual(['constraintScenes']);
      expect(requirements.find((r) => r.kind === 'constraintScenes')).toMatchObject({ required: c, actual: c - 1 });
    });

    it('is missed when scenes sit one level lower', () => {
      expect(determineLevel(catalog, input(100, (sceneLevel - 1) as SceneLevel, 16, 10)).level).toBe(level - 1);
    });
  });

  it('gives 0 (未达一级) when no rule holds, and no next level at the top', () => {
    const none = determineLevel(catalog, input(0, 0, 16, 10));
    expect(none.level).toBe(0);
    expect(none.name).toEqual({ zh: '未达一级', en: 'Below Level 1' });
    expect(none.next?.level).toBe(1);
    const top = determineLevel(catalog, input(100, 4, 16, 10));
    expect(top.level).toBe(4);
    expect(top.name).toEqual({ zh: '四级', en: 'Level 4' });
    expect(top.next).toBeNull();
    expect(levelName(catalog, 2)).toEqual({ zh: '二级', en: 'Level 2' });
  });

  it('a high base alone does not lift the level', () => {
    expect(determineLevel(catalog, input(95, 1, 6, 3)).level).toBe(1);
  });

  it('explains exactly what is missing for the next level', () => {
    // Level 1 (base 37.5 ≥ 20; 16 scenes at L1) but for level 2: 5 scenes at L2, 2 of them constraint.
    const result = determineLevel(catalog, input(37.5, 2, 5, 2));
    expect(result.level).toBe(1);
    expect(result.next?.missingSummary).toEqual({
      zh: '基础得分 37.5，距二级所需 40 分还差 2.5 分；2 级及以上场景 5 个，需 6 个；其中约束性场景 2 个，需 3 个',
      en: 'Base score 37.5, 2.5 points short of the 40 required for Level 2; 5 scenes at L2 or above, 6 required; of which constraint scenes: 2, 3 required',
    });
    expect(result.next?.requirements).toEqual([
      {
        kind: 'base',
        required: 40,
        actual: 37.5,
        met: false,
        message: {
          zh: '基础得分 37.5，距二级所需 40 分还差 2.5 分',
          en: 'Base score 37.5, 2.5 points short of the 40 required for Level 2',
        },
      },
      {
        kind: 'scenes',
        required: 6,
        actual: 5,
        met: false,
        message: { zh: '2 级及以上场景 5 个，需 6 个', en: '5 scenes at L2 or above, 6 required' },
      },
      {
        kind: 'constraintScenes',
        required: 3,
        actual: 2,
        met: false,
        message: {
          zh: '2 级及以上的约束性场景 2 个，需 3 个',
          en: '2 constraint scenes at L2 or above, 3 required',
        },
      },
    ]);
  });

  it('lists only the unmet requirements, naming the level when the base is met', () => {
    const scenesOnly = determineLevel(catalog, input(65, 3, 7, 5));
    expect(scenesOnly.level).toBe(2);
    expect(scenesOnly.next?.missingSummary).toEqual({
      zh: '距三级：3 级及以上场景 7 个，需 8 个',
      en: 'For Level 3: 7 scenes at L3 or above, 8 required',
    });
    const constraintOnly = determineLevel(catalog, input(85, 4, 10, 5));
    expect(constraintOnly.next?.missingSummary).toEqual({
      zh: '距四级：4 级及以上的约束性场景 5 个，需 6 个',
      en: 'For Level 4: 5 constraint scenes at L4 or above, 6 required',
    });
    const baseOnly = determineLevel(catalog, input(79.999, 4, 16, 10));
    expect(baseOnly.next?.missingSummary).toEqual({
      zh: '基础得分 79.999，距四级所需 80 分还差 0.001 分',
      en: 'Base score 79.999, 0.001 points short of the 80 required for Level 4',
    });
    expect(baseOnly.next?.requirements.find((r) => r.kind === 'scenes')?.message.zh).toBe('4 级及以上场景 16 个，已达到所需的 10 个');
  });
});
