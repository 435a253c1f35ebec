/**
 * Pre-subsidy (预奖补): for projects whose contract is signed and whose implementation is under way (stages 5–6,
 * or evaluated and not yet applied), the bureau enters the verified down-payment with the pre-review; the policy
 * in force suggests the amount (`preSubsidyAmount`: a share of the down-payment or of the contract, capped); the
 * administrator approves at most that, alone or in a decision batch (kind 'pre'). Each grant opens a tranche
 * (line 'pre', pending) and commits its amount against the chosen pool in the same transaction (refType
 * 'preSubsidy', refId the tranche). One live pre tranche per project; the final subsidy deducts the paid ones.
 */
import { and, count, desc, eq, inArray, isNotNull, ne, sql, type SQL } from 'drizzle-orm';
import type { AppDb, DbOrTx } from '../../../db/client';
import { budgetPools, contracts, decisionBatches, disbursementTranches, organizations, projects, workflowObjects } from '../../../db/schema';
import { getState } from '../../../core/workflow';
import { preSubsidyAmount, type ComputationStep } from '../../../core/subsidy';
import { formatFenEn, formatFenZh } from '../../../core/money';
import type { Text } from '../../../core/text';
import { qualified } from '../../../db/sql';
import { originOf, recordAudit } from '../../audit';
import type { Actor, RequestContext } from '../../http/actor';
import { AppError } from '../../http/errors';
import { todayInShanghai } from '../../deadlines/service';
import { tableFor } from '../../workflow/registry';
import { commitBudget } from '../money/budget';
import { openTranche } from '../money/tranches';
import { loadProjectForSystem } from '../projects/policy';
import { requirePreDecider, requirePreReader } from './policy';
import { policyOn } from './service';

/** Where a pre-subsidy may be granted: the contract signed, implementation under way, no application yet. */
export const PRE_SUBSIDY_STATES = [
  'implementation',
  'implemented',
  'awaitingEvaluationAssignment',
  'evaluationAssigned',
  'evaluationInProgress',
  'evaluationConfirmation',
  'remediation',
  'evaluationPassed',
] as const;

/** A live pre tranche of the project (any state but cancelled). */
function hasLivePreTranche(projectIdColumn: SQL) {
  return sql`exists (select 1 from ${disbursementTranches} t join ${workflowObjects} o on o.id = t.object_id where t.project_id = ${projectIdColumn} and t.line = 'pre' and o.state <> 'cancelled')`;
}

export interface CandidateQuery {
  townCode?: string | undefined;
  page: number;
  pageSize: number;
}

export async function listPreCandidates(db: AppDb, actor: Actor, q: CandidateQuery) {
  requirePreReader(actor);
  const where = and(
    isNotNull(projects.submittedAt),
    inArray(projects.state, [...PRE_SUBSIDY_STATES]),
    q.townCode ? eq(projects.townCode, q.townCode) : undefined,
    sql`not ${hasLivePreTranche(qualified(projects.id))}`,
  );
  const [rows, [total]] = await Promise.all([
    db
      .select({
        id: projects.id,
        title: projects.title,
        enterpriseName: projects.enterpriseName,
        filingNo: projects.filingNo,
        townCode: projects.townCode,
        state: projects.state,
        workflowVersion: projects.workflowVersion,
        contractFen: contracts.amountFen,
        contractNo: contracts.contractNo,
        signedOn: contracts.signedOn,
        providerName: organizations.name,
      })
      .from(projects)
      .innerJoin(contracts, eq(contracts.projectId, projects.id))
      .leftJoin(organizations, eq(organizations.id, projects.providerOrgId))
      .where(where)
      .orderBy(desc(projects.submittedAt), desc(projects.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db.select({ n: count() }).from(projects).innerJoin(contracts, eq(contracts.projectId, projects.id)).where(where),
  ]);
  let rule: PreRule | null = null;
  try {
    rule = ruleOf(await policyOn(db, todayInShanghai(new Date())));
  } catch (err) {
    if (!(err instanceof AppError) || err.code !== 'POLICY_NOT_IN_FORCE') throw err;
  }
  return {
    items: rows.map((r) => ({
      projectId: r.id,
      title: r.title,
      enterpriseName: r.enterpriseName,
      filingNo: r.filingNo,
      townCode: r.townCode,
      state: r.state,
      stateLabel: getState(tableFor(r.workflowVersion), r.state)?.label ?? { zh: r.state, en: r.state },
      contractFen: r.contractFen ?? 0,
      contractNo: r.contractNo,
      signedOn: r.signedOn,
      providerName: r.providerName,
    })),
    total: total?.n ?? 0,
    page: q.page,
    pageSize: q.pageSize,
    rule,
  };
}

interface PreRule {
  policyId: string;
  policyName: string;
  enabled: boolean;
  shareBp: number;
  capFen: number;
  trigger: 'downPayment' | 'contractAmount';
}

function ruleOf(p: Awaited<ReturnType<typeof policyOn>>): PreRule {
  return { policyId: p.id, policyName: p.name, ...p.rules.preSubsidy };
}

export interface PreSuggestion {
  projectId: string;
  contractFen: number;
  downPaymentFen: number;
  suggestedFen: number;
  steps: ComputationStep[];
  rule: PreRule;
}

async function contractOf(db: DbOrTx, projectId: string): Promise<number> {
  const [c] = await db.select({ amountFen: contracts.amountFen }).from(contracts).where(eq(contracts.projectId, projectId));
  if (!c || !c.amountFen) {
    throw new AppError('SUBSIDY_NOT_ELIGIBLE', { message: { zh: '该项目尚无已签订的合同金额，不能审定预奖补', en: 'The project has no contract amount yet; no pre-subsidy can be approved' } });
  }
  return c.amountFen;
}

function downPaymentProblem(downPaymentFen: number, contractFen: number): AppError | null {
  if (downPaymentFen <= contractFen) return null;
  return new AppError('VALIDATION_FAILED', {
    message: {
      zh: `核定的首付款 ${formatFenZh(downPaymentFen)} 超过合同金额 ${formatFenZh(contractFen)}`,
      en: `The verified down-payment of ${formatFenEn(downPaymentFen)} exceeds the contract amount of ${formatFenEn(contractFen)}`,
    },
    details: { fields: [{ path: 'downPaymentFen', code: 'too_big', message: '首付款不能超过合同金额' }] },
  });
}

async function suggestionFor(db: DbOrTx, projectId: string, downPaymentFen: number, now: Date): Promise<PreSuggestion> {
  const contractFen = await contractOf(db, projectId);
  const bad = downPaymentProblem(downPaymentFen, contractFen);
  if (bad) throw bad;
  const policy = await policyOn(db, todayInShanghai(now));
  const r = preSubsidyAmount(policy.rules, { contractFen, downPaymentFen });
  return { projectId, contractFen, downPaymentFen, suggestedFen: r.amountFen, steps: r.steps, rule: ruleOf(policy) };
}

/** The suggested pre-subsidy for a candidate and a down-payment, each step in words. */
export async function preSuggestion(db: AppDb, actor: Actor, projectId: string, downPaymentFen: number): Promise<PreSuggestion> {
  requirePreReader(actor);
  const [p] = await db.select({ id: projects.id, state: projects.state }).from(projects).where(and(eq(projects.id, projectId), isNotNull(projects.submittedAt)));
  if (!p) throw new AppError('NOT_FOUND');
  return suggestionFor(db, p.id, downPaymentFen, new Date());
}

export interface PreGrantItem {
  projectId: string;
  downPaymentFen: number;
  approvedFen: number;
}

export interface PreGrantResult {
  projectId: string;
  trancheId: string;
  amountFen: number;
  suggestedFen: number;
  steps: ComputationStep[];
}

/** One grant inside `tx`: checks, the tranche, the commitment. Throws (changing nothing) when refused. */
async function grantIn(tx: DbOrTx, ctx: RequestContext, item: PreGrantItem, poolId: string, batchId: string | null, now: Date): Promise<PreGrantResult> {
  const project = await loadProjectForSystem(tx, item.projectId);
  if (!project.submittedAt) throw new AppError('NOT_FOUND');
  if (!(PRE_SUBSIDY_STATES as readonly string[]).includes(project.state)) {
    const label = getState(tableFor(project.workflowVersion), project.state)?.label ?? { zh: project.state, en: project.state };
    throw new AppError('SUBSIDY_NOT_ELIGIBLE', {
      message: { zh: `项目当前为“${label.zh}”，只有合同已签订、正在实施或评估中的项目可审定预奖补`, en: `The project is "${label.en}"; only contracted projects under implementation or evaluation get a pre-subsidy` },
      details: { state: project.state },
    });
  }
  const [live] = await tx
    .select({ id: disbursementTranches.id })
    .from(disbursementTranches)
    .innerJoin(workflowObjects, eq(workflowObjects.id, disbursementTranches.objectId))
    .where(and(eq(disbursementTranches.projectId, project.id), eq(disbursementTranches.line, 'pre'), ne(workflowObjects.state, 'cancelled')));
  if (live) throw new AppError('ALREADY_SUBMITTED', { message: { zh: '该项目已审定预奖补，请勿重复审定', en: 'This project already has a pre-subsidy' }, details: { trancheId: live.id } });
  const s = await suggestionFor(tx, project.id, item.downPaymentFen, now);
  if (s.suggestedFen <= 0) throw new AppError('NOTHING_PAYABLE', { message: s.steps.at(-1)?.text, details: { suggestedFen: 0 } });
  if (item.approvedFen > s.suggestedFen) {
    throw new AppError('AMOUNT_ABOVE_SUGGESTION', {
      message: {
        zh: `审定金额 ${formatFenZh(item.approvedFen)} 超过建议金额 ${formatFenZh(s.suggestedFen)}`,
        en: `The approved ${formatFenEn(item.approvedFen)} exceeds the suggested ${formatFenEn(s.suggestedFen)}`,
      },
      details: { approvedFen: item.approvedFen, suggestedFen: s.suggestedFen },
    });
  }
  if (item.approvedFen <= 0) throw new AppError('VALIDATION_FAILED', { message: { zh: '审定金额须大于0元', en: 'The approved amount must be more than 0 yuan' }, details: { fields: [{ path: 'approvedFen', code: 'too_small', message: '审定金额须大于0元' }] } });
  const [pool] = await tx.select({ id: budgetPools.id }).from(budgetPools).where(eq(budgetPools.id, poolId));
  if (!pool) throw new AppError('POOL_NOT_FOUND');
  const steps: Text[] = [
    ...s.steps.map((x) => x.text),
    { zh: `审定预奖补 ${formatFenZh(item.approvedFen)}（不超过建议金额）`, en: `Approved pre-subsidy ${formatFenEn(item.approvedFen)} (at most the suggestion)` },
  ];
  const opened = await openTranche(tx, {
    projectId: project.id,
    line: 'pre',
    poolId,
    amountFen: item.approvedFen,
    basis: { steps, contractFen: s.contractFen, downPaymentFen: s.downPaymentFen, suggestedFen: s.suggestedFen, approvedFen: item.approvedFen, policyId: s.rule.policyId, batchId },
    createdBy: ctx.actor.userId,
  });
  await commitBudget(tx, {
    refType: 'preSubsidy',
    refId: opened.trancheId,
    poolId,
    amountFen: item.approvedFen,
    line: 'pre',
    projectId: project.id,
    actorUserId: ctx.actor.userId,
    reason: '预奖补审定',
  });
  await recordAudit(tx, originOf(ctx), {
    action: 'preSubsidy.granted',
    targetType: 'tranche',
    targetId: opened.trancheId,
    projectId: project.id,
    summary: { downPaymentFen: s.downPaymentFen, suggestedFen: s.suggestedFen, approvedFen: item.approvedFen, poolId, batchId },
  });
  return { projectId: project.id, trancheId: opened.trancheId, amountFen: item.approvedFen, suggestedFen: s.suggestedFen, steps: s.steps };
}

export async function grantPreSubsidy(db: AppDb, ctx: RequestContext, body: PreGrantItem & { poolId: string }): Promise<PreGrantResult> {
  requirePreDecider(ctx.actor);
  return db.transaction((tx) => grantIn(tx, ctx, body, body.poolId, null, new Date()));
}

export interface PreBatchBody {
  name: string;
  minutesRef?: string | undefined;
  poolId: string;
  items: PreGrantItem[];
}

/** A decision batch of pre-subsidies: each item granted or refused on its own (per-item results). */
export async function decidePreBatch(db: AppDb, ctx: RequestContext, body: PreBatchBody) {
  requirePreDecider(ctx.actor);
  const ids = body.items.map((i) => i.projectId);
  if (new Set(ids).size !== ids.length) {
    throw new AppError('VALIDATION_FAILED', { message: { zh: '同一项目在批次中出现多次', en: 'A project appears more than once in the batch' }, details: { fields: [{ path: 'items', code: 'duplicate', message: '同一项目在批次中出现多次' }] } });
  }
  return db.transaction(async (tx) => {
    const [pool] = await tx.select({ id: budgetPools.id }).from(budgetPools).where(eq(budgetPools.id, body.poolId));
    if (!pool) throw new AppError('POOL_NOT_FOUND');
    const now = new Date();
    const [batch] = await tx
      .insert(decisionBatches)
      .values({ kind: 'pre', name: body.name, minutesRef: body.minutesRef ?? null, poolId: body.poolId, status: 'draft', createdBy: ctx.actor.userId })
      .returning({ id: decisionBatches.id });
    if (!batch) throw new AppError('INTERNAL');
    const results: Array<Record<string, unknown>> = [];
    for (const item of body.items) {
      try {
        const r = await tx.transaction((sp) => grantIn(sp, ctx, item, body.poolId, batch.id, now));
        results.push({ projectId: item.projectId, approvedFen: item.approvedFen, ok: true, trancheId: r.trancheId, suggestedFen: r.suggestedFen });
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        results.push({ projectId: item.projectId, approvedFen: item.approvedFen, ok: false, code: err.code, message: err.text });
      }
    }
    await tx.update(decisionBatches).set({ status: 'decided', results, decidedBy: ctx.actor.userId, decidedAt: now }).where(eq(decisionBatches.id, batch.id));
    await recordAudit(tx, originOf(ctx), {
      action: 'preSubsidy.batchDecided',
      targetType: 'decisionBatch',
      targetId: batch.id,
      projectId: null,
      summary: { items: results.length, granted: results.filter((r) => r.ok).length, poolId: body.poolId },
    });
    return { id: batch.id, name: body.name, minutesRef: body.minutesRef ?? null, poolId: body.poolId, decidedAt: now.toISOString(), results };
  });
}

/** The pre-subsidies granted (tranches of line 'pre'), newest first, with their state. */
export async function listPreGrants(db: AppDb, actor: Actor, q: { page: number; pageSize: number }) {
  requirePreReader(actor);
  const where = eq(disbursementTranches.line, 'pre');
  const [rows, [total]] = await Promise.all([
    db
      .select({
        t: disbursementTranches,
        state: workflowObjects.state,
        workflowVersion: workflowObjects.workflowVersion,
        title: projects.title,
        enterpriseName: projects.enterpriseName,
        filingNo: projects.filingNo,
        townCode: projects.townCode,
        poolName: budgetPools.name,
      })
      .from(disbursementTranches)
      .innerJoin(workflowObjects, eq(workflowObjects.id, disbursementTranches.objectId))
      .innerJoin(projects, eq(projects.id, disbursementTranches.projectId))
      .innerJoin(budgetPools, eq(budgetPools.id, disbursementTranches.poolId))
      .where(where)
      .orderBy(desc(disbursementTranches.createdAt), desc(disbursementTranches.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db.select({ n: count() }).from(disbursementTranches).where(where),
  ]);
  return {
    items: rows.map((r) => {
      const basis = r.t.basis as { steps?: Text[]; downPaymentFen?: number; suggestedFen?: number };
      return {
        trancheId: r.t.id,
        projectId: r.t.projectId,
        title: r.title,
        enterpriseName: r.enterpriseName,
        filingNo: r.filingNo,
        townCode: r.townCode,
        amountFen: r.t.amountFen,
        downPaymentFen: typeof basis.downPaymentFen === 'number' ? basis.downPaymentFen : null,
        suggestedFen: typeof basis.suggestedFen === 'number' ? basis.suggestedFen : null,
        steps: Array.isArray(basis.steps) ? basis.steps : [],
        poolId: r.t.poolId,
        poolName: r.poolName,
        state: r.state,
        stateLabel: getState(tableFor(r.workflowVersion), r.state)?.label ?? { zh: r.state, en: r.state },
        createdAt: r.t.createdAt.toISOString(),
      };
    }),
    total: total?.n ?? 0,
    page: q.page,
    pageSize: q.pageSize,
  };
}
