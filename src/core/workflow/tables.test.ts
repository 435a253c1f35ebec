import { describe, expect, it } from 'vitest';
import { ACTOR_ROLES, type ActorRole } from '../identity/roles';
import { CATALOG_ENTRY_LIFECYCLE, PRODUCT_ENTRY_LIFECYCLE } from './catalog-entry-lifecycle';
import { CATALOG_ENTRY_STATUSES, REPORT_STATUSES, makeGuardContext, type GuardContext } from './context';
import { availableEvents, decide, eventsOf, getState, validateTable } from './engine';
import { DIAGNOSIS_REPORT_LIFECYCLE, EVALUATION_REPORT_LIFECYCLE } from './report-lifecycle';
import { DEFAULT_SUBSIDY_REVIEW_STEPS, SUBSIDY_REVIEW, buildSubsidyReviewTable, isSubsidyReviewOutcome } from './subsidy-review';
import type { WorkflowTable } from './types';

type Matrix = Record<string, Record<string, ActorRole[]>>;

/** Every state × role × event of `table` against a hand-written matrix, under a context where guards hold. */
function expectMatrix(table: WorkflowTable, expected: Matrix, ctx: GuardContext) {
  for (const state of table.states.map((s) => s.id)) {
    for (const event of eventsOf(table)) {
      for (const role of ACTOR_ROLES) {
        const r = decide(table, state, event, role, ctx);
        const allowed = expected[state]?.[event];
        const where = `${table.id}: ${state} × ${role} × ${event}`;
        if (!allowed) expect(r, where).toMatchObject({ ok: false, code: 'STAGE_NOT_ALLOWED' });
        else if (!allowed.includes(role)) expect(r, where).toMatchObject({ ok: false, code: 'ROLE_NOT_ALLOWED' });
        else expect(r.ok, where).toBe(true);
      }
    }
  }
}

const OK = makeGuardContext({
  presentMaterials: ['diagnosis.report', 'evaluation.report', 'catalog.recommendationLetter'],
  submittedAssessments: ['self'],
  evaluationLevel: 2,
  actorIsAssignedInstitution: true,
  expertReviews: { assigned: 2, submitted: 2 },
  publicityOver: true,
  reason: '原因',
});

describe('report lifecycles', () => {
  it('validate and use the report statuses as states', () => {
    for (const t of [DIAGNOSIS_REPORT_LIFECYCLE, EVALUATION_REPORT_LIFECYCLE]) {
      expect(validateTable(t)).toEqual([]);
      expect(t.states.map((s) => s.id)).toEqual([...REPORT_STATUSES]);
    }
  });

  it('match their permission matrices', () => {
    expectMatrix(
      DIAGNOSIS_REPORT_LIFECYCLE,
      {
        draft: { upload: ['institutionComprehensive', 'institutionDiagnostic'], generate: ['system'] },
        uploaded: { confirm: ['enterprise'], dispute: ['enterprise'] },
      },
      OK,
    );
    expectMatrix(
      EVALUATION_REPORT_LIFECYCLE,
      {
        draft: { upload: ['institutionComprehensive'] },
        uploaded: { confirm: ['enterprise'], dispute: ['enterprise'] },
      },
      OK,
    );
  });

  it('needs the file, the assignment and, for evaluations, the level', () => {
    const T = EVALUATION_REPORT_LIFECYCLE;
    const r = decide(T, 'draft', 'upload', 'institutionComprehensive', {
      ...OK,
      presentMaterials: [],
      evaluationLevel: null,
      actorIsAssignedInstitution: false,
    });
    expect(r).toMatchObject({ ok: false, code: 'MATERIALS_MISSING', details: { missingMaterials: ['evaluation.report'] } });
    expect(!r.ok && r.details.failures?.map((f) => f.guard)).toEqual([
      'assignedInstitution',
      'requiredMaterialsPresent',
      'levelRecorded',
    ]);
    expect(decide(DIAGNOSIS_REPORT_LIFECYCLE, 'draft', 'upload', 'institutionDiagnostic', { ...OK, evaluationLevel: null })).toMatchObject({
      ok: true,
      to: 'uploaded',
    });
    expect(decide(DIAGNOSIS_REPORT_LIFECYCLE, 'draft', 'generate', 'system', { ...OK, submittedAssessments: [] })).toMatchObject({
      ok: false,
      message: { zh: '尚未提交数字化水平自评测问卷' },
    });
    expect(decide(DIAGNOSIS_REPORT_LIFECYCLE, 'uploaded', 'dispute', 'enterprise', { ...OK, reason: null })).toMatchObject({
      ok: false,
      code: 'GUARD_FAILED',
    });
  });
});

describe('catalog entry lifecycle', () => {
  const T = CATALOG_ENTRY_LIFECYCLE;
  const BUREAU: ActorRole[] = ['bureauAdmin', 'bureauReviewer'];

  it('validates and uses the catalog entry statuses as states', () => {
    expect(validateTable(T)).toEqual([]);
    expect(T.states.map((s) => s.id)).toEqual([...CATALOG_ENTRY_STATUSES]);
  });

  it('matches its permission matrix', () => {
    expectMatrix(
      T,
      {
        draft: { submit: ['leadingUnit'], withdraw: ['leadingUnit', 'system'] },
        underReview: { approve: BUREAU, returnForRevision: BUREAU, reject: BUREAU, withdraw: ['leadingUnit', 'system'] },
        returned: { submit: ['leadingUnit'], withdraw: ['leadingUnit', 'system'] },
      },
      OK,
    );
  });

  it('has a product-entry variant for providers, without the letter', () => {
    const P = PRODUCT_ENTRY_LIFECYCLE;
    expect(validateTable(P)).toEqual([]);
    expect(P.states.map((s) => s.id)).toEqual([...CATALOG_ENTRY_STATUSES]);
    expectMatrix(
      P,
      {
        draft: { submit: ['leadingUnit', 'catalogProvider'], withdraw: ['leadingUnit', 'catalogProvider', 'system'] },
        underReview: { approve: BUREAU, returnForRevision: BUREAU, reject: BUREAU, withdraw: ['leadingUnit', 'catalogProvider', 'system'] },
        returned: { submit: ['leadingUnit', 'catalogProvider'], withdraw: ['leadingUnit', 'catalogProvider', 'system'] },
      },
      OK,
    );
    expect(decide(P, 'draft', 'submit', 'catalogProvider', { ...OK, presentMaterials: [] })).toMatchObject({ ok: true, to: 'underReview' });
    // Approving a product entry adds it to the catalog; only a letter resumes a waiting project.
    const approve = (t: typeof P) => getState(t, 'underReview')?.transitions.find((x) => x.event === 'approve')?.effects;
    expect(approve(P)).toEqual(['addToCatalog', 'notifySubmitter']);
    expect(approve(T)).toEqual(['addToCatalog', 'resumeWaitingProjects', 'notifySubmitter', 'notifyEnterprise']);
  });

  it('needs the recommendation letter and a reason to return or reject', () => {
    expect(decide(T, 'draft', 'submit', 'leadingUnit', { ...OK, presentMaterials: [] })).toMatchObject({
      ok: false,
      code: 'MATERIALS_MISSING',
      message: { zh: '尚缺必需材料：推荐函（加盖公章）' },
    });
    for (const event of ['returnForRevision', 'reject']) {
      expect(decide(T, 'underReview', event, 'bureauReviewer', { ...OK, reason: '' })).toMatchObject({ ok: false });
    }
    expect(decide(T, 'underReview', 'approve', 'bureauReviewer', OK)).toMatchObject({
      ok: true,
      to: 'approved',
      effects: expect.arrayContaining(['addToCatalog', 'resumeWaitingProjects']),
    });
  });
});

describe('subsidy review', () => {
  const T = SUBSIDY_REVIEW;
  const BUREAU: ActorRole[] = ['bureauAdmin', 'bureauReviewer'];
  const CANCEL: ActorRole[] = ['bureauAdmin', 'system'];

  it('validates and runs the five steps of the funding notices in order', () => {
    expect(validateTable(T)).toEqual([]);
    expect(T.states.map((s) => s.id)).toEqual([
      'townReview',
      'bureauExamination',
      'expertReview',
      'partyGroupDecision',
      'publicity',
      'approved',
      'returned',
      'rejected',
      'cancelled',
    ]);
    const chain = ['townReview', 'bureauExamination', 'expertReview', 'partyGroupDecision', 'publicity', 'approved'];
    for (let i = 0; i < chain.length - 1; i++) {
      const step = T.states.find((s) => s.id === chain[i]);
      expect(step?.transitions.find((t) => t.event === 'pass')?.to).toBe(chain[i + 1]);
    }
  });

  it('matches its permission matrix', () => {
    expectMatrix(
      T,
      {
        townReview: { pass: ['town'], return: ['town'], cancel: CANCEL },
        bureauExamination: { pass: BUREAU, return: BUREAU, reject: BUREAU, cancel: CANCEL },
        expertReview: { pass: BUREAU, return: BUREAU, reject: BUREAU, cancel: CANCEL },
        partyGroupDecision: { pass: ['bureauAdmin'], return: ['bureauAdmin'], reject: ['bureauAdmin'], cancel: CANCEL },
        publicity: { pass: BUREAU, reject: BUREAU, cancel: CANCEL },
      },
      OK,
    );
  });

  it('waits for every expert and for the end of publicity without objections', () => {
    expect(decide(T, 'expertReview', 'pass', 'bureauReviewer', { ...OK, expertReviews: { assigned: 3, submitted: 2 } })).toMatchObject({
      ok: false,
      message: { zh: '专家评审尚未完成：已提交2份，共3份' },
    });
    expect(availableEvents(T, 'expertReview', 'expert', OK)).toEqual([]);
    const publicity = decide(T, 'publicity', 'pass', 'bureauAdmin', { ...OK, publicityOver: false, openObjections: 1 });
    expect(publicity).toMatchObject({ ok: false, message: { zh: '公示期尚未结束；公示期内有1条异议尚未处理' } });
    expect(decide(T, 'publicity', 'pass', 'bureauAdmin', OK)).toMatchObject({
      ok: true,
      to: 'approved',
      effects: ['concludeSubsidyReview'],
    });
    expect(decide(T, 'partyGroupDecision', 'pass', 'bureauAdmin', OK)).toMatchObject({
      effects: ['approveSubsidyAmount', 'startPublicity', 'notifyReviewers'],
    });
  });

  it('ends every path with concludeSubsidyReview', () => {
    for (const s of T.states) {
      for (const t of s.transitions) {
        if (isSubsidyReviewOutcome(t.to)) expect(t.effects, `${s.id} ${t.event}`).toContain('concludeSubsidyReview');
      }
    }
  });

  it('builds other chains from configuration', () => {
    const short = buildSubsidyReviewTable({
      id: 'short',
      name: { zh: '简易审核', en: 'Short review' },
      steps: DEFAULT_SUBSIDY_REVIEW_STEPS.filter((s) => s.id === 'bureauExamination' || s.id === 'publicity').map((s) => ({
        ...s,
        canReturn: false,
      })),
    });
    expect(validateTable(short)).toEqual([]);
    expect(short.initial).toBe('bureauExamination');
    expect(short.states.map((s) => s.id)).toEqual(['bureauExamination', 'publicity', 'approved', 'rejected', 'cancelled']);
    expect(() => buildSubsidyReviewTable({ id: 'none', name: { zh: '空', en: 'Empty' }, steps: [] })).toThrow(RangeError);
  });
});
