/**
 * A benchmark (标杆): the institution recommends (stage 6) → the bureau designates it 数字化车间 / 智能车间 (published
 * on the benchmark page) or declines → the bureau leadership approves an award on its own line (≤ the policy's
 * maximum; a later, higher award for the same enterprise pays only the difference) → a benchmark tranche.
 */
import type { ActorRole } from '../identity/roles';
import { APPROVE_BENCHMARK_AWARD_INPUT, DESIGNATE_BENCHMARK_INPUT } from './inputs';
import { endState } from './states';
import type { StateDef, WorkflowTable } from './types';

export const BENCHMARK_STATES = ['recommended', 'designated', 'awarded', 'declined'] as const;
export type BenchmarkStateId = (typeof BENCHMARK_STATES)[number];
export const BENCHMARK_EVENTS = ['designate', 'decline', 'approveAward'] as const;
export type BenchmarkEventId = (typeof BENCHMARK_EVENTS)[number];

const BUREAU: readonly ActorRole[] = ['bureauAdmin', 'bureauReviewer'];

const STATES: StateDef<BenchmarkStateId, BenchmarkEventId>[] = [
  {
    id: 'recommended',
    stage: 7,
    label: { zh: '标杆推荐待评审', en: 'Benchmark recommended, awaiting review' },
    publicLabel: { zh: '标杆评审中', en: 'Benchmark under review' },
    applicantHint: {
      zh: '服务机构已推荐贵企业为数字化车间/智能车间标杆，市工信局正在评审。',
      en: 'The institution recommended you as a digital / smart workshop benchmark; the bureau is reviewing it.',
    },
    hints: {
      bureauAdmin: { zh: '请评审标杆推荐：认定为数字化车间或智能车间，或不予认定并说明理由。', en: 'Review the recommendation: designate a digital or smart workshop, or decline with a reason.' },
      bureauReviewer: { zh: '请评审标杆推荐：认定为数字化车间或智能车间，或不予认定并说明理由。', en: 'Review the recommendation: designate a digital or smart workshop, or decline with a reason.' },
    },
    progress: 30,
    tone: 'waiting',
    waitingOn: BUREAU,
    materials: [],
    transitions: [
      {
        event: 'designate',
        to: 'designated',
        roles: BUREAU,
        guards: [],
        effects: ['designateBenchmark', 'publishBenchmark', 'notifyEnterprise'],
        label: { zh: '认定为标杆', en: 'Designate the benchmark' },
        kind: 'primary',
        input: DESIGNATE_BENCHMARK_INPUT,
      },
      {
        event: 'decline',
        to: 'declined',
        roles: BUREAU,
        guards: [],
        effects: ['notifyEnterprise'],
        label: { zh: '不予认定', en: 'Decline' },
        kind: 'danger',
        needsReason: true,
      },
    ],
  },
  {
    id: 'designated',
    stage: 7,
    label: { zh: '已认定标杆', en: 'Designated benchmark' },
    publicLabel: { zh: '标杆车间', en: 'Benchmark workshop' },
    applicantHint: {
      zh: '贵企业已认定为标杆车间并在门户公布；择优给予的奖励由局党组另行审定。',
      en: 'You are a designated benchmark, published on the portal; any award is decided separately by the bureau leadership.',
    },
    hints: {
      bureauAdmin: { zh: '可择优审定标杆奖励（不超过政策上限，已获奖励的只补差额）。', en: 'You may approve an award (at most the policy maximum; an earlier award is deducted).' },
    },
    progress: 70,
    tone: 'passed',
    waitingOn: ['bureauAdmin'],
    materials: [],
    transitions: [
      {
        event: 'approveAward',
        to: 'awarded',
        roles: ['bureauAdmin'],
        guards: [],
        effects: ['approveBenchmarkAward', 'openBenchmarkTranche', 'notifyEnterprise', 'notifyFinance'],
        label: { zh: '审定标杆奖励', en: 'Approve the benchmark award' },
        kind: 'primary',
        input: APPROVE_BENCHMARK_AWARD_INPUT,
        confirm: {
          zh: '审定后奖励金额占用所选预算池并生成拨付记录。确定审定吗？',
          en: 'The award is committed against the chosen pool and a payment tranche is opened. Approve?',
        },
      },
    ],
  },
  endState({
    id: 'awarded',
    stage: 7,
    label: { zh: '标杆奖励已审定', en: 'Benchmark award approved' },
    publicLabel: { zh: '标杆车间', en: 'Benchmark workshop' },
    applicantHint: { zh: '标杆奖励已审定，资金拨付进度见拨付记录。', en: 'The award is approved; see the payment tranche for its progress.' },
    tone: 'passed',
  }),
  endState({
    id: 'declined',
    stage: 7,
    label: { zh: '未认定标杆', en: 'Not designated' },
    publicLabel: { zh: '未认定', en: 'Not designated' },
    applicantHint: { zh: '标杆推荐未获认定（原因见通知）。', en: 'The benchmark recommendation was declined (see the notification).' },
    tone: 'rejected',
  }),
];

export const BENCHMARK_LIFECYCLE: WorkflowTable<BenchmarkStateId, BenchmarkEventId> = {
  id: 'zs-benchmark-v1',
  name: { zh: '标杆认定与奖励', en: 'Benchmark designation and award' },
  initial: 'recommended',
  states: STATES,
};
