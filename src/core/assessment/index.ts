/** SME digital-level assessment: versioned catalog, answers model, validation, scoring, level and reports. */
export * from './catalog-types';
export { catalog2024 } from './catalog-2024';
export { getCatalog, isCatalogVersion, listCatalogVersions, LATEST_CATALOG_VERSION } from './catalogs';
export { indexCatalog, catalogQuestions, catalogScenes, type CatalogIndex } from './catalog-index';
export * from './answers';
export * from './problems';
export {
  collectInputs,
  deriveBand,
  deriveTrend,
  type BandDerivation,
  type TrendDerivation,
  type DerivationFailure,
  type InputPool,
} from './derive';
export { validateAnswers, type ValidateOptions } from './validate';
export * from './scoring';
export type { AnswerSource } from './resolve';
export * from './level';
export * from './assess';
export * from './weakness';
export * from './recommend';
export * from './compare';
export { formatPoints, formatDelta } from './points';
export {
  answersForTargetLevel,
  randomCompleteAnswers,
  seededRng,
  synthesizeInputs,
  type RandomAnswersOptions,
  type Rng,
} from './fixtures';
