import { describe, expect, it } from 'vitest';
import { ACTOR_ROLES, type ActorRole } from '../identity/roles';
import { makeGuardContext, type GuardContext } from './context';
import { availableEvents, canEdit, canUploadMaterial, decide, eventsOf, getState, validateTable } from './engine';
import { checkGuard } from './guards';
import {
  PROJECT_EVENTS,
  PROJECT_LIFECYCLE,
  PROJECT_STATES,
  projectState,
  type ProjectEventId,
  type ProjectStateId,
} from './project-lifecycle';

const T = PROJECT_LIFECYCLE;

// ---- The permission matrix, written by hand from the flowchart (not computed from the table) --------------

const E: ActorRole[] = ['enterprise'];
const ED: ActorRole[] = ['enterprise', 'leadingUnitDelegate'];
const INST: ActorRole[] = ['institutionComprehensive', 'institutionDiagnostic'];
const COMP: ActorRole[] = ['institutionComprehensive'];
const BUREAU: ActorRole[] = ['bureauAdmin', 'bureauReviewer'];
const ADMIN: ActorRole[] = ['bureauAdmin'];

type Row = Partial<Record<ProjectEventId, [roles: ActorRole[], to: ProjectStateId]>>;

const WITHDRAW: Row = { withdraw: [E, 'withdrawn'] };
const CLOSE: Row = { close: [ADMIN, 'closed'] };

/** state → event → who may fire it, and where it leads under `happyContext`. */
const EXPECTED: Record<ProjectStateId, Row> = {
  draft: { submitFiling: [E, 'selfDiagnosis'], ...WITHDRAW },
  filingReturned: { submitFiling: [E, 'selfDiagnosis'], ...WITHDRAW, ...CLOSE },
  selfDiagnosis: {
    completeSelfDiagnosis: [E, 'diagnosed'],
    returnFiling: [BUREAU, 'filingReturned'],
    ...WITHDRAW,
    ...CLOSE,
  },
  awaitingDiagnosisAssignment: {
    assignDiagnosisInstitution: [BUREAU, 'diagnosisAssigned'],
    returnFiling: [BUREAU, 'filingReturned'],
    ...WITHDRAW,
    ...CLOSE,
  },
  diagnosisAssigned: {
    acceptDiagnosisTask: [INST, 'institutionDiagnosis'],
    declineDiagnosisTask: [INST, 'awaitingDiagnosisAssignment'],
    reassignDiagnosisInstitution: [BUREAU, 'awaitingDiagnosisAssignment'],
    ...WITHDRAW,
    ...CLOSE,
  },
  institutionDiagnosis: {
    requestEvidence: [INST, 'institutionDiagnosis'],
    submitDiagnosisReport: [INST, 'diagnosisConfirmation'],
    reassignDiagnosisInstitution: [BUREAU, 'awaitingDiagnosisAssignment'],
    ...WITHDRAW,
    ...CLOSE,
  },
  diagnosisConfirmation: {
    confirmDiagnosisReport: [E, 'diagnosed'],
    disputeDiagnosisReport: [E, 'institutionDiagnosis'],
    ...WITHDRAW,
    ...CLOSE,
  },
  diagnosed: { chooseProvider: [E, 'contracting'], ...WITHDRAW, ...CLOSE },
  awaitingCatalogEntry: {
    resumeAfterCatalogApproval: [['enterprise', 'system'], 'contracting'],
    changeProvider: [E, 'diagnosed'],
    ...WITHDRAW,
    ...CLOSE,
  },
  contracting: { submitContract: [ED, 'implementation'], ...WITHDRAW, ...CLOSE },
  implementation: {
    submitImplementation: [E, 'implemented'],
    returnContract: [BUREAU, 'contracting'],
    ...WITHDRAW,
    ...CLOSE,
  },
  implemented: {
    requestEvaluation: [ED, 'awaitingEvaluationAssignment'],
    returnImplementation: [BUREAU, 'implementation'],
    ...WITHDRAW,
    ...CLOSE,
  },
  awaitingEvaluationAssignment: {
    assignEvaluationInstitution: [BUREAU, 'evaluationAssigned'],
    ...WITHDRAW,
    ...CLOSE,
  },
  evaluationAssigned: {
    acceptEvaluationTask: [COMP, 'evaluationInProgress'],
    declineEvaluationTask: [COMP, 'awaitingEvaluationAssignment'],
    reassignEvaluationInstitution: [BUREAU, 'awaitingEvaluationAssignment'],
    ...WITHDRAW,
    ...CLOSE,
  },
  evaluationInProgress: {
    submitEvaluationReport: [COMP, 'evaluationConfirmation'],
    reassignEvaluationInstitution: [BUREAU, 'awaitingEvaluationAssignment'],
    ...WITHDRAW,
    ...CLOSE,
  },
  evaluationConfirmation: {
    confirmEvaluationReport: [E, 'evaluationPassed'],
    disputeEvaluationReport: [E, 'evaluationInProgress'],
    ...WITHDRAW,
    ...CLOSE,
  },
  remediation: { requestEvaluation: [ED, 'awaitingEvaluationAssignment'], ...WITHDRAW, ...CLOSE },
  evaluationPassed: { applySubsidy: [ED, 'subsidyReview'], declineSubsidy: [E, 'honourOnly'], ...CLOSE },
  subsidyReview: { concludeSubsidyReview: [['system'], 'disbursement'], ...CLOSE },
  subsidyReturned: { applySubsidy: [ED, 'subsidyReview'], declineSubsidy: [E, 'honourOnly'], ...CLOSE },
  disbursement: { recordPayment: [['system'], 'completed'], ...CLOSE },
  completed: {},
  honourOnly: {},
  subsidyRejected: {},
  withdrawn: {},
  closed: {},
};

/** Events without a button of their own: another action fires them (submitting the self-assessment). */
const FIRED_BY_ANOTHER_ACTION: ReadonlySet<ProjectEventId> = new Set(['completeSelfDiagnosis']);

const ALL_SLOT_KEYS = [...new Set(T.states.flatMap((s) => s.materials.map((m) => m.key)))];

/** A context in which every guard of the main path holds. */
function happyContext(state: ProjectStateId): GuardContext {
  return makeGuardContext({
    presentMaterials: ALL_SLOT_KEYS,
    formMissing: [],
    enterpriseSize: 'small',
    diagnosisMode: 'self',
    submittedAssessments: ['self'],
    reports:
      state === 'diagnosisConfirmation'
        ? { diagnosis: 'uploaded', evaluation: null }
        : { diagnosis: 'confirmed', evaluation: 'uploaded' },
    evaluationLevel: 3,
    delegationActive: true,
    actorIsAssignedInstitution: true,
    selectedInstitution: 'comprehensive',
    providerChoice: 'catalog',
    catalogEntryStatus: 'approved',
    subsidyReviewOutcome: 'approved',
    expertReviews: { assigned: 3, submitted: 3 },
    publicityOver: true,
    openObjections: 0,
    reason: '情况说明',
  });
}

function refusalOf(result: ReturnType<typeof decide>) {
  if (result.ok) throw new Error(`expected a refusal, got a move to ${result.to}`);
  return result;
}

describe('PROJECT_LIFECYCLE table', () => {
  it('validates', () => {
    expect(validateTable(T)).toEqual([]);
  });

  it('declares exactly the states and events it uses', () => {
    expect(T.states.map((s) => s.id)).toEqual([...PROJECT_STATES]);
    expect(new Set(eventsOf(T))).toEqual(new Set(PROJECT_EVENTS));
    expect(T.id).toBe('zs-flow-v2.0');
    expect(T.initial).toBe('draft');
  });

  it('covers all eight stages', () => {
    expect(new Set(T.states.map((s) => s.stage))).toEqual(new Set([1, 2, 3, 4, 5, 6, 7, 8]));
  });

  it('matches the hand-written matrix for every state × role × event', () => {
    const events = eventsOf(T);
    let checked = 0;
    for (const state of PROJECT_STATES) {
      const ctx = happyContext(state);
      for (const event of events) {
        const expected = EXPECTED[state][event];
        for (const role of ACTOR_ROLES) {
          const result = decide(T, state, event, role, ctx);
          const where = `${state} × ${role} × ${event}`;
          checked++;
          if (!expected) {
            expect(refusalOf(result).code, where).toBe('STAGE_NOT_ALLOWED');
          } else if (!expected[0].includes(role)) {
            expect(refusalOf(result).code, where).toBe('ROLE_NOT_ALLOWED');
          } else {
            expect(result, where).toMatchObject({ ok: true, to: expected[1] });
          }
        }
      }
    }
    expect(checked).toBe(PROJECT_STATES.length * ACTOR_ROLES.length * PROJECT_EVENTS.length);
  });

  it('offers each role exactly its events as buttons (but no button for an event another action fires)', () => {
    for (const state of PROJECT_STATES) {
      const ctx = happyContext(state);
      for (const role of ACTOR_ROLES) {
        const offered = availableEvents(T, state, role, ctx);
        const expected = Object.entries(EXPECTED[state])
          .filter(([event, [roles]]) => roles.includes(role) && !FIRED_BY_ANOTHER_ACTION.has(event as ProjectEventId))
          .map(([event]) => event);
        expect(offered.map((o) => o.event).sort(), `${state} × ${role}`).toEqual(expected.sort());
        for (const o of offered) expect(o.allowed, `${state} × ${role} × ${o.event}`).toBe(true);
      }
    }
  });

  it('rises in progress along both main paths', () => {
    const institutionPath: ProjectStateId[] = [
      'draft',
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
      'evaluationInProgress',
      'evaluationConfirmation',
      'evaluationPassed',
      'subsidyReview',
      'disbursement',
      'completed',
    ];
    const selfPath: ProjectStateId[] = ['draft', 'selfDiagnosis', 'diagnosed', 'contracting'];
    for (const path of [institutionPath, selfPath]) {
      const progress = path.map((id) => projectState(id).progress);
      for (let i = 1; i < progress.length; i++) {
        expect(progress[i], `${path[i - 1]} → ${path[i]}`).toBeGreaterThan(progress[i - 1] ?? 0);
      }
      const stages = path.map((id) => projectState(id).stage);
      expect([...stages].sort((a, b) => a - b)).toEqual(stages);
    }
  });

  it('ends only in stage 8 and gives every state texts in both languages', () => {
    for (const s of T.states) {
      if (s.terminal) expect(s.stage, s.id).toBe(8);
      for (const text of [s.label, s.publicLabel, s.applicantHint]) {
        expect(text.zh, s.id).toMatch(/\p{Script=Han}/u);
        expect(text.en, s.id).not.toMatch(/\p{Script=Han}/u);
        expect(text.en.trim(), s.id).not.toBe('');
      }
      if (!s.terminal) expect(s.waitingOn.length, s.id).toBeGreaterThan(0);
    }
  });
});

describe('routing', () => {
  it('sends a filing to self-diagnosis or to institution assignment by the diagnosis mode', () => {
    const self = decide(T, 'draft', 'submitFiling', 'enterprise', { ...happyContext('draft'), diagnosisMode: 'self' });
    expect(self).toMatchObject({ ok: true, to: 'selfDiagnosis' });
    const inst = decide(T, 'draft', 'submitFiling', 'enterprise', {
      ...happyContext('draft'),
      diagnosisMode: 'institution',
    });
    expect(inst).toMatchObject({ ok: true, to: 'awaitingDiagnosisAssignment' });
    expect(inst.ok && inst.effects).toEqual([
      'assignFilingNo',
      'recordRevision',
      'publishFiling',
      'notifyBureau',
      'notifyTown',
    ]);
  });

  it('refuses a filing without a diagnosis mode, an incomplete form or a large enterprise', () => {
    const noMode = refusalOf(
      decide(T, 'draft', 'submitFiling', 'enterprise', { ...happyContext('draft'), diagnosisMode: null }),
    );
    expect(noMode.code).toBe('GUARD_FAILED');
    expect(noMode.message.zh).toBe('尚未选择诊断方式（自诊断或机构诊断）');

    const large = refusalOf(
      decide(T, 'draft', 'submitFiling', 'enterprise', {
        ...happyContext('draft'),
        enterpriseSize: 'large',
        formMissing: [{ zh: '项目名称', en: 'Project title' }],
      }),
    );
    expect(large.code).toBe('GUARD_FAILED');
    expect(large.details.failures?.map((f) => f.guard)).toEqual(['formComplete', 'enterpriseIsSme']);
    expect(large.message.zh).toBe('尚有必填信息未填写：项目名称；企业属于大型企业，不符合试点申报条件（仅限中小企业）');
  });

  it('sends a confirmed evaluation to passed at level 2 or above, to remediation below', () => {
    const at = (level: 0 | 1 | 2 | 3 | 4) =>
      decide(T, 'evaluationConfirmation', 'confirmEvaluationReport', 'enterprise', {
        ...happyContext('evaluationConfirmation'),
        evaluationLevel: level,
      });
    expect(at(0)).toMatchObject({ ok: true, to: 'remediation' });
    expect(at(1)).toMatchObject({ ok: true, to: 'remediation' });
    expect(at(2)).toMatchObject({ ok: true, to: 'evaluationPassed' });
    expect(at(4)).toMatchObject({ ok: true, to: 'evaluationPassed' });
    expect(at(2)).toMatchObject({ effects: expect.arrayContaining(['markPilotEnterprise']) });
    expect(at(1)).toMatchObject({ effects: expect.not.arrayContaining(['markPilotEnterprise']) });

    const none = refusalOf(
      decide(T, 'evaluationConfirmation', 'confirmEvaluationReport', 'enterprise', {
        ...happyContext('evaluationConfirmation'),
        evaluationLevel: null,
      }),
    );
    expect(none.message.zh).toBe('尚未录入评估等级');
  });

  it('loops from remediation back to a new evaluation', () => {
    const ctx = happyContext('remediation');
    const again = decide(T, 'remediation', 'requestEvaluation', 'leadingUnitDelegate', ctx);
    expect(again).toMatchObject({ ok: true, to: 'awaitingEvaluationAssignment' });
  });

  it('routes the provider choice: market providers wait for the catalog entry', () => {
    const ctx = happyContext('diagnosed');
    expect(decide(T, 'diagnosed', 'chooseProvider', 'enterprise', { ...ctx, providerChoice: 'market' })).toMatchObject({
      ok: true,
      to: 'awaitingCatalogEntry',
    });
    expect(decide(T, 'diagnosed', 'chooseProvider', 'enterprise', { ...ctx, providerChoice: 'leadingUnit' })).toMatchObject(
      { ok: true, to: 'contracting', effects: expect.arrayContaining(['enterPilotManagement']) },
    );
    const none = refusalOf(decide(T, 'diagnosed', 'chooseProvider', 'enterprise', { ...ctx, providerChoice: null }));
    expect(none.message.zh).toBe('尚未选择服务商');
    const unconfirmed = refusalOf(
      decide(T, 'diagnosed', 'chooseProvider', 'enterprise', {
        ...ctx,
        reports: { diagnosis: 'uploaded', evaluation: null },
      }),
    );
    expect(unconfirmed.message.zh).toBe('诊断报告尚未经企业确认');

    const waiting = refusalOf(
      decide(T, 'awaitingCatalogEntry', 'resumeAfterCatalogApproval', 'system', {
        ...ctx,
        catalogEntryStatus: 'underReview',
      }),
    );
    expect(waiting.message.zh).toBe('推荐产品入库申请正在市工信局审核中');
  });

  it('carries the subsidy review outcome to the project', () => {
    const ctx = happyContext('subsidyReview');
    const outcome = (o: GuardContext['subsidyReviewOutcome']) =>
      decide(T, 'subsidyReview', 'concludeSubsidyReview', 'system', { ...ctx, subsidyReviewOutcome: o });
    expect(outcome('approved')).toMatchObject({ ok: true, to: 'disbursement' });
    expect(outcome('returned')).toMatchObject({ ok: true, to: 'subsidyReturned' });
    expect(outcome('rejected')).toMatchObject({ ok: true, to: 'subsidyRejected' });
    expect(refusalOf(outcome(null)).message.zh).toBe('奖补审核尚未办结');
    expect(refusalOf(outcome('cancelled')).code).toBe('GUARD_FAILED');
  });
});

describe('guards on the project table', () => {
  it('lists exactly the missing required materials', () => {
    const none = refusalOf(
      decide(T, 'implementation', 'submitImplementation', 'enterprise', {
        ...happyContext('implementation'),
        presentMaterials: [],
      }),
    );
    expect(none.code).toBe('MATERIALS_MISSING');
    expect(none.details.missingMaterials).toEqual(['implementation.trainingRecords', 'implementation.acceptanceReport']);
    expect(none.message.zh).toBe('尚缺必需材料：培训记录（签到表、培训照片）、内部验收报告');
    expect(none.message.en).toBe('Required materials missing: Training records (sign-in sheets, photos), Internal acceptance report.');

    const one = refusalOf(
      decide(T, 'implementation', 'submitImplementation', 'enterprise', {
        ...happyContext('implementation'),
        presentMaterials: ['implementation.trainingRecords'],
      }),
    );
    expect(one.details.missingMaterials).toEqual(['implementation.acceptanceReport']);
    expect(one.message.zh).toBe('尚缺必需材料：内部验收报告');

    // The optional plan is never demanded; materials from other stages do not count for this one.
    const contract = refusalOf(
      decide(T, 'contracting', 'submitContract', 'enterprise', {
        ...happyContext('contracting'),
        presentMaterials: ['contract.plan', 'implementation.trainingRecords'],
      }),
    );
    expect(contract.details.missingMaterials).toEqual(['contract.contract', 'contract.quotation']);
  });

  it('reports materials and other failures together, materials first in the code', () => {
    const r = refusalOf(
      decide(T, 'contracting', 'submitContract', 'enterprise', {
        ...happyContext('contracting'),
        presentMaterials: ['contract.quotation'],
        contractMissing: [{ zh: '合同金额', en: 'Contract amount' }],
      }),
    );
    expect(r.code).toBe('MATERIALS_MISSING');
    expect(r.details.failures?.map((f) => f.guard)).toEqual(['contractComplete', 'requiredMaterialsPresent']);
    expect(r.message.zh).toBe('签约信息尚不完整：合同金额；尚缺必需材料：项目合同（签章版）');
  });

  it('lets subsidy applications count materials uploaded in earlier stages', () => {
    // The pre-subsidy paperwork (optional here) is the tranche's, not the application's.
    const subsidySlots = projectState('evaluationPassed').materials.filter((m) => !m.key.startsWith('disbursement.'));
    const earlier = ['contract.contract', 'contract.quotation', 'implementation.trainingRecords', 'implementation.acceptanceReport'];
    const r = refusalOf(
      decide(T, 'evaluationPassed', 'applySubsidy', 'enterprise', {
        ...happyContext('evaluationPassed'),
        presentMaterials: [...earlier, 'diagnosis.report', 'evaluation.report'],
      }),
    );
    expect(r.details.missingMaterials).toEqual(['subsidy.invoices', 'subsidy.paymentProofs', 'subsidy.systemScreenshots']);
    expect(subsidySlots.every((s) => s.required)).toBe(true);
  });

  it('refuses a delegate without an active delegation, but not the enterprise', () => {
    const ctx = { ...happyContext('contracting'), delegationActive: false };
    const r = refusalOf(decide(T, 'contracting', 'submitContract', 'leadingUnitDelegate', ctx));
    expect(r.code).toBe('GUARD_FAILED');
    expect(r.details.failures?.map((f) => f.guard)).toEqual(['delegationActive']);
    expect(r.message.zh).toBe('贵单位没有该企业的有效授权，不能代企业办理');
    expect(decide(T, 'contracting', 'submitContract', 'enterprise', ctx)).toMatchObject({ ok: true });
    expect(availableEvents(T, 'contracting', 'leadingUnitDelegate', ctx)).toEqual([
      expect.objectContaining({ event: 'submitContract', allowed: false, code: 'GUARD_FAILED' }),
    ]);
  });

  it('lets only the assigned institution submit its report', () => {
    const ctx = { ...happyContext('institutionDiagnosis'), actorIsAssignedInstitution: false };
    const r = refusalOf(decide(T, 'institutionDiagnosis', 'submitDiagnosisReport', 'institutionDiagnostic', ctx));
    expect(r.message.zh).toBe('贵机构不是本项目分配的服务机构');
  });

  it('lets only a comprehensive institution be assigned for the evaluation', () => {
    const ctx = happyContext('awaitingEvaluationAssignment');
    const diag = refusalOf(
      decide(T, 'awaitingEvaluationAssignment', 'assignEvaluationInstitution', 'bureauReviewer', {
        ...ctx,
        selectedInstitution: 'diagnostic',
      }),
    );
    expect(diag.message.zh).toBe('只能分配综合型服务机构，所选机构为诊断型服务机构');
    expect(
      decide(T, 'awaitingDiagnosisAssignment', 'assignDiagnosisInstitution', 'bureauReviewer', {
        ...ctx,
        selectedInstitution: 'diagnostic',
      }),
    ).toMatchObject({ ok: true });
    // Before the bureau picks one, the button is available: the choice is checked on submit.
    const [option] = availableEvents(T, 'awaitingEvaluationAssignment', 'bureauReviewer', {
      ...ctx,
      selectedInstitution: null,
    }).filter((o) => o.event === 'assignEvaluationInstitution');
    expect(option).toMatchObject({ allowed: true });
    expect(
      refusalOf(
        decide(T, 'awaitingEvaluationAssignment', 'assignEvaluationInstitution', 'bureauReviewer', {
          ...ctx,
          selectedInstitution: null,
        }),
      ).message.zh,
    ).toBe('请选择要分配的服务机构');
  });

  it('needs a reason for returns, disputes, withdrawals and closing', () => {
    const ctx = { ...happyContext('selfDiagnosis'), reason: '  ' };
    const r = refusalOf(decide(T, 'selfDiagnosis', 'returnFiling', 'bureauReviewer', ctx));
    expect(r.details.failures?.map((f) => f.guard)).toEqual(['reasonGiven']);
    expect(r.message.zh).toBe('请填写原因');
    const [option] = availableEvents(T, 'selfDiagnosis', 'bureauReviewer', ctx);
    expect(option).toMatchObject({ event: 'returnFiling', allowed: true, needsReason: true });
    for (const s of T.states) {
      for (const t of s.transitions) {
        if (['withdraw', 'close'].includes(t.event) || /^(return|dispute|reassign)/.test(t.event)) {
          expect(t.needsReason, `${s.id} ${t.event}`).toBe(true);
        }
      }
    }
  });

  it('explains levels below 2 in words', () => {
    const env = { role: 'enterprise' as const, materials: [] };
    const failure = checkGuard({ id: 'levelAtLeast', arg: 2 }, makeGuardContext({ evaluationLevel: 1 }), env);
    expect(failure?.message).toEqual({ zh: '评估等级为一级，未达到二级', en: 'The evaluated level is level 1, below level 2.' });
  });
});

describe('editing and uploading', () => {
  it('allows editing the filing in draft, when returned and (its schedule and scope) while published in stage 2', () => {
    const ctx = happyContext('draft');
    expect(canEdit(T, 'draft', 'enterprise', ctx)).toEqual({ ok: true });
    expect(canEdit(T, 'filingReturned', 'enterprise', ctx)).toEqual({ ok: true });
    expect(canEdit(T, 'selfDiagnosis', 'enterprise', ctx)).toEqual({ ok: true });
    expect(canEdit(T, 'implementation', 'enterprise', ctx)).toMatchObject({ ok: false, code: 'STAGE_NOT_ALLOWED' });
    expect(canEdit(T, 'completed', 'enterprise', ctx)).toMatchObject({ ok: false, code: 'STAGE_NOT_ALLOWED' });
    expect(canEdit(T, 'draft', 'bureauAdmin', ctx)).toMatchObject({ ok: false, code: 'ROLE_NOT_ALLOWED' });
    expect(canEdit(T, 'contracting', 'leadingUnitDelegate', { ...ctx, delegationActive: false })).toMatchObject({
      ok: false,
      code: 'GUARD_FAILED',
    });
    const editable = T.states.filter((s) => Object.keys(s.fields ?? {}).length > 0).map((s) => s.id);
    expect(editable).toEqual([
      'draft',
      'filingReturned',
      'selfDiagnosis',
      'awaitingDiagnosisAssignment',
      'diagnosisAssigned',
      'institutionDiagnosis',
      'diagnosisConfirmation',
      'contracting',
      'evaluationInProgress',
    ]);
    // Only the applicant writes forms; the one exception is the evaluating institution recording the measured
    // values of the targets. No state lets staff or institutions rewrite the enterprise's filing or contract.
    for (const s of T.states) {
      for (const [field, right] of Object.entries(s.fields ?? {})) {
        if (field === 'targetsMeasured') {
          expect(right.write, `${s.id} ${field}`).toEqual(['institutionComprehensive']);
          continue;
        }
        expect(right.write.every((r) => r === 'enterprise' || r === 'leadingUnitDelegate'), `${s.id} ${field}`).toBe(true);
      }
    }
  });

  it('accepts uploads only into the current state, from the slot uploaders', () => {
    const ctx = happyContext('institutionDiagnosis');
    expect(canUploadMaterial(T, 'institutionDiagnosis', 'diagnosis.report', 'institutionDiagnostic', ctx)).toEqual({
      ok: true,
    });
    expect(canUploadMaterial(T, 'institutionDiagnosis', 'diagnosis.report', 'enterprise', ctx)).toMatchObject({
      ok: false,
      code: 'ROLE_NOT_ALLOWED',
    });
    expect(canUploadMaterial(T, 'institutionDiagnosis', 'diagnosis.policies', 'enterprise', ctx)).toEqual({ ok: true });
    expect(
      canUploadMaterial(T, 'institutionDiagnosis', 'diagnosis.report', 'institutionDiagnostic', {
        ...ctx,
        actorIsAssignedInstitution: false,
      }),
    ).toMatchObject({ ok: false, code: 'GUARD_FAILED' });
    expect(canUploadMaterial(T, 'contracting', 'implementation.trainingRecords', 'enterprise', ctx)).toMatchObject({
      ok: false,
      code: 'STAGE_NOT_ALLOWED',
    });
    // Reports in the subsidy application are attached by the platform only.
    expect(canUploadMaterial(T, 'evaluationPassed', 'evaluation.report', 'enterprise', ctx)).toMatchObject({
      ok: false,
      code: 'ROLE_NOT_ALLOWED',
    });
    expect(canUploadMaterial(T, 'completed', 'contract.contract', 'enterprise', ctx)).toMatchObject({
      ok: false,
      code: 'STAGE_NOT_ALLOWED',
    });
  });

  it('asks only the evidence kinds named by the flowchart in diagnosis and evaluation', () => {
    // Besides the optional paperwork of a pre-subsidy tranche (disbursement.*), which several states carry.
    const keys = (id: ProjectStateId) => getState(T, id)?.materials.filter((m) => id === 'disbursement' || !m.key.startsWith('disbursement.')).map((m) => m.key);
    expect(keys('institutionDiagnosis')).toEqual([
      'diagnosis.policies',
      'diagnosis.systems',
      'diagnosis.photos',
      'diagnosis.financials',
      'diagnosis.report',
    ]);
    expect(keys('evaluationInProgress')).toEqual([
      'evaluation.policies',
      'evaluation.systems',
      'evaluation.photos',
      'evaluation.financials',
      'evaluation.report',
    ]);
    expect(keys('disbursement')).toEqual(['disbursement.accountLicence', 'disbursement.paymentRequestForm']);
  });
});

describe('refusal messages', () => {
  it('names the state for an event that does not belong to it', () => {
    const r = refusalOf(decide(T, 'implementation', 'submitFiling', 'enterprise', happyContext('implementation')));
    expect(r.message.zh).toBe('当前状态为“改造实施中”，不能办理“提交备案”');
    expect(refusalOf(decide(T, 'completed', 'close', 'bureauAdmin', happyContext('completed'))).code).toBe(
      'STAGE_NOT_ALLOWED',
    );
    expect(refusalOf(decide(T, 'nonsense', 'close', 'bureauAdmin', happyContext('draft'))).message.zh).toBe(
      '未知的流程状态“nonsense”',
    );
    expect(refusalOf(decide(T, 'draft', 'nonsense', 'enterprise', happyContext('draft'))).code).toBe(
      'STAGE_NOT_ALLOWED',
    );
  });

  it('names who may act instead', () => {
    const r = refusalOf(
      decide(T, 'awaitingDiagnosisAssignment', 'assignDiagnosisInstitution', 'enterprise', happyContext('draft')),
    );
    expect(r.details.allowedRoles).toEqual(['bureauAdmin', 'bureauReviewer']);
    expect(r.message.zh).toBe('企业不能办理“分配诊断机构”，应由市工信局管理员、市工信局审核人员办理');
  });
});
