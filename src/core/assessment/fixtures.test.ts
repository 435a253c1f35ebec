import { describe, expect, it } from 'vitest';
import { assess } from './assess';
import { getCatalog } from './catalogs';
import { answersForTargetLevel, randomCompleteAnswers, seededRng } from './fixtures';

const catalog = getCatalog('2024');

describe('fixtures', () => {
  it('seededRng is deterministic and in [0, 1)', () => {
    const a = seededRng(42);
    const b = seededRng(42);
    const values = Array.from({ length: 1000 }, () => a());
    expect(values).toEqual(Array.from({ length: 1000 }, () => b()));
    expect(values.every((v) => v >= 0 && v < 1)).toBe(true);
    expect(new Set(values).size).toBeGreaterThan(990);
  });

  it('randomCompleteAnswers covers every question and scene, with inputs by default', () => {
    const answers = randomCompleteAnswers(catalog, seededRng(7));
    expect(Object.keys(answers.questions)).toHaveLength(15);
    expect(Object.keys(answers.scenes)).toHaveLength(16);
    expect(Object.keys(answers.inputs ?? {}).length).toBeGreaterThan(0);
    expect(randomCompleteAnswers(catalog, seededRng(7), { inputs: false }).inputs).toEqual({});
  });

  it.each([0, 1, 2, 3, 4] as const)('answersForTargetLevel(%i) is valid and reaches exactly that level', (level) => {
    const answers = answersForTargetLevel(catalog, level);
    const result = assess(catalog, answers);
    expect(result.problems).toEqual([]);
    expect(result.level.level).toBe(level);
    expect(answersForTargetLevel(catalog, level)).toEqual(answers);
    const rule = catalog.levelRules.find((r) => r.level === level);
    const next = catalog.levelRules.find((r) => r.level === level + 1);
    expect(result.score.base).toBeGreaterThanOrEqual(rule?.minBase ?? 0);
    expect(result.score.base).toBeLessThan(next?.minBase ?? 101);
  });
});
