/** One call for the server and the report: validate (complete), score and level. */
import type { Catalog, CatalogVersion } from './catalog-types';
import type { AssessmentAnswers } from './answers';
import { determineLevel, type LevelResult } from './level';
import type { AssessmentProblem } from './problems';
import { scoreAssessment, type ScoreResult } from './scoring';
import { validateAnswers } from './validate';

export interface AssessmentResult {
  catalogVersion: CatalogVersion;
  /** True when the answers are complete and free of problems (the result can be submitted / reported). */
  valid: boolean;
  problems: AssessmentProblem[];
  /** Always computed (best effort for drafts): unanswered questions score 0, unrated scenes count as L0. */
  score: ScoreResult;
  level: LevelResult;
}

export function assess(catalog: Catalog, answers: AssessmentAnswers): AssessmentResult {
  const problems = validateAnswers(catalog, answers, { complete: true });
  const score = scoreAssessment(catalog, answers);
  return { catalogVersion: catalog.version, valid: problems.length === 0, problems, score, level: determineLevel(catalog, score) };
}
