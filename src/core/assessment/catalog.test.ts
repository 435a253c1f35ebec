import { describe, expect, it } from 'vitest';
import { getCatalog, isCatalogVersion, LATEST_CATALOG_VERSION, listCatalogVersions } from './catalogs';
import { catalogQuestions, catalogScenes } from './catalog-index';
import type { Catalog, Question } from './catalog-types';
import { toMilli } from './points';
import type { Text } from '../text';

const catalogs: Catalog[] = listCatalogVersions().map((version) => getCatalog(version));
const sum = (values: number[]): number => values.reduce((total, value) => total + value, 0);

/** Every Text anywhere in the catalog. */
function texts(value: unknown, out: Text[] = []): Text[] {
  if (Array.isArray(value)) value.forEach((item) => texts(item, out));
  else if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    if (typeof record.zh === 'string' && typeof record.en === 'string' && Object.keys(record).length === 2) {
      out.push({ zh: record.zh, en: record.en });
    } else Object.values(record).forEach((child) => texts(child, out));
  }
  return out;
}

function maxAchievableMilli(question: Question): number {
  if (question.type === 'multi') {
    return sum(question.options.filter((option) => !option.exclusive).map((option) => toMilli(option.score)));
  }
  return Math.max(...question.options.map((option) => toMilli(option.score)));
}

describe('catalog registry', () => {
  it('serves the latest version and lists known versions', () => {
    expect(LATEST_CATALOG_VERSION).toBe('2024');
    expect(listCatalogVersions()).toContain('2024');
    expect(getCatalog().version).toBe(LATEST_CATALOG_VERSION);
    expect(getCatalog('2024').version).toBe('2024');
    expect(isCatalogVersion('2024')).toBe(true);
    expect(isCatalogVersion('2019')).toBe(false);
    expect(() => getCatalog('2019')).toThrow(/Unknown assessment catalog version "2019"/);
  });

  it('is frozen reference data', () => {
    const catalog = getCatalog('2024');
    expect(Object.isFrozen(catalog)).toBe(true);
    expect(Object.isFrozen(catalog.dimensions[0]?.indicators[0]?.questions[0]?.options[0])).toBe(true);
  });
});

describe.each(catalogs.map((catalog) => [catalog.version, catalog] as const))('catalog %s invariants', (_, catalog) => {
  it('dimension points sum to the scored total (100)', () => {
    expect(catalog.scoredTotal).toBe(100);
    expect(sum(catalog.dimensions.map((d) => toMilli(d.points)))).toBe(toMilli(catalog.scoredTotal));
  });

  it('indicator points sum to their dimension, question points to their indicator', () => {
    for (const dimension of catalog.dimensions) {
      expect(sum(dimension.indicators.map((i) => toMilli(i.points))), dimension.code).toBe(toMilli(dimension.points));
      for (const indicator of dimension.indicators) {
        expect(sum(indicator.questions.map((q) => toMilli(q.points))), indicator.code).toBe(toMilli(indicator.points));
      }
    }
  });

  it('scores have at most 3 decimals and each question can reach exactly its points', () => {
    for (const question of catalogQuestions(catalog)) {
      for (const option of question.options) {
        expect(Math.abs(option.score * 1000 - toMilli(option.score)), `${question.code}.${option.id}`).toBeLessThan(1e-9);
        expect(option.score).toBeGreaterThanOrEqual(0);
        expect(toMilli(option.score)).toBeLessThanOrEqual(toMilli(question.points));
      }
      const max = maxAchievableMilli(question);
      if (question.type === 'multi') expect(max, question.code).toBeGreaterThanOrEqual(toMilli(question.points));
      else expect(max, question.code).toBe(toMilli(question.points));
      expect(Math.min(...question.options.map((o) => o.score)), question.code).toBe(0);
    }
  });

  it('codes and option ids are unique', () => {
    const questions = catalogQuestions(catalog);
    expect(new Set(questions.map((q) => q.code)).size).toBe(questions.length);
    for (const question of questions) {
      expect(new Set(question.options.map((o) => o.id)).size, question.code).toBe(question.options.length);
    }
    const scenes = catalogScenes(catalog);
    expect(new Set(scenes.map((s) => s.code)).size).toBe(scenes.length);
    expect(new Set(catalog.inputs.map((i) => i.code)).size).toBe(catalog.inputs.length);
    const indicators = catalog.dimensions.flatMap((d) => d.indicators);
    expect(new Set(indicators.map((i) => i.code)).size).toBe(indicators.length);
  });

  it('multi questions have at most one exclusive option, other types none', () => {
    for (const question of catalogQuestions(catalog)) {
      const exclusive = question.options.filter((o) => o.exclusive);
      if (question.type === 'multi') {
        expect(exclusive.length, question.code).toBeLessThanOrEqual(1);
        for (const option of exclusive) expect(option.score).toBe(0);
      } else expect(exclusive, question.code).toHaveLength(0);
    }
  });

  it('band bounds are contiguous and cover [0, ∞)', () => {
    for (const question of catalogQuestions(catalog)) {
      if (question.type !== 'band') continue;
      const [first, ...rest] = question.options;
      expect(first?.band.lowExclusive, question.code).toBeUndefined();
      let previousHigh = first?.band.high ?? null;
      for (const option of rest) {
        expect(previousHigh, `${question.code}.${option.id}`).not.toBeNull();
        expect(option.band.lowExclusive, `${question.code}.${option.id}`).toBe(previousHigh);
        if (option.band.high !== null) expect(option.band.high).toBeGreaterThan(option.band.lowExclusive ?? 0);
        previousHigh = option.band.high;
      }
      expect(previousHigh, `${question.code} top band is open`).toBeNull();
      // Better bands never score less.
      const scores = question.options.map((o) => o.score);
      expect(scores).toEqual([...scores].sort((a, b) => a - b));
    }
  });

  it('inputs referenced by questions exist; band ratios and trend figures use listed inputs', () => {
    const codes = new Set(catalog.inputs.map((i) => i.code));
    for (const question of catalogQuestions(catalog)) {
      if (question.type === 'band') {
        for (const code of question.inputs) expect(codes.has(code), code).toBe(true);
        expect(question.inputs).toContain(question.ratio.numerator);
        expect(question.inputs).toContain(question.ratio.denominator);
      }
      if (question.type === 'trend') {
        expect(question.inputs === undefined, question.code).toBe(question.figures === undefined);
        const figures = question.figures ? [question.figures.lastYear, question.figures.yearBefore] : [];
        for (const figure of figures) {
          for (const code of [figure.numerator, figure.denominator]) {
            if (code === undefined) continue;
            expect(codes.has(code), code).toBe(true);
            expect(question.inputs).toContain(code);
          }
        }
      }
    }
  });

  it('trend options map each direction once; the better direction scores full points, flat half', () => {
    for (const question of catalogQuestions(catalog)) {
      if (question.type !== 'trend') continue;
      const by = (direction: string) => question.options.filter((o) => o.direction === direction);
      for (const direction of ['up', 'flat', 'down']) expect(by(direction), `${question.code} ${direction}`).toHaveLength(1);
      const worse = question.better === 'up' ? 'down' : 'up';
      expect(by(question.better)[0]?.score).toBe(question.points);
      expect(toMilli(by('flat')[0]?.score ?? -1) * 2).toBe(toMilli(question.points));
      expect(by(worse)[0]?.score).toBe(0);
    }
  });

  it('has 16 scenes with their constraint flags and four level descriptions each', () => {
    const scenes = catalogScenes(catalog);
    expect(scenes).toHaveLength(16);
    expect(scenes.filter((s) => s.constraint)).toHaveLength(10);
    expect(scenes.filter((s) => s.constraint).map((s) => s.code)).toEqual([
      'productDesign',
      'marketing',
      'productionControl',
      'quality',
      'equipment',
      'safety',
      'energy',
      'purchasing',
      'warehousing',
      'finance',
    ]);
    for (const scene of scenes) expect(scene.levels).toHaveLength(4);
  });

  it('level rules ascend and are consistent with the scenes', () => {
    const rules = catalog.levelRules;
    expect(rules.map((r) => r.level)).toEqual([1, 2, 3, 4]);
    const scenes = catalogScenes(catalog);
    for (const [i, rule] of rules.entries()) {
      expect(rule.minScenesAtLevel).toBeLessThanOrEqual(scenes.length);
      expect(rule.minConstraintScenes).toBeLessThanOrEqual(scenes.filter((s) => s.constraint).length);
      expect(rule.minConstraintScenes).toBeLessThanOrEqual(rule.minScenesAtLevel);
      const previous = rules[i - 1];
      if (previous) {
        expect(rule.minBase).toBeGreaterThan(previous.minBase);
        expect(rule.sceneLevel).toBeGreaterThanOrEqual(previous.sceneLevel);
      }
    }
  });

  it('keeps the 2024 values as published', () => {
    const byCode = new Map(catalogQuestions(catalog).map((q) => [q.code, q]));
    expect(byCode.get('mechanisms')?.options.map((o) => o.score)).toEqual([0, 1.875, 1.875, 1.875, 1.875]);
    expect(byCode.get('funding')?.options.map((o) => o.score)).toEqual([0, 1.875, 3.75, 5.625, 7.5]);
    expect(byCode.get('autoCollectionCoverage')?.options.at(-1)?.score).toBe(0.9);
    expect(catalog.levelRules.map((r) => [r.minBase, r.minScenesAtLevel, r.sceneLevel, r.minConstraintScenes])).toEqual([
      [20, 6, 1, 3],
      [40, 6, 2, 3],
      [60, 8, 3, 5],
      [80, 10, 4, 6],
    ]);
  });

  it('has a complete English translation for every text', () => {
    const all = texts(catalog);
    expect(all.length).toBeGreaterThan(200);
    for (const text of all) {
      expect(text.zh.trim(), JSON.stringify(text)).not.toBe('');
      expect(text.en.trim(), JSON.stringify(text)).not.toBe('');
      expect(text.en, `untranslated: ${text.zh}`).not.toMatch(/[\u4e00-\u9fff]/);
    }
  });
});
