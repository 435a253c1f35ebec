/**
 * The completion-subsidy application (完工奖补申请, stage 7): one row per project and round. The draft is created
 * when the applicant first opens it (round 1 after the evaluation passed; round n + 1, prefilled from round n,
 * after a return), edited in place (invoices, payments, declarations), previewed with the policy in force today,
 * and frozen at submission by the effect `freezeSubsidyApplication` (effects.ts). What stands between a draft
 * and submission is `applicationProblems` — the subsidyApplicationReady guard's list.
 */
import { and, asc, desc, eq, gte, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import type { AppDb, DbOrTx } from '../../../db/client';
import { contracts, disbursementTranches, materials, organizations, subsidyApplications, subsidyInvoices, subsidyPayments, subsidyPolicies, users, workflowObjects } from '../../../db/schema';
import {
  COST_CLASS_LABELS,
  COST_CLASSES,
  computeSubsidy,
  policyInForce,
  subsidyPolicyRulesSchema,
  type ApplicationFacts,
  type CostClass,
  type SubsidyComputation,
  type SubsidyPolicy,
  type SubsidyPolicyRules,
} from '../../../core/subsidy';
import { getState, isPaymentPaperwork, type MaterialSlot } from '../../../core/workflow';
import type { Text } from '../../../core/text';
import { AppError, ERROR_CODES, type ErrorCode } from '../../http/errors';
import type { Actor, RequestContext } from '../../http/actor';
import { originOf, recordAudit } from '../../audit';
import { todayInShanghai } from '../../deadlines/service';
import { actingRole, type LoadedProject } from '../projects/policy';
import { projectTable } from '../projects/workflow';
import { latestReports } from '../reports/objects';
import { assertProfileOwner, isApplicant, isApplyingState, loadForEdit, loadForRead } from './policy';
import { OTHER_FUNDING_SOURCES, SPTS_GRADES, type ApplicationInput, type ApplicationView, type DeclarationsInput, type ProfileInput, type ProfileView, type SptsGrade } from './schemas';

export type ApplicationRow = typeof subsidyApplications.$inferSelect;
type InvoiceRow = typeof subsidyInvoices.$inferSelect;
type PaymentRow = typeof subsidyPayments.$inferSelect;

// ---- declarations ----------------------------------------------------------------------------------------

export interface Declarations {
  truthful: boolean;
  noDishonesty: boolean;
  noSeriousViolation3y: boolean;
  aboveScale: boolean | null;
  otherFunding: { has: boolean | null; amountFen: number; source: (typeof OTHER_FUNDING_SOURCES)[number] | null; note: string | null };
  signedAt: string | null;
  signedBy: string | null;
}

/** The stored declarations with every field defaulted (a new draft has none). */
export function declarationsOf(raw: Record<string, unknown> | null | undefined): Declarations {
  const d = raw ?? {};
  const of = (d.otherFunding ?? {}) as Record<string, unknown>;
  const source = OTHER_FUNDING_SOURCES.find((s) => s === of.source) ?? null;
  return {
    truthful: d.truthful === true,
    noDishonesty: d.noDishonesty === true,
    noSeriousViolation3y: d.noSeriousViolation3y === true,
    aboveScale: typeof d.aboveScale === 'boolean' ? d.aboveScale : null,
    otherFunding: {
      has: typeof of.has === 'boolean' ? of.has : null,
      amountFen: typeof of.amountFen === 'number' && Number.isSafeInteger(of.amountFen) ? of.amountFen : 0,
      source,
      note: typeof of.note === 'string' && of.note.trim() ? of.note : null,
    },
    signedAt: typeof d.signedAt === 'string' ? d.signedAt : null,
    signedBy: typeof d.signedBy === 'string' ? d.signedBy : null,
  };
}

/** The declarations not yet signed (each as its own line of the list). */
export function unsignedDeclarations(d: Declarations): Text[] {
  const out: Text[] = [];
  if (!d.truthful) out.push({ zh: '真实性承诺（申报材料及数据真实、准确、完整）', en: 'the truthfulness pledge (the materials and figures are true, accurate and complete)' });
  if (!d.noDishonesty) out.push({ zh: '未被列入失信被执行人名单及经营异常名录的声明', en: 'the declaration of no listing as a dishonest party or for abnormal operations' });
  if (!d.noSeriousViolation3y) out.push({ zh: '近三年无重大违法违规行为的声明', en: 'the declaration of no serious violation in the past three years' });
  if (d.aboveScale === null) out.push({ zh: '是否为规模以上工业企业（规上）的声明', en: 'the statement whether the enterprise is above designated size (规上)' });
  if (d.otherFunding.has === null) out.push({ zh: '是否已获其他中央或省级资金支持的声明', en: 'the statement whether other central or provincial funding was received' });
  return out;
}

function otherFundingFenOf(d: Declarations): number {
  return d.otherFunding.has === true ? d.otherFunding.amountFen : 0;
}

// ---- rounds ----------------------------------------------------------------------------------------------

/** Every round of the project's application, newest first. */
export async function roundsOf(db: DbOrTx, projectId: string): Promise<ApplicationRow[]> {
  return db.select().from(subsidyApplications).where(eq(subsidyApplications.projectId, projectId)).orderBy(desc(subsidyApplications.round));
}

/** The draft round (not submitted), if any. */
export function draftOf(rounds: readonly ApplicationRow[]): ApplicationRow | null {
  const latest = rounds[0];
  return latest && latest.submittedAt === null ? latest : null;
}

async function invoicesOf(db: DbOrTx, applicationId: string): Promise<InvoiceRow[]> {
  return db.select().from(subsidyInvoices).where(eq(subsidyInvoices.applicationId, applicationId)).orderBy(asc(subsidyInvoices.position), asc(subsidyInvoices.createdAt));
}

async function paymentsOf(db: DbOrTx, applicationId: string): Promise<PaymentRow[]> {
  return db.select().from(subsidyPayments).where(eq(subsidyPayments.applicationId, applicationId)).orderBy(asc(subsidyPayments.position), asc(subsidyPayments.createdAt));
}

/**
 * The draft of a project that may apply, created when missing: round 1 (its 规上 statement taken from the
 * enterprise profile), or — after a return — round n + 1 prefilled from round n (invoices, payments and the
 * declarations; the truthfulness pledge is signed again). A concurrent creation of the same round is harmless
 * (the unique round index keeps one; the loser reads it).
 */
export async function ensureDraft(db: DbOrTx, p: LoadedProject): Promise<ApplicationRow> {
  const rounds = await roundsOf(db, p.id);
  const draft = draftOf(rounds);
  if (draft) return draft;
  const previous = rounds[0] ?? null;
  const round = (previous?.round ?? 0) + 1;
  let declarations: Record<string, unknown>;
  if (previous) {
    const d = declarationsOf(previous.declarations);
    declarations = { ...d, truthful: false, signedAt: null, signedBy: null };
  } else {
    const [org] = await db.select({ aboveScale: organizations.aboveScale }).from(organizations).where(eq(organizations.id, p.enterpriseId));
    declarations = { aboveScale: org?.aboveScale ?? null };
  }
  const [created] = await db
    .insert(subsidyApplications)
    .values({ projectId: p.id, round, declarations, otherFundingFen: previous?.otherFundingFen ?? 0, otherFundingNote: previous?.otherFundingNote ?? null })
    .onConflictDoNothing({ target: [subsidyApplications.projectId, subsidyApplications.round] })
    .returning();
  if (!created) {
    const [row] = await db.select().from(subsidyApplications).where(and(eq(subsidyApplications.projectId, p.id), eq(subsidyApplications.round, round)));
    if (!row) throw new AppError('INTERNAL');
    return row;
  }
  if (previous) {
    const invs = await invoicesOf(db, previous.id);
    if (invs.length) {
      await db.insert(subsidyInvoices).values(
        invs.map((i) => ({ applicationId: created.id, number: i.number, issuedOn: i.issuedOn, amountFen: i.amountFen, taxFen: i.taxFen, costClass: i.costClass, seller: i.seller, description: i.description, position: i.position })),
      );
    }
    const pays = await paymentsOf(db, previous.id);
    if (pays.length) {
      await db.insert(subsidyPayments).values(pays.map((x) => ({ applicationId: created.id, paidOn: x.paidOn, amountFen: x.amountFen, payee: x.payee, reference: x.reference, position: x.position })));
    }
  }
  return created;
}

// ---- the facts of the computation -------------------------------------------------------------------------

export interface PolicyRow {
  id: string;
  code: string;
  version: number;
  name: string;
  effectiveFrom: string;
  effectiveTo: string | null;
  rules: SubsidyPolicyRules;
}

/** The policy version in force on `day` (active, dates around it; the highest version of overlapping ones). */
export async function policyOn(db: DbOrTx, day: string): Promise<PolicyRow | null> {
  const rows = await db
    .select()
    .from(subsidyPolicies)
    .where(and(eq(subsidyPolicies.status, 'active'), lte(subsidyPolicies.effectiveFrom, day), or(isNull(subsidyPolicies.effectiveTo), gte(subsidyPolicies.effectiveTo, day))));
  const parsed: Array<SubsidyPolicy & { status: string }> = [];
  for (const r of rows) {
    const rules = subsidyPolicyRulesSchema.safeParse(r.rules);
    if (!rules.success) continue;
    parsed.push({ id: r.id, code: r.code, version: r.version, name: r.name, effectiveFrom: r.effectiveFrom, effectiveTo: r.effectiveTo, status: r.status, rules: rules.data });
  }
  const p = policyInForce(parsed, day);
  return p ? { id: p.id, code: p.code, version: p.version, name: p.name, effectiveFrom: p.effectiveFrom, effectiveTo: p.effectiveTo, rules: p.rules } : null;
}

function errorText(code: ErrorCode): Text {
  return { zh: ERROR_CODES[code].zh, en: ERROR_CODES[code].en };
}

export const NO_POLICY: Text = errorText('POLICY_NOT_IN_FORCE');

/** Pre-subsidy (预奖补) already paid for the project: its 'pre' tranches whose workflow object is paid. */
export async function preSubsidyPaidFen(db: DbOrTx, projectId: string): Promise<number> {
  const [row] = await db
    .select({ total: sql<string | null>`coalesce(sum(${disbursementTranches.amountFen}), 0)` })
    .from(disbursementTranches)
    .innerJoin(workflowObjects, eq(workflowObjects.id, disbursementTranches.objectId))
    .where(and(eq(disbursementTranches.projectId, projectId), eq(disbursementTranches.line, 'pre'), eq(workflowObjects.state, 'paid')));
  return Number(row?.total ?? 0);
}

export interface ProjectFacts {
  level: number | null;
  contractFen: number | null;
  contractExTaxFen: number | null;
  acceptedOn: string | null;
  preSubsidyPaidFen: number;
}

/** What the computation needs from earlier stages: the confirmed level, the contract, the acceptance, pre-subsidy paid. */
export async function projectFactsOf(db: DbOrTx, p: LoadedProject): Promise<ProjectFacts> {
  const reports = (await latestReports(db, [p.id])).get(p.id) ?? {};
  const evaluation = reports.evaluation;
  const rawLevel = evaluation?.state === 'confirmed' ? evaluation.data.levelAfter : undefined;
  const [c] = await db.select({ amountFen: contracts.amountFen, amountExTaxFen: contracts.amountExTaxFen }).from(contracts).where(eq(contracts.projectId, p.id));
  return {
    level: typeof rawLevel === 'number' && Number.isInteger(rawLevel) ? rawLevel : null,
    contractFen: c?.amountFen ?? null,
    contractExTaxFen: c?.amountExTaxFen ?? null,
    acceptedOn: p.acceptedOn,
    preSubsidyPaidFen: await preSubsidyPaidFen(db, p.id),
  };
}

export function computationFacts(f: ProjectFacts, invoices: readonly InvoiceRow[], payments: readonly PaymentRow[], d: Declarations, day: string): ApplicationFacts {
  return {
    level: f.level ?? 0,
    contractAmountFen: f.contractFen ?? 0,
    contractAmountExTaxFen: f.contractExTaxFen,
    acceptedOn: f.acceptedOn ?? day,
    appliedOn: day,
    invoices: invoices.map((i) => ({ number: i.number, issuedOn: i.issuedOn, amountFen: i.amountFen, taxFen: i.taxFen, costClass: costClassOf(i.costClass) })),
    payments: payments.map((x) => ({ paidOn: x.paidOn, amountFen: x.amountFen })),
    preSubsidyPaidFen: f.preSubsidyPaidFen,
    otherFundingFen: otherFundingFenOf(d),
    aboveScale: d.aboveScale,
  };
}

function costClassOf(v: string): CostClass {
  return (COST_CLASSES as readonly string[]).includes(v) ? (v as CostClass) : 'other';
}

// ---- problems --------------------------------------------------------------------------------------------

export interface Assessment {
  policy: PolicyRow | null;
  computation: SubsidyComputation | null;
  problems: Text[];
}

/**
 * What stands between the draft and submission, each item in zh and en: no invoices, no payments, declarations
 * not all signed, no confirmed evaluation, no policy in force, the policy's refusals, a suggested amount of 0.
 */
export function assess(f: ProjectFacts, policy: PolicyRow | null, invoices: readonly InvoiceRow[], payments: readonly PaymentRow[], d: Declarations, day: string): Assessment {
  const problems: Text[] = [];
  if (invoices.length === 0) problems.push({ zh: '尚未录入发票（发票号码、开票日期、金额、费用类别）', en: 'no invoices entered yet (number, date, amount, cost class)' });
  if (payments.length === 0) problems.push({ zh: '尚未录入付款记录（付款日期、金额、收款方）', en: 'no payments entered yet (date, amount, payee)' });
  const unsigned = unsignedDeclarations(d);
  if (unsigned.length) {
    problems.push({ zh: `真实性承诺及声明尚未全部签署：${unsigned.map((u) => u.zh).join('；')}`, en: `not every declaration is signed: ${unsigned.map((u) => u.en).join('; ')}` });
  }
  if (f.level === null) problems.push({ zh: '尚无已确认的改造成效评估报告', en: 'there is no confirmed evaluation report' });
  if (f.contractFen === null) problems.push({ zh: '尚无签约金额（项目合同未录入）', en: 'no contract amount (the contract was not entered)' });
  if (f.acceptedOn === null) problems.push({ zh: '尚未记录内部验收日期', en: 'the internal acceptance date is not recorded' });
  if (!policy) {
    problems.push(NO_POLICY);
    return { policy, computation: null, problems };
  }
  if (f.level === null) return { policy, computation: null, problems };
  const computation = computeSubsidy(policy.rules, computationFacts(f, invoices, payments, d, day));
  if (!computation.eligible) problems.push(...computation.refusals);
  else if (computation.suggestedFen <= 0) {
    problems.push({ zh: '按政策测算的建议金额为0元（请核对发票、付款记录及验收日期），不能提交奖补申请', en: 'the suggested amount under the policy is 0 yuan (check the invoices, payments and the acceptance date); the application cannot be submitted' });
  }
  return { policy, computation, problems };
}

/** The problems of the project's current draft (none yet: an empty one), as the guard reads them. */
export async function applicationProblems(db: DbOrTx, p: LoadedProject, now: Date): Promise<Text[]> {
  const draft = draftOf(await roundsOf(db, p.id));
  const day = todayInShanghai(now);
  const invoices = draft ? await invoicesOf(db, draft.id) : [];
  const payments = draft ? await paymentsOf(db, draft.id) : [];
  const d = declarationsOf(draft?.declarations);
  return assess(await projectFactsOf(db, p), await policyOn(db, day), invoices, payments, d, day).problems;
}

// ---- the freeze (the effect's work) ---------------------------------------------------------------------

export interface FreezeInput {
  project: LoadedProject;
  actor: Actor;
  onBehalfOfOrgId: string | null;
  reviewObjectId: string | null;
  now: Date;
}

/**
 * Freezes the draft at submission: the policy in force that day, the computation, the verified investment and
 * the suggestion, who submitted (for whom), the review object. The update is conditional on the row still being
 * a draft, so a second submission freezes nothing (ALREADY_SUBMITTED).
 */
export async function freezeDraft(tx: DbOrTx, input: FreezeInput): Promise<ApplicationRow> {
  const { project: p, now } = input;
  const draft = draftOf(await roundsOf(tx, p.id));
  if (!draft) throw new AppError('ALREADY_SUBMITTED', { message: { zh: '奖补申请已提交，请勿重复提交', en: 'The application was already submitted' } });
  const day = todayInShanghai(now);
  const invoices = await invoicesOf(tx, draft.id);
  const payments = await paymentsOf(tx, draft.id);
  const d = declarationsOf(draft.declarations);
  const a = assess(await projectFactsOf(tx, p), await policyOn(tx, day), invoices, payments, d, day);
  if (!a.policy) throw new AppError('POLICY_NOT_IN_FORCE');
  if (!a.computation || a.problems.length) {
    throw new AppError('SUBSIDY_NOT_ELIGIBLE', { message: a.problems[0] ?? errorText('SUBSIDY_NOT_ELIGIBLE'), details: { problems: a.problems } });
  }
  const [row] = await tx
    .update(subsidyApplications)
    .set({
      policyId: a.policy.id,
      calculation: a.computation as unknown as Record<string, unknown>,
      verifiedInvestmentFen: a.computation.verifiedInvestmentFen,
      suggestedFen: a.computation.suggestedFen,
      otherFundingFen: otherFundingFenOf(d),
      otherFundingNote: d.otherFunding.has ? d.otherFunding.note : null,
      submittedAt: now,
      submittedBy: input.actor.userId,
      onBehalfOfOrgId: input.onBehalfOfOrgId,
      reviewObjectId: input.reviewObjectId,
      updatedAt: now,
    })
    .where(and(eq(subsidyApplications.id, draft.id), isNull(subsidyApplications.submittedAt)))
    .returning();
  if (!row) throw new AppError('ALREADY_SUBMITTED', { message: { zh: '奖补申请已提交，请勿重复提交', en: 'The application was already submitted' } });
  return row;
}

// ---- the view --------------------------------------------------------------------------------------------

function excludedInvoice(i: InvoiceRow, acceptedOn: string | null, rules: SubsidyPolicyRules | null): Text | null {
  if (acceptedOn && i.issuedOn > acceptedOn) return { zh: `开具于验收日（${acceptedOn}）之后，不计入核定投资额`, en: `issued after acceptance (${acceptedOn}): not counted` };
  const cls = costClassOf(i.costClass);
  if (rules && !rules.eligibleClasses.includes(cls)) return { zh: `「${COST_CLASS_LABELS[cls].zh}」不在政策可计入的费用类别，不计入`, en: `"${COST_CLASS_LABELS[cls].en}" is not a class the policy counts` };
  return null;
}

function excludedPayment(x: PaymentRow, acceptedOn: string | null): Text | null {
  if (acceptedOn && x.paidOn > acceptedOn) return { zh: `付款于验收日（${acceptedOn}）之后，不计入核定投资额`, en: `paid after acceptance (${acceptedOn}): not counted` };
  return null;
}

/** The checklist of the application: the state's subsidy slots with what is present and where it comes from. */
async function checklistOf(db: DbOrTx, actor: Actor, p: LoadedProject, applicant: boolean): Promise<{ items: ApplicationView['checklist']; missing: Text[] }> {
  const table = projectTable(p);
  const slots: readonly MaterialSlot[] = ((isApplyingState(p.state) ? getState(table, p.state)?.materials : getState(table, 'evaluationPassed')?.materials) ?? []).filter((s) => !isPaymentPaperwork(s));
  const keys = slots.map((s) => s.key);
  const counts = new Map<string, number>();
  if (keys.length) {
    const rows = await db
      .select({ slotKey: materials.slotKey, n: sql<number>`count(*)` })
      .from(materials)
      .where(and(eq(materials.objectType, 'project'), eq(materials.objectId, p.id), inArray(materials.slotKey, keys), isNull(materials.supersededAt), isNull(materials.removedAt)))
      .groupBy(materials.slotKey);
    for (const r of rows) counts.set(r.slotKey, Number(r.n));
  }
  const reports = (await latestReports(db, [p.id])).get(p.id) ?? {};
  const role = actingRole(actor, p, p.facts.delegated);
  const open = applicant && isApplyingState(p.state);
  const items: ApplicationView['checklist'] = [];
  const missing: Text[] = [];
  for (const s of slots) {
    const files = counts.get(s.key) ?? 0;
    const isReport = s.uploaders.length > 0 && s.uploaders.every((u) => u === 'system');
    const kind = s.key === 'diagnosis.report' ? 'diagnosis' : s.key === 'evaluation.report' ? 'evaluation' : null;
    const reportConfirmed = kind !== null && reports[kind]?.state === 'confirmed';
    const present = files > 0 || reportConfirmed;
    const source = isReport ? 'report' : s.key.startsWith('subsidy.') ? 'upload' : 'earlier';
    const itemised = s.items === 'trainingSession';
    const fills = open && !isReport && !itemised && s.uploaders.includes(role) && (source === 'upload' || !present);
    const note: Text | null = isReport
      ? { zh: '由平台根据已确认的报告提供，无需上传', en: 'Provided by the platform from the confirmed report; nothing to upload' }
      : itemised
        ? { zh: '按培训场次在“改造实施”记录中上传，已上传的计入', en: 'Uploaded per training session in the implementation record; files there count' }
        : source === 'earlier' && present
          ? { zh: '已在前序环节上传，无需重复上传', en: 'Uploaded at an earlier stage; no need to upload again' }
          : null;
    if (s.required && !present) missing.push(s.label);
    items.push({ key: s.key, label: s.label, required: s.required, present, source, applicantFills: fills, files, note });
  }
  return { items, missing };
}

async function namesOf(db: DbOrTx, userId: string | null, orgId: string | null): Promise<{ user: string | null; org: string | null }> {
  const [u] = userId ? await db.select({ name: users.name, org: organizations.name }).from(users).innerJoin(organizations, eq(organizations.id, users.orgId)).where(eq(users.id, userId)) : [];
  const [o] = orgId ? await db.select({ name: organizations.name }).from(organizations).where(eq(organizations.id, orgId)) : [];
  return { user: u ? `${u.name}（${u.org}）` : null, org: o?.name ?? null };
}

function offers(p: LoadedProject, actor: Actor, event: string): boolean {
  const role = actingRole(actor, p, p.facts.delegated);
  return (getState(projectTable(p), p.state)?.transitions ?? []).some((t) => t.event === event && t.roles.includes(role));
}

function sptsGradeOf(v: string | null): SptsGrade | null {
  return SPTS_GRADES.find((g) => g === v) ?? null;
}

async function viewOf(db: DbOrTx, actor: Actor, p: LoadedProject, rounds: readonly ApplicationRow[]): Promise<ApplicationView> {
  const table = projectTable(p);
  const applicant = isApplicant(actor, p);
  const current = rounds[0] ?? null;
  const today = todayInShanghai(new Date());
  const invoices = current ? await invoicesOf(db, current.id) : [];
  const payments = current ? await paymentsOf(db, current.id) : [];
  const d = declarationsOf(current?.declarations);
  const facts = await projectFactsOf(db, p);
  const submitted = current?.submittedAt != null;
  let policy: PolicyRow | null;
  let computation: SubsidyComputation | null;
  let problems: Text[];
  if (current && submitted) {
    const [row] = current.policyId ? await db.select().from(subsidyPolicies).where(eq(subsidyPolicies.id, current.policyId)) : [];
    const rules = row ? subsidyPolicyRulesSchema.safeParse(row.rules) : null;
    policy = row && rules?.success ? { id: row.id, code: row.code, version: row.version, name: row.name, effectiveFrom: row.effectiveFrom, effectiveTo: row.effectiveTo, rules: rules.data } : null;
    computation = (current.calculation as unknown as SubsidyComputation | null) ?? null;
    problems = [];
  } else {
    const a = assess(facts, await policyOn(db, today), invoices, payments, d, today);
    policy = a.policy;
    computation = a.computation;
    problems = a.problems;
  }
  const { items, missing } = await checklistOf(db, actor, p, applicant);
  const [org] = await db.select({ aboveScale: organizations.aboveScale, sptsGrade: organizations.sptsGrade, sptsYear: organizations.sptsYear }).from(organizations).where(eq(organizations.id, p.enterpriseId));
  const submitter = current ? await namesOf(db, current.submittedBy, current.onBehalfOfOrgId) : { user: null, org: null };
  const signer = d.signedBy ? await namesOf(db, d.signedBy, null) : { user: null, org: null };
  const rules = policy?.rules ?? null;
  return {
    projectId: p.id,
    projectTitle: p.title,
    enterpriseName: p.enterpriseName,
    filingNo: p.filingNo,
    state: p.state,
    stateLabel: getState(table, p.state)?.label ?? { zh: p.state, en: p.state },
    stage: p.stage,
    returnReason: p.state === 'subsidyReturned' ? p.returnReason : null,
    application: current
      ? {
          id: current.id,
          round: current.round,
          status: submitted ? 'submitted' : 'draft',
          submittedAt: current.submittedAt?.toISOString() ?? null,
          submittedByName: submitter.user,
          onBehalfOfName: submitter.org,
          suggestedFen: current.suggestedFen,
          verifiedInvestmentFen: current.verifiedInvestmentFen,
          approvedFen: current.approvedFen,
          updatedAt: current.updatedAt.toISOString(),
        }
      : null,
    invoices: invoices.map((i) => ({
      id: i.id,
      number: i.number,
      issuedOn: i.issuedOn,
      amountFen: i.amountFen,
      taxFen: i.taxFen,
      costClass: costClassOf(i.costClass),
      costClassLabel: COST_CLASS_LABELS[costClassOf(i.costClass)],
      seller: i.seller ?? '',
      description: i.description,
      excluded: excludedInvoice(i, facts.acceptedOn, rules),
    })),
    payments: payments.map((x) => ({ id: x.id, paidOn: x.paidOn, amountFen: x.amountFen, payee: x.payee ?? '', reference: x.reference, excluded: excludedPayment(x, facts.acceptedOn) })),
    declarations: { ...d, signedByName: signer.user },
    checklist: items,
    computation,
    facts: { level: facts.level, contractFen: facts.contractFen, acceptedOn: facts.acceptedOn, preSubsidyPaidFen: facts.preSubsidyPaidFen, today },
    policy: policy ? { id: policy.id, code: policy.code, version: policy.version, name: policy.name, effectiveFrom: policy.effectiveFrom, effectiveTo: policy.effectiveTo } : null,
    policyMessage: policy ? null : NO_POLICY,
    profile: { aboveScale: org?.aboveScale ?? null, sptsGrade: sptsGradeOf(org?.sptsGrade ?? null), sptsYear: org?.sptsYear ?? null },
    abilities: {
      edit: applicant && isApplyingState(p.state) && current !== null && !submitted,
      submit: offers(p, actor, 'applySubsidy'),
      decline: offers(p, actor, 'declineSubsidy'),
      editProfile: actor.orgType === 'enterprise' && actor.orgId === p.enterpriseId,
    },
    problems,
    missingMaterials: isApplyingState(p.state) ? missing : [],
    previousRounds: rounds.slice(current && !submitted ? 1 : current ? 1 : 0).map((r) => ({ round: r.round, submittedAt: r.submittedAt?.toISOString() ?? null, suggestedFen: r.suggestedFen })),
  };
}

/**
 * The application as the caller sees it. The applicant opening a project that may apply gets its draft created
 * (round 1, or round n + 1 after a return); anyone else who may see the project reads what exists.
 */
export async function getApplication(db: AppDb, actor: Actor, projectId: string): Promise<ApplicationView> {
  const p = await loadForRead(db, actor, projectId);
  if (isApplicant(actor, p) && isApplyingState(p.state)) {
    return db.transaction(async (tx) => {
      await ensureDraft(tx, p);
      return viewOf(tx, actor, p, await roundsOf(tx, p.id));
    });
  }
  return viewOf(db, actor, p, await roundsOf(db, p.id));
}

function allSigned(d: DeclarationsInput): boolean {
  return d.truthful && d.noDishonesty && d.noSeriousViolation3y && d.aboveScale !== null && d.otherFunding.has !== null;
}

/**
 * Saves the draft (a merge: what is not sent stays). Invoices and payments sent replace the lists; the
 * declarations sent replace the declarations, signed (time and signer) when every one is given.
 */
export async function saveApplication(db: AppDb, ctx: RequestContext, projectId: string, input: ApplicationInput): Promise<ApplicationView> {
  return db.transaction(async (tx) => {
    const p = await loadForEdit(tx, ctx.actor, projectId);
    const draft = await ensureDraft(tx, p);
    const now = new Date();
    const onBehalfOfOrgId = actingRole(ctx.actor, p, p.facts.delegated) === 'leadingUnitDelegate' ? p.enterpriseId : null;
    if (input.invoices) {
      await tx.delete(subsidyInvoices).where(eq(subsidyInvoices.applicationId, draft.id));
      if (input.invoices.length) {
        await tx.insert(subsidyInvoices).values(
          input.invoices.map((i, position) => ({
            applicationId: draft.id,
            number: i.number.toUpperCase(),
            issuedOn: i.issuedOn,
            amountFen: i.amountFen,
            taxFen: i.taxFen,
            costClass: i.costClass,
            seller: i.seller,
            description: i.description?.trim() ? i.description : null,
            position,
          })),
        );
      }
    }
    if (input.payments) {
      await tx.delete(subsidyPayments).where(eq(subsidyPayments.applicationId, draft.id));
      if (input.payments.length) {
        await tx
          .insert(subsidyPayments)
          .values(input.payments.map((x, position) => ({ applicationId: draft.id, paidOn: x.paidOn, amountFen: x.amountFen, payee: x.payee, reference: x.reference?.trim() ? x.reference : null, position })));
      }
    }
    let declarations = draft.declarations;
    if (input.declarations) {
      const d = input.declarations;
      const of = d.otherFunding.has ? d.otherFunding : { has: d.otherFunding.has, amountFen: 0, source: null, note: null };
      const signed = allSigned(d);
      declarations = { ...d, otherFunding: of, signedAt: signed ? now.toISOString() : null, signedBy: signed ? ctx.actor.userId : null };
    }
    const dd = declarationsOf(declarations);
    await tx
      .update(subsidyApplications)
      .set({ declarations, otherFundingFen: otherFundingFenOf(dd), otherFundingNote: dd.otherFunding.has ? dd.otherFunding.note : null, updatedAt: now })
      .where(eq(subsidyApplications.id, draft.id));
    await recordAudit(tx, originOf(ctx), {
      action: 'subsidyApplication.saved',
      targetType: 'subsidyApplication',
      targetId: draft.id,
      projectId: p.id,
      onBehalfOfOrgId,
      summary: { round: draft.round, fields: Object.keys(input).filter((k) => input[k as keyof ApplicationInput] !== undefined), invoices: input.invoices?.length, payments: input.payments?.length },
    });
    return viewOf(tx, ctx.actor, p, await roundsOf(tx, p.id));
  });
}

// ---- the enterprise profile ------------------------------------------------------------------------------

async function profileOf(db: DbOrTx, actor: Actor): Promise<ProfileView> {
  const [o] = await db
    .select({ id: organizations.id, name: organizations.name, uscc: organizations.uscc, aboveScale: organizations.aboveScale, sptsGrade: organizations.sptsGrade, sptsYear: organizations.sptsYear, updatedAt: organizations.updatedAt })
    .from(organizations)
    .where(eq(organizations.id, actor.orgId));
  if (!o) throw new AppError('NOT_FOUND');
  return { orgId: o.id, name: o.name, uscc: o.uscc, aboveScale: o.aboveScale, sptsGrade: sptsGradeOf(o.sptsGrade), sptsYear: o.sptsYear, canEdit: true, updatedAt: o.updatedAt.toISOString() };
}

export async function getProfile(db: AppDb, actor: Actor): Promise<ProfileView> {
  assertProfileOwner(actor);
  return profileOf(db, actor);
}

/** Sets 规上 status and the 专精特新 grade with its year (both or neither). Audited. */
export async function saveProfile(db: AppDb, ctx: RequestContext, input: ProfileInput): Promise<ProfileView> {
  assertProfileOwner(ctx.actor);
  return db.transaction(async (tx) => {
    const before = await profileOf(tx, ctx.actor);
    const next = {
      aboveScale: input.aboveScale !== undefined ? input.aboveScale : before.aboveScale,
      sptsGrade: input.sptsGrade !== undefined ? input.sptsGrade : before.sptsGrade,
      sptsYear: input.sptsYear !== undefined ? input.sptsYear : before.sptsYear,
    };
    if (next.sptsGrade === null && input.sptsGrade === null) next.sptsYear = null;
    if (next.sptsGrade !== null && next.sptsYear === null) {
      const zh = '填写专精特新等级时请填写认定年份';
      const en = 'Give the year the grade was recognised';
      throw new AppError('VALIDATION_FAILED', { message: { zh, en }, details: { fields: [{ path: 'sptsYear', code: 'custom', message: ctx.locale === 'en' ? en : zh }] } });
    }
    if (next.sptsGrade === null && next.sptsYear !== null) {
      const zh = '填写认定年份时请选择专精特新等级';
      const en = 'Choose the grade the year belongs to';
      throw new AppError('VALIDATION_FAILED', { message: { zh, en }, details: { fields: [{ path: 'sptsGrade', code: 'custom', message: ctx.locale === 'en' ? en : zh }] } });
    }
    await tx.update(organizations).set({ ...next, updatedAt: new Date() }).where(eq(organizations.id, ctx.actor.orgId));
    await recordAudit(tx, originOf(ctx), {
      action: 'organization.profileSaved',
      targetType: 'organization',
      targetId: ctx.actor.orgId,
      summary: { before: { aboveScale: before.aboveScale, sptsGrade: before.sptsGrade, sptsYear: before.sptsYear }, after: next },
    });
    return profileOf(tx, ctx.actor);
  });
}

