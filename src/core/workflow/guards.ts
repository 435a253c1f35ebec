/**
 * Every guard, implemented once, as a pure predicate over the `GuardContext`. A failing guard says exactly
 * what is missing, in Chinese and English.
 */
import { INSTITUTION_ACTOR_ROLES, type ActorRole } from '../identity/roles';
import type { Text } from '../text';
import {
  ASSESSMENT_KINDS,
  DIAGNOSIS_MODES,
  DIGITAL_LEVELS,
  DIGITAL_LEVEL_LABELS,
  INSTITUTION_KINDS,
  PROVIDER_CHOICES,
  REPORT_KINDS,
  SUBSIDY_REVIEW_OUTCOMES,
  type CatalogEntryStatus,
  type DiagnosisMode,
  type GuardContext,
  type InstitutionKind,
  type ProviderChoice,
  type ReportKind,
  type SubsidyReviewOutcome,
} from './context';
import type { GuardId, GuardRef, MaterialSlot } from './types';

export interface GuardFailure {
  guard: GuardId;
  message: Text;
  /** For `requiredMaterialsPresent`: the keys of the empty required slots, in slot order. */
  missing?: readonly string[];
}

/** What a guard may know besides the context: who acts, and the slots of the state being left. */
export interface GuardEnv {
  role: ActorRole;
  materials: readonly MaterialSlot[];
}

/**
 * `state` guards depend on the object and can be shown in advance (disabled buttons with reasons);
 * `input` guards depend on what the actor enters with the action (a reason, a chosen institution) and are
 * only checked when the action is performed.
 */
export type GuardScope = 'state' | 'input';

export interface GuardMeta {
  scope: GuardScope;
  /** The facts of the context the guard reads: the server loads only what the guards of a state need. */
  reads: readonly (keyof GuardContext)[];
  description: Text;
  /** Whether `arg` is a valid argument for this guard (`undefined` for guards without one). */
  validArg: (arg: unknown) => boolean;
}

const noArg = (arg: unknown): boolean => arg === undefined;
const oneOf =
  (values: readonly unknown[]) =>
  (arg: unknown): boolean =>
    values.includes(arg);

export const GUARD_META: Record<GuardId, GuardMeta> = {
  requiredMaterialsPresent: {
    scope: 'state',
    reads: ['presentMaterials'],
    description: { zh: '本环节的必需材料已全部上传', en: "All required materials of this step are uploaded" },
    validArg: noArg,
  },
  formComplete: {
    scope: 'state',
    reads: ['formMissing'],
    description: { zh: '本环节的必填信息已填写完整', en: 'All required fields of this step are filled in' },
    validArg: noArg,
  },
  enterpriseIsSme: {
    scope: 'state',
    reads: ['enterpriseSize'],
    description: { zh: '企业属于中小企业', en: 'The enterprise is an SME' },
    validArg: noArg,
  },
  diagnosisModeIs: {
    scope: 'state',
    reads: ['diagnosisMode'],
    description: { zh: '备案选择的诊断方式为指定方式', en: 'The diagnosis mode chosen at filing is the given one' },
    validArg: oneOf(DIAGNOSIS_MODES),
  },
  assessmentSubmitted: {
    scope: 'state',
    reads: ['submittedAssessments'],
    description: { zh: '评测问卷已提交', en: 'The assessment questionnaire is submitted' },
    validArg: oneOf(ASSESSMENT_KINDS),
  },
  reportUploaded: {
    scope: 'state',
    reads: ['reports'],
    description: { zh: '服务机构已上传报告，待企业确认', en: 'The institution uploaded the report, awaiting confirmation' },
    validArg: oneOf(REPORT_KINDS),
  },
  reportConfirmed: {
    scope: 'state',
    reads: ['reports'],
    description: { zh: '报告已经企业确认', en: 'The enterprise confirmed the report' },
    validArg: oneOf(REPORT_KINDS),
  },
  levelRecorded: {
    scope: 'state',
    reads: ['evaluationLevel'],
    description: { zh: '已录入评估等级', en: 'The evaluated level is recorded' },
    validArg: noArg,
  },
  levelAtLeast: {
    scope: 'state',
    reads: ['evaluationLevel'],
    description: { zh: '评估等级达到指定等级', en: 'The evaluated level reaches the given level' },
    validArg: (arg) => typeof arg === 'number' && (DIGITAL_LEVELS as readonly number[]).includes(arg) && arg > 0,
  },
  delegationActive: {
    scope: 'state',
    reads: ['delegationActive'],
    description: {
      zh: '代企业办理的牵引单位持有企业的有效授权',
      en: 'A leading unit acting for the enterprise holds its active authorisation',
    },
    validArg: noArg,
  },
  assignedInstitution: {
    scope: 'state',
    reads: ['actorIsAssignedInstitution'],
    description: { zh: '办理的服务机构是本项目分配的机构', en: 'The acting institution is the one assigned' },
    validArg: noArg,
  },
  institutionSelected: {
    scope: 'input',
    reads: ['selectedInstitution'],
    description: { zh: '已选择符合要求的服务机构', en: 'A suitable institution is selected' },
    validArg: oneOf([...INSTITUTION_KINDS, 'any']),
  },
  providerChosen: {
    // The choice is what the action's input names (the project's recorded route otherwise): checked on submit.
    scope: 'input',
    reads: ['providerChoice'],
    description: { zh: '已选择服务商', en: 'A provider is chosen' },
    validArg: noArg,
  },
  providerChoiceIs: {
    scope: 'state',
    reads: ['providerChoice'],
    description: { zh: '所选服务商类型为指定类型', en: 'The chosen provider route is the given one' },
    validArg: oneOf(PROVIDER_CHOICES),
  },
  providerChoiceValid: {
    scope: 'input',
    reads: ['providerChoiceProblem'],
    description: { zh: '所选服务商及产品可以选择（已入库、未被暂停）', en: 'The chosen provider and product can be taken (in the catalog, not suspended)' },
    validArg: noArg,
  },
  subsidyApplicationReady: {
    scope: 'state',
    reads: ['subsidyApplicationProblems'],
    description: {
      zh: '奖补申请信息完整（发票、付款凭证、承诺事项），且符合申报当日有效的奖补政策',
      en: 'The subsidy application is complete (invoices, payments, declarations) and meets the policy in force',
    },
    validArg: noArg,
  },
  bankAccountOnFile: {
    scope: 'state',
    reads: ['bankAccountOnFile'],
    description: { zh: '企业已登记银行账户', en: 'The enterprise has a bank account on file' },
    validArg: noArg,
  },
  paymentPaperworkPresent: {
    scope: 'state',
    reads: ['paymentPaperworkMissing'],
    description: { zh: '拨付材料（拨付申请表、开户许可证）已收齐', en: 'The payment paperwork (request form, account licence) is in' },
    validArg: noArg,
  },
  contractComplete: {
    scope: 'state',
    reads: ['contractMissing'],
    description: { zh: '签约信息完整且与所选服务商一致，已设定改造目标', en: 'The contract is complete, names the chosen provider, and the targets are set' },
    validArg: noArg,
  },
  implementationComplete: {
    scope: 'state',
    reads: ['implementationMissing'],
    description: { zh: '已登记培训场次和内部验收日期', en: 'Training sessions and the internal acceptance date are recorded' },
    validArg: noArg,
  },
  evaluationComplete: {
    scope: 'state',
    reads: ['evaluationMissing'],
    description: { zh: '已录入各项改造目标的改造后数值', en: 'The value after transformation of every target is recorded' },
    validArg: noArg,
  },
  noConflictOfInterest: {
    scope: 'input',
    reads: ['institutionConflict'],
    description: { zh: '所选评估机构与本项目无利益冲突', en: 'The chosen evaluation institution has no conflict of interest with this project' },
    validArg: noArg,
  },
  catalogEntryApproved: {
    scope: 'state',
    reads: ['catalogEntryStatus'],
    description: { zh: '推荐产品已通过入库审核', en: 'The recommended product passed the catalog review' },
    validArg: noArg,
  },
  subsidyReviewOutcomeIs: {
    scope: 'state',
    reads: ['subsidyReviewOutcome'],
    description: { zh: '奖补审核结论为指定结论', en: 'The subsidy review ended with the given outcome' },
    validArg: oneOf(SUBSIDY_REVIEW_OUTCOMES),
  },
  expertReviewsComplete: {
    scope: 'state',
    reads: ['expertReviews'],
    description: { zh: '分配的评审专家均已提交评审意见', en: 'Every assigned expert has submitted a review' },
    validArg: noArg,
  },
  publicityOver: {
    scope: 'state',
    reads: ['publicityOver'],
    description: { zh: '公示期已结束', en: 'The publicity period has ended' },
    validArg: noArg,
  },
  noOpenObjections: {
    scope: 'state',
    reads: ['openObjections'],
    description: { zh: '公示期内无未处理的异议', en: 'No unresolved objections from the publicity period' },
    validArg: noArg,
  },
  reasonGiven: {
    scope: 'input',
    reads: ['reason'],
    description: { zh: '已填写原因', en: 'A reason is given' },
    validArg: noArg,
  },
};

export const GUARD_IDS = Object.keys(GUARD_META) as GuardId[];

export function isGuardId(value: string): value is GuardId {
  return Object.hasOwn(GUARD_META, value);
}

const DIAGNOSIS_MODE_LABELS: Record<DiagnosisMode, Text> = {
  self: { zh: '自诊断', en: 'self-diagnosis' },
  institution: { zh: '机构诊断', en: 'institution diagnosis' },
};

const REPORT_LABELS: Record<ReportKind, Text> = {
  diagnosis: { zh: '诊断报告', en: 'diagnosis report' },
  evaluation: { zh: '评估报告', en: 'evaluation report' },
};

const PROVIDER_CHOICE_LABELS: Record<ProviderChoice, Text> = {
  leadingUnit: { zh: '数字化牵引单位/行业型服务商', en: 'a leading unit / industry provider' },
  catalog: { zh: '入库服务商及产品', en: 'a catalog provider and product' },
  market: { zh: '未入库的市场化服务商', en: 'a market provider not in the catalog' },
};

const INSTITUTION_LABELS: Record<InstitutionKind, Text> = {
  comprehensive: { zh: '综合型服务机构', en: 'comprehensive institution' },
  diagnostic: { zh: '诊断型服务机构', en: 'diagnostic institution' },
};

const OUTCOME_LABELS: Record<SubsidyReviewOutcome, Text> = {
  approved: { zh: '通过', en: 'approved' },
  returned: { zh: '退回修改', en: 'returned for revision' },
  rejected: { zh: '不予支持', en: 'rejected' },
  cancelled: { zh: '已终止', en: 'cancelled' },
};

const CATALOG_WAIT_MESSAGES: Record<Exclude<CatalogEntryStatus, 'approved'> | 'none', Text> = {
  none: {
    zh: '牵引单位尚未提交推荐函，请联系经认定的牵引单位/行业型服务商填写推荐函',
    en: 'No recommendation letter yet: ask a certified leading unit / industry provider to write one.',
  },
  draft: { zh: '推荐函尚未提交', en: 'The recommendation letter has not been submitted yet.' },
  underReview: {
    zh: '推荐产品入库申请正在市工信局审核中',
    en: 'The catalog entry for the recommended product is under review by the bureau.',
  },
  returned: {
    zh: '推荐函被市工信局退回修改，等待牵引单位重新提交',
    en: 'The bureau returned the recommendation letter; waiting for the leading unit to resubmit.',
  },
  withdrawn: {
    zh: '推荐函已撤销，请重新选择服务商',
    en: 'The recommendation was withdrawn; please choose a provider again.',
  },
  rejected: {
    zh: '推荐产品未通过入库审核，请重新选择服务商',
    en: 'The recommended product was not accepted into the catalog; please choose another provider.',
  },
};

function fail(guard: GuardId, zh: string, en: string): GuardFailure {
  return { guard, message: { zh, en } };
}

function joinLabels(labels: readonly Text[]): Text {
  return { zh: labels.map((l) => l.zh).join('、'), en: labels.map((l) => l.en).join(', ') };
}

/** The required slots among `materials` that hold no file. */
export function missingRequiredMaterials(
  materials: readonly MaterialSlot[],
  present: readonly string[],
): MaterialSlot[] {
  const have = new Set(present);
  return materials.filter((slot) => slot.required && !have.has(slot.key));
}

/** Checks one guard; null when it holds. */
export function checkGuard(ref: GuardRef, ctx: GuardContext, env: GuardEnv): GuardFailure | null {
  switch (ref.id) {
    case 'requiredMaterialsPresent': {
      const missing = missingRequiredMaterials(env.materials, ctx.presentMaterials);
      if (missing.length === 0) return null;
      const names = joinLabels(missing.map((slot) => slot.label));
      return {
        guard: ref.id,
        message: { zh: `尚缺必需材料：${names.zh}`, en: `Required materials missing: ${names.en}.` },
        missing: missing.map((slot) => slot.key),
      };
    }
    case 'formComplete': {
      if (ctx.formMissing.length === 0) return null;
      const names = joinLabels(ctx.formMissing);
      return fail(ref.id, `尚有必填信息未填写：${names.zh}`, `Required fields not filled in: ${names.en}.`);
    }
    case 'enterpriseIsSme':
      if (ctx.enterpriseSize === null) {
        return fail(
          ref.id,
          '尚未填写从业人员和营业收入，无法判定企业规模',
          'Employees and revenue are not filled in, so the enterprise size cannot be determined.',
        );
      }
      if (ctx.enterpriseSize === 'large') {
        return fail(
          ref.id,
          '企业属于大型企业，不符合试点申报条件（仅限中小企业）',
          'The enterprise is a large enterprise; only SMEs may join the pilot.',
        );
      }
      return null;
    case 'diagnosisModeIs': {
      if (ctx.diagnosisMode === ref.arg) return null;
      if (ctx.diagnosisMode === null) {
        return fail(
          ref.id,
          '尚未选择诊断方式（自诊断或机构诊断）',
          'No diagnosis mode chosen (self-diagnosis or institution diagnosis).',
        );
      }
      const actual = DIAGNOSIS_MODE_LABELS[ctx.diagnosisMode];
      const wanted = DIAGNOSIS_MODE_LABELS[ref.arg];
      return fail(
        ref.id,
        `备案选择的诊断方式为${actual.zh}，不是${wanted.zh}`,
        `The diagnosis mode chosen at filing is ${actual.en}, not ${wanted.en}.`,
      );
    }
    case 'assessmentSubmitted':
      if (ctx.submittedAssessments.includes(ref.arg)) return null;
      return fail(
        ref.id,
        '尚未提交数字化水平自评测问卷',
        'The digital-level self-assessment questionnaire has not been submitted.',
      );
    case 'reportUploaded': {
      const status = ctx.reports[ref.arg];
      if (status === 'uploaded') return null;
      const report = REPORT_LABELS[ref.arg];
      if (status === 'confirmed') {
        return fail(ref.id, `${report.zh}已经确认`, `The ${report.en} has already been confirmed.`);
      }
      return fail(ref.id, `服务机构尚未上传${report.zh}`, `The institution has not uploaded the ${report.en} yet.`);
    }
    case 'reportConfirmed': {
      if (ctx.reports[ref.arg] === 'confirmed') return null;
      const report = REPORT_LABELS[ref.arg];
      return fail(ref.id, `${report.zh}尚未经企业确认`, `The enterprise has not confirmed the ${report.en} yet.`);
    }
    case 'levelRecorded':
      if (ctx.evaluationLevel !== null) return null;
      return fail(ref.id, '尚未录入评估等级', 'No evaluated level has been recorded.');
    case 'levelAtLeast': {
      if (ctx.evaluationLevel === null) return fail(ref.id, '尚未录入评估等级', 'No evaluated level has been recorded.');
      if (ctx.evaluationLevel >= ref.arg) return null;
      const actual = DIGITAL_LEVEL_LABELS[ctx.evaluationLevel];
      const wanted = DIGITAL_LEVEL_LABELS[ref.arg];
      return fail(
        ref.id,
        `评估等级为${actual.zh}，未达到${wanted.zh}`,
        `The evaluated level is ${actual.en}, below ${wanted.en}.`,
      );
    }
    case 'delegationActive':
      if (env.role !== 'leadingUnitDelegate' || ctx.delegationActive) return null;
      return fail(
        ref.id,
        '贵单位没有该企业的有效授权，不能代企业办理',
        'Your organisation holds no active authorisation from this enterprise to act on its behalf.',
      );
    case 'assignedInstitution':
      if (!INSTITUTION_ACTOR_ROLES.includes(env.role) || ctx.actorIsAssignedInstitution) return null;
      return fail(
        ref.id,
        '贵机构不是本项目分配的服务机构',
        'Your institution is not the one assigned to this project.',
      );
    case 'institutionSelected': {
      const selected = ctx.selectedInstitution;
      if (selected === null) {
        return fail(ref.id, '请选择要分配的服务机构', 'Please choose the institution to assign.');
      }
      if (ref.arg === 'any' || selected === ref.arg) return null;
      const wanted = INSTITUTION_LABELS[ref.arg];
      const actual = INSTITUTION_LABELS[selected];
      return fail(
        ref.id,
        `只能分配${wanted.zh}，所选机构为${actual.zh}`,
        `Only a ${wanted.en} can be assigned here; the chosen one is a ${actual.en}.`,
      );
    }
    case 'providerChosen':
      if (ctx.providerChoice !== null) return null;
      return fail(ref.id, '尚未选择服务商', 'No provider has been chosen yet.');
    case 'providerChoiceIs': {
      if (ctx.providerChoice === ref.arg) return null;
      const wanted = PROVIDER_CHOICE_LABELS[ref.arg];
      return fail(ref.id, `所选服务商不是${wanted.zh}`, `The chosen provider is not ${wanted.en}.`);
    }
    case 'providerChoiceValid':
      return ctx.providerChoiceProblem === null ? null : { guard: ref.id, message: ctx.providerChoiceProblem };
    case 'subsidyApplicationReady': {
      if (ctx.subsidyApplicationProblems.length === 0) return null;
      const names = joinLabels(ctx.subsidyApplicationProblems);
      return fail(ref.id, `奖补申请尚不能提交：${names.zh}`, `The subsidy application cannot be submitted yet: ${names.en}.`);
    }
    case 'bankAccountOnFile':
      if (ctx.bankAccountOnFile) return null;
      return fail(ref.id, '企业尚未登记银行账户', 'The enterprise has not entered its bank account yet.');
    case 'paymentPaperworkPresent': {
      if (ctx.paymentPaperworkMissing.length === 0) return null;
      const names = joinLabels(ctx.paymentPaperworkMissing);
      return fail(ref.id, `拨付材料尚未收齐：${names.zh}`, `The payment paperwork is not complete: ${names.en}.`);
    }
    case 'contractComplete': {
      if (ctx.contractMissing.length === 0) return null;
      const names = joinLabels(ctx.contractMissing);
      return fail(ref.id, `签约信息尚不完整：${names.zh}`, `The contract is not complete: ${names.en}.`);
    }
    case 'implementationComplete': {
      if (ctx.implementationMissing.length === 0) return null;
      const names = joinLabels(ctx.implementationMissing);
      return fail(ref.id, `实施记录尚不完整：${names.zh}`, `The implementation record is not complete: ${names.en}.`);
    }
    case 'evaluationComplete': {
      if (ctx.evaluationMissing.length === 0) return null;
      const names = joinLabels(ctx.evaluationMissing);
      return fail(ref.id, `评估尚未完成：${names.zh}`, `The evaluation is not complete: ${names.en}.`);
    }
    case 'noConflictOfInterest':
      return ctx.institutionConflict === null ? null : { guard: ref.id, message: ctx.institutionConflict };
    case 'catalogEntryApproved': {
      const status = ctx.catalogEntryStatus;
      if (status === 'approved') return null;
      return { guard: ref.id, message: CATALOG_WAIT_MESSAGES[status ?? 'none'] };
    }
    case 'subsidyReviewOutcomeIs': {
      const outcome = ctx.subsidyReviewOutcome;
      if (outcome === ref.arg) return null;
      if (outcome === null) return fail(ref.id, '奖补审核尚未办结', 'The subsidy review has not concluded yet.');
      const actual = OUTCOME_LABELS[outcome];
      const wanted = OUTCOME_LABELS[ref.arg];
      return fail(
        ref.id,
        `奖补审核结论为“${actual.zh}”，不是“${wanted.zh}”`,
        `The subsidy review ended as "${actual.en}", not "${wanted.en}".`,
      );
    }
    case 'expertReviewsComplete': {
      const { assigned, submitted } = ctx.expertReviews;
      if (assigned === 0) return fail(ref.id, '尚未分配评审专家', 'No review experts have been assigned.');
      if (submitted >= assigned) return null;
      return fail(
        ref.id,
        `专家评审尚未完成：已提交${submitted}份，共${assigned}份`,
        `Expert review not finished: ${submitted} of ${assigned} reviews submitted.`,
      );
    }
    case 'publicityOver':
      if (ctx.publicityOver) return null;
      return fail(ref.id, '公示期尚未结束', 'The publicity period has not ended yet.');
    case 'noOpenObjections':
      if (ctx.openObjections === 0) return null;
      return fail(
        ref.id,
        `公示期内有${ctx.openObjections}条异议尚未处理`,
        `${ctx.openObjections} objection(s) from the publicity period are not resolved.`,
      );
    case 'reasonGiven':
      if ((ctx.reason ?? '').trim() !== '') return null;
      return fail(ref.id, '请填写原因', 'Please give a reason.');
  }
}

/** Checks guards in order and returns every failure (empty when all hold). */
export function checkGuards(refs: readonly GuardRef[], ctx: GuardContext, env: GuardEnv): GuardFailure[] {
  return refs.flatMap((ref) => checkGuard(ref, ctx, env) ?? []);
}
