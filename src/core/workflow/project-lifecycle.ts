/**
 * The project lifecycle of 中小企业参与试点流程图 (v2.0): all eight stages as one table.
 *
 * Main path: draft → (self: selfDiagnosis | institution: awaitingDiagnosisAssignment → institutionDiagnosis →
 * diagnosisConfirmation) → diagnosed → [awaitingCatalogEntry] → contracting → implementation → implemented →
 * awaitingEvaluationAssignment → evaluationInProgress → evaluationConfirmation → evaluationPassed →
 * subsidyReview → disbursement → completed; or evaluationPassed → honourOnly.
 * Loops: filingReturned, disputes back to the institution, remediation after a level below 2, subsidyReturned.
 * End states (all in stage 8; `tone` tells how it ended): completed, honourOnly, subsidyRejected, withdrawn, closed.
 *
 * Reports move in their own table (`report-lifecycle.ts`) in the same transaction (report effects such as
 * generating, locking and submitting a report to the bureau are named there); a subsidy application is
 * reviewed by `subsidy-review.ts`, whose conclusion the system carries here with `concludeSubsidyReview`.
 * Pre-subsidy (预奖补) and the payment tranches are money records of the subsidy module, not states.
 */
import type { ActorRole } from '../identity/roles';
import type { Text } from '../text';
import {
  ASSIGN_EVALUATION_INSTITUTION_INPUT,
  ASSIGN_INSTITUTION_INPUT,
  CHOOSE_PROVIDER_INPUT,
  CONFLICT_DECLARATION_INPUT,
  DIAGNOSIS_REPORT_INPUT,
  EVALUATION_REPORT_INPUT,
  RATE_PROVIDER_INPUT,
  REQUEST_EVIDENCE_INPUT,
} from './inputs';
import { DOCUMENTS, EVIDENCE, SCANS, reportSlot, slot } from './materials';
import type { FieldRight, MaterialSlot, StateDef, Transition, WorkflowTable } from './types';

export const PROJECT_WORKFLOW_ID = 'zs-flow-v2.0';

export const PROJECT_STATES = [
  'draft',
  'filingReturned',
  'selfDiagnosis',
  'awaitingDiagnosisAssignment',
  'diagnosisAssigned',
  'institutionDiagnosis',
  'diagnosisConfirmation',
  'diagnosed',
  'awaitingCatalogEntry',
  'contracting',
  'implementation',
  'implemented',
  'awaitingEvaluationAssignment',
  'evaluationAssigned',
  'evaluationInProgress',
  'evaluationConfirmation',
  'remediation',
  'evaluationPassed',
  'subsidyReview',
  'subsidyReturned',
  'disbursement',
  'completed',
  'honourOnly',
  'subsidyRejected',
  'withdrawn',
  'closed',
] as const;
export type ProjectStateId = (typeof PROJECT_STATES)[number];

export const PROJECT_EVENTS = [
  'submitFiling',
  'returnFiling',
  'completeSelfDiagnosis',
  'assignDiagnosisInstitution',
  'acceptDiagnosisTask',
  'declineDiagnosisTask',
  'requestEvidence',
  'submitDiagnosisReport',
  'reassignDiagnosisInstitution',
  'confirmDiagnosisReport',
  'disputeDiagnosisReport',
  'chooseProvider',
  'resumeAfterCatalogApproval',
  'changeProvider',
  'submitContract',
  'returnContract',
  'submitImplementation',
  'returnImplementation',
  'requestEvaluation',
  'assignEvaluationInstitution',
  'acceptEvaluationTask',
  'declineEvaluationTask',
  'submitEvaluationReport',
  'reassignEvaluationInstitution',
  'confirmEvaluationReport',
  'disputeEvaluationReport',
  'applySubsidy',
  'declineSubsidy',
  'concludeSubsidyReview',
  'recordPayment',
  'withdraw',
  'close',
] as const;
export type ProjectEventId = (typeof PROJECT_EVENTS)[number];

type ProjectState = StateDef<ProjectStateId, ProjectEventId>;
type ProjectTransition = Transition<ProjectStateId, ProjectEventId>;

// ---- who acts -------------------------------------------------------------------------------------------

const ENTERPRISE: readonly ActorRole[] = ['enterprise'];
/** The enterprise, or a leading unit submitting on its behalf (stages 4–7 of the flowchart). */
const APPLICANT: readonly ActorRole[] = ['enterprise', 'leadingUnitDelegate'];
const INSTITUTIONS: readonly ActorRole[] = ['institutionComprehensive', 'institutionDiagnostic'];
const COMPREHENSIVE: readonly ActorRole[] = ['institutionComprehensive'];
const BUREAU: readonly ActorRole[] = ['bureauAdmin', 'bureauReviewer'];
/**
 * The chosen provider: a leading unit or catalog provider seeing the project because it is its provider, or a
 * leading unit acting for the enterprise. It prepares stage 5's records; only the enterprise declares them done.
 */
const PROVIDER: readonly ActorRole[] = ['leadingUnit', 'catalogProvider', 'leadingUnitDelegate'];
const PROVIDER_STAFF: readonly ActorRole[] = ['leadingUnit', 'catalogProvider'];
const BUREAU_ADMIN: readonly ActorRole[] = ['bureauAdmin'];
const FINANCE: readonly ActorRole[] = ['bureauFinance'];
const SYSTEM: readonly ActorRole[] = ['system'];

/** The same hint for several roles (the bureau's staff, both kinds of institution). */
function each(roles: readonly ActorRole[], hint: Text): Partial<Record<ActorRole, Text>> {
  return Object.fromEntries(roles.map((r) => [r, hint]));
}

// ---- form fields ----------------------------------------------------------------------------------------

/** The filing form's fields: all writable by the enterprise while the filing is a draft or returned. */
export const FILING_FIELDS = ['title', 'situation', 'needs', 'scope', 'plannedInvestmentFen', 'plannedStart', 'plannedEnd', 'diagnosisMode'] as const;
export type FilingField = (typeof FILING_FIELDS)[number];

function writable(fields: readonly string[], roles: readonly ActorRole[]): Record<string, FieldRight> {
  return Object.fromEntries(fields.map((f) => [f, { write: roles }]));
}

const DRAFT_FIELDS = writable(FILING_FIELDS, ENTERPRISE);
/**
 * Once published, only the schedule and the scope of a filing may change (a delay, a narrower scope) — never its
 * title, investment or diagnosis mode — and each change is a revision the bureau sees as a diff.
 */
const PUBLISHED_FIELDS = writable(['scope', 'plannedStart', 'plannedEnd'], ENTERPRISE);

// ---- materials ------------------------------------------------------------------------------------------

/** The four kinds of evidence the flowchart lists for both diagnosis and evaluation. */
function evidenceSlots(
  phase: 'diagnosis' | 'evaluation',
  uploaders: readonly ActorRole[],
  photosRequired: boolean,
): MaterialSlot[] {
  return [
    slot(`${phase}.policies`, { zh: '相关制度文件、组织架构文件', en: 'Policies and organisation charts' }, {
      required: true,
      accept: EVIDENCE,
      maxMb: 50,
      uploaders,
    }),
    slot(
      `${phase}.systems`,
      {
        zh: '系统软件截图、设备清单、软件设备购买证明、数据台账',
        en: 'System screenshots, equipment lists, purchase proofs, data ledgers',
      },
      { required: true, accept: EVIDENCE, maxMb: 100, uploaders },
    ),
    {
      ...slot(`${phase}.photos`, { zh: '改造现场照片、相关培训交流照片', en: 'Site and training photos' }, {
        required: photosRequired,
        accept: ['image', 'pdf'],
        maxMb: 50,
        uploaders,
      }),
      multiple: true,
    },
    slot(
      `${phase}.financials`,
      { zh: '审计报告或财务报表、数字化投入证明', en: 'Audit report or financial statements, proof of digital investment' },
      { required: true, accept: DOCUMENTS, maxMb: 50, uploaders },
    ),
  ];
}

const CONTRACT = slot('contract.contract', { zh: '项目合同（签章版）', en: 'Signed project contract' }, {
  required: true,
  accept: SCANS,
  maxMb: 50,
  uploaders: APPLICANT,
});
const QUOTATION = slot('contract.quotation', { zh: '项目报价单', en: 'Quotation' }, {
  required: true,
  accept: DOCUMENTS,
  maxMb: 20,
  uploaders: APPLICANT,
});
const PLAN = slot('contract.plan', { zh: '改造方案', en: 'Transformation plan' }, {
  required: false,
  accept: DOCUMENTS,
  maxMb: 50,
  uploaders: APPLICANT,
});
/** Sign-in sheets and photos of the training sessions (each file belongs to one session, see training_sessions). */
const TRAINING: MaterialSlot = {
  ...slot('implementation.trainingRecords', { zh: '培训记录（签到表、培训照片）', en: 'Training records (sign-in sheets, photos)' }, {
    required: true,
    accept: EVIDENCE,
    maxMb: 100,
    uploaders: ['enterprise', ...PROVIDER],
  }),
  multiple: true,
  items: 'trainingSession',
};
const ACCEPTANCE = slot('implementation.acceptanceReport', { zh: '内部验收报告', en: 'Internal acceptance report' }, {
  required: true,
  accept: SCANS,
  maxMb: 50,
  uploaders: ['enterprise', ...PROVIDER],
});

/** What the completion-subsidy application asks for; earlier uploads (contract, reports…) count. */
const SUBSIDY_SLOTS: readonly MaterialSlot[] = [
  QUOTATION,
  CONTRACT,
  slot('subsidy.invoices', { zh: '发票', en: 'Invoices' }, { required: true, accept: SCANS, maxMb: 50, uploaders: APPLICANT }),
  slot('subsidy.paymentProofs', { zh: '付款凭证', en: 'Payment proofs' }, {
    required: true,
    accept: SCANS,
    maxMb: 50,
    uploaders: APPLICANT,
  }),
  reportSlot('diagnosis', SYSTEM),
  ACCEPTANCE,
  TRAINING,
  slot('subsidy.systemScreenshots', { zh: '系统使用截图', en: 'Screenshots of the systems in use' }, {
    required: true,
    accept: EVIDENCE,
    maxMb: 100,
    uploaders: APPLICANT,
  }),
  reportSlot('evaluation', SYSTEM),
];

const DISBURSEMENT_SLOTS: readonly MaterialSlot[] = [
  slot(
    'disbursement.accountLicence',
    { zh: '开户许可证或基本存款账户信息（加盖公章）', en: 'Account licence or basic deposit account record (sealed)' },
    { required: true, accept: SCANS, maxMb: 10, uploaders: ENTERPRISE },
  ),
  slot(
    'disbursement.paymentRequestForm',
    { zh: '财政专项资金拨付申请表', en: 'Special-fund payment request form' },
    { required: true, accept: SCANS, maxMb: 10, uploaders: ['enterprise', 'town'] },
  ),
];

/**
 * The payment paperwork of a pre-subsidy (预奖补) tranche, which can be paid while the project is still being
 * implemented or evaluated: the same two documents, optional in those states (the tranche's own guard asks for them).
 */
const PRE_PAPERWORK: readonly MaterialSlot[] = DISBURSEMENT_SLOTS.map((s) => ({ ...s, required: false }));

// ---- transitions used in many states --------------------------------------------------------------------

const WITHDRAW: ProjectTransition = {
  event: 'withdraw',
  to: 'withdrawn',
  roles: ENTERPRISE,
  guards: [],
  effects: ['notifyBureau'],
  label: { zh: '撤回项目', en: 'Withdraw the project' },
  kind: 'danger',
  confirm: {
    zh: '撤回后项目终止，不能恢复。确定撤回吗？',
    en: 'A withdrawn project ends and cannot be resumed. Withdraw it?',
  },
  needsReason: true,
};

const CLOSE: ProjectTransition = {
  event: 'close',
  to: 'closed',
  roles: BUREAU_ADMIN,
  guards: [],
  effects: ['notifyEnterprise'],
  label: { zh: '终止项目', en: 'Close the project' },
  kind: 'danger',
  confirm: {
    zh: '终止后项目不再继续办理，企业将收到终止原因。确定终止吗？',
    en: 'A closed project cannot continue; the enterprise will see the reason. Close it?',
  },
  needsReason: true,
};

const RETURN_FILING: ProjectTransition = {
  event: 'returnFiling',
  to: 'filingReturned',
  roles: BUREAU,
  guards: [],
  effects: ['storeReturnReason', 'notifyEnterprise'],
  label: { zh: '退回备案修改', en: 'Return the filing for revision' },
  kind: 'neutral',
  needsReason: true,
};

const SUBMIT_FILING_LABEL: Text = { zh: '提交备案', en: 'Submit the filing' };
const SUBMIT_FILING_CONFIRM: Text = {
  zh: '提交后将获得备案号，备案信息将在市工信局网站公开，提交后不能再修改。确定提交吗？',
  en: "You will get a filing number and the filing will be published on the bureau's site; it cannot be edited afterwards. Submit?",
};

/** Filing routes by the diagnosis mode chosen in the form. */
function submitFiling(effects: ProjectTransition['effects']): ProjectTransition[] {
  const common = {
    event: 'submitFiling',
    roles: ENTERPRISE,
    guards: [{ id: 'formComplete' }, { id: 'enterpriseIsSme' }],
    effects,
    label: SUBMIT_FILING_LABEL,
    kind: 'primary',
    confirm: SUBMIT_FILING_CONFIRM,
  } as const;
  return [
    { ...common, to: 'selfDiagnosis', when: [{ id: 'diagnosisModeIs', arg: 'self' }] },
    { ...common, to: 'awaitingDiagnosisAssignment', when: [{ id: 'diagnosisModeIs', arg: 'institution' }] },
  ];
}

const APPLY_SUBSIDY_LABEL: Text = { zh: '提交奖补申请', en: 'Apply for the subsidy' };

function applySubsidy(effects: ProjectTransition['effects']): ProjectTransition {
  return {
    event: 'applySubsidy',
    to: 'subsidyReview',
    roles: APPLICANT,
    guards: [{ id: 'delegationActive' }, { id: 'requiredMaterialsPresent' }, { id: 'subsidyApplicationReady' }],
    effects,
    label: APPLY_SUBSIDY_LABEL,
    kind: 'primary',
  };
}

const DECLINE_SUBSIDY: ProjectTransition = {
  event: 'declineSubsidy',
  to: 'honourOnly',
  roles: ENTERPRISE,
  guards: [],
  effects: ['publishPilotEnterprise', 'issueCertificate', 'notifyBureau'],
  label: { zh: '不申请奖补资金', en: 'Do not apply for the subsidy' },
  kind: 'neutral',
  confirm: {
    zh: '确认不需要奖补资金支持？项目将以获得“试点企业”荣誉完成，之后不能再申请本项目的奖补。',
    en: 'Confirm you need no subsidy? The project ends with the pilot-enterprise honour and can no longer apply for this subsidy.',
  },
};

const REQUEST_EVALUATION: ProjectTransition = {
  event: 'requestEvaluation',
  to: 'awaitingEvaluationAssignment',
  roles: APPLICANT,
  guards: [{ id: 'delegationActive' }],
  effects: ['clearReturnReason', 'notifyBureau'],
  label: { zh: '申请成效评估', en: 'Request the effect evaluation' },
  kind: 'primary',
};

/** What each institution assignment's shared steps need: its events, where it waits and works, its noun. */
const PHASES = {
  diagnosis: {
    reassign: 'reassignDiagnosisInstitution',
    dispute: 'disputeDiagnosisReport',
    waiting: 'awaitingDiagnosisAssignment',
    working: 'institutionDiagnosis',
    noun: { zh: '诊断', en: 'diagnosis' },
  },
  evaluation: {
    reassign: 'reassignEvaluationInstitution',
    dispute: 'disputeEvaluationReport',
    waiting: 'awaitingEvaluationAssignment',
    working: 'evaluationInProgress',
    noun: { zh: '评估', en: 'evaluation' },
  },
} as const satisfies Record<'diagnosis' | 'evaluation', { reassign: ProjectEventId; dispute: ProjectEventId; waiting: ProjectStateId; working: ProjectStateId; noun: Text }>;

type Phase = keyof typeof PHASES;

/** The bureau takes the task back from the assigned institution (with a reason) and assigns again. */
function reassign(phase: Phase): ProjectTransition {
  const p = PHASES[phase];
  return {
    event: p.reassign,
    to: p.waiting,
    roles: BUREAU,
    guards: [],
    effects: ['unassignInstitution', 'notifyInstitution', 'notifyEnterprise'],
    label: { zh: `重新分配${p.noun.zh}机构`, en: `Reassign the ${p.noun.en} institution` },
    kind: 'neutral',
    needsReason: true,
  };
}

/** The enterprise objects to the institution's report (with a reason): it goes back to the institution. */
function dispute(phase: Phase): ProjectTransition {
  const p = PHASES[phase];
  return {
    event: p.dispute,
    to: p.working,
    roles: ENTERPRISE,
    guards: [{ id: 'reportUploaded', arg: phase }],
    effects: ['disputeReport', 'notifyInstitution'],
    label: { zh: `对${p.noun.zh}报告有异议`, en: `Dispute the ${p.noun.en} report` },
    kind: 'neutral',
    needsReason: true,
  };
}

const REASSIGN = { diagnosis: reassign('diagnosis'), evaluation: reassign('evaluation') };
const DISPUTE = { diagnosis: dispute('diagnosis'), evaluation: dispute('evaluation') };

const CHOOSE_PROVIDER_CONFIRM: Text = {
  zh: '选择牵引单位或入库服务商后，项目纳入试点管理并进入签约；选择未入库服务商的，须待推荐函审核入库后才能继续。确定选择吗？',
  en: 'With a leading unit or a catalog provider the project enters pilot management and goes on to the contract; with a provider outside the catalog it waits until the recommendation letter is approved. Choose it?',
};

// ---- the table ------------------------------------------------------------------------------------------

const STATES: readonly ProjectState[] = [
  // Stage 1 · 项目备案
  {
    id: 'draft',
    stage: 1,
    label: { zh: '备案草稿', en: 'Filing draft' },
    publicLabel: { zh: '未备案', en: 'Not filed' },
    applicantHint: {
      zh: '填写备案信息并选择诊断方式（自诊断或机构诊断），确认无误后提交备案。',
      en: 'Fill in the filing form, choose the diagnosis mode (self or institution) and submit the filing.',
    },
    progress: 5,
    tone: 'draft',
    waitingOn: ENTERPRISE,
    fields: DRAFT_FIELDS,
    materials: [],
    transitions: [
      ...submitFiling(['assignFilingNo', 'recordRevision', 'publishFiling', 'notifyBureau', 'notifyTown']),
      { ...WITHDRAW, effects: [] },
    ],
  },
  {
    id: 'filingReturned',
    stage: 1,
    label: { zh: '备案退回修改', en: 'Filing returned for revision' },
    publicLabel: { zh: '已备案', en: 'Filed' },
    applicantHint: {
      zh: '市工信局退回了备案，请按退回原因修改备案信息后重新提交。',
      en: 'The bureau returned the filing: revise it as the reason says and submit it again.',
    },
    hints: {
      ...each(BUREAU, { zh: '已退回企业修改，等待企业重新提交。', en: 'Returned to the enterprise; waiting for it to resubmit.' }),
    },
    progress: 5,
    tone: 'returned',
    waitingOn: ENTERPRISE,
    fields: DRAFT_FIELDS,
    deadline: { workingDays: 10, remindBefore: 2, assignee: 'enterprise', role: 'enterprise' },
    materials: [],
    transitions: [
      ...submitFiling(['assignFilingNo', 'recordRevision', 'clearReturnReason', 'publishFiling', 'notifyBureau']),
      WITHDRAW,
      CLOSE,
    ],
  },

  // Stage 2 · 诊断
  {
    id: 'selfDiagnosis',
    stage: 2,
    label: { zh: '企业自诊断', en: 'Self-diagnosis' },
    publicLabel: { zh: '诊断中', en: 'Diagnosis' },
    applicantHint: {
      zh: '按平台指引完成改造前数字化水平自评测并提交，平台将生成企业诊断报告供下载。',
      en: 'Complete and submit the digital-level self-assessment; the platform then generates your diagnosis report.',
    },
    hints: {
      ...each(BUREAU, { zh: '企业正在自诊断，提交后平台自动生成诊断报告。', en: 'The enterprise is self-diagnosing; the platform generates the report on submission.' }),
      town: { zh: '企业正在自诊断，可提醒企业按时完成自评测。', en: 'The enterprise is self-diagnosing; you may remind it to finish the assessment.' },
    },
    progress: 15,
    tone: 'waiting',
    waitingOn: ENTERPRISE,
    fields: PUBLISHED_FIELDS,
    editsAreRevisions: true,
    deadline: { workingDays: 20, remindBefore: 3, assignee: 'enterprise', role: 'enterprise' },
    questionnaires: [{ mode: 'self', fillers: ENTERPRISE, completes: 'completeSelfDiagnosis' }],
    materials: [],
    transitions: [
      {
        event: 'completeSelfDiagnosis',
        to: 'diagnosed',
        roles: ENTERPRISE,
        guards: [{ id: 'assessmentSubmitted', arg: 'self' }],
        effects: ['generateDiagnosisReport', 'notifyBureau'],
        label: { zh: '完成自诊断', en: 'Finish the self-diagnosis' },
        kind: 'primary',
        firedBy: { zh: '提交自评测问卷', en: 'Submitting the self-assessment' },
      },
      RETURN_FILING,
      WITHDRAW,
      CLOSE,
    ],
  },
  {
    id: 'awaitingDiagnosisAssignment',
    stage: 2,
    label: { zh: '待分配诊断机构', en: 'Awaiting a diagnosis institution' },
    publicLabel: { zh: '诊断中', en: 'Diagnosis' },
    applicantHint: {
      zh: '市工信局正在为您安排免费诊断的服务机构，请留意通知。',
      en: 'The bureau is arranging a free diagnosis institution for you; watch for a notification.',
    },
    hints: {
      ...each(BUREAU, { zh: '请为该项目分配诊断机构（综合型或诊断型），平台按工作量给出建议。', en: 'Assign a diagnosis institution (comprehensive or diagnostic); the platform suggests the least loaded one.' }),
      town: { zh: '等待市工信局分配诊断机构。', en: 'Waiting for the bureau to assign a diagnosis institution.' },
    },
    progress: 12,
    tone: 'waiting',
    waitingOn: BUREAU,
    fields: PUBLISHED_FIELDS,
    editsAreRevisions: true,
    deadline: { workingDays: 5, remindBefore: 1, assignee: 'bureau', role: 'bureauReviewer' },
    assignment: 'diagnosis',
    materials: [],
    transitions: [
      {
        event: 'assignDiagnosisInstitution',
        to: 'diagnosisAssigned',
        roles: BUREAU,
        guards: [{ id: 'institutionSelected', arg: 'any' }],
        effects: ['assignInstitution', 'notifyInstitution', 'notifyEnterprise'],
        label: { zh: '分配诊断机构', en: 'Assign a diagnosis institution' },
        kind: 'primary',
        input: ASSIGN_INSTITUTION_INPUT,
      },
      RETURN_FILING,
      WITHDRAW,
      CLOSE,
    ],
  },
  {
    id: 'diagnosisAssigned',
    stage: 2,
    label: { zh: '诊断机构待接收', en: 'Assigned, awaiting the institution' },
    publicLabel: { zh: '诊断中', en: 'Diagnosis' },
    applicantHint: {
      zh: '市工信局已为您分配诊断机构，机构接收任务后将与您联系入企诊断。',
      en: 'The bureau assigned a diagnosis institution; it will contact you once it accepts the task.',
    },
    hints: {
      ...each(INSTITUTIONS, { zh: '市工信局向贵机构分配了诊断任务，请接收（或说明原因退回）。', en: 'The bureau assigned you a diagnosis: accept it, or decline with a reason.' }),
      ...each(BUREAU, { zh: '等待诊断机构接收任务；如需调整可重新分配。', en: 'Waiting for the institution to accept; reassign if needed.' }),
      town: { zh: '已分配诊断机构，等待机构接收。', en: 'An institution is assigned; waiting for it to accept.' },
    },
    progress: 14,
    tone: 'waiting',
    waitingOn: INSTITUTIONS,
    fields: PUBLISHED_FIELDS,
    editsAreRevisions: true,
    deadline: { workingDays: 3, remindBefore: 1, assignee: 'diagnosisInstitution', role: 'institutionDiagnostic' },
    taskBucket: 'toAccept',
    assignment: 'diagnosis',
    materials: [],
    transitions: [
      {
        event: 'acceptDiagnosisTask',
        to: 'institutionDiagnosis',
        roles: INSTITUTIONS,
        guards: [{ id: 'assignedInstitution' }],
        effects: ['notifyEnterprise', 'notifyBureau'],
        label: { zh: '接收诊断任务', en: 'Accept the diagnosis task' },
        kind: 'primary',
      },
      {
        event: 'declineDiagnosisTask',
        to: 'awaitingDiagnosisAssignment',
        roles: INSTITUTIONS,
        guards: [{ id: 'assignedInstitution' }],
        effects: ['unassignInstitution', 'notifyBureau'],
        label: { zh: '退回诊断任务', en: 'Decline the diagnosis task' },
        kind: 'neutral',
        needsReason: true,
      },
      REASSIGN.diagnosis,
      WITHDRAW,
      CLOSE,
    ],
  },
  {
    id: 'institutionDiagnosis',
    stage: 2,
    label: { zh: '机构诊断中', en: 'Institution diagnosis in progress' },
    publicLabel: { zh: '诊断中', en: 'Diagnosis' },
    applicantHint: {
      zh: '请配合服务机构入企诊断，按机构的材料清单上传佐证材料；机构完成后将上传诊断报告供您确认。',
      en: "Host the institution on site and upload the evidence on its checklist; it then uploads the diagnosis report for you to confirm.",
    },
    hints: {
      ...each(INSTITUTIONS, { zh: '入企诊断：向企业列出所需佐证材料，填写机构诊断评测，上传诊断报告并填写摘要后提交企业确认。', en: 'On site: request the evidence, fill in the institution assessment, upload the report with its summary and send it to the enterprise.' }),
      ...each(BUREAU, { zh: '服务机构诊断中，留意是否超期。', en: 'The institution is diagnosing; watch the due date.' }),
      town: { zh: '服务机构诊断中，可协助企业准备佐证材料。', en: 'The institution is diagnosing; you may help the enterprise gather evidence.' },
    },
    progress: 18,
    tone: 'waiting',
    waitingOn: [...INSTITUTIONS, 'enterprise'],
    fields: PUBLISHED_FIELDS,
    editsAreRevisions: true,
    deadline: { workingDays: 20, remindBefore: 3, assignee: 'diagnosisInstitution', role: 'institutionDiagnostic' },
    questionnaires: [{ mode: 'institution', fillers: INSTITUTIONS }],
    taskBucket: 'inProgress',
    assignment: 'diagnosis',
    materials: [...evidenceSlots('diagnosis', ENTERPRISE, false), reportSlot('diagnosis', INSTITUTIONS)],
    transitions: [
      {
        event: 'requestEvidence',
        to: 'institutionDiagnosis',
        roles: INSTITUTIONS,
        guards: [{ id: 'assignedInstitution' }],
        effects: ['recordEvidenceRequest', 'notifyEnterprise'],
        label: { zh: '请企业提供佐证材料', en: 'Request evidence from the enterprise' },
        kind: 'neutral',
        input: REQUEST_EVIDENCE_INPUT,
      },
      {
        event: 'submitDiagnosisReport',
        to: 'diagnosisConfirmation',
        roles: INSTITUTIONS,
        guards: [{ id: 'assignedInstitution' }, { id: 'requiredMaterialsPresent' }],
        effects: ['sendReportToEnterprise', 'notifyEnterprise'],
        label: { zh: '提交诊断报告给企业确认', en: 'Send the diagnosis report to the enterprise' },
        kind: 'primary',
        input: DIAGNOSIS_REPORT_INPUT,
        confirm: {
          zh: '提交后企业将收到诊断报告并确认，确认前如有异议会退回贵机构修改。确定提交吗？',
          en: 'The enterprise will receive the report to confirm; if it objects, the report comes back to you. Send it?',
        },
      },
      REASSIGN.diagnosis,
      WITHDRAW,
      CLOSE,
    ],
  },
  {
    id: 'diagnosisConfirmation',
    stage: 2,
    label: { zh: '诊断报告待企业确认', en: 'Diagnosis report awaiting confirmation' },
    publicLabel: { zh: '诊断中', en: 'Diagnosis' },
    applicantHint: {
      zh: '服务机构已上传诊断报告，请查阅后确认；如有异议，请填写理由退回服务机构。',
      en: 'The institution uploaded its diagnosis report: read and confirm it, or dispute it with a reason.',
    },
    hints: {
      ...each(INSTITUTIONS, { zh: '诊断报告已提交，等待企业确认。', en: 'Report sent; waiting for the enterprise to confirm.' }),
      ...each(BUREAU, { zh: '等待企业确认诊断报告，确认后报告提交市工信局。', en: 'Waiting for the enterprise to confirm; the report then comes to the bureau.' }),
      town: { zh: '等待企业确认诊断报告。', en: 'Waiting for the enterprise to confirm the report.' },
    },
    progress: 22,
    tone: 'waiting',
    waitingOn: ENTERPRISE,
    fields: PUBLISHED_FIELDS,
    editsAreRevisions: true,
    deadline: { workingDays: 5, remindBefore: 1, assignee: 'enterprise', role: 'enterprise' },
    taskBucket: 'awaitingConfirmation',
    assignment: 'diagnosis',
    materials: [],
    transitions: [
      {
        event: 'confirmDiagnosisReport',
        to: 'diagnosed',
        roles: ENTERPRISE,
        guards: [{ id: 'reportUploaded', arg: 'diagnosis' }],
        effects: ['confirmReport', 'notifyBureau', 'notifyInstitution'],
        label: { zh: '确认诊断报告', en: 'Confirm the diagnosis report' },
        kind: 'primary',
        confirm: {
          zh: '确认后诊断报告将提交市工信局，不能再修改。确定确认吗？',
          en: 'Once confirmed, the report goes to the bureau and cannot change. Confirm?',
        },
      },
      DISPUTE.diagnosis,
      WITHDRAW,
      CLOSE,
    ],
  },

  // Stage 3 · 选择服务商
  {
    id: 'diagnosed',
    stage: 3,
    label: { zh: '诊断完成，待选择服务商', en: 'Diagnosed, choosing a provider' },
    publicLabel: { zh: '选择服务商', en: 'Choosing a provider' },
    applicantHint: {
      zh: '诊断已完成。请选择服务商：经认定的数字化牵引单位/行业型服务商、入库服务商及产品（诊断推荐的产品排在前面），或自选未入库的服务商（需牵引单位出具推荐函）。',
      en: 'The diagnosis is done. Choose a provider: a certified leading unit / industry provider, a catalog provider and product (those the diagnosis recommends come first), or a market provider not in the catalog (a leading unit must write a recommendation letter).',
    },
    hints: {
      ...each(BUREAU, { zh: '诊断已完成，等待企业选择服务商。', en: 'Diagnosed; waiting for the enterprise to choose a provider.' }),
      town: { zh: '诊断已完成，可协助企业对比选择服务商及产品。', en: 'Diagnosed; you may help the enterprise compare providers and products.' },
      ...each(INSTITUTIONS, { zh: '诊断报告已确认，企业正在选择服务商。', en: 'The report is confirmed; the enterprise is choosing a provider.' }),
    },
    progress: 28,
    tone: 'waiting',
    waitingOn: ENTERPRISE,
    deadline: { workingDays: 20, remindBefore: 3, assignee: 'enterprise', role: 'enterprise' },
    materials: [],
    transitions: [
      {
        event: 'chooseProvider',
        to: 'awaitingCatalogEntry',
        roles: ENTERPRISE,
        when: [{ id: 'providerChoiceIs', arg: 'market' }],
        guards: [{ id: 'reportConfirmed', arg: 'diagnosis' }, { id: 'providerChoiceValid' }],
        effects: ['recordProviderChoice', 'openCatalogEntry', 'notifyLeadingUnit', 'notifyBureau'],
        label: { zh: '选择服务商', en: 'Choose the provider' },
        kind: 'primary',
        input: CHOOSE_PROVIDER_INPUT,
        confirm: CHOOSE_PROVIDER_CONFIRM,
      },
      {
        event: 'chooseProvider',
        to: 'contracting',
        roles: ENTERPRISE,
        guards: [{ id: 'reportConfirmed', arg: 'diagnosis' }, { id: 'providerChosen' }, { id: 'providerChoiceValid' }],
        effects: ['recordProviderChoice', 'enterPilotManagement', 'notifyProvider', 'notifyBureau', 'notifyTown'],
        label: { zh: '选择服务商', en: 'Choose the provider' },
        kind: 'primary',
        input: CHOOSE_PROVIDER_INPUT,
        confirm: CHOOSE_PROVIDER_CONFIRM,
      },
      WITHDRAW,
      CLOSE,
    ],
  },
  {
    id: 'awaitingCatalogEntry',
    stage: 3,
    label: { zh: '等待推荐产品入库', en: 'Waiting for the catalog entry' },
    publicLabel: { zh: '选择服务商', en: 'Choosing a provider' },
    applicantHint: {
      zh: '已请所选牵引单位为该服务商及产品出具推荐函；市工信局审核通过、产品入库后项目自动进入签约环节。也可以重新选择服务商。',
      en: 'The chosen leading unit has been asked for the recommendation letter; once the bureau approves the catalog entry, the project goes on to the contract by itself. You may also choose another provider.',
    },
    hints: {
      leadingUnit: {
        zh: '企业请贵单位为其自选的服务商及产品出具推荐函：请在「推荐函」中填写推荐信息、上传盖章推荐函后提交市工信局审核。',
        en: 'The enterprise asks you to recommend the provider and product it chose: fill in the letter under “Recommendation letters”, upload the sealed letter and submit it to the bureau.',
      },
      ...each(BUREAU, { zh: '等待牵引单位提交推荐函；提交后请在「推荐函审核」中审核入库。', en: 'Waiting for the leading unit’s letter; review it under “Letters to review” once submitted.' }),
      town: { zh: '企业自选了未入库服务商，等待推荐函审核入库。', en: 'The enterprise chose a provider outside the catalog; waiting for the letter’s review.' },
    },
    progress: 32,
    tone: 'waiting',
    waitingOn: ['leadingUnit', ...BUREAU],
    deadline: { workingDays: 15, remindBefore: 3, assignee: 'bureau', role: 'bureauReviewer' },
    materials: [],
    transitions: [
      {
        event: 'resumeAfterCatalogApproval',
        to: 'contracting',
        roles: ['enterprise', 'system'],
        guards: [{ id: 'catalogEntryApproved' }],
        effects: ['enterPilotManagement', 'notifyProvider', 'notifyBureau', 'notifyTown'],
        label: { zh: '产品已入库，继续签约', en: 'Product in the catalog: continue to the contract' },
        kind: 'primary',
      },
      {
        event: 'changeProvider',
        to: 'diagnosed',
        roles: ENTERPRISE,
        guards: [],
        effects: ['withdrawCatalogEntry', 'clearProviderChoice', 'notifyLeadingUnit'],
        label: { zh: '重新选择服务商', en: 'Choose another provider' },
        kind: 'neutral',
        confirm: {
          zh: '重新选择后，尚未办结的推荐函将撤销。确定重新选择服务商吗？',
          en: 'The recommendation letter still open will be withdrawn. Choose another provider?',
        },
      },
      WITHDRAW,
      CLOSE,
    ],
  },

  // Stage 4 · 项目签约
  {
    id: 'contracting',
    stage: 4,
    label: { zh: '待项目签约', en: 'Awaiting the contract' },
    publicLabel: { zh: '试点管理·签约', en: 'Pilot · contract' },
    applicantHint: {
      zh: '项目已纳入试点管理。请填报签约信息（合同编号、金额、签订日期、各方职责、改造措施、实施周期和目标）、设定改造目标值，上传项目合同和报价单后提交（可由授权的牵引单位代为提交）。',
      en: 'The project is in pilot management. Enter the contract (number, amounts, signing date, each party’s duties, measures, period, targets), set the target figures, upload the contract and quotation and submit (an authorised leading unit may do it for you).',
    },
    hints: {
      ...each(PROVIDER_STAFF, { zh: '企业已选择贵单位为服务商，请与企业签订合同；经企业授权后可代企业填报签约信息。', en: 'The enterprise chose you as its provider: sign the contract; with its authorisation you may enter the signing details for it.' }),
      ...each(BUREAU, { zh: '项目已纳入试点管理，等待企业提交签约信息。', en: 'In pilot management; waiting for the enterprise to submit the contract.' }),
      town: { zh: '项目已纳入试点管理，等待签约。', en: 'In pilot management; waiting for the contract.' },
    },
    progress: 40,
    tone: 'waiting',
    waitingOn: APPLICANT,
    fields: { contract: { write: APPLICANT }, targets: { write: APPLICANT } },
    deadline: { workingDays: 30, remindBefore: 5, assignee: 'enterprise', role: 'enterprise' },
    materials: [CONTRACT, QUOTATION, PLAN],
    transitions: [
      {
        event: 'submitContract',
        to: 'implementation',
        roles: APPLICANT,
        guards: [{ id: 'delegationActive' }, { id: 'contractComplete' }, { id: 'requiredMaterialsPresent' }],
        effects: ['recordContractRevision', 'clearReturnReason', 'notifyBureau', 'notifyProvider', 'notifyTown'],
        label: { zh: '提交签约信息', en: 'Submit the contract' },
        kind: 'primary',
        confirm: {
          zh: '提交后签约信息将保存为正式版本并报市工信局，项目进入改造实施。确定提交吗？',
          en: 'The contract is then stored as a formal revision for the bureau and the project moves to implementation. Submit?',
        },
      },
      WITHDRAW,
      CLOSE,
    ],
  },

  // Stage 5 · 改造实施
  {
    id: 'implementation',
    stage: 5,
    label: { zh: '改造实施中', en: 'Implementation in progress' },
    publicLabel: { zh: '改造实施', en: 'Implementation' },
    applicantHint: {
      zh: '服务商按合同实施改造并开展培训。请（或由服务商）登记每场培训并上传签到表和照片、记录实施进展、上传内部验收报告并填写验收日期；全部完成后由企业确认实施完成并评价服务商。',
      en: 'The provider implements and trains your staff. Record each training session with its sign-in sheet and photos, note the progress, upload the internal acceptance report with its date (your provider may do all this); then you declare the implementation complete and rate the provider.',
    },
    hints: {
      ...each(PROVIDER, { zh: '请按合同实施改造：登记培训场次（签到表、照片）、记录实施进展、上传内部验收报告；材料齐全后由企业确认实施完成。', en: 'Implement as contracted: record training sessions (sign-in sheets, photos), progress notes and the internal acceptance report; the enterprise then declares completion.' }),
      ...each(BUREAU, { zh: '项目实施中；可查看签约信息，如签约材料有误可退回修改。', en: 'Implementing; you may review the contract and return it if it is wrong.' }),
      town: { zh: '项目实施中，可跟进实施进展。', en: 'Implementing; you may follow the progress.' },
    },
    progress: 50,
    tone: 'waiting',
    waitingOn: ['enterprise', ...PROVIDER],
    materials: [TRAINING, ACCEPTANCE, ...PRE_PAPERWORK],
    transitions: [
      {
        event: 'submitImplementation',
        to: 'implemented',
        roles: ENTERPRISE,
        guards: [{ id: 'implementationComplete' }, { id: 'requiredMaterialsPresent' }],
        effects: ['recordProviderRating', 'clearReturnReason', 'notifyBureau', 'notifyProvider'],
        label: { zh: '确认实施完成并评价服务商', en: 'Declare implementation complete and rate the provider' },
        kind: 'primary',
        input: RATE_PROVIDER_INPUT,
      },
      {
        event: 'returnContract',
        to: 'contracting',
        roles: BUREAU,
        guards: [],
        effects: ['storeReturnReason', 'notifyEnterprise', 'notifyProvider'],
        label: { zh: '退回签约材料修改', en: 'Return the contract for revision' },
        kind: 'neutral',
        needsReason: true,
      },
      WITHDRAW,
      CLOSE,
    ],
  },

  // Stage 6 · 成效评估
  {
    id: 'implemented',
    stage: 6,
    label: { zh: '改造完成，待申请成效评估', en: 'Implemented, evaluation not yet requested' },
    publicLabel: { zh: '成效评估', en: 'Effect evaluation' },
    applicantHint: {
      zh: '改造已完成，请提出成效评估申请（可由授权的牵引单位代为申请），市工信局将安排综合型服务机构免费上门评估。',
      en: 'Implementation is done: request the effect evaluation (an authorised leading unit may do it for you); the bureau will arrange a free on-site evaluation by a comprehensive institution.',
    },
    hints: {
      ...each(PROVIDER_STAFF, { zh: '企业已确认实施完成，等待企业申请成效评估。', en: 'The enterprise declared completion; waiting for it to request the evaluation.' }),
      ...each(BUREAU, { zh: '实施已完成，等待企业申请成效评估；如实施材料有误可退回。', en: 'Implemented; waiting for the evaluation request. Return the materials if they are wrong.' }),
      town: { zh: '实施已完成，可提醒企业申请成效评估。', en: 'Implemented; you may remind the enterprise to request the evaluation.' },
    },
    progress: 60,
    tone: 'waiting',
    waitingOn: APPLICANT,
    deadline: { workingDays: 20, remindBefore: 3, assignee: 'enterprise', role: 'enterprise' },
    materials: PRE_PAPERWORK,
    transitions: [
      REQUEST_EVALUATION,
      {
        event: 'returnImplementation',
        to: 'implementation',
        roles: BUREAU,
        guards: [],
        effects: ['storeReturnReason', 'notifyEnterprise', 'notifyProvider'],
        label: { zh: '退回实施材料修改', en: 'Return the implementation materials for revision' },
        kind: 'neutral',
        needsReason: true,
      },
      WITHDRAW,
      CLOSE,
    ],
  },
  {
    id: 'awaitingEvaluationAssignment',
    stage: 6,
    label: { zh: '待分配评估机构', en: 'Awaiting an evaluation institution' },
    publicLabel: { zh: '成效评估', en: 'Effect evaluation' },
    applicantHint: {
      zh: '市工信局正在安排综合型服务机构开展改造成效评估，请留意通知。',
      en: 'The bureau is arranging a comprehensive institution for the evaluation; watch for a notification.',
    },
    hints: {
      ...each(BUREAU, { zh: '请分配综合型服务机构开展成效评估：不得是本项目的服务商或与其同属一个集团，默认也不得是本项目的诊断机构。', en: 'Assign a comprehensive institution: not the project’s provider nor of its group, and by default not the one that diagnosed it.' }),
      town: { zh: '等待市工信局分配评估机构。', en: 'Waiting for the bureau to assign the evaluation institution.' },
      ...each(PROVIDER_STAFF, { zh: '等待市工信局分配评估机构。', en: 'Waiting for the bureau to assign the evaluation institution.' }),
    },
    progress: 64,
    tone: 'waiting',
    waitingOn: BUREAU,
    deadline: { workingDays: 5, remindBefore: 1, assignee: 'bureau', role: 'bureauReviewer' },
    assignment: 'evaluation',
    materials: PRE_PAPERWORK,
    transitions: [
      {
        event: 'assignEvaluationInstitution',
        to: 'evaluationAssigned',
        roles: BUREAU,
        guards: [{ id: 'institutionSelected', arg: 'comprehensive' }, { id: 'noConflictOfInterest' }],
        effects: ['assignInstitution', 'notifyInstitution', 'notifyEnterprise'],
        label: { zh: '分配评估机构', en: 'Assign an evaluation institution' },
        kind: 'primary',
        input: ASSIGN_EVALUATION_INSTITUTION_INPUT,
      },
      WITHDRAW,
      CLOSE,
    ],
  },
  {
    id: 'evaluationAssigned',
    stage: 6,
    label: { zh: '评估机构待接收', en: 'Evaluation assigned, awaiting the institution' },
    publicLabel: { zh: '成效评估', en: 'Effect evaluation' },
    applicantHint: {
      zh: '市工信局已分配评估机构，机构作出无利益冲突声明并接收任务后将与您联系上门评估。',
      en: 'The bureau assigned an evaluation institution; once it declares no conflict of interest and accepts, it will contact you for the visit.',
    },
    hints: {
      institutionComprehensive: {
        zh: '市工信局向贵机构分配了成效评估任务。请先作出无利益冲突声明再接收任务（接收后方可查看项目材料）；如存在利益冲突请说明原因退回。',
        en: 'The bureau assigned you an effect evaluation. Declare no conflict of interest to accept it (the case opens then); if there is a conflict, decline with the reason.',
      },
      ...each(BUREAU, { zh: '等待评估机构声明无利益冲突并接收任务；如需调整可重新分配。', en: 'Waiting for the institution to declare no conflict and accept; reassign if needed.' }),
      town: { zh: '已分配评估机构，等待机构接收。', en: 'An evaluation institution is assigned; waiting for it to accept.' },
    },
    progress: 66,
    tone: 'waiting',
    waitingOn: COMPREHENSIVE,
    deadline: { workingDays: 3, remindBefore: 1, assignee: 'evaluationInstitution', role: 'institutionComprehensive' },
    taskBucket: 'toAccept',
    assignment: 'evaluation',
    materials: [],
    transitions: [
      {
        event: 'acceptEvaluationTask',
        to: 'evaluationInProgress',
        roles: COMPREHENSIVE,
        guards: [{ id: 'assignedInstitution' }],
        effects: ['recordConflictDeclaration', 'notifyEnterprise', 'notifyBureau'],
        label: { zh: '声明无利益冲突并接收评估任务', en: 'Declare no conflict of interest and accept' },
        kind: 'primary',
        input: CONFLICT_DECLARATION_INPUT,
      },
      {
        event: 'declineEvaluationTask',
        to: 'awaitingEvaluationAssignment',
        roles: COMPREHENSIVE,
        guards: [{ id: 'assignedInstitution' }],
        effects: ['unassignInstitution', 'notifyBureau'],
        label: { zh: '退回评估任务（如存在利益冲突）', en: 'Decline the evaluation (e.g. a conflict of interest)' },
        kind: 'neutral',
        needsReason: true,
      },
      REASSIGN.evaluation,
      WITHDRAW,
      CLOSE,
    ],
  },
  {
    id: 'evaluationInProgress',
    stage: 6,
    label: { zh: '成效评估中', en: 'Evaluation in progress' },
    publicLabel: { zh: '成效评估', en: 'Effect evaluation' },
    applicantHint: {
      zh: '请配合综合型服务机构上门评估，并上传四类佐证材料（可由牵引单位协助提供）；机构完成评估问卷、录入改造后指标并上传评估报告后，将提交您确认。',
      en: 'Host the comprehensive institution and upload the four kinds of evidence (a leading unit may help); the institution fills in the evaluation, records the figures after transformation and uploads its report for you to confirm.',
    },
    hints: {
      institutionComprehensive: {
        zh: '上门评估：填写评估问卷，核对佐证材料，录入各项改造目标的改造后数值，上传评估报告并填写评估等级和结论（可推荐标杆）后提交企业确认。',
        en: 'On site: fill in the evaluation, check the evidence, record each target’s value after transformation, upload the report with the level and conclusion (you may recommend a benchmark) and send it to the enterprise.',
      },
      ...each(PROVIDER, { zh: '评估进行中，可协助企业上传佐证材料。', en: 'Evaluation in progress; you may help the enterprise upload the evidence.' }),
      ...each(BUREAU, { zh: '评估机构评估中，留意是否超期。', en: 'The institution is evaluating; watch the due date.' }),
      town: { zh: '评估进行中，可协助企业准备佐证材料。', en: 'Evaluation in progress; you may help the enterprise gather evidence.' },
    },
    progress: 68,
    tone: 'waiting',
    waitingOn: [...COMPREHENSIVE, ...APPLICANT],
    fields: { targetsMeasured: { write: COMPREHENSIVE } },
    deadline: { workingDays: 20, remindBefore: 3, assignee: 'evaluationInstitution', role: 'institutionComprehensive' },
    questionnaires: [{ mode: 'evaluation', fillers: COMPREHENSIVE }],
    taskBucket: 'inProgress',
    assignment: 'evaluation',
    materials: [...evidenceSlots('evaluation', APPLICANT, true), reportSlot('evaluation', COMPREHENSIVE), ...PRE_PAPERWORK],
    transitions: [
      {
        event: 'submitEvaluationReport',
        to: 'evaluationConfirmation',
        roles: COMPREHENSIVE,
        guards: [{ id: 'assignedInstitution' }, { id: 'requiredMaterialsPresent' }, { id: 'evaluationComplete' }],
        effects: ['sendReportToEnterprise', 'recordBenchmarkRecommendation', 'notifyEnterprise'],
        label: { zh: '提交评估报告给企业确认', en: 'Send the evaluation report to the enterprise' },
        kind: 'primary',
        input: EVALUATION_REPORT_INPUT,
        confirm: {
          zh: '提交后企业将收到评估报告和评估等级并确认；如有异议会退回贵机构修改。确定提交吗？',
          en: 'The enterprise will receive the report and the level to confirm; if it objects, the report comes back to you. Send it?',
        },
      },
      REASSIGN.evaluation,
      WITHDRAW,
      CLOSE,
    ],
  },
  {
    id: 'evaluationConfirmation',
    stage: 6,
    label: { zh: '评估报告待企业确认', en: 'Evaluation report awaiting confirmation' },
    publicLabel: { zh: '成效评估', en: 'Effect evaluation' },
    applicantHint: {
      zh: '综合型服务机构已上传评估报告，请查阅评估等级和改造前后对比后确认；如有异议，请填写理由退回机构。确认须由企业本身办理。',
      en: 'The institution uploaded the evaluation report: check the level and the before/after comparison and confirm, or dispute it with a reason. Only the enterprise itself can confirm.',
    },
    hints: {
      institutionComprehensive: { zh: '评估报告已提交，等待企业确认。', en: 'Report sent; waiting for the enterprise to confirm.' },
      leadingUnitDelegate: { zh: '评估报告须由企业本身确认，牵引单位不能代为确认。', en: 'Only the enterprise itself can confirm the evaluation report; a delegate cannot.' },
      ...each(PROVIDER_STAFF, { zh: '等待企业确认评估报告。', en: 'Waiting for the enterprise to confirm the evaluation report.' }),
      ...each(BUREAU, { zh: '等待企业确认评估报告，确认后报告提交市工信局。', en: 'Waiting for the enterprise to confirm; the report then comes to the bureau.' }),
      town: { zh: '等待企业确认评估报告。', en: 'Waiting for the enterprise to confirm the report.' },
    },
    progress: 72,
    tone: 'waiting',
    waitingOn: ENTERPRISE,
    deadline: { workingDays: 5, remindBefore: 1, assignee: 'enterprise', role: 'enterprise' },
    taskBucket: 'awaitingConfirmation',
    assignment: 'evaluation',
    materials: PRE_PAPERWORK,
    transitions: [
      {
        event: 'confirmEvaluationReport',
        to: 'evaluationPassed',
        roles: ENTERPRISE,
        when: [{ id: 'levelAtLeast', arg: 2 }],
        guards: [{ id: 'reportUploaded', arg: 'evaluation' }],
        effects: ['confirmReport', 'markPilotEnterprise', 'notifyBureau', 'notifyInstitution', 'notifyProvider'],
        label: { zh: '确认评估报告', en: 'Confirm the evaluation report' },
        kind: 'primary',
        confirm: {
          zh: '确认后评估报告将提交市工信局，不能再修改。确定确认吗？',
          en: 'Once confirmed, the report goes to the bureau and cannot change. Confirm?',
        },
      },
      {
        event: 'confirmEvaluationReport',
        to: 'remediation',
        roles: ENTERPRISE,
        guards: [{ id: 'reportUploaded', arg: 'evaluation' }, { id: 'levelRecorded' }],
        effects: ['confirmReport', 'notifyBureau', 'notifyInstitution', 'notifyProvider'],
        label: { zh: '确认评估报告', en: 'Confirm the evaluation report' },
        kind: 'primary',
        confirm: {
          zh: '确认后评估报告将提交市工信局，不能再修改。确定确认吗？',
          en: 'Once confirmed, the report goes to the bureau and cannot change. Confirm?',
        },
      },
      DISPUTE.evaluation,
      WITHDRAW,
      CLOSE,
    ],
  },
  {
    id: 'remediation',
    stage: 6,
    label: { zh: '未达二级，整改提升中', en: 'Below level 2, improving' },
    publicLabel: { zh: '成效评估', en: 'Effect evaluation' },
    applicantHint: {
      zh: '本次评估未达到二级（评估记录已保留）。请对照评估报告的待改进事项补充材料或查漏补缺改造，上传整改情况说明后再次申请成效评估。',
      en: 'This evaluation is below level 2 (it stays in the history). Close the gaps the report names, upload a remediation statement, then request the evaluation again.',
    },
    hints: {
      ...each(PROVIDER, { zh: '评估未达二级，请协助企业按评估报告整改后再次申请评估。', en: 'Below level 2: help the enterprise close the gaps, then it requests the evaluation again.' }),
      ...each(BUREAU, { zh: '评估未达二级，企业整改中。', en: 'Below level 2; the enterprise is improving.' }),
      town: { zh: '评估未达二级，可督促企业整改后再次申请评估。', en: 'Below level 2; you may urge the enterprise to improve and request again.' },
    },
    progress: 66,
    tone: 'returned',
    waitingOn: APPLICANT,
    deadline: { workingDays: 60, remindBefore: 10, assignee: 'enterprise', role: 'enterprise' },
    materials: [
      ...PRE_PAPERWORK,
      slot('remediation.statement', { zh: '整改情况说明', en: 'Remediation statement' }, {
        required: false,
        accept: DOCUMENTS,
        maxMb: 50,
        uploaders: ['enterprise', ...PROVIDER],
      }),
    ],
    transitions: [REQUEST_EVALUATION, WITHDRAW, CLOSE],
  },

  // Stage 7 · 奖补申请
  {
    id: 'evaluationPassed',
    stage: 7,
    label: { zh: '评估通过（试点企业）', en: 'Evaluation passed (pilot enterprise)' },
    publicLabel: { zh: '试点企业', en: 'Pilot enterprise' },
    applicantHint: {
      zh: '评估已达到二级及以上，企业纳入试点企业范畴。需要财政资金支持的，请上传申报材料并提交奖补申请；不需要的，可选择仅获得试点企业荣誉。',
      en: 'Level 2 or above: you are a pilot enterprise. To get the subsidy, upload the application materials and apply; otherwise choose the pilot-enterprise honour only.',
    },
    progress: 78,
    tone: 'passed',
    waitingOn: APPLICANT,
    materials: [...SUBSIDY_SLOTS, ...PRE_PAPERWORK],
    transitions: [
      applySubsidy(['recordRevision', 'openSubsidyReview', 'freezeSubsidyApplication', 'notifyTown', 'notifyBureau']),
      DECLINE_SUBSIDY,
      CLOSE,
    ],
  },
  {
    id: 'subsidyReview',
    stage: 7,
    label: { zh: '奖补审核中', en: 'Subsidy under review' },
    publicLabel: { zh: '奖补审核', en: 'Subsidy review' },
    applicantHint: {
      zh: '奖补申请正在审核（镇街初审、市工信局审查、专家评审、局党组审议、公示），请配合核查。',
      en: 'The application is under review (town, bureau, experts, bureau decision, publicity); please assist with any checks.',
    },
    progress: 84,
    tone: 'waiting',
    waitingOn: ['town', ...BUREAU, 'expert'],
    materials: PRE_PAPERWORK,
    transitions: [
      {
        event: 'concludeSubsidyReview',
        to: 'disbursement',
        roles: SYSTEM,
        when: [{ id: 'subsidyReviewOutcomeIs', arg: 'approved' }],
        guards: [],
        effects: ['openFinalTranche', 'notifyEnterprise', 'notifyFinance'],
        label: { zh: '奖补审核办结', en: 'Conclude the subsidy review' },
        kind: 'primary',
      },
      {
        event: 'concludeSubsidyReview',
        to: 'subsidyReturned',
        roles: SYSTEM,
        when: [{ id: 'subsidyReviewOutcomeIs', arg: 'returned' }],
        guards: [],
        effects: ['storeReturnReason', 'notifyEnterprise'],
        label: { zh: '奖补审核办结', en: 'Conclude the subsidy review' },
        kind: 'primary',
      },
      {
        event: 'concludeSubsidyReview',
        to: 'subsidyRejected',
        roles: SYSTEM,
        when: [{ id: 'subsidyReviewOutcomeIs', arg: 'rejected' }],
        guards: [],
        effects: ['publishPilotEnterprise', 'issueCertificate', 'notifyEnterprise'],
        label: { zh: '奖补审核办结', en: 'Conclude the subsidy review' },
        kind: 'primary',
      },
      { ...CLOSE, effects: ['cancelSubsidyReview', 'notifyEnterprise'] },
    ],
  },
  {
    id: 'subsidyReturned',
    stage: 7,
    label: { zh: '奖补申请退回修改', en: 'Subsidy application returned' },
    publicLabel: { zh: '奖补审核', en: 'Subsidy review' },
    applicantHint: {
      zh: '奖补申请被退回，请按退回原因补充或更正材料后重新提交。',
      en: 'The application was returned: add or correct materials as the reason says and apply again.',
    },
    progress: 82,
    tone: 'returned',
    waitingOn: APPLICANT,
    materials: [...SUBSIDY_SLOTS, ...PRE_PAPERWORK],
    transitions: [
      applySubsidy(['recordRevision', 'clearReturnReason', 'openSubsidyReview', 'freezeSubsidyApplication', 'notifyTown', 'notifyBureau']),
      DECLINE_SUBSIDY,
      CLOSE,
    ],
  },

  // Stage 8 · 完成
  {
    id: 'disbursement',
    stage: 8,
    label: { zh: '奖补已批准，待拨付', en: 'Subsidy approved, awaiting payment' },
    publicLabel: { zh: '获资金支持', en: 'Funded' },
    applicantHint: {
      zh: '奖补已批准。请填写企业银行账户信息，上传开户许可证和拨付申请表（可交所在镇街），市工信局将拨付资金。',
      en: 'The subsidy is approved. Enter the bank account, upload the account licence and the payment request form (via your town office if asked); the bureau then pays.',
    },
    progress: 92,
    tone: 'passed',
    waitingOn: ['enterprise', 'town', ...FINANCE],
    materials: DISBURSEMENT_SLOTS,
    transitions: [
      {
        // Fired by the system when the final tranche is paid (finance pays on the tranche, zs-tranche-v1).
        event: 'recordPayment',
        to: 'completed',
        roles: SYSTEM,
        guards: [],
        effects: ['publishPilotEnterprise', 'publishFundedProject', 'issueCertificate', 'notifyEnterprise'],
        label: { zh: '奖补资金拨付办结', en: 'Conclude with the subsidy paid' },
        kind: 'primary',
      },
      { ...CLOSE, effects: ['releaseSubsidyCommitment', 'notifyEnterprise', 'notifyFinance'] },
    ],
  },
  {
    id: 'completed',
    stage: 8,
    label: { zh: '已完成（已拨付）', en: 'Completed (paid)' },
    publicLabel: { zh: '获资金支持项目', en: 'Funded project' },
    applicantHint: {
      zh: '奖补资金已拨付，项目完成。试点企业及获资金支持项目将在市工信局网站发布。',
      en: "The subsidy is paid and the project is complete; it is published on the bureau's site.",
    },
    progress: 100,
    tone: 'passed',
    waitingOn: [],
    materials: [],
    transitions: [],
    terminal: true,
  },
  {
    id: 'honourOnly',
    stage: 8,
    label: { zh: '已完成（试点企业荣誉）', en: 'Completed (pilot-enterprise honour)' },
    publicLabel: { zh: '试点企业', en: 'Pilot enterprise' },
    applicantHint: {
      zh: '项目完成，企业获得试点企业荣誉，将在市工信局网站发布。',
      en: "The project is complete with the pilot-enterprise honour, published on the bureau's site.",
    },
    progress: 100,
    tone: 'passed',
    waitingOn: [],
    materials: [],
    transitions: [],
    terminal: true,
  },
  {
    id: 'subsidyRejected',
    stage: 8,
    label: { zh: '奖补未获支持', en: 'Subsidy not granted' },
    publicLabel: { zh: '试点企业', en: 'Pilot enterprise' },
    applicantHint: {
      zh: '奖补申请未获支持（原因见通知），企业仍保留试点企业资格。',
      en: 'The subsidy was not granted (see the notification for why); the enterprise remains a pilot enterprise.',
    },
    progress: 100,
    tone: 'rejected',
    waitingOn: [],
    materials: [],
    transitions: [],
    terminal: true,
  },
  {
    id: 'withdrawn',
    stage: 8,
    label: { zh: '企业已撤回', en: 'Withdrawn by the enterprise' },
    publicLabel: { zh: '已撤回', en: 'Withdrawn' },
    applicantHint: {
      zh: '项目已由企业撤回，不再办理。如需继续参加试点，请重新发起备案。',
      en: 'You withdrew this project. To take part again, start a new filing.',
    },
    progress: 100,
    tone: 'rejected',
    waitingOn: [],
    materials: [],
    transitions: [],
    terminal: true,
  },
  {
    id: 'closed',
    stage: 8,
    label: { zh: '已终止', en: 'Closed by the bureau' },
    publicLabel: { zh: '已终止', en: 'Closed' },
    applicantHint: {
      zh: '市工信局已终止该项目（原因见通知）。如有疑问请联系市工信局。',
      en: 'The bureau closed this project (see the notification for why). Contact the bureau with questions.',
    },
    progress: 100,
    tone: 'rejected',
    waitingOn: [],
    materials: [],
    transitions: [],
    terminal: true,
  },
];

export const PROJECT_LIFECYCLE: WorkflowTable<ProjectStateId, ProjectEventId> = {
  id: PROJECT_WORKFLOW_ID,
  name: { zh: '中小企业参与试点流程（v2.0）', en: 'SME pilot participation process (v2.0)' },
  initial: 'draft',
  states: STATES,
};

export function isProjectStateId(value: unknown): value is ProjectStateId {
  return typeof value === 'string' && (PROJECT_STATES as readonly string[]).includes(value);
}

export function isProjectEventId(value: unknown): value is ProjectEventId {
  return typeof value === 'string' && (PROJECT_EVENTS as readonly string[]).includes(value);
}

/** The definition of a project state; throws for an unknown id (a corrupt row, not a user error). */
export function projectState(id: ProjectStateId): StateDef<ProjectStateId, ProjectEventId> {
  const state = STATES.find((s) => s.id === id);
  if (!state) throw new RangeError(`unknown project state "${id}"`);
  return state;
}
