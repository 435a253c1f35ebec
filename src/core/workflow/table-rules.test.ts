/**
 * Rules every table of the pilot keeps (button kinds, input schemas, deadlines, task buckets), and the field
 * rights, hints and buttons the stage-2 states of the project table give each role. Expected values are written
 * by hand from the flowchart, not computed from the table.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ACTOR_ROLES, isActorRole, type ActorRole } from '../identity/roles';
import { CATALOG_ENTRY_LIFECYCLE, PRODUCT_ENTRY_LIFECYCLE } from './catalog-entry-lifecycle';
import { makeGuardContext } from './context';
import { availableEvents, canWriteFields, decide, hintFor, readableFields, writableFields } from './engine';
import { ASSIGN_EVALUATION_INSTITUTION_INPUT,
  ASSIGN_INSTITUTION_INPUT, DIAGNOSIS_REPORT_INPUT, REQUEST_EVIDENCE_INPUT } from './inputs';
import { FILING_FIELDS, PROJECT_LIFECYCLE, projectState, type ProjectStateId } from './project-lifecycle';
import { DIAGNOSIS_REPORT_LIFECYCLE, EVALUATION_REPORT_LIFECYCLE } from './report-lifecycle';
import { SUBSIDY_REVIEW } from './subsidy-review';
import type { DeadlineAssignee, WorkflowTable } from './types';

const TABLES: readonly WorkflowTable[] = [PROJECT_LIFECYCLE, DIAGNOSIS_REPORT_LIFECYCLE, EVALUATION_REPORT_LIFECYCLE, CATALOG_ENTRY_LIFECYCLE, PRODUCT_ENTRY_LIFECYCLE, SUBSIDY_REVIEW];
const T = PROJECT_LIFECYCLE;
const INSTITUTION_ROLES: readonly ActorRole[] = ['institutionComprehensive', 'institutionDiagnostic'];

/** Stage-2 states after the filing is published: only the schedule and the scope may change, each as a revision. */
const PUBLISHED_STAGE2: readonly ProjectStateId[] = [
  'selfDiagnosis',
  'awaitingDiagnosisAssignment',
  'diagnosisAssigned',
  'institutionDiagnosis',
  'diagnosisConfirmation',
];
const PUBLISHED_WRITABLE = ['scope', 'plannedStart', 'plannedEnd'];
const NEVER_AFTER_PUBLICATION = ['title', 'plannedInvestmentFen', 'diagnosisMode'];

describe('every table', () => {
  it('gives every transition a button kind', () => {
    let n = 0;
    for (const table of TABLES) {
      for (const s of table.states) {
        for (const t of s.transitions) {
          n++;
          expect(['primary', 'danger', 'neutral'], `${table.id} ${s.id} ${t.event}`).toContain(t.kind);
        }
      }
    }
    expect(n).toBeGreaterThan(80);
  });

  it('gives destructive ends the danger kind, and the main next step primary', () => {
    for (const s of T.states) {
      for (const t of s.transitions) {
        if (t.event === 'withdraw' || t.event === 'close') expect(t.kind, `${s.id} ${t.event}`).toBe('danger');
      }
    }
    expect(projectState('draft').transitions.find((t) => t.event === 'submitFiling')?.kind).toBe('primary');
    expect(projectState('diagnosisAssigned').transitions.find((t) => t.event === 'acceptDiagnosisTask')?.kind).toBe('primary');
    expect(projectState('diagnosisAssigned').transitions.find((t) => t.event === 'declineDiagnosisTask')?.kind).toBe('neutral');
  });

  it('declares every event input as a zod object schema whose JSON Schema is an object', () => {
    const inputs = TABLES.flatMap((table) => table.states.flatMap((s) => s.transitions.filter((t) => t.input).map((t) => ({ where: `${table.id} ${s.id} ${t.event}`, input: t.input! }))));
    expect(inputs.length).toBeGreaterThanOrEqual(4);
    for (const { where, input } of inputs) {
      expect(input, where).toBeInstanceOf(z.ZodObject);
      expect(z.toJSONSchema(input, { io: 'input', unrepresentable: 'any' }), where).toMatchObject({ type: 'object' });
      // The reason travels beside the input, never inside it.
      expect(Object.keys(input.shape), where).not.toContain('reason');
    }
    const byEvent = (state: ProjectStateId, event: string) => projectState(state).transitions.find((t) => t.event === event)?.input;
    expect(byEvent('awaitingDiagnosisAssignment', 'assignDiagnosisInstitution')).toBe(ASSIGN_INSTITUTION_INPUT);
    expect(byEvent('awaitingEvaluationAssignment', 'assignEvaluationInstitution')).toBe(ASSIGN_EVALUATION_INSTITUTION_INPUT);
    // The evaluation's picker offers comprehensive institutions only; the diagnosis's both kinds.
    expect(z.toJSONSchema(ASSIGN_EVALUATION_INSTITUTION_INPUT).properties?.institutionId).toMatchObject({ 'x-kinds': ['comprehensive'] });
    expect(z.toJSONSchema(ASSIGN_INSTITUTION_INPUT).properties?.institutionId).toMatchObject({ 'x-kinds': ['comprehensive', 'diagnostic'] });
    expect(byEvent('institutionDiagnosis', 'requestEvidence')).toBe(REQUEST_EVIDENCE_INPUT);
    expect(byEvent('institutionDiagnosis', 'submitDiagnosisReport')).toBe(DIAGNOSIS_REPORT_INPUT);
    expect(byEvent('diagnosisAssigned', 'acceptDiagnosisTask')).toBeUndefined();
  });

  it('gives every deadline a real role that fits its assignee and is waited on in that state', () => {
    const rolesOf: Record<DeadlineAssignee, readonly ActorRole[]> = {
      enterprise: ['enterprise'],
      diagnosisInstitution: INSTITUTION_ROLES,
      evaluationInstitution: ['institutionComprehensive'],
      bureau: ['bureauAdmin', 'bureauReviewer'],
    };
    const withDeadline: string[] = [];
    for (const table of TABLES) {
      for (const s of table.states) {
        if (!s.deadline) continue;
        const where = `${table.id} ${s.id}`;
        withDeadline.push(s.id);
        expect(isActorRole(s.deadline.role), where).toBe(true);
        expect(rolesOf[s.deadline.assignee], where).toContain(s.deadline.role);
        expect(s.waitingOn, where).toContain(s.deadline.role);
        expect(s.deadline.remindBefore, where).toBeLessThan(s.deadline.workingDays);
        expect(s.terminal, where).toBeFalsy();
      }
    }
    expect(withDeadline).toEqual(expect.arrayContaining(['filingReturned', 'selfDiagnosis', 'awaitingDiagnosisAssignment', 'diagnosisAssigned', 'institutionDiagnosis', 'diagnosisConfirmation']));
  });

  it('puts a state in a task bucket only where an institution is waited on (or waits for the enterprise to confirm its report)', () => {
    for (const table of TABLES) {
      for (const s of table.states) {
        const where = `${table.id} ${s.id}`;
        const waitsOnInstitution = s.waitingOn.some((r) => INSTITUTION_ROLES.includes(r));
        if (!s.taskBucket) {
          // Every state an institution must act in is on its task list.
          expect(waitsOnInstitution && table === T, where).toBe(false);
          continue;
        }
        if (s.taskBucket === 'awaitingConfirmation') {
          // The institution's own report is with the enterprise: it got there by the institution's action.
          expect(s.waitingOn, where).toContain('enterprise');
          const into = table.states.flatMap((x) => x.transitions.filter((t) => t.to === s.id));
          expect(into.some((t) => t.roles.some((r) => INSTITUTION_ROLES.includes(r))), where).toBe(true);
        } else {
          expect(waitsOnInstitution, where).toBe(true);
        }
      }
    }
    const buckets = Object.fromEntries(T.states.filter((s) => s.taskBucket).map((s) => [s.id, s.taskBucket]));
    expect(buckets).toEqual({
      diagnosisAssigned: 'toAccept',
      institutionDiagnosis: 'inProgress',
      diagnosisConfirmation: 'awaitingConfirmation',
      evaluationAssigned: 'toAccept',
      evaluationInProgress: 'inProgress',
      evaluationConfirmation: 'awaitingConfirmation',
    });
  });
});

describe('field rights of the filing', () => {
  const ctx = makeGuardContext({ delegationActive: false, actorIsAssignedInstitution: false });

  it('lets the enterprise write every filing field in the draft and after a return', () => {
    for (const state of ['draft', 'filingReturned'] as const) {
      expect(writableFields(T, state, 'enterprise').sort(), state).toEqual([...FILING_FIELDS].sort());
      expect(canWriteFields(T, state, 'enterprise', ctx, [...FILING_FIELDS]), state).toEqual({ ok: true });
      expect(projectState(state).editsAreRevisions, state).toBeFalsy();
    }
    expect(FILING_FIELDS).toEqual(expect.arrayContaining(['title', 'situation', 'needs', 'scope', 'plannedInvestmentFen', 'plannedStart', 'plannedEnd', 'diagnosisMode']));
  });

  it('lets only scope and schedule change once published in stage 2, each change a revision', () => {
    for (const state of PUBLISHED_STAGE2) {
      expect(writableFields(T, state, 'enterprise').sort(), state).toEqual([...PUBLISHED_WRITABLE].sort());
      for (const f of NEVER_AFTER_PUBLICATION) expect(writableFields(T, state, 'enterprise'), `${state} ${f}`).not.toContain(f);
      expect(projectState(state).editsAreRevisions, state).toBe(true);
      for (const role of ACTOR_ROLES.filter((r) => r !== 'enterprise')) {
        expect(writableFields(T, state, role), `${state} × ${role}`).toEqual([]);
      }
    }
    // No state after stage 2 lets the filing itself change.
    for (const s of T.states.filter((x) => x.stage > 2)) {
      for (const f of FILING_FIELDS) expect(Object.keys(s.fields ?? {}), `${s.id} ${f}`).not.toContain(f);
    }
  });

  it('refuses with FIELD_NOT_EDITABLE naming exactly the refused fields', () => {
    for (const state of PUBLISHED_STAGE2) {
      const r = canWriteFields(T, state, 'enterprise', ctx, ['plannedEnd', 'title', 'scope', 'diagnosisMode', 'plannedInvestmentFen']);
      expect(r, state).toMatchObject({ ok: false, code: 'FIELD_NOT_EDITABLE', details: { state, fields: ['title', 'diagnosisMode', 'plannedInvestmentFen'] } });
      expect(canWriteFields(T, state, 'enterprise', ctx, ['plannedEnd']), state).toEqual({ ok: true });
    }
    const one = canWriteFields(T, 'selfDiagnosis', 'enterprise', ctx, ['diagnosisMode']);
    expect(one).toMatchObject({ ok: false, code: 'FIELD_NOT_EDITABLE', details: { fields: ['diagnosisMode'] } });
    expect(!one.ok && one.message.zh).toBe('当前状态为“企业自诊断”，以下内容不能修改：diagnosisMode');
    // Someone with no field rights here is refused as a role; an end state edits nothing.
    expect(canWriteFields(T, 'diagnosisAssigned', 'institutionDiagnostic', ctx, ['plannedEnd'])).toMatchObject({ ok: false, code: 'ROLE_NOT_ALLOWED', details: { allowedRoles: ['enterprise'] } });
    expect(canWriteFields(T, 'implementation', 'enterprise', ctx, ['plannedEnd'])).toMatchObject({ ok: false, code: 'STAGE_NOT_ALLOWED' });
    expect(canWriteFields(T, 'withdrawn', 'enterprise', ctx, ['plannedEnd'])).toMatchObject({ ok: false, code: 'STAGE_NOT_ALLOWED' });
  });

  it('lets everyone who sees the project read the published fields', () => {
    expect(readableFields(T, 'institutionDiagnosis', 'institutionDiagnostic').sort()).toEqual([...PUBLISHED_WRITABLE].sort());
    expect(readableFields(T, 'selfDiagnosis', 'bureauReviewer').sort()).toEqual([...PUBLISHED_WRITABLE].sort());
  });
});

describe('diagnosisAssigned (诊断机构待接收)', () => {
  const ctx = makeGuardContext({ actorIsAssignedInstitution: true, reason: '本月任务已满' });

  it('gives the institution its own hint and the enterprise the applicant hint', () => {
    for (const role of INSTITUTION_ROLES) {
      const hint = hintFor(T, 'diagnosisAssigned', role);
      expect(hint?.zh, role).toContain('接收');
      expect(hint, role).not.toEqual(projectState('diagnosisAssigned').applicantHint);
    }
    expect(hintFor(T, 'diagnosisAssigned', 'enterprise')).toEqual(projectState('diagnosisAssigned').applicantHint);
    expect(hintFor(T, 'diagnosisAssigned', 'bureauReviewer')?.zh).toContain('重新分配');
    expect(hintFor(T, 'diagnosisAssigned', 'expert')).toBeNull();
  });

  it('offers the assigned institution accept and decline, the bureau reassignment', () => {
    expect(availableEvents(T, 'diagnosisAssigned', 'institutionDiagnostic', ctx).map((o) => [o.event, o.kind, o.allowed, o.needsReason])).toEqual([
      ['acceptDiagnosisTask', 'primary', true, false],
      ['declineDiagnosisTask', 'neutral', true, true],
    ]);
    expect(availableEvents(T, 'diagnosisAssigned', 'bureauAdmin', ctx).map((o) => o.event)).toEqual(['reassignDiagnosisInstitution', 'close']);
    const notMine = availableEvents(T, 'diagnosisAssigned', 'institutionDiagnostic', { ...ctx, actorIsAssignedInstitution: false });
    expect(notMine.every((o) => !o.allowed && o.code === 'GUARD_FAILED')).toBe(true);
    expect(decide(T, 'diagnosisAssigned', 'declineDiagnosisTask', 'institutionComprehensive', { ...ctx, reason: null })).toMatchObject({ ok: false, code: 'GUARD_FAILED' });
    expect(decide(T, 'diagnosisAssigned', 'declineDiagnosisTask', 'institutionComprehensive', ctx)).toMatchObject({ ok: true, to: 'awaitingDiagnosisAssignment', effects: ['unassignInstitution', 'notifyBureau'] });
  });

  it('lets the institution ask for evidence without leaving the state', () => {
    expect(decide(T, 'institutionDiagnosis', 'requestEvidence', 'institutionDiagnostic', ctx)).toMatchObject({ ok: true, to: 'institutionDiagnosis', effects: ['recordEvidenceRequest', 'notifyEnterprise'] });
    const [option] = availableEvents(T, 'institutionDiagnosis', 'institutionDiagnostic', ctx).filter((o) => o.event === 'requestEvidence');
    expect(option).toMatchObject({ kind: 'neutral', input: REQUEST_EVIDENCE_INPUT });
  });
});

describe('availableEvents on the project table', () => {
  it('has no button for completeSelfDiagnosis (the self-assessment fires it), though the enterprise may fire it', () => {
    const ctx = makeGuardContext({ submittedAssessments: ['self'] });
    const options = availableEvents(T, 'selfDiagnosis', 'enterprise', ctx);
    expect(options.map((o) => o.event)).toEqual(['withdraw']);
    expect(projectState('selfDiagnosis').transitions.find((t) => t.event === 'completeSelfDiagnosis')?.firedBy?.zh).toBe('提交自评测问卷');
    expect(decide(T, 'selfDiagnosis', 'completeSelfDiagnosis', 'enterprise', ctx)).toMatchObject({ ok: true, to: 'diagnosed' });
    // The self-assessment questionnaire names the event it completes.
    expect(projectState('selfDiagnosis').questionnaires).toEqual([{ mode: 'self', fillers: ['enterprise'], completes: 'completeSelfDiagnosis' }]);
  });

  it('carries each action’s kind and input schema', () => {
    const ctx = makeGuardContext({ selectedInstitution: null });
    const options = availableEvents(T, 'awaitingDiagnosisAssignment', 'bureauReviewer', ctx);
    expect(options.map((o) => [o.event, o.kind])).toEqual([
      ['assignDiagnosisInstitution', 'primary'],
      ['returnFiling', 'neutral'],
    ]);
    expect(options[0]?.input).toBe(ASSIGN_INSTITUTION_INPUT);
    expect(options[1]).not.toHaveProperty('input');
    const admin = availableEvents(T, 'awaitingDiagnosisAssignment', 'bureauAdmin', ctx);
    expect(admin.find((o) => o.event === 'close')).toMatchObject({ kind: 'danger', needsReason: true });
  });
});

describe('stages 3–6 for every role', () => {
  const STAGE_3_TO_6 = T.states.filter((s) => s.stage >= 3 && s.stage <= 6);
  const STAFF: readonly ActorRole[] = ['bureauAdmin', 'bureauReviewer', 'town'];

  it('tells the enterprise, the bureau, the town office and whoever is waited on what to do, in both languages', () => {
    expect(STAGE_3_TO_6.map((s) => s.id)).toEqual([
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
    ]);
    for (const s of STAGE_3_TO_6) {
      for (const role of new Set<ActorRole>(['enterprise', ...STAFF, ...s.waitingOn])) {
        const hint = hintFor(T, s.id, role);
        expect(hint, `${s.id} × ${role}`).not.toBeNull();
        expect(hint!.zh.length, `${s.id} × ${role} zh`).toBeGreaterThan(5);
        expect(hint!.en.length, `${s.id} × ${role} en`).toBeGreaterThan(5);
      }
    }
  });

  it('lets the provider prepare implementation records but only the enterprise declare them done', () => {
    const impl = projectState('implementation');
    for (const slot of impl.materials.filter((m) => !m.key.startsWith('disbursement.'))) expect(slot.uploaders, slot.key).toEqual(expect.arrayContaining(['enterprise', 'leadingUnit', 'catalogProvider', 'leadingUnitDelegate']));
    const declare = impl.transitions.find((t) => t.event === 'submitImplementation')!;
    expect(declare.roles).toEqual(['enterprise']);
    expect(decide(T, 'implementation', 'submitImplementation', 'leadingUnitDelegate', makeGuardContext({ delegationActive: true }))).toMatchObject({ ok: false, code: 'ROLE_NOT_ALLOWED' });
  });

  it('offers the pre-subsidy paperwork, optional, wherever a pre tranche may be paid before the final one', () => {
    for (const id of ['implementation', 'implemented', 'evaluationInProgress', 'remediation', 'evaluationPassed'] as const) {
      const paperwork = projectState(id).materials.filter((m) => m.key.startsWith('disbursement.'));
      expect(paperwork.map((m) => [m.key, m.required]), id).toEqual([
        ['disbursement.accountLicence', false],
        ['disbursement.paymentRequestForm', false],
      ]);
    }
    expect(projectState('disbursement').materials.every((m) => m.required)).toBe(true);
  });

  it('never lets a delegate confirm a report', () => {
    for (const s of T.states) {
      for (const t of s.transitions.filter((x) => /^(confirm|dispute)/.test(x.event))) {
        expect(t.roles, `${s.id} ${t.event}`).not.toContain('leadingUnitDelegate');
      }
    }
  });

  it('opens the evaluation case to the institution only after its declaration of no conflict of interest', () => {
    const assigned = projectState('evaluationAssigned');
    expect(assigned.taskBucket).toBe('toAccept');
    expect(assigned.materials).toEqual([]);
    const accept = assigned.transitions.find((t) => t.event === 'acceptEvaluationTask')!;
    expect([accept.to, accept.roles, accept.effects[0]]).toEqual(['evaluationInProgress', ['institutionComprehensive'], 'recordConflictDeclaration']);
    const assign = projectState('awaitingEvaluationAssignment').transitions.find((t) => t.event === 'assignEvaluationInstitution')!;
    expect(assign.guards.map((g) => g.id)).toEqual(['institutionSelected', 'noConflictOfInterest']);
  });
});
