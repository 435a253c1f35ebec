/**
 * Generated answer sets for tests, benchmarks and demo data. Pure: randomness comes from the `rng`
 * argument (use `seededRng(seed)` for reproducible sets).
 */
import type {
  BandQuestion,
  Catalog,
  DigitalLevel,
  InputDef,
  Question,
  SceneLevel,
  TrendFigure,
  TrendQuestion,
} from './catalog-types';
import { indexCatalog } from './catalog-index';
import type { AssessmentAnswers } from './answers';
import { deriveBand, deriveTrend } from './derive';
import { determineLevel } from './level';
import { toMilli } from './points';
import { compare, div, fromNumber, mul, rational, toFixed, type Rational } from './rational';
import { scoreAssessment } from './scoring';
import { validateAnswers } from './validate';

/** Uniform in [0, 1). */
export type Rng = () => number;

/** Deterministic PRNG (mulberry32). */
export function seededRng(seed: number): Rng {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const randInt = (rng: Rng, min: number, max: number): number => min + Math.floor(rng() * (max - min + 1));

function pick<T>(rng: Rng, items: readonly T[]): T {
  const item = items[Math.floor(rng() * items.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}

export interface RandomAnswersOptions {
  /** Also enter numeric inputs consistent with the band and trend answers (default true). */
  inputs?: boolean;
}

/** An index in [0, n) around `maturity × (n − 1)`, spread by `spread` (share of the range). */
function around(rng: Rng, maturity: number, n: number, spread: number): number {
  const centre = maturity * (n - 1) + (rng() - 0.5) * spread * (n - 1);
  return Math.min(n - 1, Math.max(0, Math.round(centre)));
}

function randomChoice(question: Question, rng: Rng, maturity: number): { choice?: string; choices?: string[] } {
  if (question.type !== 'multi') {
    const byScore = [...question.options].sort((a, b) => a.score - b.score);
    const option = byScore[around(rng, maturity, byScore.length, 1.2)] ?? pick(rng, question.options);
    return { choice: option.id };
  }
  const exclusive = question.options.find((option) => option.exclusive);
  const others = question.options.filter((option) => !option.exclusive);
  const density = Math.min(1, Math.max(0, maturity + (rng() - 0.5) * 0.6));
  const chosen = others.filter(() => rng() < density);
  if (chosen.length > 0) return { choices: chosen.map((option) => option.id) };
  return { choices: [(exclusive ?? pick(rng, question.options)).id] };
}

/**
 * A complete, valid answer set with random answers (and, by default, consistent numeric inputs). Each set
 * draws a "maturity" first and answers around it, so sets spread over all levels.
 */
export function randomCompleteAnswers(catalog: Catalog, rng: Rng, options: RandomAnswersOptions = {}): AssessmentAnswers {
  const index = indexCatalog(catalog);
  const answers: AssessmentAnswers = { catalogVersion: catalog.version, questions: {}, scenes: {}, inputs: {} };
  const maturity = rng();
  for (const { question } of index.questionList) answers.questions[question.code] = randomChoice(question, rng, maturity);
  for (const { scene } of index.sceneList) answers.scenes[scene.code] = around(rng, maturity, 5, 0.7) as SceneLevel;
  if (options.inputs ?? true) synthesizeInputs(catalog, answers, rng);
  return answers;
}

// ---------------------------------------------------------------------------------------------------------
// Numeric inputs consistent with the chosen bands / trends.

type Pool = Map<string, Rational>;

function decimalsOf(def: InputDef): number {
  return def.integer ? 0 : 2;
}

/** Round to the input's precision; the result is an exact decimal. */
function rounded(def: InputDef, value: Rational): Rational {
  return fromNumber(Number(toFixed(value, decimalsOf(def))));
}

function randomValue(def: InputDef, rng: Rng): Rational {
  if (def.integer) return rational(BigInt(20 * randInt(rng, 1, 25)));
  if (def.max !== undefined) return rational(BigInt(randInt(rng, 900, 980)), 10n);
  return rational(BigInt(100 * randInt(rng, 10, 500)));
}

function floorOf(r: Rational): bigint {
  const q = r.n / r.d;
  return r.n < 0n && r.n % r.d !== 0n ? q - 1n : q;
}

function poolRecord(pool: Pool): Record<string, number> {
  return Object.fromEntries([...pool].map(([code, value]) => [code, Number(toFixed(value, 6))]));
}

function synthesizeBand(question: BandQuestion, choice: string | undefined, pool: Pool, defs: ReadonlyMap<string, InputDef>, rng: Rng): void {
  const { numerator, denominator } = question.ratio;
  const numDef = defs.get(numerator);
  const denDef = defs.get(denominator);
  const option = question.options.find((candidate) => candidate.id === choice);
  if (!numDef || !denDef || !option || pool.has(numerator)) return;
  const den = pool.get(denominator) ?? randomValue(denDef, rng);
  if (compare(den, rational(0n)) <= 0) return;
  pool.set(denominator, den);
  // numerator = k × step with lowExclusive% < numerator / den ≤ high%.
  const step = numDef.integer ? rational(1n) : rational(1n, 100n);
  const units = (percent: number): Rational => div(mul(fromNumber(percent), den), mul(rational(100n), step));
  const { lowExclusive, high } = option.band;
  const minK = lowExclusive === undefined ? 0n : floorOf(units(lowExclusive)) + 1n;
  const maxK = high === null ? floorOf(units(100)) : floorOf(units(high));
  if (minK > maxK) return;
  const k = minK + BigInt(Math.floor(rng() * Number(maxK - minK + 1n)));
  pool.set(numerator, mul(rational(k), step));
}

function figureValue(figure: TrendFigure, pool: Pool): Rational | null {
  const num = pool.get(figure.numerator);
  if (!num) return null;
  if (figure.denominator === undefined) return num;
  const den = pool.get(figure.denominator);
  return den && den.n !== 0n ? div(num, den) : null;
}

const FACTORS = [rational(9n, 10n), rational(19n, 20n), rational(1n), rational(21n, 20n), rational(11n, 10n)];

function synthesizeTrend(question: TrendQuestion, choice: string | undefined, pool: Pool, defs: ReadonlyMap<string, InputDef>, rng: Rng): void {
  const direction = question.options.find((option) => option.id === choice)?.direction;
  if (!question.figures || !direction) return;
  const { lastYear, yearBefore } = question.figures;
  const assigned: string[] = [];
  const assign = (code: string, value: Rational): void => {
    pool.set(code, value);
    assigned.push(code);
  };
  for (const code of [lastYear.numerator, lastYear.denominator]) {
    const def = code === undefined ? undefined : defs.get(code);
    if (code !== undefined && def && !pool.has(code)) assign(code, randomValue(def, rng));
  }
  const last = figureValue(lastYear, pool);
  const numDef = defs.get(yearBefore.numerator);
  if (!last || !numDef) return;
  // yearBefore = lastYear × k: "up" means last year is higher.
  const k = direction === 'flat' ? rational(1n) : direction === 'up' ? rational(9n, 10n) : rational(11n, 10n);
  const target = mul(last, k);
  if (yearBefore.denominator === undefined) {
    if (!pool.has(yearBefore.numerator)) {
      let value = rounded(numDef, target);
      if (numDef.max !== undefined && compare(value, fromNumber(numDef.max)) > 0) value = fromNumber(numDef.max);
      assign(yearBefore.numerator, value);
    }
  } else {
    const denDef = defs.get(yearBefore.denominator);
    if (!denDef) return;
    if (!pool.has(yearBefore.denominator)) {
      if (!pool.has(yearBefore.numerator)) {
        const lastDen = lastYear.denominator === undefined ? undefined : pool.get(lastYear.denominator);
        const den = lastDen ? rounded(denDef, mul(lastDen, pick(rng, FACTORS))) : randomValue(denDef, rng);
        assign(yearBefore.denominator, den);
      } else {
        const num = pool.get(yearBefore.numerator);
        if (num && target.n !== 0n) assign(yearBefore.denominator, rounded(denDef, div(num, target)));
      }
    }
    const den = pool.get(yearBefore.denominator);
    if (!pool.has(yearBefore.numerator) && den) assign(yearBefore.numerator, rounded(numDef, mul(target, den)));
  }
  const derived = deriveTrend(question, poolRecord(pool));
  if (derived.status !== 'ok' || derived.direction !== direction) for (const code of assigned) pool.delete(code);
}

/**
 * Fill `answers.inputs` with figures consistent with the chosen band / trend options, then make every
 * derivable band / trend choice match its inputs (shared inputs may leave no other way).
 */
export function synthesizeInputs(catalog: Catalog, answers: AssessmentAnswers, rng: Rng): void {
  const index = indexCatalog(catalog);
  const pool: Pool = new Map();
  for (const { question } of index.questionList) {
    const choice = answers.questions[question.code]?.choice ?? undefined;
    if (question.type === 'band') synthesizeBand(question, choice, pool, index.inputs, rng);
    if (question.type === 'trend') synthesizeTrend(question, choice, pool, index.inputs, rng);
  }
  const values = poolRecord(pool);
  answers.inputs = { ...answers.inputs, ...values };
  for (const { question } of index.questionList) {
    const derived =
      question.type === 'band' ? deriveBand(question, values) : question.type === 'trend' ? deriveTrend(question, values) : null;
    if (derived?.status === 'ok') answers.questions[question.code] = { choice: derived.optionId };
  }
}

// ---------------------------------------------------------------------------------------------------------
// Answer sets that reach an exact level.

/** Answers with points as close to `targetMilli` as a greedy pass gets without exceeding it. */
function answersForBase(catalog: Catalog, targetMilli: number): AssessmentAnswers {
  const index = indexCatalog(catalog);
  const answers: AssessmentAnswers = { catalogVersion: catalog.version, questions: {}, scenes: {}, inputs: {} };
  let remaining = targetMilli;
  for (const { question } of index.questionList) {
    const maxMilli = toMilli(question.points);
    if (question.type === 'multi') {
      const chosen: string[] = [];
      let sum = 0;
      const candidates = question.options.filter((option) => !option.exclusive && toMilli(option.score) > 0);
      for (const option of [...candidates].sort((a, b) => b.score - a.score)) {
        const next = Math.min(sum + toMilli(option.score), maxMilli);
        if (next <= remaining && next > sum) {
          chosen.push(option.id);
          sum = next;
        }
      }
      const none = question.options.find((option) => option.exclusive) ?? question.options[0];
      answers.questions[question.code] = { choices: chosen.length > 0 ? chosen : none ? [none.id] : [] };
      remaining -= sum;
    } else {
      const fitting = question.options
        .filter((option) => Math.min(toMilli(option.score), maxMilli) <= remaining)
        .sort((a, b) => b.score - a.score);
      const option = fitting[0] ?? [...question.options].sort((a, b) => a.score - b.score)[0];
      if (option) {
        answers.questions[question.code] = { choice: option.id };
        remaining -= Math.min(toMilli(option.score), maxMilli);
      }
    }
  }
  return answers;
}

function sceneLevels(catalog: Catalog, level: DigitalLevel, allAtRule: boolean): Record<string, SceneLevel> {
  const rule = catalog.levelRules.find((candidate) => candidate.level === level);
  const high: SceneLevel = rule ? rule.sceneLevel : 0;
  const low = Math.max(0, high - 1) as SceneLevel;
  const levels: Record<string, SceneLevel> = {};
  for (const { scene } of indexCatalog(catalog).sceneList) levels[scene.code] = allAtRule || scene.constraint ? high : low;
  return levels;
}

function reaches(catalog: Catalog, answers: AssessmentAnswers, level: DigitalLevel): boolean {
  return (
    determineLevel(catalog, scoreAssessment(catalog, answers)).level === level &&
    validateAnswers(catalog, answers, { complete: true }).length === 0
  );
}

/**
 * A deterministic, complete and valid answer set whose level is exactly `level`: the base score sits midway
 * between the level's minimum and the next level's, constraint scenes are rated at the level's scene level
 * and the others one below.
 */
export function answersForTargetLevel(catalog: Catalog, level: DigitalLevel): AssessmentAnswers {
  const rules = [...catalog.levelRules].sort((a, b) => a.level - b.level);
  const rule = rules.find((candidate) => candidate.level === level);
  const nextRule = rules.find((candidate) => candidate.level > level);
  const low = rule?.minBase ?? 0;
  const high = nextRule?.minBase ?? catalog.scoredTotal;
  const targetMilli = Math.floor((toMilli(low) + toMilli(high)) / 2);
  for (const allAtRule of [false, true]) {
    const base = answersForBase(catalog, targetMilli);
    base.scenes = sceneLevels(catalog, level, allAtRule);
    for (let seed = 1; seed <= 20; seed += 1) {
      const withInputs: AssessmentAnswers = structuredClone(base);
      synthesizeInputs(catalog, withInputs, seededRng(seed * 7919 + level));
      if (reaches(catalog, withInputs, level)) return withInputs;
    }
    if (reaches(catalog, base, level)) return base;
  }
  throw new Error(`Cannot build answers reaching level ${level} for catalog ${catalog.version}`);
}
