/** Lookup tables over a catalog, built once per catalog object. */
import type { Catalog, Dimension, Indicator, InputDef, Question, Scene, SceneGroup } from './catalog-types';

export interface QuestionEntry {
  question: Question;
  indicator: Indicator;
  dimension: Dimension;
}

export interface SceneEntry {
  scene: Scene;
  group: SceneGroup;
}

export interface CatalogIndex {
  questions: ReadonlyMap<string, QuestionEntry>;
  /** In catalog order. */
  questionList: readonly QuestionEntry[];
  scenes: ReadonlyMap<string, SceneEntry>;
  sceneList: readonly SceneEntry[];
  inputs: ReadonlyMap<string, InputDef>;
  indicators: ReadonlyMap<string, { indicator: Indicator; dimension: Dimension }>;
}

const cache = new WeakMap<Catalog, CatalogIndex>();

export function indexCatalog(catalog: Catalog): CatalogIndex {
  const cached = cache.get(catalog);
  if (cached) return cached;
  const questionList: QuestionEntry[] = [];
  const indicators = new Map<string, { indicator: Indicator; dimension: Dimension }>();
  for (const dimension of catalog.dimensions) {
    for (const indicator of dimension.indicators) {
      indicators.set(indicator.code, { indicator, dimension });
      for (const question of indicator.questions) questionList.push({ question, indicator, dimension });
    }
  }
  const sceneList: SceneEntry[] = catalog.sceneGroups.flatMap((group) => group.scenes.map((scene) => ({ scene, group })));
  const index: CatalogIndex = {
    questions: new Map(questionList.map((entry) => [entry.question.code, entry])),
    questionList,
    scenes: new Map(sceneList.map((entry) => [entry.scene.code, entry])),
    sceneList,
    inputs: new Map(catalog.inputs.map((input) => [input.code, input])),
    indicators,
  };
  cache.set(catalog, index);
  return index;
}

/** All scenes in catalog order. */
export function catalogScenes(catalog: Catalog): Scene[] {
  return indexCatalog(catalog).sceneList.map((entry) => entry.scene);
}

/** All questions in catalog order. */
export function catalogQuestions(catalog: Catalog): Question[] {
  return indexCatalog(catalog).questionList.map((entry) => entry.question);
}
