/** Benchmark effects (zs-benchmark-v1): designation, publication, the award and its tranche. */
import { eq } from 'drizzle-orm';
import { benchmarks, organizations } from '../../../db/schema';
import type { ComputationStep } from '../../../core/subsidy';
import { AppError } from '../../http/errors';
import type { EffectEnv, EffectHandler } from '../../workflow/types';
import { commitBudget } from '../money/budget';
import { openTranche } from '../money/tranches';
import { invalidatePublicCache } from '../public/cache';
import { computeAward } from './service';

async function benchmarkOf(env: EffectEnv): Promise<typeof benchmarks.$inferSelect> {
  const [row] = await env.tx.select().from(benchmarks).where(eq(benchmarks.objectId, env.subject.id));
  if (!row) throw new AppError('NOT_FOUND');
  return row;
}

interface AwardRecord {
  awardFen: number;
  previousAwardFen: number;
  payableFen: number;
  poolId: string;
  policyId: string;
  policyName: string;
  steps: ComputationStep[];
}

export const benchmarkEffects = {
  /** 认定为标杆: the kind the bureau designates (it may differ from the recommendation) and its opinion. */
  designateBenchmark: async (env) => {
    const b = await benchmarkOf(env);
    const kind = env.input.kind === 'smart' ? 'smart' : 'workshop';
    const opinion = typeof env.input.opinion === 'string' ? env.input.opinion : null;
    await env.tx
      .update(benchmarks)
      .set({ kind, reviewOpinion: opinion, designatedBy: env.ctx.actor.userId, designatedAt: env.now, updatedAt: env.now })
      .where(eq(benchmarks.id, b.id));
    env.summary.designation = { benchmarkId: b.id, kind };
  },
  /** On the portal's benchmark page from now on. */
  publishBenchmark: async (env) => {
    const b = await benchmarkOf(env);
    await env.tx.update(benchmarks).set({ publishedAt: b.publishedAt ?? env.now, updatedAt: env.now }).where(eq(benchmarks.id, b.id));
    invalidatePublicCache();
  },
  /**
   * 审定标杆奖励: ≤ the maximum of the policy in force; the enterprise's previous awards are deducted when the
   * policy pays the difference; the payable amount is committed against the chosen pool (all or nothing).
   */
  approveBenchmarkAward: async (env) => {
    const b = await benchmarkOf(env);
    const awardFen = Number(env.input.awardFen);
    const poolId = String(env.input.poolId);
    // One award of an enterprise at a time: the previous awards read below cannot change underneath.
    await env.tx.select({ id: organizations.id }).from(organizations).where(eq(organizations.id, b.enterpriseOrgId)).for('update');
    const c = await computeAward(env.tx, b, awardFen, env.now);
    if (awardFen > c.policy.benchmarkMaxFen) {
      throw new AppError('AMOUNT_ABOVE_MAXIMUM', { message: c.refusal ?? undefined, details: { awardFen, maximumFen: c.policy.benchmarkMaxFen, policyId: c.policy.id } });
    }
    if (c.payableFen <= 0) {
      throw new AppError('NOTHING_PAYABLE', { message: c.refusal ?? undefined, details: { awardFen, previousAwardFen: c.previousAwardFen, payableFen: 0 } });
    }
    await commitBudget(env.tx, {
      refType: 'benchmark',
      refId: b.id,
      poolId,
      amountFen: c.payableFen,
      line: 'benchmark',
      projectId: b.projectId,
      actorUserId: env.ctx.actor.userId,
      reason: '标杆奖励审定',
    });
    await env.tx
      .update(benchmarks)
      .set({
        awardFen,
        previousAwardFen: c.previousAwardFen,
        payableFen: c.payableFen,
        poolId,
        policyId: c.policy.id,
        awardApprovedBy: env.ctx.actor.userId,
        awardApprovedAt: env.now,
        updatedAt: env.now,
      })
      .where(eq(benchmarks.id, b.id));
    const award: AwardRecord = { awardFen, previousAwardFen: c.previousAwardFen, payableFen: c.payableFen, poolId, policyId: c.policy.id, policyName: c.policy.name, steps: c.steps };
    env.subject.data = { ...env.subject.data, award };
    env.summary.award = { benchmarkId: b.id, awardFen, previousAwardFen: c.previousAwardFen, payableFen: c.payableFen, poolId, policyId: c.policy.id };
  },
  /** The payment tranche of the award (line 'benchmark'), for the payable amount, with its basis in words. */
  openBenchmarkTranche: async (env) => {
    const b = await benchmarkOf(env);
    const award = env.subject.data.award as AwardRecord | undefined;
    if (!award || !b.poolId || !b.payableFen) throw new AppError('INTERNAL');
    const opened = await openTranche(env.tx, {
      projectId: b.projectId,
      line: 'benchmark',
      poolId: b.poolId,
      amountFen: b.payableFen,
      benchmarkId: b.id,
      basis: { steps: award.steps.map((s) => s.text), awardFen: award.awardFen, previousAwardFen: award.previousAwardFen, payableFen: award.payableFen, policyId: award.policyId },
      createdBy: env.ctx.actor.userId,
    });
    env.summary.tranche = { id: opened.trancheId, objectId: opened.objectId, amountFen: b.payableFen };
  },
} satisfies Record<string, EffectHandler>;
