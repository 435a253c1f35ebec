/** Pure scoring: base score (0–100) with per-dimension, per-indicator and per-question breakdown. */
import type { Text } from '../text';
import type { Catalog, CatalogVersion, QuestionType, SceneLevel } from './catalog-types';
import { indexCatalog } from './catalog-index';
import { sceneLevelOf, type AssessmentAnswers } from './answers';
import { poolInputs } from './derive';
import { fromMilli, toMilli } from './points';
import { resolveQuestion, type AnswerSource } from './resolve';

export interface QuestionScore {
  code: string;
  name: Text;
  type: QuestionType;
  indicator: string;
  dimension: string;
  /** Points, at most 3 decimals. */
  score: number;
  max: number;
  answered: boolean;
  /** Whether the options counted come from the choice or were derived from the numeric inputs. */
  source: AnswerSource;
  optionIds: string[];
}

export interface IndicatorScore {
  code: string;
  name: Text;
  dimension: string;
  score: number;
  max: number;
}

export interface DimensionScore {
  code: string;
  name: Text;
  score: number;
  max: number;
}

export interface SceneResult {
  code: string;
  name: Text;
  group: string;
  /** Unrated scenes count as L0. */
  level: SceneLevel;
  constraint: boolean;
  rated: boolean;
}

export interface ScoreResult {
  catalogVersion: CatalogVersion;
  /** Base score, 0–100, at most 3 decimals. */
  base: number;
  max: number;
  dimensions: DimensionScore[];
  indicators: IndicatorScore[];
  questions: QuestionScore[];
  scenes: SceneResult[];
  progress: { questionsAnswered: number; questionsTotal: number; scenesRated: number; scenesTotal: number };
}

export function scoreAssessment(catalog: Catalog, answers: AssessmentAnswers): ScoreResult {
  const index = indexCatalog(catalog);
  const pool = Object.fromEntries([...poolInputs(catalog, answers)].map(([code, { value }]) => [code, value]));
  const questions: QuestionScore[] = [];
  const indicators: IndicatorScore[] = [];
  const dimensions: DimensionScore[] = [];
  let baseMilli = 0;

  for (const dimension of catalog.dimensions) {
    let dimensionMilli = 0;
    for (const indicator of dimension.indicators) {
      let indicatorMilli = 0;
      for (const question of indicator.questions) {
        const entry = index.questions.get(question.code);
        if (!entry) continue;
        const resolved = resolveQuestion(entry, answers.questions[question.code], pool);
        indicatorMilli += resolved.scoreMilli;
        questions.push({
          code: question.code,
          name: question.name,
          type: question.type,
          indicator: indicator.code,
          dimension: dimension.code,
          score: fromMilli(resolved.scoreMilli),
          max: question.points,
          answered: resolved.source !== 'none',
          source: resolved.source,
          optionIds: resolved.optionIds,
        });
      }
      indicatorMilli = Math.min(indicatorMilli, toMilli(indicator.points));
      dimensionMilli += indicatorMilli;
      indicators.push({
        code: indicator.code,
        name: indicator.name,
        dimension: dimension.code,
        score: fromMilli(indicatorMilli),
        max: indicator.points,
      });
    }
    dimensionMilli = Math.min(dimensionMilli, toMilli(dimension.points));
    baseMilli += dimensionMilli;
    dimensions.push({ code: dimension.code, name: dimension.name, score: fromMilli(dimensionMilli), max: dimension.points });
  }

  const scenes: SceneResult[] = index.sceneList.map(({ scene, group }) => {
    const level = sceneLevelOf(answers, scene.code);
    return {
      code: scene.code,
      name: scene.name,
      group: group.code,
      level: level ?? 0,
      constraint: scene.constraint,
      rated: level !== null,
    };
  });

  return {
    catalogVersion: catalog.version,
    base: fromMilli(Math.min(baseMilli, toMilli(catalog.scoredTotal))),
    max: catalog.scoredTotal,
    dimensions,
    indicators,
    questions,
    scenes,
    progress: {
      questionsAnswered: questions.filter((question) => question.answered).length,
      questionsTotal: questions.length,
      scenesRated: scenes.filter((scene) => scene.rated).length,
      scenesTotal: scenes.length,
    },
  };
}
