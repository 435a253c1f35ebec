import { describe, expect, it } from 'vitest';
import type { AssessmentAnswers } from './answers';
import { assess } from './assess';
import { catalogQuestions, catalogScenes } from './catalog-index';
import { getCatalog } from './catalogs';
import { scoreAssessment } from './scoring';

const catalog = getCatalog('2024');
const draft = (answers: Partial<AssessmentAnswers>): AssessmentAnswers => ({ questions: {}, scenes: {}, ...answers });
const scoreOf = (answers: AssessmentAnswers, code: string) => scoreAssessment(catalog, answers).questions.find((q) => q.code === code);

function fullMarks(): AssessmentAnswers {
  const answers: AssessmentAnswers = { questions: {}, scenes: {} };
  for (const question of catalogQuestions(catalog)) {
    answers.questions[question.code] =
      question.type === 'multi'
        ? { choices: question.options.filter((o) => !o.exclusive).map((o) => o.id) }
        : { choice: [...question.options].sort((a, b) => b.score - a.score)[0]?.id ?? 'A' };
  }
  for (const scene of catalogScenes(catalog)) answers.scenes[scene.code] = 4;
  return answers;
}

describe('scoreAssessment', () => {
  it('scores an empty draft as 0 with unrated scenes at L0', () => {
    const result = scoreAssessment(catalog, draft({}));
    expect(result.base).toBe(0);
    expect(result.max).toBe(100);
    expect(result.dimensions.map((d) => [d.code, d.score, d.max])).toEqual([
      ['foundation', 0, 50],
      ['management', 0, 30],
      ['outcomes', 0, 20],
    ]);
    expect(result.scenes.every((s) => s.level === 0 && !s.rated)).toBe(true);
    expect(result.progress).toEqual({ questionsAnswered: 0, questionsTotal: 15, scenesRated: 0, scenesTotal: 16 });
  });

  it('scores full marks as exactly 100 with no float drift', () => {
    const result = scoreAssessment(catalog, fullMarks());
    expect(result.base).toBe(100);
    expect(result.indicators.every((i) => i.score === i.max)).toBe(true);
    expect(result.questions.every((q) => q.score === q.max && q.answered)).toBe(true);
    expect(result.scenes.every((s) => s.level === 4 && s.rated)).toBe(true);
  });

  it('single: the chosen option', () => {
    expect(scoreOf(draft({ questions: { systemCoverage: { choice: 'D' } } }), 'systemCoverage')).toMatchObject({
      score: 7.5,
      max: 10,
      answered: true,
      source: 'choice',
      optionIds: ['D'],
    });
    expect(scoreOf(draft({ questions: { systemCoverage: { choice: 'Z' } } }), 'systemCoverage')).toMatchObject({
      score: 0,
      answered: false,
    });
  });

  it('multi: sum of chosen options, capped at the question points; “无” adds nothing', () => {
    expect(scoreOf(draft({ questions: { network: { choices: ['B', 'D'] } } }), 'network')?.score).toBe(4);
    expect(scoreOf(draft({ questions: { network: { choices: ['A'] } } }), 'network')).toMatchObject({ score: 0, answered: true });
    expect(scoreOf(draft({ questions: { network: { choices: ['A', 'B'] } } }), 'network')?.score).toBe(2);
    expect(scoreOf(draft({ questions: { network: { choices: ['B', 'B', 'X'] } } }), 'network')).toMatchObject({
      score: 2,
      optionIds: ['B'],
    });
    expect(scoreOf(draft({ questions: { mechanisms: { choices: ['B', 'C', 'D'] } } }), 'mechanisms')?.score).toBe(5.625);
    // 13 × 0.7 + 0.9 = 10 exactly.
    const all = catalogQuestions(catalog).find((q) => q.code === 'autoCollectionCoverage')?.options.slice(1).map((o) => o.id) ?? [];
    expect(scoreOf(draft({ questions: { autoCollectionCoverage: { choices: all } } }), 'autoCollectionCoverage')?.score).toBe(10);
    expect(scoreOf(draft({ questions: { autoCollectionCoverage: { choices: ['B', 'C', 'D'] } } }), 'autoCollectionCoverage')?.score).toBe(2.1);
  });

  it('band: the band follows from the inputs when given, else the choice', () => {
    expect(scoreOf(draft({ questions: { funding: { choice: 'D' } } }), 'funding')).toMatchObject({ score: 5.625, source: 'choice' });
    const derived = draft({ inputs: { digitalSpend: 150, revenueLastYear: 1000 } });
    expect(scoreOf(derived, 'funding')).toMatchObject({ score: 1.875, source: 'inputs', optionIds: ['B'], answered: true });
    // Contradicting choice: the figures decide the score (validation reports the contradiction).
    const contradicting = draft({ questions: { funding: { choice: 'E' } }, inputs: { digitalSpend: 150, revenueLastYear: 1000 } });
    expect(scoreOf(contradicting, 'funding')?.score).toBe(1.875);
    // Invalid figures: the choice counts.
    const invalid = draft({ questions: { equipmentNetworkedRate: { choice: 'C' } }, inputs: { productionEquipment: 0, networkedEquipment: 0 } });
    expect(scoreOf(invalid, 'equipmentNetworkedRate')).toMatchObject({ score: 3, source: 'choice' });
  });

  it('trend: the chosen direction, or the one that follows from two years’ figures', () => {
    expect(scoreOf(draft({ questions: { energyPerRevenue: { choice: 'B' } } }), 'energyPerRevenue')?.score).toBe(3.5);
    const answers = draft({
      inputs: {
        revenueLastYear: 1200,
        revenueYearBefore: 1000,
        employeesLastYear: 100,
        employeesYearBefore: 100,
        costLastYear: 900,
        costYearBefore: 750,
      },
    });
    expect(scoreOf(answers, 'revenuePerEmployee')).toMatchObject({ score: 3, optionIds: ['C'], source: 'inputs' });
    // Cost per revenue 0.75 both years: unchanged.
    expect(scoreOf(answers, 'costPerRevenue')).toMatchObject({ score: 1.5, optionIds: ['B'] });
  });

  it('adds questions into indicators and dimensions', () => {
    const result = scoreAssessment(
      catalog,
      draft({ questions: { mechanisms: { choices: ['B'] }, planImplementation: { choice: 'C' }, funding: { choice: 'D' } } }),
    );
    expect(result.indicators.find((i) => i.code === 'planning')).toMatchObject({ score: 4.875, max: 15, dimension: 'management' });
    expect(result.dimensions.find((d) => d.code === 'management')?.score).toBe(10.5);
    expect(result.base).toBe(10.5);
  });
});

describe('assess', () => {
  it('validates as complete, scores and levels in one call', () => {
    const result = assess(catalog, fullMarks());
    expect(result).toMatchObject({ catalogVersion: '2024', valid: true, problems: [] });
    expect(result.level.level).toBe(4);
    const partial = assess(catalog, draft({ questions: { network: { choices: ['B'] } } }));
    expect(partial.valid).toBe(false);
    expect(partial.score.base).toBe(2);
    expect(partial.level.level).toBe(0);
  });
});
