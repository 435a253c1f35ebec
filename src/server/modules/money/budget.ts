/**
 * Budget pools and their ledger: every commitment, release and payment is one ledger row written in the same
 * transaction as the pool's totals, and the pool's totals move only by conditional updates — a commitment that
 * would take the pool over its total changes nothing, whatever arrives concurrently (the check constraints of
 * `budget_pools` stand behind it).
 *
 * A commitment is keyed by what it pays for (`refType`/`refId`: an application, a benchmark award, a pre-subsidy
 * tranche); its payments and releases carry the same key, so what is still outstanding is commits − pays − releases.
 */
import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client';
import { budgetPools, ledgerEntries } from '../../../db/schema';
import { formatFenZh, formatFenEn } from '../../../core/money';
import type { MoneyLine } from '../../../core/subsidy/policy';
import { AppError } from '../../http/errors';

export interface LedgerRef {
  refType: 'application' | 'benchmark' | 'preSubsidy';
  refId: string;
}

export interface MoneyMove extends LedgerRef {
  poolId: string;
  amountFen: number;
  line: MoneyLine;
  projectId: string | null;
  actorUserId: string | null;
  reason?: string | null;
}

function assertAmount(amountFen: number): void {
  if (!Number.isSafeInteger(amountFen) || amountFen <= 0) throw new AppError('INPUT_INVALID', { message: { zh: '金额须为正的整数分', en: 'The amount must be a positive whole number of fen' } });
}

/** Commits `amountFen` against the pool, or throws BUDGET_EXCEEDED / POOL_NOT_FOUND and changes nothing. */
export async function commitBudget(tx: DbOrTx, move: MoneyMove): Promise<void> {
  assertAmount(move.amountFen);
  const [row] = await tx
    .update(budgetPools)
    .set({ committedFen: sql`${budgetPools.committedFen} + ${move.amountFen}`, updatedAt: new Date() })
    .where(and(eq(budgetPools.id, move.poolId), sql`${budgetPools.committedFen} + ${move.amountFen} <= ${budgetPools.totalFen}`))
    .returning({ id: budgetPools.id });
  if (!row) {
    const [pool] = await tx.select().from(budgetPools).where(eq(budgetPools.id, move.poolId));
    if (!pool) throw new AppError('POOL_NOT_FOUND');
    const remaining = pool.totalFen - pool.committedFen;
    throw new AppError('BUDGET_EXCEEDED', {
      message: {
        zh: `预算池“${pool.name}”余额 ${formatFenZh(remaining)}，不足 ${formatFenZh(move.amountFen)}，本笔未占用预算`,
        en: `The pool "${pool.name}" has ${formatFenEn(remaining)} left, less than ${formatFenEn(move.amountFen)}; nothing was committed`,
      },
      details: { poolId: pool.id, remainingFen: remaining, requestedFen: move.amountFen },
    });
  }
  await tx.insert(ledgerEntries).values({ ...ledgerRow(move), kind: 'commit' });
}

/** Records a payment out of an earlier commitment (paid never exceeds committed). */
export async function recordPaid(tx: DbOrTx, move: MoneyMove): Promise<void> {
  assertAmount(move.amountFen);
  const outstanding = await outstandingFor(tx, move);
  const here = outstanding.find((o) => o.poolId === move.poolId)?.outstandingFen ?? 0;
  if (here < move.amountFen) {
    throw new AppError('BUDGET_EXCEEDED', {
      message: { zh: '拨付金额超过该笔已占用的预算', en: 'The payment exceeds what was committed for it' },
      details: { outstandingFen: here, requestedFen: move.amountFen },
    });
  }
  const [row] = await tx
    .update(budgetPools)
    .set({ paidFen: sql`${budgetPools.paidFen} + ${move.amountFen}`, updatedAt: new Date() })
    .where(and(eq(budgetPools.id, move.poolId), sql`${budgetPools.paidFen} + ${move.amountFen} <= ${budgetPools.committedFen}`))
    .returning({ id: budgetPools.id });
  if (!row) throw new AppError('BUDGET_EXCEEDED', { message: { zh: '拨付金额超过预算池已占用金额', en: "The payment exceeds the pool's commitments" } });
  await tx.insert(ledgerEntries).values({ ...ledgerRow(move), kind: 'pay' });
}

/** What is committed for `ref` and not yet paid or released, per pool. */
export async function outstandingFor(tx: DbOrTx, ref: LedgerRef): Promise<Array<{ poolId: string; line: string; projectId: string | null; outstandingFen: number }>> {
  const rows = await tx
    .select({
      poolId: ledgerEntries.poolId,
      line: ledgerEntries.line,
      projectId: ledgerEntries.projectId,
      net: sql<string>`sum(case ${ledgerEntries.kind} when 'commit' then ${ledgerEntries.amountFen} else -${ledgerEntries.amountFen} end)`,
    })
    .from(ledgerEntries)
    .where(and(eq(ledgerEntries.refType, ref.refType), eq(ledgerEntries.refId, ref.refId)))
    .groupBy(ledgerEntries.poolId, ledgerEntries.line, ledgerEntries.projectId);
  return rows.map((r) => ({ poolId: r.poolId, line: r.line, projectId: r.projectId, outstandingFen: Number(r.net) })).filter((r) => r.outstandingFen > 0);
}

/** Releases whatever is still outstanding for `ref` (nothing when nothing is); returns the fen released. */
export async function releaseBudget(tx: DbOrTx, ref: LedgerRef, who: { actorUserId: string | null; reason?: string | null }): Promise<number> {
  let released = 0;
  for (const o of await outstandingFor(tx, ref)) {
    const [row] = await tx
      .update(budgetPools)
      .set({ committedFen: sql`${budgetPools.committedFen} - ${o.outstandingFen}`, updatedAt: new Date() })
      .where(and(eq(budgetPools.id, o.poolId), sql`${budgetPools.committedFen} - ${o.outstandingFen} >= ${budgetPools.paidFen}`))
      .returning({ id: budgetPools.id });
    if (!row) throw new AppError('INTERNAL');
    await tx.insert(ledgerEntries).values({
      poolId: o.poolId,
      projectId: o.projectId,
      kind: 'release',
      line: o.line,
      amountFen: o.outstandingFen,
      refType: ref.refType,
      refId: ref.refId,
      reason: who.reason ?? null,
      actorUserId: who.actorUserId,
    });
    released += o.outstandingFen;
  }
  return released;
}

function ledgerRow(move: MoneyMove) {
  return {
    poolId: move.poolId,
    projectId: move.projectId,
    line: move.line,
    amountFen: move.amountFen,
    refType: move.refType,
    refId: move.refId,
    reason: move.reason ?? null,
    actorUserId: move.actorUserId,
  };
}
