/**
 * The plain data guards decide on. The server assembles one `GuardContext` per decision from the object's
 * row and its related records (materials, reports, delegation, …); the workflow never loads anything itself.
 */
import type { SmeSize } from '../identity/sme';
import type { Text } from '../text';

export const DIAGNOSIS_MODES = ['self', 'institution'] as const;
/** Chosen at filing: 自诊断 (platform questionnaire) or 机构诊断 (an institution arranged by the bureau). */
export type DiagnosisMode = (typeof DIAGNOSIS_MODES)[number];

export const PROVIDER_CHOICES = ['leadingUnit', 'catalog', 'market'] as const;
/** 牵引单位/行业型服务商 · 入库服务商及产品 · a market provider not yet in the catalog (needs a 推荐函). */
export type ProviderChoice = (typeof PROVIDER_CHOICES)[number];

export const INSTITUTION_KINDS = ['comprehensive', 'diagnostic'] as const;
/** 综合型 (diagnosis and evaluation) or 诊断型 (diagnosis only). */
export type InstitutionKind = (typeof INSTITUTION_KINDS)[number];

export const REPORT_KINDS = ['diagnosis', 'evaluation'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

/** The states of an institution report (see `report-lifecycle.ts`). */
export const REPORT_STATUSES = ['draft', 'uploaded', 'confirmed', 'disputed'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

/** The states of a catalog entry brought in by a recommendation letter (see `catalog-entry-lifecycle.ts`). */
export const CATALOG_ENTRY_STATUSES = ['draft', 'underReview', 'returned', 'approved', 'rejected', 'withdrawn'] as const;
export type CatalogEntryStatus = (typeof CATALOG_ENTRY_STATUSES)[number];

/** How a subsidy review ended (the terminal states of `subsidy-review.ts`). */
export const SUBSIDY_REVIEW_OUTCOMES = ['approved', 'returned', 'rejected', 'cancelled'] as const;
export type SubsidyReviewOutcome = (typeof SUBSIDY_REVIEW_OUTCOMES)[number];

/** Questionnaires an actor fills in on the platform. Only the enterprise's self-assessment so far. */
export const ASSESSMENT_KINDS = ['self'] as const;
export type AssessmentKind = (typeof ASSESSMENT_KINDS)[number];

/** 数字化水平 levels of the national assessment: 0 = 未达一级, 1–4 = 一级–四级. */
export const DIGITAL_LEVELS = [0, 1, 2, 3, 4] as const;
export type DigitalLevel = (typeof DIGITAL_LEVELS)[number];

export const DIGITAL_LEVEL_LABELS: Record<DigitalLevel, Text> = {
  0: { zh: '未达一级', en: 'below level 1' },
  1: { zh: '一级', en: 'level 1' },
  2: { zh: '二级', en: 'level 2' },
  3: { zh: '三级', en: 'level 3' },
  4: { zh: '四级', en: 'level 4' },
};

export interface GuardContext {
  /**
   * Material slot keys that currently hold at least one file. For a project this is project-wide (a contract
   * uploaded at signing still counts when the subsidy application lists it). Slots whose only uploader is
   * 'system' (e.g. `diagnosis.report`, `evaluation.report`) are present when the platform has the confirmed
   * report on file.
   */
  presentMaterials: readonly string[];
  /** Labels of required form fields of the current state still empty (filing form, signing info, bank account). */
  formMissing: readonly Text[];
  /** The enterprise's size from `classifySme`, or null if employees / revenue are not filled in. */
  enterpriseSize: SmeSize | null;
  diagnosisMode: DiagnosisMode | null;
  /** Questionnaires already submitted for this project. */
  submittedAssessments: readonly AssessmentKind[];
  /** Status of the latest report of each kind, null when there is none. */
  reports: Readonly<Record<ReportKind, ReportStatus | null>>;
  /** Level recorded with the latest evaluation report, null before one is uploaded. */
  evaluationLevel: DigitalLevel | null;
  /** The acting leading unit holds an unrevoked authorisation from the enterprise (only read for leadingUnitDelegate). */
  delegationActive: boolean;
  /** The acting institution is the one assigned to this project / report (only read for institution roles). */
  actorIsAssignedInstitution: boolean;
  /** Action input: the kind of institution the bureau is assigning, null if none is picked. */
  selectedInstitution: InstitutionKind | null;
  /** The provider route of the choice being made (action input) or saved on the project, null if none. */
  providerChoice: ProviderChoice | null;
  /** Why the chosen provider / product cannot be taken (suspended, not in the catalog…), null when it can. */
  providerChoiceProblem: Text | null;
  /** What the contract still lacks or gets wrong (signing info, parties, price lines, provider, targets). */
  contractMissing: readonly Text[];
  /** What the implementation record still lacks (training sessions, the acceptance date). */
  implementationMissing: readonly Text[];
  /** What the evaluation still lacks besides the report (the measured value of every target). */
  evaluationMissing: readonly Text[];
  /** Action input: why the institution picked for an evaluation has a conflict of interest, null if none. */
  institutionConflict: Text | null;
  /** Status of the catalog entry the project waits for (market provider route). */
  catalogEntryStatus: CatalogEntryStatus | null;
  /** Outcome of the project's latest subsidy review, null while it runs. */
  subsidyReviewOutcome: SubsidyReviewOutcome | null;
  /** Expert scoring in the subsidy review: how many experts were assigned and how many have submitted. */
  expertReviews: { assigned: number; submitted: number };
  /** The publicity (公示) window has ended (the server compares with the clock). */
  publicityOver: boolean;
  /** Objections raised during publicity not yet resolved. */
  openObjections: number;
  /** What the subsidy application still lacks or the policy refuses (invoices, payments, declarations, level…). */
  subsidyApplicationProblems: readonly Text[];
  /** The enterprise has a current bank account on file (企业银行账户). */
  bankAccountOnFile: boolean;
  /** The payment paperwork still missing for a tranche (拨付申请表, the sealed account licence). */
  paymentPaperworkMissing: readonly Text[];
  /** Action input: the reason typed by the actor (required where a transition has `needsReason`). */
  reason: string | null;
}

/** A context where nothing is known yet; override what the decision needs. */
export function makeGuardContext(overrides: Partial<GuardContext> = {}): GuardContext {
  return {
    presentMaterials: [],
    formMissing: [],
    enterpriseSize: null,
    diagnosisMode: null,
    submittedAssessments: [],
    reports: { diagnosis: null, evaluation: null },
    evaluationLevel: null,
    delegationActive: false,
    actorIsAssignedInstitution: false,
    selectedInstitution: null,
    providerChoice: null,
    providerChoiceProblem: null,
    contractMissing: [],
    implementationMissing: [],
    evaluationMissing: [],
    institutionConflict: null,
    catalogEntryStatus: null,
    subsidyReviewOutcome: null,
    expertReviews: { assigned: 0, submitted: 0 },
    publicityOver: false,
    openObjections: 0,
    subsidyApplicationProblems: [],
    bankAccountOnFile: false,
    paymentPaperworkMissing: [],
    reason: null,
    ...overrides,
  };
}
