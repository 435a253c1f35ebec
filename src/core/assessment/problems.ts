/** Problems found in an answer set, each pointing at the offending field, in Chinese and English. */
import type { Text } from '../text';

export const PROBLEM_CODES = [
  /** Not JSON of the answers shape (from `parseAnswers`). */
  'INVALID_FORMAT',
  /** The answers were saved for another catalog version. */
  'CATALOG_VERSION_MISMATCH',
  'UNKNOWN_QUESTION',
  'UNKNOWN_OPTION',
  'UNKNOWN_INPUT',
  'UNKNOWN_SCENE',
  /** `choice` on a multi question or `choices` on a single/band/trend question. */
  'ANSWER_KIND_MISMATCH',
  'DUPLICATE_OPTION',
  'MISSING_ANSWER',
  'EXCLUSIVE_COMBINED',
  'NEGATIVE_INPUT',
  'INPUT_NOT_INTEGER',
  'INPUT_OUT_OF_RANGE',
  /** The same input entered twice with different values (shared area vs. a question). */
  'INPUT_CONFLICT',
  'DENOMINATOR_ZERO',
  'RATIO_OVER_100',
  'BAND_CONTRADICTS_INPUTS',
  'TREND_CONTRADICTS_INPUTS',
  'SCENE_LEVEL_INVALID',
  'MISSING_SCENE',
] as const;
export type ProblemCode = (typeof PROBLEM_CODES)[number];

export interface AssessmentProblem {
  /** Dotted path into the answers JSON, e.g. `questions.network.choices`, `inputs.revenueLastYear`, `scenes.quality`. */
  path: string;
  code: ProblemCode;
  message: Text;
}
