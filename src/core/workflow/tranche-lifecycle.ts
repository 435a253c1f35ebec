/**
 * A disbursement tranche (拨付记录): pre-subsidy, final subsidy or benchmark award, each on its own line.
 * pending → paid, or → failed → (retry) pending. Paying carries an idempotency key: the server stores each key's
 * outcome, so a repeated or concurrent request pays nothing more. A paid final tranche concludes the project.
 */
import type { ActorRole } from '../identity/roles';
import { TRANCHE_FAIL_INPUT, TRANCHE_PAY_INPUT } from './inputs';
import { endState } from './states';
import type { StateDef, WorkflowTable } from './types';

export const TRANCHE_STATES = ['pending', 'paid', 'failed', 'cancelled'] as const;
export type TrancheStateId = (typeof TRANCHE_STATES)[number];
export const TRANCHE_EVENTS = ['pay', 'fail', 'retry', 'cancel'] as const;
export type TrancheEventId = (typeof TRANCHE_EVENTS)[number];

const FINANCE: readonly ActorRole[] = ['bureauFinance'];

const CANCEL = {
  event: 'cancel',
  to: 'cancelled',
  roles: ['system', 'bureauAdmin'],
  guards: [],
  effects: ['releaseSubsidyCommitment'],
  label: { zh: '撤销拨付', en: 'Cancel the payment' },
  kind: 'danger',
  needsReason: true,
} as const;

const STATES: StateDef<TrancheStateId, TrancheEventId>[] = [
  {
    id: 'pending',
    stage: 8,
    label: { zh: '待拨付', en: 'Awaiting payment' },
    publicLabel: { zh: '待拨付', en: 'Awaiting payment' },
    applicantHint: {
      zh: '资金待拨付。请确认企业银行账户已登记，拨付申请表和开户许可证已交所在镇街。',
      en: 'Awaiting payment. Make sure the bank account is entered and the payment form and account licence are with your town office.',
    },
    hints: {
      bureauFinance: {
        zh: '核对账户与拨付材料后登记拨付；银行退回的，登记拨付失败及原因。',
        en: 'Check the account and paperwork, then record the payment; if the bank returns it, record the failure and why.',
      },
      town: { zh: '请收齐拨付申请表和加盖公章的开户许可证。', en: 'Collect the payment request form and the sealed account licence.' },
    },
    progress: 50,
    tone: 'waiting',
    waitingOn: [...FINANCE, 'town', 'enterprise'],
    materials: [],
    transitions: [
      {
        event: 'pay',
        to: 'paid',
        roles: FINANCE,
        guards: [{ id: 'bankAccountOnFile' }, { id: 'paymentPaperworkPresent' }],
        effects: ['recordTranchePayment', 'concludeTranche', 'notifyEnterprise'],
        label: { zh: '登记拨付', en: 'Record the payment' },
        kind: 'primary',
        input: TRANCHE_PAY_INPUT,
        confirm: {
          zh: '确认该笔资金已拨付到企业账户？登记后计入台账，不能撤销。',
          en: "Confirm this amount has been paid into the enterprise's account? It goes into the ledger and cannot be undone.",
        },
      },
      {
        event: 'fail',
        to: 'failed',
        roles: FINANCE,
        guards: [],
        effects: ['recordTrancheFailure', 'notifyEnterprise'],
        label: { zh: '登记拨付失败', en: 'Record a failed payment' },
        kind: 'danger',
        input: TRANCHE_FAIL_INPUT,
        needsReason: true,
      },
      CANCEL,
    ],
  },
  {
    id: 'failed',
    stage: 8,
    label: { zh: '拨付失败', en: 'Payment failed' },
    publicLabel: { zh: '拨付失败', en: 'Payment failed' },
    applicantHint: {
      zh: '拨付未成功（原因见通知），请核对银行账户信息，市工信局将重新拨付。',
      en: 'The payment did not go through (see the notification); check the bank account, the bureau will pay again.',
    },
    progress: 50,
    tone: 'returned',
    waitingOn: [...FINANCE, 'enterprise'],
    materials: [],
    transitions: [
      {
        event: 'retry',
        to: 'pending',
        roles: FINANCE,
        guards: [],
        effects: ['notifyEnterprise'],
        label: { zh: '重新拨付', en: 'Retry the payment' },
        kind: 'primary',
      },
      CANCEL,
    ],
  },
  endState({
    id: 'paid',
    stage: 8,
    label: { zh: '已拨付', en: 'Paid' },
    publicLabel: { zh: '已拨付', en: 'Paid' },
    applicantHint: { zh: '资金已拨付到企业账户。', en: "The money has been paid into the enterprise's account." },
    tone: 'passed',
  }),
  endState({
    id: 'cancelled',
    stage: 8,
    label: { zh: '已撤销', en: 'Cancelled' },
    publicLabel: { zh: '已撤销', en: 'Cancelled' },
    applicantHint: { zh: '该笔拨付已撤销（原因见通知）。', en: 'This payment was cancelled (see the notification).' },
    tone: 'rejected',
  }),
];

export const TRANCHE_LIFECYCLE: WorkflowTable<TrancheStateId, TrancheEventId> = {
  id: 'zs-tranche-v1',
  name: { zh: '资金拨付记录', en: 'Disbursement tranche' },
  initial: 'pending',
  states: STATES,
};
