/**
 * Validation of an answer set against its catalog. Drafts (`complete: false`) report only what is wrong
 * with what was entered; `complete: true` also reports every unanswered question and unrated scene.
 */
import type { Text } from '../text';
import type { BandQuestion, Catalog, InputDef, Option, Question, TrendQuestion } from './catalog-types';
import { indexCatalog } from './catalog-index';
import type { AssessmentAnswers, QuestionAnswer } from './answers';
import { poolInputs, type DerivationFailure } from './derive';
import type { AssessmentProblem, ProblemCode } from './problems';
import { resolveQuestion } from './resolve';

export interface ValidateOptions {
  /** Require every question answered and every scene rated. */
  complete: boolean;
}

const q = (text: Text): Text => ({ zh: `“${text.zh}”`, en: `“${text.en}”` });
const optionText = (option: Option): Text => q(option.label);

function problem(path: string, code: ProblemCode, zh: string, en: string): AssessmentProblem {
  return { path, code, message: { zh, en } };
}

function checkInputValue(def: InputDef, value: number, path: string, out: AssessmentProblem[]): void {
  const label = q(def.label);
  const shown = String(value);
  if (value < 0) {
    out.push(problem(path, 'NEGATIVE_INPUT', `${label.zh}不能为负数（填写的是 ${shown}）`, `${label.en} cannot be negative (entered ${shown})`));
    return;
  }
  if (def.integer && !Number.isInteger(value)) {
    out.push(problem(path, 'INPUT_NOT_INTEGER', `${label.zh}应为整数（填写的是 ${shown}）`, `${label.en} must be a whole number (entered ${shown})`));
  }
  if (def.max !== undefined && value > def.max) {
    out.push(
      problem(path, 'INPUT_OUT_OF_RANGE', `${label.zh}不能超过 ${def.max}（填写的是 ${shown}）`, `${label.en} cannot exceed ${def.max} (entered ${shown})`),
    );
  }
}

function checkOptions(question: Question, answer: QuestionAnswer, path: string, out: AssessmentProblem[]): void {
  const name = q(question.name);
  const known = new Map(question.options.map((option) => [option.id, option]));
  const unknown = (id: string, at: string): void => {
    out.push(
      problem(at, 'UNKNOWN_OPTION', `${name.zh}没有选项“${id}”`, `${name.en} has no option “${id}”`),
    );
  };
  if (question.type === 'multi') {
    if (answer.choice !== undefined && answer.choice !== null) {
      out.push(
        problem(`${path}.choice`, 'ANSWER_KIND_MISMATCH', `${name.zh}是多选题，请使用 choices 填写`, `${name.en} is a multiple-choice question; answer it with choices`),
      );
    }
    const choices = answer.choices ?? [];
    const seen = new Set<string>();
    choices.forEach((id, i) => {
      if (!known.has(id)) unknown(id, `${path}.choices.${i}`);
      else if (seen.has(id)) {
        out.push(
          problem(`${path}.choices.${i}`, 'DUPLICATE_OPTION', `${name.zh}：选项“${id}”重复选择`, `${name.en}: option “${id}” is chosen twice`),
        );
      }
      seen.add(id);
    });
    const exclusive = [...seen].map((id) => known.get(id)).find((option) => option?.exclusive);
    const others = [...seen].filter((id) => known.has(id) && id !== exclusive?.id);
    if (exclusive && others.length > 0) {
      const label = optionText(exclusive);
      out.push(
        problem(`${path}.choices`, 'EXCLUSIVE_COMBINED', `${name.zh}：${label.zh}不能与其他选项同时选择`, `${name.en}: ${label.en} cannot be combined with other options`),
      );
    }
    return;
  }
  if (answer.choices !== undefined) {
    out.push(
      problem(`${path}.choices`, 'ANSWER_KIND_MISMATCH', `${name.zh}只能选择一项，请使用 choice 填写`, `${name.en} takes a single option; answer it with choice`),
    );
  }
  if (answer.choice !== undefined && answer.choice !== null && !known.has(answer.choice)) unknown(answer.choice, `${path}.choice`);
}

/** Problems of a failed derivation that are not reported per input (negative values are). */
function derivationProblem(
  question: BandQuestion | TrendQuestion,
  failure: DerivationFailure,
  pathOf: (code: string) => string,
  labelOf: (code: string) => Text,
  valueOf: (code: string) => number,
): AssessmentProblem | null {
  if (failure.status !== 'invalid') return null;
  const name = q(question.name);
  const [first = '', second = ''] = failure.inputs;
  if (failure.reason === 'DENOMINATOR_ZERO') {
    const label = q(labelOf(first));
    const what = question.type === 'band' ? q(question.ratio.label) : name;
    return problem(
      pathOf(first),
      'DENOMINATOR_ZERO',
      `${label.zh}为 0，无法计算${what.zh}；请填写大于 0 的数，或清空数据后直接选择`,
      `${label.en} is 0, so the ${question.type === 'band' ? question.ratio.label.en : `figure of ${name.en}`} cannot be computed; enter a number above 0, or clear the figures and choose directly`,
    );
  }
  if (failure.reason === 'RATIO_OVER_100') {
    const num = labelOf(first);
    const den = labelOf(second);
    return problem(
      pathOf(first),
      'RATIO_OVER_100',
      `${q(num).zh}（${valueOf(first)}）大于${q(den).zh}（${valueOf(second)}），比例不能超过 100%`,
      `${q(num).en} (${valueOf(first)}) exceeds ${q(den).en} (${valueOf(second)}); the share cannot be above 100%`,
    );
  }
  return null;
}

export function validateAnswers(
  catalog: Catalog,
  answers: AssessmentAnswers,
  options: ValidateOptions,
): AssessmentProblem[] {
  const index = indexCatalog(catalog);
  const out: AssessmentProblem[] = [];

  if (answers.catalogVersion !== undefined && answers.catalogVersion !== catalog.version) {
    out.push(
      problem(
        'catalogVersion',
        'CATALOG_VERSION_MISMATCH',
        `答卷按 ${answers.catalogVersion} 版指标填写，不能按 ${catalog.version} 版评测`,
        `The answers were given for the ${answers.catalogVersion} indicators and cannot be assessed with the ${catalog.version} version`,
      ),
    );
  }

  // Inputs: shared area, then each question's own; one value per code.
  const seen = new Map<string, { value: number; path: string }>();
  const checkInput = (code: string, value: number | null, path: string, def: InputDef | undefined): void => {
    if (value === null) return;
    if (!def) return;
    checkInputValue(def, value, path, out);
    const earlier = seen.get(code);
    if (earlier && earlier.value !== value) {
      const label = q(def.label);
      out.push(
        problem(path, 'INPUT_CONFLICT', `${label.zh}填写了两个不同的值（${earlier.value} 与 ${value}）`, `${label.en} has two different values (${earlier.value} and ${value})`),
      );
    } else if (!earlier) seen.set(code, { value, path });
  };
  for (const [code, value] of Object.entries(answers.inputs ?? {})) {
    const def = index.inputs.get(code);
    if (!def) {
      out.push(problem(`inputs.${code}`, 'UNKNOWN_INPUT', `没有数据项“${code}”`, `There is no input “${code}”`));
      continue;
    }
    checkInput(code, value, `inputs.${code}`, def);
  }

  for (const [code, answer] of Object.entries(answers.questions)) {
    const path = `questions.${code}`;
    const entry = index.questions.get(code);
    if (!entry) {
      out.push(problem(path, 'UNKNOWN_QUESTION', `没有题目“${code}”`, `There is no question “${code}”`));
      continue;
    }
    const { question } = entry;
    checkOptions(question, answer, path, out);
    const usable = question.type === 'band' || question.type === 'trend' ? (question.inputs ?? []) : [];
    for (const [inputCode, value] of Object.entries(answer.inputs ?? {})) {
      const def = index.inputs.get(inputCode);
      if (!def || !usable.includes(inputCode)) {
        const name = q(question.name);
        out.push(
          problem(`${path}.inputs.${inputCode}`, 'UNKNOWN_INPUT', `${name.zh}没有数据项“${inputCode}”`, `${name.en} has no input “${inputCode}”`),
        );
        continue;
      }
      checkInput(inputCode, value, `${path}.inputs.${inputCode}`, def);
    }
  }

  // Derived answers: band and trend questions against their inputs.
  const pooled = poolInputs(catalog, answers);
  const pool = Object.fromEntries([...pooled].map(([code, { value }]) => [code, value]));
  const pathOf = (code: string): string => pooled.get(code)?.path ?? `inputs.${code}`;
  const labelOf = (code: string): Text => index.inputs.get(code)?.label ?? { zh: code, en: code };
  const valueOf = (code: string): number => pooled.get(code)?.value ?? 0;
  for (const entry of index.questionList) {
    const { question } = entry;
    const answer = answers.questions[question.code];
    const path = `questions.${question.code}`;
    const resolved = resolveQuestion(entry, answer, pool);
    const derived = resolved.derivation;
    const chosen = question.options.find((option) => option.id === answer?.choice);
    if (derived?.status === 'ok') {
      if (chosen && chosen.id !== derived.optionId) {
        const expected = optionText(derived.option);
        const given = optionText(chosen);
        if (question.type === 'band' && 'percentText' in derived) {
          const ratio = question.ratio.label;
          out.push(
            problem(
              `${path}.choice`,
              'BAND_CONTRADICTS_INPUTS',
              `按填写的数据，${ratio.zh}为 ${derived.percentText}，应选${expected.zh}，而不是${given.zh}`,
              `From the figures entered, the ${ratio.en} is ${derived.percentText}, so the band should be ${expected.en}, not ${given.en}`,
            ),
          );
        } else if (question.type === 'trend' && 'direction' in derived) {
          const name = q(question.name);
          const moved = { up: 'rose', down: 'fell', flat: 'was unchanged' }[derived.direction];
          out.push(
            problem(
              `${path}.choice`,
              'TREND_CONTRADICTS_INPUTS',
              `按填写的两年数据，${name.zh}为${expected.zh}，应选${expected.zh}，而不是${given.zh}`,
              `From the two years’ figures entered, ${name.en} ${moved}, so the answer should be ${expected.en}, not ${given.en}`,
            ),
          );
        }
      }
    } else if (derived && derived.status !== 'unavailable' && (question.type === 'band' || question.type === 'trend')) {
      const found = derivationProblem(question, derived, pathOf, labelOf, valueOf);
      if (found) out.push(found);
    }
    if (options.complete && resolved.source === 'none') {
      const name = q(question.name);
      out.push(
        question.type === 'multi'
          ? problem(
              path,
              'MISSING_ANSWER',
              `请回答${name.zh}（至少选择一项，没有则选“无”）`,
              `Please answer ${name.en} (choose at least one option, or “None”)`,
            )
          : problem(path, 'MISSING_ANSWER', `请回答${name.zh}`, `Please answer ${name.en}`),
      );
    }
  }

  // Scenes.
  for (const [code, level] of Object.entries(answers.scenes)) {
    const path = `scenes.${code}`;
    const entry = index.scenes.get(code);
    if (!entry) {
      out.push(problem(path, 'UNKNOWN_SCENE', `没有场景“${code}”`, `There is no scene “${code}”`));
      continue;
    }
    const value: unknown = level;
    if (value !== null && !(typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 4)) {
      const name = q(entry.scene.name);
      out.push(
        problem(path, 'SCENE_LEVEL_INVALID', `场景${name.zh}的等级必须是 0 到 4 的整数（填写的是 ${String(value)}）`, `The level of scene ${name.en} must be a whole number from 0 to 4 (got ${String(value)})`),
      );
    }
  }
  if (options.complete) {
    for (const { scene } of index.sceneList) {
      const level: unknown = answers.scenes[scene.code];
      if (level === undefined || level === null) {
        const name = q(scene.name);
        out.push(
          problem(`scenes.${scene.code}`, 'MISSING_SCENE', `请评定场景${name.zh}的等级（L0–L4）`, `Please rate the scene ${name.en} (L0–L4)`),
        );
      }
    }
  }
  return out;
}
