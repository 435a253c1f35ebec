import { describe, expect, it } from 'vitest';
import type { ActorRole } from '../identity/roles';
import { makeGuardContext, type GuardContext } from './context';
import { GUARD_IDS, GUARD_META, checkGuard } from './guards';
import { slot } from './materials';
import type { GuardId, GuardRef } from './types';

const SLOTS = [
  slot('x.a', { zh: '培训记录', en: 'Training records' }, { required: true, accept: ['pdf'], maxMb: 1, uploaders: [] }),
  slot('x.b', { zh: '内部验收报告', en: 'Internal acceptance report' }, { required: true, accept: ['pdf'], maxMb: 1, uploaders: [] }),
  slot('x.c', { zh: '改造方案', en: 'Plan' }, { required: false, accept: ['pdf'], maxMb: 1, uploaders: [] }),
];

interface Case {
  ref: GuardRef;
  role?: ActorRole;
  holds: Partial<GuardContext>;
  fails: Partial<GuardContext>;
  message: string;
}

/** One holding and one failing example per guard, with the exact Chinese message. */
const CASES: Case[] = [
  {
    ref: { id: 'requiredMaterialsPresent' },
    holds: { presentMaterials: ['x.a', 'x.b'] },
    fails: { presentMaterials: ['x.c'] },
    message: '尚缺必需材料：培训记录、内部验收报告',
  },
  {
    ref: { id: 'formComplete' },
    holds: {},
    fails: { formMissing: [{ zh: '项目名称', en: 'Title' }, { zh: '计划投资', en: 'Investment' }] },
    message: '尚有必填信息未填写：项目名称、计划投资',
  },
  { ref: { id: 'enterpriseIsSme' }, holds: { enterpriseSize: 'medium' }, fails: { enterpriseSize: 'large' }, message: '企业属于大型企业，不符合试点申报条件（仅限中小企业）' },
  {
    ref: { id: 'diagnosisModeIs', arg: 'self' },
    holds: { diagnosisMode: 'self' },
    fails: { diagnosisMode: 'institution' },
    message: '备案选择的诊断方式为机构诊断，不是自诊断',
  },
  {
    ref: { id: 'assessmentSubmitted', arg: 'self' },
    holds: { submittedAssessments: ['self'] },
    fails: {},
    message: '尚未提交数字化水平自评测问卷',
  },
  {
    ref: { id: 'reportUploaded', arg: 'evaluation' },
    holds: { reports: { diagnosis: null, evaluation: 'uploaded' } },
    fails: { reports: { diagnosis: 'uploaded', evaluation: 'draft' } },
    message: '服务机构尚未上传评估报告',
  },
  {
    ref: { id: 'reportConfirmed', arg: 'diagnosis' },
    holds: { reports: { diagnosis: 'confirmed', evaluation: null } },
    fails: { reports: { diagnosis: 'disputed', evaluation: 'confirmed' } },
    message: '诊断报告尚未经企业确认',
  },
  { ref: { id: 'levelRecorded' }, holds: { evaluationLevel: 0 }, fails: {}, message: '尚未录入评估等级' },
  { ref: { id: 'levelAtLeast', arg: 3 }, holds: { evaluationLevel: 3 }, fails: { evaluationLevel: 0 }, message: '评估等级为未达一级，未达到三级' },
  {
    ref: { id: 'delegationActive' },
    role: 'leadingUnitDelegate',
    holds: { delegationActive: true },
    fails: {},
    message: '贵单位没有该企业的有效授权，不能代企业办理',
  },
  {
    ref: { id: 'assignedInstitution' },
    role: 'institutionComprehensive',
    holds: { actorIsAssignedInstitution: true },
    fails: {},
    message: '贵机构不是本项目分配的服务机构',
  },
  {
    ref: { id: 'institutionSelected', arg: 'comprehensive' },
    holds: { selectedInstitution: 'comprehensive' },
    fails: { selectedInstitution: 'diagnostic' },
    message: '只能分配综合型服务机构，所选机构为诊断型服务机构',
  },
  { ref: { id: 'providerChosen' }, holds: { providerChoice: 'leadingUnit' }, fails: {}, message: '尚未选择服务商' },
  {
    ref: { id: 'providerChoiceIs', arg: 'market' },
    holds: { providerChoice: 'market' },
    fails: { providerChoice: 'catalog' },
    message: '所选服务商不是未入库的市场化服务商',
  },
  {
    ref: { id: 'providerChoiceValid' },
    holds: { providerChoiceProblem: null },
    fails: { providerChoiceProblem: { zh: '该服务商已被暂停承接新项目', en: 'This provider is suspended from new projects' } },
    message: '该服务商已被暂停承接新项目',
  },
  {
    ref: { id: 'contractComplete' },
    holds: { contractMissing: [] },
    fails: { contractMissing: [{ zh: '合同编号', en: 'Contract number' }, { zh: '签订日期', en: 'Signing date' }] },
    message: '签约信息尚不完整：合同编号、签订日期',
  },
  {
    ref: { id: 'implementationComplete' },
    holds: { implementationMissing: [] },
    fails: { implementationMissing: [{ zh: '内部验收日期', en: 'Internal acceptance date' }] },
    message: '实施记录尚不完整：内部验收日期',
  },
  {
    ref: { id: 'evaluationComplete' },
    holds: { evaluationMissing: [] },
    fails: { evaluationMissing: [{ zh: '生产设备联网率（改造后）', en: 'Equipment networking rate (after)' }] },
    message: '评估尚未完成：生产设备联网率（改造后）',
  },
  {
    ref: { id: 'noConflictOfInterest' },
    holds: { institutionConflict: null },
    fails: { institutionConflict: { zh: '所选机构是本项目的服务商', en: "The institution is the project's provider" } },
    message: '所选机构是本项目的服务商',
  },
  {
    ref: { id: 'catalogEntryApproved' },
    holds: { catalogEntryStatus: 'approved' },
    fails: { catalogEntryStatus: 'rejected' },
    message: '推荐产品未通过入库审核，请重新选择服务商',
  },
  {
    ref: { id: 'subsidyReviewOutcomeIs', arg: 'approved' },
    holds: { subsidyReviewOutcome: 'approved' },
    fails: { subsidyReviewOutcome: 'returned' },
    message: '奖补审核结论为“退回修改”，不是“通过”',
  },
  {
    ref: { id: 'expertReviewsComplete' },
    holds: { expertReviews: { assigned: 5, submitted: 5 } },
    fails: { expertReviews: { assigned: 5, submitted: 4 } },
    message: '专家评审尚未完成：已提交4份，共5份',
  },
  { ref: { id: 'publicityOver' }, holds: { publicityOver: true }, fails: {}, message: '公示期尚未结束' },
  { ref: { id: 'noOpenObjections' }, holds: {}, fails: { openObjections: 2 }, message: '公示期内有2条异议尚未处理' },
  { ref: { id: 'reasonGiven' }, holds: { reason: '材料不全' }, fails: { reason: ' \n' }, message: '请填写原因' },
  {
    ref: { id: 'subsidyApplicationReady' },
    holds: {},
    fails: { subsidyApplicationProblems: [{ zh: '未录入发票', en: 'no invoices' }, { zh: '未签署真实性承诺', en: 'the pledge is not signed' }] },
    message: '奖补申请尚不能提交：未录入发票、未签署真实性承诺',
  },
  { ref: { id: 'bankAccountOnFile' }, holds: { bankAccountOnFile: true }, fails: {}, message: '企业尚未登记银行账户' },
  {
    ref: { id: 'paymentPaperworkPresent' },
    holds: {},
    fails: { paymentPaperworkMissing: [{ zh: '财政专项资金拨付申请表', en: 'the payment request form' }] },
    message: '拨付材料尚未收齐：财政专项资金拨付申请表',
  },
];

describe('guards', () => {
  it('have one example each', () => {
    expect(CASES.map((c) => c.ref.id).sort()).toEqual([...GUARD_IDS].sort());
  });

  it.each(CASES)('$ref.id holds or fails with a specific message', ({ ref, role, holds, fails, message }) => {
    const env = { role: role ?? 'enterprise', materials: SLOTS };
    expect(checkGuard(ref, makeGuardContext(holds), env)).toBeNull();
    const failure = checkGuard(ref, makeGuardContext(fails), env);
    expect(failure?.guard).toBe(ref.id);
    expect(failure?.message.zh).toBe(message);
    expect(failure?.message.en).not.toBe('');
    expect(failure?.message.en).not.toMatch(/\p{Script=Han}/u);
  });

  it('accept their own arguments and reject others', () => {
    for (const c of CASES) {
      expect(GUARD_META[c.ref.id].validArg('arg' in c.ref ? c.ref.arg : undefined), c.ref.id).toBe(true);
    }
    const bad: [GuardId, unknown][] = [
      ['levelAtLeast', 0],
      ['levelAtLeast', 5],
      ['levelAtLeast', '2'],
      ['diagnosisModeIs', 'online'],
      ['requiredMaterialsPresent', 'x'],
    ];
    for (const [id, arg] of bad) expect(GUARD_META[id].validArg(arg), `${id}(${String(arg)})`).toBe(false);
  });

  it('check delegation and assignment only for the roles they concern', () => {
    const none = makeGuardContext();
    expect(checkGuard({ id: 'delegationActive' }, none, { role: 'enterprise', materials: [] })).toBeNull();
    expect(checkGuard({ id: 'assignedInstitution' }, none, { role: 'bureauAdmin', materials: [] })).toBeNull();
    expect(checkGuard({ id: 'assignedInstitution' }, none, { role: 'institutionDiagnostic', materials: [] })).not.toBeNull();
  });

  it('list missing material keys in slot order', () => {
    const failure = checkGuard({ id: 'requiredMaterialsPresent' }, makeGuardContext({ presentMaterials: ['x.a'] }), {
      role: 'enterprise',
      materials: SLOTS,
    });
    expect(failure?.missing).toEqual(['x.b']);
    expect(failure?.message.en).toBe('Required materials missing: Internal acceptance report.');
  });
});
