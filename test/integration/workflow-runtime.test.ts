/**
 * The workflow runtime against a real database: every effect of every registered table has its handler; an
 * alternative project table (an extra state with its own material, a role moved) is served by the same server
 * as soon as a project's stored version names it; inputs are validated by the table's schemas; every
 * transition leaves one history row; notifications are written in the transition's transaction; published
 * filings change only where the table allows, each change a revision the bureau can diff.
 */
import { randomBytes } from 'node:crypto';
import { and, asc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, startTestApp, type TestApp } from '../support/app';
import { PASSWORD, completeFiling, enterpriseWithUser, orgWithUser } from '../support/fixtures';
import { outbox, projectRevisions, projects, users, workflowObjects, workflowTransitions } from '../../src/db/schema';
import { answersForTargetLevel, getCatalog } from '../../src/core/assessment';
import { ASSIGN_INSTITUTION_INPUT, EFFECTS, PROJECT_LIFECYCLE, validateTable, type StateDef, type Transition, type WorkflowTable } from '../../src/core/workflow';
import { slot } from '../../src/core/workflow/materials';
import { currentVersion, registerTable, registeredTables, tableFor } from '../../src/server/workflow/registry';
import { EFFECT_HANDLERS, assertHandlers, unhandledEffects } from '../../src/server/workflow/handlers';

interface Text {
  zh: string;
  en: string;
}
interface Action {
  event: string;
  kind: string;
  allowed: boolean;
  reasons: Text[];
  missingMaterials: string[];
  needsReason: boolean;
  input: Record<string, unknown> | null;
}
interface Detail {
  id: string;
  state: string;
  stage: number;
  revision: number;
  stateLabel: Text;
  workflowVersion: string;
  plannedEnd: string | null;
  diagnosisMode: string;
  actions: Action[];
  stateInfo: { label: Text; hint: Text | null; stage: number };
  writableFields: string[];
  editsAreRevisions: boolean;
}
interface Err {
  code: string;
  message: string;
  details: {
    fields?: Array<{ path: string; code?: string }>;
    missingMaterials?: string[];
    allowedRoles?: string[];
    failures?: Array<{ guard: string }>;
    event?: string;
  };
}

function pdf(): Buffer {
  const head = Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n', 'latin1');
  return Buffer.concat([head, randomBytes(256), Buffer.from('\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n')]);
}

// ---- the alternative table -------------------------------------------------------------------------------

const ALT_ID = 'zs-flow-test-alt';
const PRE_CHECK_SLOT = 'preCheck.commitment';
const PRE_CHECK_LABEL: Text = { zh: '备案预审', en: 'Filing pre-check' };
const PRE_CHECK_SLOT_LABEL: Text = { zh: '真实性承诺书（加盖公章）', en: 'Truthfulness pledge (sealed)' };

/**
 * PROJECT_LIFECYCLE with (a) a pre-check between the draft and stage 2 that the bureau passes with a new event,
 * (b) a required material of its own there, (c) the town office, not the bureau, returning a filing in the
 * self-diagnosis. Plus a test-only self-transition whose effects notify first and then fail, to show notifications
 * are written in the transition's transaction.
 */
function alternativeTable(): WorkflowTable {
  const base = PROJECT_LIFECYCLE as WorkflowTable;
  const draft = base.states.find((s) => s.id === 'draft')!;
  const submit = draft.transitions.filter((t) => t.event === 'submitFiling');
  const withdraw = draft.transitions.find((t) => t.event === 'withdraw')!;
  const preCheck: StateDef = {
    id: 'preCheck',
    stage: 1,
    // Its test event assigns an institution: the table must say which assignment.
    assignment: 'diagnosis',
    label: PRE_CHECK_LABEL,
    publicLabel: { zh: '已备案', en: 'Filed' },
    applicantHint: { zh: '请上传加盖公章的真实性承诺书，市工信局预审通过后进入诊断。', en: 'Upload the sealed truthfulness pledge; after the bureau’s pre-check the diagnosis starts.' },
    hints: { bureauReviewer: { zh: '请核对承诺书后通过预审。', en: 'Check the pledge and pass the pre-check.' } },
    progress: 8,
    tone: 'waiting',
    waitingOn: ['enterprise', 'bureauAdmin', 'bureauReviewer'],
    materials: [slot(PRE_CHECK_SLOT, PRE_CHECK_SLOT_LABEL, { required: true, accept: ['pdf'], maxMb: 10, uploaders: ['enterprise'] })],
    transitions: [
      // The bureau passes the pre-check: routed by the diagnosis mode, as the filing was.
      ...submit.map(({ confirm: _confirm, ...t }): Transition => ({
        ...t,
        event: 'passPreCheck',
        roles: ['bureauAdmin', 'bureauReviewer'],
        guards: [{ id: 'requiredMaterialsPresent' }],
        effects: ['notifyEnterprise'],
        label: { zh: '通过预审', en: 'Pass the pre-check' },
      })),
      {
        event: 'noteAndFail',
        to: 'preCheck',
        roles: ['bureauAdmin', 'bureauReviewer'],
        guards: [],
        // notifyBureau writes its outbox row, then assignInstitution refuses a non-institution: all must roll back.
        effects: ['notifyBureau', 'notifyTown', 'assignInstitution'],
        label: { zh: '测试：通知后失败', en: 'Test: notify, then fail' },
        kind: 'neutral',
        input: ASSIGN_INSTITUTION_INPUT,
      },
      withdraw,
    ],
  };
  const states = base.states.map((s): StateDef => {
    if (s.id === 'draft') {
      // The filing goes to the pre-check whatever the diagnosis mode; the pre-check routes it.
      const { when: _when, ...first } = submit[0]!;
      return { ...s, transitions: [{ ...first, to: 'preCheck' }, withdraw] };
    }
    if (s.id === 'selfDiagnosis') {
      return { ...s, transitions: s.transitions.map((t) => (t.event === 'returnFiling' ? { ...t, roles: ['town'] } : t)) };
    }
    return s;
  });
  const at = states.findIndex((s) => s.id === 'draft');
  return { id: ALT_ID, name: { zh: '测试用备选流程', en: 'Alternative test process' }, initial: base.initial, states: [...states.slice(0, at + 1), preCheck, ...states.slice(at + 1)] };
}

// ---- set-up ----------------------------------------------------------------------------------------------

let t: TestApp;
let bureau: Client;
let town: Client;
let bureauOrgId: string;
let townOrgId: string;
let institution: { id: string; client: Client };
const ALT = alternativeTable();

async function signIn(account: string): Promise<Client> {
  const c = new Client(t.app);
  await c.login(account, PASSWORD);
  return c;
}

async function newEnterprise(): Promise<{ orgId: string; client: Client }> {
  const e = await enterpriseWithUser(t.db, { townCode: 'xiaolan' });
  return { orgId: e.org.id, client: await signIn(e.account) };
}

async function draftOf(client: Client, mode: 'self' | 'institution'): Promise<Detail> {
  const res = await client.post<Detail>('/api/v1/projects', { ...completeFiling, diagnosisMode: mode });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

async function fire<T = Detail>(client: Client, id: string, body: { event: string; reason?: string; input?: unknown }) {
  return client.post<T>(`/api/v1/projects/${id}/transitions`, body);
}

async function filed(mode: 'self' | 'institution'): Promise<{ id: string; ent: { orgId: string; client: Client } }> {
  const ent = await newEnterprise();
  const d = await draftOf(ent.client, mode);
  const res = await fire(ent.client, d.id, { event: 'submitFiling' });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return { id: d.id, ent };
}

async function transitionsOf(projectId: string) {
  return t.db.select().from(workflowTransitions).where(eq(workflowTransitions.projectId, projectId)).orderBy(asc(workflowTransitions.id));
}

async function outboxOf(projectId: string) {
  return t.db
    .select()
    .from(outbox)
    .where(sql`${outbox.payload}->>'projectId' = ${projectId}`)
    .orderBy(asc(outbox.id));
}

async function userOf(orgId: string): Promise<string> {
  const [u] = await t.db.select({ id: users.id }).from(users).where(eq(users.orgId, orgId));
  if (!u) throw new Error(`no user in ${orgId}`);
  return u.id;
}

beforeAll(async () => {
  t = await startTestApp();
  const b = await orgWithUser(t.db, 'bureau', { bureauRole: 'reviewer' });
  bureauOrgId = b.org.id;
  bureau = await signIn(b.account);
  const tw = await orgWithUser(t.db, 'town', { townCode: 'xiaolan' });
  townOrgId = tw.org.id;
  town = await signIn(tw.account);
  const inst = await orgWithUser(t.db, 'institution_diagnostic');
  institution = { id: inst.org.id, client: await signIn(inst.account) };
  registerTable('project', ALT);
});
afterAll(async () => t?.close());

// ---- effects and their handlers --------------------------------------------------------------------------

describe('effect handlers', () => {
  it('has a handler for every effect of every registered table, and for every named effect', () => {
    const tables = registeredTables();
    expect(new Set(tables.map((e) => e.kind))).toEqual(new Set(['project', 'diagnosisReport', 'evaluationReport', 'catalogEntry', 'productEntry', 'subsidyReview', 'tranche', 'benchmark']));
    for (const { table } of tables) expect(unhandledEffects(table), table.id).toEqual([]);
    for (const id of Object.keys(EFFECTS)) expect(Object.hasOwn(EFFECT_HANDLERS, id), id).toBe(true);
    expect(() => assertHandlers(tables.map((e) => e.table))).not.toThrow();
  });

  it('refuses at start-up a table that names an effect nobody carries out', () => {
    const base = PROJECT_LIFECYCLE as WorkflowTable;
    const rogue: WorkflowTable = {
      ...base,
      id: 'zs-flow-test-rogue',
      states: base.states.map((s) => (s.id === 'draft' ? { ...s, transitions: s.transitions.map((x) => ({ ...x, effects: [...x.effects, 'sendFax' as never] })) } : s)),
    };
    expect(unhandledEffects(rogue)).toEqual(['sendFax']);
    expect(() => assertHandlers([PROJECT_LIFECYCLE, rogue])).toThrow(/zs-flow-test-rogue: sendFax/);
    // The registry refuses it too (validated as an unknown effect).
    expect(() => registerTable('project', rogue)).toThrow(/unknown effect "sendFax"/);
  });
});

// ---- the process is data ---------------------------------------------------------------------------------

describe('an alternative project table served by the same server', () => {
  it('is sound and registered without becoming the version new projects start on', () => {
    expect(validateTable(ALT)).toEqual([]);
    expect(tableFor(ALT_ID)).toBe(ALT);
    expect(currentVersion('project')).toBe(PROJECT_LIFECYCLE.id);
  });

  it('runs a project whose stored version names it: the new state, its material, the moved role', async () => {
    const ent = await newEnterprise();
    const draft = await draftOf(ent.client, 'self');
    expect(draft.workflowVersion).toBe(PROJECT_LIFECYCLE.id);
    await t.db.update(projects).set({ workflowVersion: ALT_ID }).where(eq(projects.id, draft.id));
    const id = draft.id;

    // (a) the filing now goes to the pre-check, a state the code has never heard of.
    const submitted = await fire(ent.client, id, { event: 'submitFiling' });
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
    expect(submitted.body).toMatchObject({ state: 'preCheck', stage: 1, workflowVersion: ALT_ID });
    expect(submitted.body.stateInfo.label).toEqual(PRE_CHECK_LABEL);
    expect(submitted.body.stateLabel).toEqual(PRE_CHECK_LABEL);

    // Each role sees its own actions in it: the bureau passes it, the enterprise may only withdraw, the town nothing.
    const seenByBureau = await bureau.get<Detail>(`/api/v1/projects/${id}`);
    expect(seenByBureau.status).toBe(200);
    expect(seenByBureau.body.stateInfo.label).toEqual(PRE_CHECK_LABEL);
    expect(seenByBureau.body.stateInfo.hint?.zh).toBe('请核对承诺书后通过预审。');
    expect(seenByBureau.body.actions.map((a) => a.event)).toEqual(['passPreCheck', 'noteAndFail']);
    const pass = seenByBureau.body.actions.find((a) => a.event === 'passPreCheck');
    expect(pass).toMatchObject({ label: { zh: '通过预审' }, kind: 'primary', allowed: false, missingMaterials: [PRE_CHECK_SLOT] });
    expect((await ent.client.get<Detail>(`/api/v1/projects/${id}`)).body.actions.map((a) => a.event)).toEqual(['withdraw']);
    expect((await town.get<Detail>(`/api/v1/projects/${id}`)).body.actions).toEqual([]);
    expect((await ent.client.get<Detail>(`/api/v1/projects/${id}`)).body.stateInfo.hint?.zh).toContain('真实性承诺书');

    // (b) its material is required until uploaded, by the enterprise only.
    const early = await fire<Err>(bureau, id, { event: 'passPreCheck' });
    expect(early.status).toBe(422);
    expect(early.body.code).toBe('MATERIALS_MISSING');
    expect(early.body.details.missingMaterials).toEqual([PRE_CHECK_SLOT]);
    expect(early.body.message).toContain(PRE_CHECK_SLOT_LABEL.zh);
    const checklist = await ent.client.get<{ state: string; slots: Array<{ key: string; required: boolean }> }>(`/api/v1/projects/${id}/materials`);
    expect(checklist.status).toBe(200);
    expect(checklist.body.slots.find((s) => s.key === PRE_CHECK_SLOT)).toMatchObject({ required: true });
    expect((await bureau.upload<Err>(`/api/v1/projects/${id}/materials/${PRE_CHECK_SLOT}`, pdf(), '承诺书.pdf')).status).toBe(403);
    const up = await ent.client.upload(`/api/v1/projects/${id}/materials/${PRE_CHECK_SLOT}`, pdf(), '承诺书.pdf');
    expect(up.status, JSON.stringify(up.body)).toBe(201);
    // An enterprise cannot pass its own pre-check.
    expect((await fire<Err>(ent.client, id, { event: 'passPreCheck' })).body.code).toBe('ROLE_NOT_ALLOWED');
    const passed = await fire(bureau, id, { event: 'passPreCheck' });
    expect(passed.status, JSON.stringify(passed.body)).toBe(200);
    expect(passed.body).toMatchObject({ state: 'selfDiagnosis', stage: 2 });

    // (c) in self-diagnosis the town office returns the filing; the bureau no longer may.
    expect((await bureau.get<Detail>(`/api/v1/projects/${id}`)).body.actions.map((a) => a.event)).not.toContain('returnFiling');
    expect((await town.get<Detail>(`/api/v1/projects/${id}`)).body.actions.map((a) => a.event)).toEqual(['returnFiling']);
    const byBureau = await fire<Err>(bureau, id, { event: 'returnFiling', reason: '项目范围描述不清' });
    expect(byBureau.status).toBe(403);
    expect(byBureau.body.code).toBe('ROLE_NOT_ALLOWED');
    expect(byBureau.body.details.allowedRoles).toEqual(['town']);
    const byTown = await fire(town, id, { event: 'returnFiling', reason: '项目范围描述不清' });
    expect(byTown.status, JSON.stringify(byTown.body)).toBe(200);
    expect(byTown.body.state).toBe('filingReturned');

    // The history names the table each step ran on, and who did it.
    const history = await transitionsOf(id);
    expect(history.map((h) => [h.event, h.fromState, h.toState, h.actorRole, h.workflowVersion])).toEqual([
      ['submitFiling', 'draft', 'preCheck', 'enterprise', ALT_ID],
      ['passPreCheck', 'preCheck', 'selfDiagnosis', 'bureauReviewer', ALT_ID],
      ['returnFiling', 'selfDiagnosis', 'filingReturned', 'town', ALT_ID],
    ]);
    expect(history[2]?.actorOrgId).toBe(townOrgId);
  });

  it('leaves projects on the original table as they were', async () => {
    const { id, ent } = await filed('self');
    const seen = await ent.client.get<Detail>(`/api/v1/projects/${id}`);
    expect(seen.body).toMatchObject({ state: 'selfDiagnosis', workflowVersion: PROJECT_LIFECYCLE.id });
    expect((await town.get<Detail>(`/api/v1/projects/${id}`)).body.actions).toEqual([]);
    const byTown = await fire<Err>(town, id, { event: 'returnFiling', reason: '项目范围描述不清' });
    expect(byTown.status).toBe(403);
    expect(byTown.body.details.allowedRoles).toEqual(['bureauAdmin', 'bureauReviewer']);
    expect((await fire<Err>(bureau, id, { event: 'passPreCheck' })).body.code).toBe('STAGE_NOT_ALLOWED');
    const byBureau = await fire(bureau, id, { event: 'returnFiling', reason: '项目范围描述不清' });
    expect(byBureau.status).toBe(200);
    expect(byBureau.body.state).toBe('filingReturned');
  });
});

// ---- the runtime -----------------------------------------------------------------------------------------

describe('event input', () => {
  it('is validated by the schema of the event in the project’s table', async () => {
    const { id, ent } = await filed('institution');
    const missing = await fire<Err>(bureau, id, { event: 'assignDiagnosisInstitution', input: {} });
    expect(missing.status).toBe(400);
    expect(missing.body.code).toBe('INPUT_INVALID');
    expect(missing.body.details.fields?.map((f) => f.path)).toEqual(['input.institutionId']);
    const notUuid = await fire<Err>(bureau, id, { event: 'assignDiagnosisInstitution', input: { institutionId: 'abc' } });
    expect(notUuid.status).toBe(400);
    expect(notUuid.body.details.fields?.map((f) => f.path)).toEqual(['input.institutionId']);
    const extra = await fire<Err>(bureau, id, { event: 'assignDiagnosisInstitution', input: { institutionId: institution.id, colour: 'red' } });
    expect(extra.status).toBe(400);
    expect(extra.body.code).toBe('INPUT_INVALID');

    // Not an institution: the input is refused naming the field and why, nothing moves.
    const before = await transitionsOf(id);
    const notInstitution = await fire<Err>(bureau, id, { event: 'assignDiagnosisInstitution', input: { institutionId: ent.orgId } });
    expect(notInstitution.status).toBe(400);
    expect(notInstitution.body.code).toBe('INPUT_INVALID');
    expect(notInstitution.body.details.fields?.map((f) => f.path)).toEqual(['input.institutionId']);
    expect(notInstitution.body.message).toContain('不是在册的服务机构');
    expect((await bureau.get<Detail>(`/api/v1/projects/${id}`)).body.state).toBe('awaitingDiagnosisAssignment');
    expect(await transitionsOf(id)).toHaveLength(before.length);

    // An event that takes no input refuses one; an event the caller may not fire is refused for that, not its input.
    const withInput = await fire<Err>(ent.client, id, { event: 'withdraw', reason: '不再参加', input: { note: 'x' } });
    expect(withInput.status).toBe(400);
    expect(withInput.body.code).toBe('INPUT_INVALID');
    expect(withInput.body.details.fields?.map((f) => f.path)).toEqual(['input']);
    const notMine = await fire<Err>(ent.client, id, { event: 'assignDiagnosisInstitution', input: {} });
    expect(notMine.status).toBe(403);
    expect(notMine.body.code).toBe('ROLE_NOT_ALLOWED');
    expect((await ent.client.get<Detail>(`/api/v1/projects/${id}`)).body.state).toBe('awaitingDiagnosisAssignment');
  });
});

describe('history and repeats', () => {
  it('writes one transition row per step with actor, role, from, to, input and reason', async () => {
    const { id, ent } = await filed('institution');
    const assigned = await fire(bureau, id, { event: 'assignDiagnosisInstitution', input: { institutionId: institution.id, note: '请尽快联系企业' } });
    expect(assigned.status, JSON.stringify(assigned.body)).toBe(200);
    const declined = await fire(institution.client, id, { event: 'declineDiagnosisTask', reason: '本月任务已满' });
    expect(declined.status, JSON.stringify(declined.body)).toBe(200);
    expect(declined.body.state).toBe('awaitingDiagnosisAssignment');

    const rows = await transitionsOf(id);
    expect(rows.map((r) => ({ event: r.event, from: r.fromState, to: r.toState, role: r.actorRole, org: r.actorOrgId, objectType: r.objectType }))).toEqual([
      { event: 'submitFiling', from: 'draft', to: 'awaitingDiagnosisAssignment', role: 'enterprise', org: ent.orgId, objectType: 'project' },
      { event: 'assignDiagnosisInstitution', from: 'awaitingDiagnosisAssignment', to: 'diagnosisAssigned', role: 'bureauReviewer', org: bureauOrgId, objectType: 'project' },
      { event: 'declineDiagnosisTask', from: 'diagnosisAssigned', to: 'awaitingDiagnosisAssignment', role: 'institutionDiagnostic', org: institution.id, objectType: 'project' },
    ]);
    expect(rows.map((r) => r.actorUserId)).toEqual([await userOf(ent.orgId), await userOf(bureauOrgId), await userOf(institution.id)]);
    expect(rows.every((r) => r.objectId === id && r.workflowVersion === PROJECT_LIFECYCLE.id)).toBe(true);
    expect(rows[0]?.input).toEqual({});
    expect(rows[1]?.input).toEqual({ institutionId: institution.id, note: '请尽快联系企业' });
    expect(rows[2]?.input).toEqual({ reason: '本月任务已满' });
  });

  it('answers a repeated submitFiling with ALREADY_SUBMITTED', async () => {
    const { id, ent } = await filed('self');
    const again = await fire<Err>(ent.client, id, { event: 'submitFiling' });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('ALREADY_SUBMITTED');
    expect(again.body.message).toContain('提交备案');
    expect((await transitionsOf(id)).filter((r) => r.event === 'submitFiling')).toHaveLength(1);
  });
});

describe('self-diagnosis', () => {
  it('moves the project to diagnosed with its diagnosis report confirmed, so choosing a provider is not blocked by it', async () => {
    const { id, ent } = await filed('self');
    const start = await ent.client.post<{ id: string; revision: number }>(`/api/v1/projects/${id}/assessments`, { mode: 'self' });
    expect(start.status).toBe(201);
    const answers = answersForTargetLevel(getCatalog('2024'), 2);
    const saved = await ent.client.request<{ revision: number }>('PUT', `/api/v1/assessments/${start.body.id}/answers`, { answers, revision: start.body.revision });
    expect(saved.status).toBe(200);
    const submitted = await ent.client.post(`/api/v1/assessments/${start.body.id}/submit`, { pledge: true, revision: saved.body.revision });
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);

    const p = await ent.client.get<Detail>(`/api/v1/projects/${id}`);
    expect(p.body).toMatchObject({ state: 'diagnosed', stage: 3 });
    const reports = await t.db.select().from(workflowObjects).where(and(eq(workflowObjects.projectId, id), eq(workflowObjects.kind, 'diagnosisReport')));
    expect(reports).toHaveLength(1);
    expect(reports[0]).toMatchObject({ state: 'confirmed', version: 1 });
    expect(reports[0]?.data).toMatchObject({ source: 'selfAssessment', lockedAt: expect.any(String), submittedToBureauAt: expect.any(String) });

    const choose = p.body.actions.find((a) => a.event === 'chooseProvider');
    expect(choose).toBeDefined();
    const reasons = choose!.reasons.map((r) => r.zh);
    expect(reasons.join()).not.toContain('诊断报告尚未经企业确认');
    // Nothing blocks it: the provider is named on the choice page, in the action's input, checked on submit.
    expect(reasons).toEqual([]);
    expect(choose!.allowed).toBe(true);

    // The history: the enterprise's completion, and the platform's generated report, in one transaction.
    const rows = await t.db.select().from(workflowTransitions).where(eq(workflowTransitions.projectId, id)).orderBy(asc(workflowTransitions.id));
    expect(rows.map((r) => [r.objectType, r.event, r.fromState, r.toState, r.actorRole])).toEqual([
      ['project', 'submitFiling', 'draft', 'selfDiagnosis', 'enterprise'],
      ['diagnosisReport', 'generate', 'draft', 'confirmed', 'system'],
      ['project', 'completeSelfDiagnosis', 'selfDiagnosis', 'diagnosed', 'enterprise'],
    ]);
    expect(rows[1]?.actorUserId).toBeNull();
  });
});

describe('notifications', () => {
  it('writes one outbox row per notify effect with the transition, none for a refused one', async () => {
    const ent = await newEnterprise();
    const d = await draftOf(ent.client, 'institution');
    expect(await outboxOf(d.id)).toEqual([]);
    await fire(ent.client, d.id, { event: 'submitFiling' });
    const afterFiling = await outboxOf(d.id);
    // submitFiling notifies the bureau and the town office.
    expect(afterFiling.map((o) => (o.payload as { kind: string }).kind)).toEqual(['project.submitFiling', 'project.submitFiling']);
    expect(afterFiling.map((o) => (o.payload as { to: unknown[] }).to)).toEqual([[{ bureau: ['admin', 'reviewer'] }], [{ townCode: 'xiaolan' }]]);

    const refused = await fire<Err>(bureau, d.id, { event: 'assignDiagnosisInstitution', input: { institutionId: ent.orgId } });
    expect(refused.status).toBe(400);
    const invalid = await fire<Err>(bureau, d.id, { event: 'assignDiagnosisInstitution', input: {} });
    expect(invalid.status).toBe(400);
    expect(await outboxOf(d.id)).toHaveLength(afterFiling.length);

    await fire(bureau, d.id, { event: 'assignDiagnosisInstitution', input: { institutionId: institution.id } });
    const added = (await outboxOf(d.id)).slice(afterFiling.length);
    expect(added.map((o) => (o.payload as { to: unknown[] }).to)).toEqual([[{ orgId: institution.id }], [{ orgId: ent.orgId }]]);
    const toInstitution = added[0]?.payload as { title: Text; body: Text };
    expect(toInstitution.title.zh).toContain('分配诊断机构');
    // The body names the institution's next step from the table (its hint in diagnosisAssigned).
    expect(toInstitution.body.zh).toContain('请接收');
  });

  it('rolls the notifications back with a transition whose later effect fails', async () => {
    const ent = await newEnterprise();
    const d = await draftOf(ent.client, 'self');
    await t.db.update(projects).set({ workflowVersion: ALT_ID }).where(eq(projects.id, d.id));
    await fire(ent.client, d.id, { event: 'submitFiling' });
    const before = await outboxOf(d.id);
    const beforeRows = await transitionsOf(d.id);
    // notifyBureau and notifyTown run first; assignInstitution then refuses an enterprise as the institution.
    const failed = await fire<Err>(bureau, d.id, { event: 'noteAndFail', input: { institutionId: ent.orgId } });
    expect(failed.status).toBe(400);
    expect(failed.body.code).toBe('INPUT_INVALID');
    expect(await outboxOf(d.id)).toHaveLength(before.length);
    expect(await transitionsOf(d.id)).toHaveLength(beforeRows.length);
    const [row] = await t.db.select({ state: projects.state, diagnosisInstitutionId: projects.diagnosisInstitutionId }).from(projects).where(eq(projects.id, d.id));
    expect(row).toEqual({ state: 'preCheck', diagnosisInstitutionId: null });
    // The same transition with a real institution commits its notifications.
    const ok = await fire(bureau, d.id, { event: 'noteAndFail', input: { institutionId: institution.id } });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect((await outboxOf(d.id)).length).toBe(before.length + 2);
  });
});

describe('editing a published filing', () => {
  it('refuses the diagnosis mode, the title and the investment, naming them', async () => {
    const { id, ent } = await filed('self');
    const p = (await ent.client.get<Detail>(`/api/v1/projects/${id}`)).body;
    expect(p.writableFields.sort()).toEqual(['plannedEnd', 'plannedStart', 'scope']);
    expect(p.editsAreRevisions).toBe(true);
    const mode = await ent.client.patch<Err>(`/api/v1/projects/${id}`, { diagnosisMode: 'institution', revision: p.revision });
    expect(mode.status).toBe(409);
    expect(mode.body.code).toBe('FIELD_NOT_EDITABLE');
    expect(mode.body.details.fields?.map((f) => f.path)).toEqual(['diagnosisMode']);
    expect(mode.body.message).toContain('诊断方式');
    const several = await ent.client.patch<Err>(`/api/v1/projects/${id}`, { title: '新的名称', plannedInvestmentFen: 1, plannedEnd: '2027-09-30', revision: p.revision });
    expect(several.status).toBe(409);
    expect(several.body.details.fields?.map((f) => f.path)).toEqual(['title', 'plannedInvestmentFen']);
    // Nothing was written, not even the allowed field sent with them.
    const after = (await ent.client.get<Detail>(`/api/v1/projects/${id}`)).body;
    expect(after).toMatchObject({ diagnosisMode: 'self', plannedEnd: completeFiling.plannedEnd, revision: p.revision });
    // A field sent unchanged is not an edit.
    const same = await ent.client.patch<Detail>(`/api/v1/projects/${id}`, { diagnosisMode: 'self', revision: p.revision });
    expect(same.status).toBe(200);
    // Staff cannot edit the enterprise's filing.
    expect((await bureau.patch<Err>(`/api/v1/projects/${id}`, { plannedEnd: '2027-09-30', revision: p.revision })).status).toBe(403);
  });

  it('stores a changed plannedEnd as an edit revision the bureau sees with before and after', async () => {
    const { id, ent } = await filed('self');
    const p = (await ent.client.get<Detail>(`/api/v1/projects/${id}`)).body;
    const outboxBefore = await outboxOf(id);
    const edited = await ent.client.patch<Detail>(`/api/v1/projects/${id}`, { plannedEnd: '2027-09-30', revision: p.revision });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    expect(edited.body).toMatchObject({ state: 'selfDiagnosis', plannedEnd: '2027-09-30', revision: p.revision + 1 });

    const revs = await t.db.select().from(projectRevisions).where(eq(projectRevisions.projectId, id)).orderBy(asc(projectRevisions.revision));
    expect(revs.map((r) => [r.kind, r.changedFields])).toEqual([
      ['submission', []],
      ['edit', ['plannedEnd']],
    ]);
    expect(revs[1]?.revision).toBe(p.revision + 1);
    expect(revs[1]?.snapshot).toMatchObject({ plannedEnd: '2027-09-30' });

    const seen = await bureau.get<Array<{ revision: number; kind: string; changedFields: string[]; diff: Array<{ field: string; before: unknown; after: unknown }> }>>(`/api/v1/projects/${id}/revisions`);
    expect(seen.status).toBe(200);
    expect(seen.body.map((r) => r.kind)).toEqual(['submission', 'edit']);
    expect(seen.body[1]).toMatchObject({ changedFields: ['plannedEnd'] });
    expect(seen.body[1]?.diff).toEqual([expect.objectContaining({ field: 'plannedEnd', before: completeFiling.plannedEnd, after: '2027-09-30' })]);
    // The bureau is told, in the same transaction.
    const told = (await outboxOf(id)).slice(outboxBefore.length);
    expect(told.map((o) => (o.payload as { kind: string }).kind)).toEqual(['project.revised']);
    // Another enterprise sees nothing; an institution not assigned neither.
    const stranger = await newEnterprise();
    expect((await stranger.client.get(`/api/v1/projects/${id}/revisions`)).status).toBe(404);
    expect((await institution.client.get(`/api/v1/projects/${id}/revisions`)).status).toBe(404);
  });
});
