import { describe, expect, it } from 'vitest';
import type { AssessmentAnswers } from './answers';
import { catalogQuestions, catalogScenes } from './catalog-index';
import { getCatalog } from './catalogs';
import type { ProblemCode } from './problems';
import { validateAnswers } from './validate';

const catalog = getCatalog('2024');

/** Complete answers with the best option everywhere and every scene at L4. */
function fullMarks(): AssessmentAnswers {
  const answers: AssessmentAnswers = { catalogVersion: '2024', questions: {}, scenes: {}, inputs: {} };
  for (const question of catalogQuestions(catalog)) {
    answers.questions[question.code] =
      question.type === 'multi'
        ? { choices: question.options.filter((o) => !o.exclusive).map((o) => o.id) }
        : { choice: [...question.options].sort((a, b) => b.score - a.score)[0]?.id ?? 'A' };
  }
  for (const scene of catalogScenes(catalog)) answers.scenes[scene.code] = 4;
  return answers;
}

const draft = (answers: Partial<AssessmentAnswers>): AssessmentAnswers => ({ questions: {}, scenes: {}, ...answers });
const codes = (answers: AssessmentAnswers, complete = false): ProblemCode[] =>
  validateAnswers(catalog, answers, { complete }).map((p) => p.code);
const only = (answers: AssessmentAnswers, complete = false) => {
  const problems = validateAnswers(catalog, answers, { complete });
  expect(problems).toHaveLength(1);
  return problems[0]!;
};

describe('validateAnswers', () => {
  it('accepts a complete answer set and an empty draft', () => {
    expect(validateAnswers(catalog, fullMarks(), { complete: true })).toEqual([]);
    expect(validateAnswers(catalog, draft({}), { complete: false })).toEqual([]);
  });

  it('reports every unanswered question and unrated scene only when complete', () => {
    const problems = validateAnswers(catalog, draft({}), { complete: true });
    expect(problems.filter((p) => p.code === 'MISSING_ANSWER')).toHaveLength(15);
    expect(problems.filter((p) => p.code === 'MISSING_SCENE')).toHaveLength(16);
    const network = problems.find((p) => p.path === 'questions.network');
    expect(network?.message.zh).toBe('请回答“网络建设”（至少选择一项，没有则选“无”）');
    expect(network?.message.en).toBe('Please answer “Network infrastructure” (choose at least one option, or “None”)');
    const scene = problems.find((p) => p.path === 'scenes.productDesign');
    expect(scene?.message).toEqual({ zh: '请评定场景“产品设计”的等级（L0–L4）', en: 'Please rate the scene “Product design” (L0–L4)' });
  });

  it('counts a band or trend question answered when its inputs decide it', () => {
    const answers = fullMarks();
    answers.questions.equipmentDigitalRate = {};
    answers.questions.passRate = { choice: null };
    answers.inputs = { productionEquipment: 100, digitalEquipment: 35, passRateLastYear: 98, passRateYearBefore: 97 };
    expect(validateAnswers(catalog, answers, { complete: true })).toEqual([]);
    answers.inputs = { productionEquipment: 100 };
    expect(codes(answers, true)).toEqual(['MISSING_ANSWER', 'MISSING_ANSWER']);
  });

  it('rejects “无” combined with other options', () => {
    const problem = only(draft({ questions: { network: { choices: ['A', 'B'] } } }));
    expect(problem.code).toBe('EXCLUSIVE_COMBINED');
    expect(problem.path).toBe('questions.network.choices');
    expect(problem.message.zh).toBe('“网络建设”：“无”不能与其他选项同时选择');
    expect(problem.message.en).toBe('“Network infrastructure”: “None” cannot be combined with other options');
    expect(codes(draft({ questions: { network: { choices: ['A'] } } }))).toEqual([]);
  });

  it('rejects unknown questions, options, scenes and inputs', () => {
    expect(only(draft({ questions: { nope: { choice: 'A' } } }))).toMatchObject({ code: 'UNKNOWN_QUESTION', path: 'questions.nope' });
    expect(only(draft({ questions: { systemCoverage: { choice: 'Z' } } }))).toMatchObject({
      code: 'UNKNOWN_OPTION',
      path: 'questions.systemCoverage.choice',
      message: { zh: '“本地或云化信息系统覆盖的业务环节”没有选项“Z”' },
    });
    expect(only(draft({ questions: { talent: { choices: ['B', 'Q'] } } }))).toMatchObject({
      code: 'UNKNOWN_OPTION',
      path: 'questions.talent.choices.1',
    });
    expect(only(draft({ scenes: { teleport: 2 } }))).toMatchObject({ code: 'UNKNOWN_SCENE', path: 'scenes.teleport' });
    expect(only(draft({ inputs: { profit: 3 } }))).toMatchObject({ code: 'UNKNOWN_INPUT', path: 'inputs.profit' });
    // An existing input, but not one this question uses.
    expect(only(draft({ questions: { funding: { inputs: { productionEquipment: 3 } } } }))).toMatchObject({
      code: 'UNKNOWN_INPUT',
      path: 'questions.funding.inputs.productionEquipment',
    });
    expect(only(draft({ questions: { network: { inputs: { revenueLastYear: 3 } } } }))).toMatchObject({ code: 'UNKNOWN_INPUT' });
  });

  it('rejects the wrong answer field and duplicate options', () => {
    expect(only(draft({ questions: { network: { choice: 'B' } } }))).toMatchObject({
      code: 'ANSWER_KIND_MISMATCH',
      path: 'questions.network.choice',
    });
    expect(only(draft({ questions: { systemCoverage: { choices: ['B'] } } }))).toMatchObject({
      code: 'ANSWER_KIND_MISMATCH',
      path: 'questions.systemCoverage.choices',
    });
    expect(only(draft({ questions: { talent: { choices: ['B', 'B'] } } }))).toMatchObject({
      code: 'DUPLICATE_OPTION',
      path: 'questions.talent.choices.1',
    });
  });

  it('reports a chosen band that contradicts the inputs, with the computed share', () => {
    const problem = only(
      draft({
        questions: { equipmentDigitalRate: { choice: 'E' } },
        inputs: { productionEquipment: 200, digitalEquipment: 70 },
      }),
    );
    expect(problem).toMatchObject({ code: 'BAND_CONTRADICTS_INPUTS', path: 'questions.equipmentDigitalRate.choice' });
    expect(problem.message.zh).toBe('按填写的数据，数字化设备比例为 35.0%，应选“(20%,40%]”，而不是“(60%,100%]”');
    expect(problem.message.en).toBe(
      'From the figures entered, the share of digital equipment is 35.0%, so the band should be “(20%,40%]”, not “(60%,100%]”',
    );
    expect(codes(draft({ questions: { equipmentDigitalRate: { choice: 'C' } }, inputs: { productionEquipment: 200, digitalEquipment: 70 } }))).toEqual([]);
  });

  it('uses revenue from the shared area for funding', () => {
    const problem = only(
      draft({ questions: { funding: { choice: 'A', inputs: { digitalSpend: 250 } } }, inputs: { revenueLastYear: 1000 } }),
    );
    expect(problem.code).toBe('BAND_CONTRADICTS_INPUTS');
    expect(problem.message.zh).toContain('数字化投入占营业收入比例为 25.0%，应选“(20%,40%]”');
  });

  it('reports a ratio above 100% and a zero denominator at the input', () => {
    const over = only(draft({ inputs: { productionEquipment: 100, networkedEquipment: 120 } }));
    expect(over).toMatchObject({ code: 'RATIO_OVER_100', path: 'inputs.networkedEquipment' });
    expect(over.message.zh).toBe('“联网设备数”（120）大于“生产设备总数”（100），比例不能超过 100%');
    const zero = validateAnswers(catalog, draft({ inputs: { productionEquipment: 0, digitalEquipment: 0 } }), { complete: false });
    expect(zero).toHaveLength(1);
    expect(zero[0]).toMatchObject({ code: 'DENOMINATOR_ZERO', path: 'inputs.productionEquipment' });
    expect(zero[0]?.message.zh).toContain('“生产设备总数”为 0，无法计算“数字化设备比例”');
    expect(
      only(draft({ questions: { revenuePerEmployee: { inputs: { employeesLastYear: 0 } } }, inputs: { revenueLastYear: 10, revenueYearBefore: 9, employeesYearBefore: 3 } })),
    ).toMatchObject({ code: 'DENOMINATOR_ZERO', path: 'questions.revenuePerEmployee.inputs.employeesLastYear' });
  });

  it('checks input values: negative, whole counts, percentage range, conflicts', () => {
    expect(only(draft({ inputs: { productionEquipment: -3 } }))).toMatchObject({
      code: 'NEGATIVE_INPUT',
      path: 'inputs.productionEquipment',
      message: { zh: '“生产设备总数”不能为负数（填写的是 -3）' },
    });
    expect(only(draft({ inputs: { productionEquipment: 12.5 } }))).toMatchObject({ code: 'INPUT_NOT_INTEGER' });
    expect(only(draft({ inputs: { passRateLastYear: 100.5 } }))).toMatchObject({ code: 'INPUT_OUT_OF_RANGE' });
    expect(
      only(draft({ questions: { funding: { inputs: { revenueLastYear: 900 } } }, inputs: { revenueLastYear: 1000 } })),
    ).toMatchObject({ code: 'INPUT_CONFLICT', path: 'questions.funding.inputs.revenueLastYear' });
    expect(codes(draft({ questions: { funding: { inputs: { revenueLastYear: 1000 } } }, inputs: { revenueLastYear: 1000 } }))).toEqual([]);
  });

  it('reports a trend choice that contradicts the two years’ figures', () => {
    const problem = only(
      draft({
        questions: { energyPerRevenue: { choice: 'C' } },
        inputs: { energyLastYear: 120, revenueLastYear: 1000, energyYearBefore: 100, revenueYearBefore: 1000 },
      }),
    );
    expect(problem).toMatchObject({ code: 'TREND_CONTRADICTS_INPUTS', path: 'questions.energyPerRevenue.choice' });
    expect(problem.message.zh).toBe('按填写的两年数据，“每百元营业收入综合能耗（上年对比前年）”为“上升”，应选“上升”，而不是“下降”');
    expect(problem.message.en).toContain('rose, so the answer should be “Rose”, not “Fell”');
  });

  it('rejects invalid scene levels that bypassed the schema', () => {
    const answers = draft({});
    (answers.scenes as Record<string, unknown>).quality = 7;
    expect(only(answers)).toMatchObject({ code: 'SCENE_LEVEL_INVALID', path: 'scenes.quality' });
  });

  it('rejects answers given for another catalog version', () => {
    expect(only(draft({ catalogVersion: '2019' }))).toMatchObject({ code: 'CATALOG_VERSION_MISMATCH', path: 'catalogVersion' });
  });
});
