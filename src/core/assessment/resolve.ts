/** The effective answer of each question: which options count, and where they came from. */
import type { Option, QuestionType } from './catalog-types';
import type { QuestionEntry } from './catalog-index';
import type { QuestionAnswer } from './answers';
import { deriveBand, deriveTrend, type BandDerivation, type InputPool, type TrendDerivation } from './derive';
import { toMilli, type Milli } from './points';

/** `inputs` = derived from the numeric inputs (band/trend); `choice` = the option(s) picked. */
export type AnswerSource = 'choice' | 'inputs' | 'none';

export interface ResolvedQuestion {
  entry: QuestionEntry;
  type: QuestionType;
  /** Known, distinct option ids that count for the score. */
  optionIds: string[];
  source: AnswerSource;
  derivation?: BandDerivation | TrendDerivation;
  scoreMilli: Milli;
  maxMilli: Milli;
}

function knownOptions(options: readonly Option[], ids: readonly string[]): Option[] {
  const seen = new Set<string>();
  const result: Option[] = [];
  for (const id of ids) {
    const option = options.find((candidate) => candidate.id === id);
    if (option && !seen.has(id)) {
      seen.add(id);
      result.push(option);
    }
  }
  return result;
}

export function resolveQuestion(
  entry: QuestionEntry,
  answer: QuestionAnswer | undefined,
  pool: InputPool,
): ResolvedQuestion {
  const { question } = entry;
  const maxMilli = toMilli(question.points);

  if (question.type === 'multi') {
    const chosen = knownOptions(question.options, answer?.choices ?? []);
    let sum = 0;
    for (const option of chosen) sum += toMilli(option.score);
    return {
      entry,
      type: question.type,
      optionIds: chosen.map((option) => option.id),
      source: chosen.length > 0 ? 'choice' : 'none',
      scoreMilli: Math.min(sum, maxMilli),
      maxMilli,
    };
  }

  const derivation =
    question.type === 'band' ? deriveBand(question, pool) : question.type === 'trend' ? deriveTrend(question, pool) : undefined;
  let option: Option | undefined;
  let source: AnswerSource = 'none';
  if (derivation?.status === 'ok') {
    option = derivation.option;
    source = 'inputs';
  } else if (answer?.choice) {
    const choice = answer.choice;
    option = question.options.find((candidate) => candidate.id === choice);
    if (option) source = 'choice';
  }
  const result: ResolvedQuestion = {
    entry,
    type: question.type,
    optionIds: option ? [option.id] : [],
    source,
    scoreMilli: option ? Math.min(toMilli(option.score), maxMilli) : 0,
    maxMilli,
  };
  if (derivation) result.derivation = derivation;
  return result;
}
