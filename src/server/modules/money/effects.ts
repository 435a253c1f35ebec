/**
 * Money effects (tranches) and facts (bank account, payment paperwork).
 *
 * - openFinalTranche: the project's subsidy review concluded approved → the final tranche of the approved amount
 *   (already net of pre-subsidy) against the application's pool.
 * - recordTranchePayment: the tranche's `pay` → the ledger's payment out of its commitment, the voucher, the
 *   account paid into and the request's idempotency key (disbursement_attempts).
 * - recordTrancheFailure: the tranche's `fail` → the reason, the attempt count, the idempotency key.
 * - concludeTranche: a paid final tranche fires the project's `recordPayment` (as the system).
 */
import { and, desc, eq, isNotNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client';
import { disbursementAttempts, disbursementTranches, ledgerEntries, subsidyApplications } from '../../../db/schema';
import { formatFenEn, formatFenZh } from '../../../core/money';
import { getState } from '../../../core/workflow';
import type { Text } from '../../../core/text';
import { AppError } from '../../http/errors';
import type { EffectEnv, EffectHandler, FactProvider } from '../../workflow/types';
import { tableFor } from '../../workflow/registry';
import { fireProjectEvent } from '../../workflow/runtime';
import { presentSlots } from '../materials/facts';
import { currentAccount } from './bank';
import { recordPaid, type LedgerRef } from './budget';
import { openTranche } from './tranches';

export type TrancheRow = typeof disbursementTranches.$inferSelect;

/** The state of the project table whose material slots are the payment paperwork. */
export const PAPERWORK_STATE = 'disbursement';

async function trancheOf(env: EffectEnv): Promise<TrancheRow> {
  const [row] = await env.tx.select().from(disbursementTranches).where(eq(disbursementTranches.objectId, env.subject.id)).for('update');
  if (!row) throw new AppError('NOT_FOUND');
  return row;
}

/** The ledger key a tranche pays out of (the commitment made when its money was approved). */
export function ledgerRefOf(t: Pick<TrancheRow, 'id' | 'line' | 'applicationId' | 'benchmarkId'>): LedgerRef {
  if (t.line === 'final') {
    if (!t.applicationId) throw new AppError('INTERNAL');
    return { refType: 'application', refId: t.applicationId };
  }
  if (t.line === 'benchmark') {
    if (!t.benchmarkId) throw new AppError('INTERNAL');
    return { refType: 'benchmark', refId: t.benchmarkId };
  }
  return { refType: 'preSubsidy', refId: t.id };
}

/** Stores the request's outcome under its idempotency key; a key already stored (another request) is refused. */
async function storeAttempt(env: EffectEnv, trancheId: string, outcome: 'paid' | 'failed', detail: Record<string, unknown>): Promise<void> {
  const key = String(env.input.idempotencyKey ?? '');
  if (!key) throw new AppError('INPUT_INVALID', { message: { zh: '缺少幂等键', en: 'The idempotency key is missing' } });
  const stored = await env.tx
    .insert(disbursementAttempts)
    .values({ idempotencyKey: key, trancheId, outcome, detail: { event: env.event, ...detail }, actorUserId: env.ctx.actor.userId })
    .onConflictDoNothing({ target: disbursementAttempts.idempotencyKey })
    .returning({ key: disbursementAttempts.idempotencyKey });
  if (stored.length === 0) throw new AppError('IDEMPOTENCY_KEY_REUSED');
}

function todayShanghai(now: Date): string {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

const openFinalTranche: EffectHandler = async (env) => {
  const [app] = await env.tx
    .select()
    .from(subsidyApplications)
    .where(and(eq(subsidyApplications.projectId, env.project.id), isNotNull(subsidyApplications.approvedFen)))
    .orderBy(desc(subsidyApplications.round))
    .limit(1);
  if (!app || app.approvedFen === null) {
    throw new AppError('STAGE_NOT_ALLOWED', { message: { zh: '该项目没有已核定金额的奖补申请，无法生成拨付记录', en: 'The project has no application with an approved amount; nothing to pay' } });
  }
  if (app.approvedFen <= 0) {
    throw new AppError('STAGE_NOT_ALLOWED', {
      message: { zh: '核定奖补金额为零，没有需要拨付的资金；零金额的项目应按“仅获荣誉”或不予资助办结', en: 'The approved amount is zero: there is nothing to pay (such a project ends honour-only or unfunded)' },
    });
  }
  if (!app.poolId) throw new AppError('POOL_NOT_FOUND', { message: { zh: '核定金额未指定预算池', en: 'The approved amount names no budget pool' } });
  const existing = await env.tx
    .select({ id: disbursementTranches.id })
    .from(disbursementTranches)
    .where(and(eq(disbursementTranches.line, 'final'), eq(disbursementTranches.applicationId, app.id)));
  if (existing.length > 0) return;
  const [pre] = await env.tx
    .select({ paid: sql<string>`coalesce(sum(${ledgerEntries.amountFen}), 0)` })
    .from(ledgerEntries)
    .where(and(eq(ledgerEntries.projectId, env.project.id), eq(ledgerEntries.line, 'pre'), eq(ledgerEntries.kind, 'pay')));
  const prePaid = Number(pre?.paid ?? 0);
  const steps: Text[] = [
    {
      zh: `局党组审议核定完工奖补 ${formatFenZh(app.approvedFen)}（第 ${app.round} 轮申请）`,
      en: `The bureau's decision approved a completion subsidy of ${formatFenEn(app.approvedFen)} (application round ${app.round})`,
    },
    prePaid > 0
      ? { zh: `已拨付预奖补 ${formatFenZh(prePaid)}，核定金额已扣除`, en: `Pre-subsidy already paid, ${formatFenEn(prePaid)}, is deducted in the approved amount` }
      : { zh: '未拨付预奖补，无需扣减', en: 'No pre-subsidy was paid; nothing to deduct' },
    { zh: `本次拨付 ${formatFenZh(app.approvedFen)}`, en: `This tranche pays ${formatFenEn(app.approvedFen)}` },
  ];
  const opened = await openTranche(env.tx, {
    projectId: env.project.id,
    line: 'final',
    poolId: app.poolId,
    amountFen: app.approvedFen,
    applicationId: app.id,
    basis: { steps, approvedFen: app.approvedFen, prePaidFen: prePaid },
    createdBy: env.ctx.actor.userId,
  });
  env.summary.trancheId = opened.trancheId;
};

const recordTranchePayment: EffectHandler = async (env) => {
  const t = await trancheOf(env);
  const voucherNo = String(env.input.voucherNo ?? '');
  const paidOn = String(env.input.paidOn ?? '');
  if (paidOn > todayShanghai(env.now)) {
    throw new AppError('INPUT_INVALID', {
      message: { zh: '拨付日期不能晚于今天', en: 'The value date cannot be in the future' },
      details: { fields: [{ path: 'input.paidOn', code: 'too_big', message: env.ctx.locale === 'en' ? 'The value date cannot be in the future' : '拨付日期不能晚于今天' }] },
    });
  }
  const account = await currentAccount(env.tx, env.project.enterpriseId);
  if (!account) throw new AppError('STAGE_NOT_ALLOWED', { message: { zh: '企业尚未登记银行账户', en: 'The enterprise has not entered its bank account' } });
  await recordPaid(env.tx, {
    ...ledgerRefOf(t),
    poolId: t.poolId,
    amountFen: t.amountFen,
    line: t.line as 'pre' | 'final' | 'benchmark',
    projectId: t.projectId,
    actorUserId: env.ctx.actor.userId,
    reason: `回单号 ${voucherNo}`,
  });
  await env.tx
    .update(disbursementTranches)
    .set({
      voucherNo,
      paidAt: new Date(`${paidOn}T00:00:00+08:00`),
      paidBy: env.ctx.actor.userId,
      bankAccountId: account.id,
      attempts: t.attempts + 1,
      failureReason: null,
      updatedAt: env.now,
    })
    .where(eq(disbursementTranches.id, t.id));
  await storeAttempt(env, t.id, 'paid', { voucherNo, paidOn, amountFen: t.amountFen });
  env.subject.data = { ...env.subject.data, voucherNo, paidOn };
  env.summary.amountFen = t.amountFen;
  env.summary.voucherNo = voucherNo;
};

const recordTrancheFailure: EffectHandler = async (env) => {
  const t = await trancheOf(env);
  const reason = env.reason ?? '';
  await env.tx
    .update(disbursementTranches)
    .set({ attempts: t.attempts + 1, failureReason: reason, updatedAt: env.now })
    .where(eq(disbursementTranches.id, t.id));
  await storeAttempt(env, t.id, 'failed', { reason });
  env.summary.reason = reason;
};

const concludeTranche: EffectHandler = async (env) => {
  const t = await trancheOf(env);
  if (t.line !== 'final') return;
  if (env.project.state !== PAPERWORK_STATE) {
    throw new AppError('STAGE_NOT_ALLOWED', {
      message: { zh: '项目不在“待拨付”状态，不能登记完工奖补拨付', en: 'The project is not awaiting payment; the final tranche cannot be paid' },
      details: { state: env.project.state },
    });
  }
  await fireProjectEvent(env.tx, env.ctx, env.project, 'recordPayment', { role: 'system' });
};

export const moneyEffects = {
  openFinalTranche,
  recordTranchePayment,
  recordTrancheFailure,
  concludeTranche,
} satisfies Record<string, EffectHandler>;

/** The payment paperwork slots (labels) of a project table, and which of them have no current file. */
export async function paperworkMissing(db: DbOrTx, projects: ReadonlyArray<{ id: string; workflowVersion: string }>): Promise<Map<string, Text[]>> {
  const present = await presentSlots(db, 'project', projects.map((p) => p.id));
  const out = new Map<string, Text[]>();
  for (const p of projects) {
    const slots = getState(tableFor(p.workflowVersion), PAPERWORK_STATE)?.materials ?? [];
    const have = new Set(present.get(p.id) ?? []);
    out.set(p.id, slots.filter((s) => s.required && !have.has(s.key)).map((s) => s.label));
  }
  return out;
}

export const moneyFacts: FactProvider = {
  name: 'money',
  provides: ['bankAccountOnFile', 'paymentPaperworkMissing'],
  async load({ tx, project }) {
    const account = await currentAccount(tx, project.enterpriseId);
    const missing = await paperworkMissing(tx, [project]);
    return { bankAccountOnFile: account !== null, paymentPaperworkMissing: missing.get(project.id) ?? [] };
  },
};
