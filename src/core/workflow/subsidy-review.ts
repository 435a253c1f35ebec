/**
 * The review of one subsidy application, as Zhongshan's funding notices describe it: 镇街初审 → 市工信局审查 →
 * 专家评审 → 局党组审议 → 公示. The steps are configuration: `buildSubsidyReviewTable` turns any ordered list
 * of steps into a table for the same engine. Every review ends in one of the outcomes `approved`, `returned`,
 * `rejected`, `cancelled`; the `concludeSubsidyReview` effect tells the server to fire the project's
 * `concludeSubsidyReview` (as 'system') with that outcome in the guard context.
 */
import type { ActorRole } from '../identity/roles';
import type { Text } from '../text';
import { SUBSIDY_REVIEW_OUTCOMES, type SubsidyReviewOutcome } from './context';
import type { EffectId } from './effects';
import { APPROVE_SUBSIDY_INPUT } from './inputs';
import type { EventInput, GuardRef, StateDef, StateTone, Transition, WorkflowTable } from './types';

export const SUBSIDY_REVIEW_EVENTS = ['pass', 'return', 'reject', 'cancel'] as const;
export type SubsidyReviewEventId = (typeof SUBSIDY_REVIEW_EVENTS)[number];

export interface ReviewStep {
  /** State id of the step; must not be one of the outcomes. */
  id: string;
  label: Text;
  publicLabel: Text;
  applicantHint: Text;
  /** Who concludes the step (passes, returns or rejects). */
  roles: readonly ActorRole[];
  /** Who is expected to work in this step, if more than `roles` (e.g. the experts). */
  waitingOn?: readonly ActorRole[];
  passLabel: Text;
  /** Conditions for passing the step, besides the role. */
  passGuards?: readonly GuardRef[];
  /** Effects of passing the step, besides notifying the next one. */
  passEffects?: readonly EffectId[];
  /** What passing the step asks for (the decision: the approved amount and its pool). */
  passInput?: EventInput;
  canReturn: boolean;
  canReject: boolean;
}

export interface SubsidyReviewConfig {
  id: string;
  name: Text;
  steps: readonly ReviewStep[];
}

const BUREAU: readonly ActorRole[] = ['bureauAdmin', 'bureauReviewer'];

export const DEFAULT_SUBSIDY_REVIEW_STEPS: readonly ReviewStep[] = [
  {
    id: 'townReview',
    label: { zh: '镇街初审', en: 'Town preliminary review' },
    publicLabel: { zh: '镇街初审', en: 'Town review' },
    applicantHint: {
      zh: '所在镇街正在初审您的奖补申请材料。',
      en: 'Your town office is checking the application materials.',
    },
    roles: ['town'],
    passLabel: { zh: '初审通过', en: 'Pass the preliminary review' },
    canReturn: true,
    canReject: false,
  },
  {
    id: 'bureauExamination',
    label: { zh: '市工信局审查', en: 'Bureau examination' },
    publicLabel: { zh: '市工信局审查', en: 'Bureau examination' },
    applicantHint: {
      zh: '市工信局正在审查申请材料，必要时将开展核查或验收，请配合。',
      en: 'The bureau is examining the application and may verify on site; please assist.',
    },
    roles: BUREAU,
    passLabel: { zh: '审查通过，提交专家评审', en: 'Pass the examination, send to experts' },
    canReturn: true,
    canReject: true,
  },
  {
    id: 'expertReview',
    label: { zh: '专家评审', en: 'Expert review' },
    publicLabel: { zh: '专家评审', en: 'Expert review' },
    applicantHint: { zh: '评审专家正在评审您的项目。', en: 'Review experts are assessing your project.' },
    roles: BUREAU,
    waitingOn: ['expert', ...BUREAU],
    passLabel: { zh: '评审完成，提交局党组审议', en: 'Finish the expert review, send for decision' },
    passGuards: [{ id: 'expertReviewsComplete' }],
    canReturn: true,
    canReject: true,
  },
  {
    id: 'partyGroupDecision',
    label: { zh: '局党组审议', en: "Bureau leadership decision" },
    publicLabel: { zh: '审议', en: 'Decision' },
    applicantHint: { zh: '市工信局正在审议奖补安排。', en: 'The bureau leadership is deciding on the subsidy.' },
    roles: ['bureauAdmin'],
    passLabel: { zh: '审议通过，进入公示', en: 'Approve and publish for objections' },
    passEffects: ['approveSubsidyAmount', 'startPublicity'],
    passInput: APPROVE_SUBSIDY_INPUT,
    canReturn: true,
    canReject: true,
  },
  {
    id: 'publicity',
    label: { zh: '公示', en: 'Publicity' },
    publicLabel: { zh: '公示中', en: 'Published for objections' },
    applicantHint: {
      zh: '拟支持项目正在公示，公示期满无异议后将下达资金。',
      en: 'The proposed funding is published for objections; funds follow once the period ends without objection.',
    },
    roles: BUREAU,
    passLabel: { zh: '公示期满，审核通过', en: 'Publicity over: approve' },
    passGuards: [{ id: 'publicityOver' }, { id: 'noOpenObjections' }],
    canReturn: false,
    canReject: true,
  },
];

const OUTCOME_STATES: Record<SubsidyReviewOutcome, { label: Text; hint: Text; tone: StateTone }> = {
  approved: {
    label: { zh: '审核通过', en: 'Approved' },
    hint: { zh: '奖补申请已通过审核，请留意拨付通知。', en: 'The application is approved; watch for the payment notice.' },
    tone: 'passed',
  },
  returned: {
    label: { zh: '退回修改', en: 'Returned for revision' },
    hint: {
      zh: '申请被退回，请按退回原因修改后重新提交。',
      en: 'The application was returned: revise it as the reason says and apply again.',
    },
    tone: 'returned',
  },
  rejected: {
    label: { zh: '不予支持', en: 'Rejected' },
    hint: { zh: '奖补申请未获支持，原因见通知。', en: 'The application was not granted; see the notification for why.' },
    tone: 'rejected',
  },
  cancelled: {
    label: { zh: '已终止', en: 'Cancelled' },
    hint: { zh: '审核已终止。', en: 'The review was cancelled.' },
    tone: 'rejected',
  },
};

/** Builds the review table for an ordered list of steps (at least one). */
export function buildSubsidyReviewTable(config: SubsidyReviewConfig): WorkflowTable<string, SubsidyReviewEventId> {
  const { steps } = config;
  const [first] = steps;
  if (!first) throw new RangeError('a subsidy review needs at least one step');

  const stepStates = steps.map((step, i): StateDef<string, SubsidyReviewEventId> => {
    const isLast = i === steps.length - 1;
    const next = steps[i + 1]?.id ?? 'approved';
    const transitions: Transition<string, SubsidyReviewEventId>[] = [
      {
        event: 'pass',
        to: next,
        roles: step.roles,
        guards: step.passGuards ?? [],
        effects: [...(step.passEffects ?? []), isLast ? 'concludeSubsidyReview' : 'notifyReviewers'],
        label: step.passLabel,
        kind: 'primary',
        ...(step.passInput ? { input: step.passInput } : {}),
      },
    ];
    if (step.canReturn) {
      transitions.push({
        event: 'return',
        to: 'returned',
        roles: step.roles,
        guards: [],
        effects: ['storeReturnReason', 'concludeSubsidyReview'],
        label: { zh: '退回修改', en: 'Return for revision' },
        kind: 'neutral',
        needsReason: true,
      });
    }
    if (step.canReject) {
      transitions.push({
        event: 'reject',
        to: 'rejected',
        roles: step.roles,
        guards: [],
        effects: ['releaseSubsidyCommitment', 'concludeSubsidyReview'],
        label: { zh: '不予支持', en: 'Reject' },
        kind: 'danger',
        confirm: {
          zh: '不予支持后该申请审核结束，企业将收到原因。确定吗？',
          en: 'The review ends and the enterprise will see the reason. Reject?',
        },
        needsReason: true,
      });
    }
    transitions.push({
      event: 'cancel',
      to: 'cancelled',
      roles: ['bureauAdmin', 'system'],
      guards: [],
      effects: ['releaseSubsidyCommitment', 'concludeSubsidyReview'],
      label: { zh: '终止审核', en: 'Cancel the review' },
      kind: 'danger',
      needsReason: true,
    });
    return {
      id: step.id,
      stage: 7,
      label: step.label,
      publicLabel: step.publicLabel,
      applicantHint: step.applicantHint,
      progress: Math.round(10 + (80 * i) / steps.length),
      tone: 'waiting',
      waitingOn: step.waitingOn ?? step.roles,
      materials: [],
      transitions,
    };
  });

  // Only the outcomes some step can lead to (a chain without returns has no 'returned' state).
  const targets = new Set(stepStates.flatMap((s) => s.transitions.map((t) => t.to)));
  const outcomeStates = SUBSIDY_REVIEW_OUTCOMES.filter((o) => targets.has(o)).map(
    (outcome): StateDef<string, SubsidyReviewEventId> => ({
      id: outcome,
      stage: 7,
      label: OUTCOME_STATES[outcome].label,
      publicLabel: OUTCOME_STATES[outcome].label,
      applicantHint: OUTCOME_STATES[outcome].hint,
      progress: 100,
      tone: OUTCOME_STATES[outcome].tone,
      waitingOn: [],
      materials: [],
      transitions: [],
      terminal: true,
    }),
  );

  return { id: config.id, name: config.name, initial: first.id, states: [...stepStates, ...outcomeStates] };
}

export const SUBSIDY_REVIEW = buildSubsidyReviewTable({
  id: 'zs-subsidy-review-v1',
  name: { zh: '完工奖补审核流程', en: 'Completion subsidy review' },
  steps: DEFAULT_SUBSIDY_REVIEW_STEPS,
});

export function isSubsidyReviewOutcome(stateId: string): stateId is SubsidyReviewOutcome {
  return (SUBSIDY_REVIEW_OUTCOMES as readonly string[]).includes(stateId);
}
