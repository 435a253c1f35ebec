/**
 * Deriving band and trend answers from the numeric inputs, with exact arithmetic. Used by validation and
 * scoring, and by the UI for live display ("35.0% → (20%,40%]").
 */
import type {
  BandOption,
  BandQuestion,
  Catalog,
  TrendDirection,
  TrendFigure,
  TrendOption,
  TrendQuestion,
} from './catalog-types';
import { indexCatalog } from './catalog-index';
import type { AssessmentAnswers } from './answers';
import { compare, div, fromNumber, mul, rational, toFixed, toNumber, type Rational } from './rational';

/** Input values by input code; missing / null = not entered. */
export type InputPool = Readonly<Record<string, number | null | undefined>>;

export interface PooledInput {
  value: number;
  /** Where the value was read from, e.g. `inputs.revenueLastYear` or `questions.funding.inputs.revenueLastYear`. */
  path: string;
}

/**
 * One value per input code: the shared `inputs` area first, then questions' own inputs (in catalog order)
 * for codes the question uses and the shared area leaves empty.
 */
export function poolInputs(catalog: Catalog, answers: AssessmentAnswers): Map<string, PooledInput> {
  const index = indexCatalog(catalog);
  const pool = new Map<string, PooledInput>();
  for (const [code, value] of Object.entries(answers.inputs ?? {})) {
    if (value !== null && index.inputs.has(code)) pool.set(code, { value, path: `inputs.${code}` });
  }
  for (const { question } of index.questionList) {
    const own = answers.questions[question.code]?.inputs;
    if (!own || (question.type !== 'band' && question.type !== 'trend')) continue;
    for (const code of question.inputs ?? []) {
      const value = own[code];
      if (value !== null && value !== undefined && !pool.has(code)) {
        pool.set(code, { value, path: `questions.${question.code}.inputs.${code}` });
      }
    }
  }
  return pool;
}

/** The merged input values of an answer set (shared area plus question inputs), for live display. */
export function collectInputs(catalog: Catalog, answers: AssessmentAnswers): Record<string, number> {
  const values: Record<string, number> = {};
  for (const [code, { value }] of poolInputs(catalog, answers)) values[code] = value;
  return values;
}

const HUNDRED = rational(100n);

function read(inputs: InputPool, code: string): number | null {
  const value = inputs[code];
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

export type DerivationFailure =
  | { status: 'incomplete'; missing: string[] }
  | { status: 'invalid'; reason: 'NEGATIVE_INPUT'; inputs: string[] }
  | { status: 'invalid'; reason: 'DENOMINATOR_ZERO'; inputs: string[] }
  | { status: 'invalid'; reason: 'RATIO_OVER_100'; inputs: string[] };

export type BandDerivation =
  | {
      status: 'ok';
      optionId: string;
      option: BandOption;
      /** ratio × 100, for display only (decisions use exact arithmetic). */
      percent: number;
      /** e.g. "35.0%"; more decimals when needed to show which side of a boundary it is ("10.0001%"). */
      percentText: string;
    }
  | DerivationFailure;

function bandContains(option: BandOption, percent: Rational): boolean {
  const { lowExclusive, high } = option.band;
  const aboveLow =
    lowExclusive === undefined ? compare(percent, rational(0n)) >= 0 : compare(percent, fromNumber(lowExclusive)) > 0;
  const belowHigh = high === null || compare(percent, fromNumber(high)) <= 0;
  return aboveLow && belowHigh;
}

/** The band option containing a percentage (exact). Throws if the catalog's bands leave a gap. */
export function bandForPercent(question: BandQuestion, percent: Rational): BandOption {
  const option = question.options.find((candidate) => bandContains(candidate, percent));
  if (!option) throw new Error(`No band of ${question.code} contains ${toFixed(percent, 6)}%`);
  return option;
}

const boundsCache = new WeakMap<BandQuestion, Rational[]>();

function boundsOf(question: BandQuestion): Rational[] {
  let bounds = boundsCache.get(question);
  if (!bounds) {
    bounds = question.options.flatMap((option) =>
      [option.band.lowExclusive, option.band.high].filter((b): b is number => typeof b === 'number').map(fromNumber),
    );
    boundsCache.set(question, bounds);
  }
  return bounds;
}

/** Percentage text that sits on the same side of every band boundary as the exact value. */
function formatPercent(question: BandQuestion, percent: Rational): string {
  const bounds = boundsOf(question);
  let text = toFixed(percent, 1);
  for (let decimals = 1; decimals <= 6; decimals += 1) {
    text = toFixed(percent, decimals);
    const shown = fromNumber(Number(text));
    if (bounds.every((bound) => compare(shown, bound) === compare(percent, bound))) break;
  }
  return `${text}%`;
}

/** The band that follows from the question's ratio inputs. */
export function deriveBand(question: BandQuestion, inputs: InputPool): BandDerivation {
  const { numerator, denominator, partOfWhole } = question.ratio;
  const num = read(inputs, numerator);
  const den = read(inputs, denominator);
  const missing = [num === null ? numerator : null, den === null ? denominator : null].filter(
    (code): code is string => code !== null,
  );
  if (num === null || den === null) return { status: 'incomplete', missing };
  const negative = [num < 0 ? numerator : null, den < 0 ? denominator : null].filter((c): c is string => c !== null);
  if (negative.length > 0) return { status: 'invalid', reason: 'NEGATIVE_INPUT', inputs: negative };
  if (den === 0) return { status: 'invalid', reason: 'DENOMINATOR_ZERO', inputs: [denominator] };
  const ratio = div(fromNumber(num), fromNumber(den));
  if (partOfWhole && compare(ratio, rational(1n)) > 0) {
    return { status: 'invalid', reason: 'RATIO_OVER_100', inputs: [numerator, denominator] };
  }
  const percent = mul(ratio, HUNDRED);
  const option = bandForPercent(question, percent);
  return {
    status: 'ok',
    optionId: option.id,
    option,
    percent: toNumber(percent),
    percentText: formatPercent(question, percent),
  };
}

export type TrendDerivation =
  | {
      status: 'ok';
      direction: TrendDirection;
      optionId: string;
      option: TrendOption;
      /** The compared figures (input, or input ÷ input), for display only. */
      lastYear: number;
      yearBefore: number;
    }
  | { status: 'unavailable' }
  | DerivationFailure;

function figureCodes(figure: TrendFigure): string[] {
  return figure.denominator === undefined ? [figure.numerator] : [figure.numerator, figure.denominator];
}

/** The direction (and option) that follows from two years' figures. */
export function deriveTrend(question: TrendQuestion, inputs: InputPool): TrendDerivation {
  if (!question.figures) return { status: 'unavailable' };
  const { lastYear, yearBefore } = question.figures;
  const codes = [...new Set([...figureCodes(lastYear), ...figureCodes(yearBefore)])];
  const missing = codes.filter((code) => read(inputs, code) === null);
  if (missing.length > 0) return { status: 'incomplete', missing };
  const value = (code: string): number => read(inputs, code) ?? 0;
  const negative = codes.filter((code) => value(code) < 0);
  if (negative.length > 0) return { status: 'invalid', reason: 'NEGATIVE_INPUT', inputs: negative };
  const zero = [lastYear.denominator, yearBefore.denominator].filter(
    (code): code is string => code !== undefined && value(code) === 0,
  );
  if (zero.length > 0) return { status: 'invalid', reason: 'DENOMINATOR_ZERO', inputs: [...new Set(zero)] };
  const figure = (f: TrendFigure): Rational =>
    f.denominator === undefined ? fromNumber(value(f.numerator)) : div(fromNumber(value(f.numerator)), fromNumber(value(f.denominator)));
  const last = figure(lastYear);
  const before = figure(yearBefore);
  const cmp = compare(last, before);
  const direction: TrendDirection = cmp > 0 ? 'up' : cmp < 0 ? 'down' : 'flat';
  const option = question.options.find((candidate) => candidate.direction === direction);
  if (!option) throw new Error(`Trend question ${question.code} has no option for direction ${direction}`);
  return { status: 'ok', direction, optionId: option.id, option, lastYear: toNumber(last), yearBefore: toNumber(before) };
}
