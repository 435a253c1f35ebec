/** The workflow engine and the pilot's tables: the public API of `core/workflow`. */
export type {
  DeadlineAssignee,
  DeadlineRule,
  EventInput,
  QuestionnaireRule,
  FieldRight,
  TransitionKind,
  FileKind,
  GuardId,
  GuardRef,
  MaterialSlot,
  Stage,
  StateDef,
  StateTone,
  Transition,
  WorkflowTable,
} from './types';
export * from './context';
export { EFFECTS, isEffectId, type EffectId } from './effects';
export {
  GUARD_IDS,
  GUARD_META,
  checkGuard,
  checkGuards,
  isGuardId,
  missingRequiredMaterials,
  type GuardEnv,
  type GuardFailure,
  type GuardMeta,
  type GuardScope,
} from './guards';
export {
  availableEvents,
  canEdit,
  canUploadMaterial,
  canWriteFields,
  hintFor,
  readableFields,
  writableFields,
  checkMaterialFile,
  decide,
  eventLabel,
  eventsOf,
  getState,
  validateTable,
  type Check,
  type Decision,
  type EventOption,
  type FileCheck,
  type Refusal,
  type RefusalCode,
  type RefusalDetails,
} from './engine';
export { STAGES, stageLabel, type StageDef } from './stages';
export { MB, isPaymentPaperwork } from './materials';
export * from './inputs';
export {
  FILING_FIELDS,
  type FilingField,
  PROJECT_EVENTS,
  PROJECT_LIFECYCLE,
  PROJECT_STATES,
  PROJECT_WORKFLOW_ID,
  isProjectEventId,
  isProjectStateId,
  projectState,
  type ProjectEventId,
  type ProjectStateId,
} from './project-lifecycle';
export {
  DIAGNOSIS_REPORT_LIFECYCLE,
  EVALUATION_REPORT_LIFECYCLE,
  REPORT_EVENTS,
  REPORT_LIFECYCLES,
  type ReportEventId,
} from './report-lifecycle';
export { CATALOG_ENTRY_EVENTS, CATALOG_ENTRY_LIFECYCLE, PRODUCT_ENTRY_LIFECYCLE, type CatalogEntryEventId } from './catalog-entry-lifecycle';
export {
  DEFAULT_SUBSIDY_REVIEW_STEPS,
  SUBSIDY_REVIEW,
  SUBSIDY_REVIEW_EVENTS,
  buildSubsidyReviewTable,
  isSubsidyReviewOutcome,
  type ReviewStep,
  type SubsidyReviewConfig,
  type SubsidyReviewEventId,
} from './subsidy-review';
export { TRANCHE_EVENTS, TRANCHE_LIFECYCLE, TRANCHE_STATES, type TrancheEventId, type TrancheStateId } from './tranche-lifecycle';
export { BENCHMARK_EVENTS, BENCHMARK_LIFECYCLE, BENCHMARK_STATES, type BenchmarkEventId, type BenchmarkStateId } from './benchmark-lifecycle';
