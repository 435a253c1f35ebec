/**
 * Effect handlers and guard facts of the evaluation module: the assessor's declaration of no conflict of
 * interest (on accepting), the institution's benchmark recommendation (with its report), and the input-time
 * fact whether the institution the bureau picks has a conflict with the project (conflict.ts).
 */
import { benchmarkRecommendations, conflictDeclarations } from '../../../db/schema';
import type { EffectHandler, FactProvider } from '../../workflow/types';
import { institutionConflicts } from './conflict';
import { openBenchmark } from '../benchmarks/open';

export const evaluationEffects = {
  /** 接收评估任务: the declaration (the input's noConflict is z.literal(true)) with the assessor's statement. */
  recordConflictDeclaration: async (env) => {
    const statement = typeof env.input.statement === 'string' ? env.input.statement : '';
    const [row] = await env.tx
      .insert(conflictDeclarations)
      .values({ projectId: env.project.id, institutionOrgId: env.ctx.actor.orgId, userId: env.ctx.actor.userId, phase: 'evaluation', statement, declaredAt: env.now })
      .returning({ id: conflictDeclarations.id });
    env.summary.conflictDeclaration = { id: row?.id ?? null };
  },
  /** 提交评估报告 with a benchmark other than 'none': the recommendation, tied to the report version just sent. */
  recordBenchmarkRecommendation: async (env) => {
    const kind = env.input.benchmark;
    if (kind !== 'workshop' && kind !== 'smart') return;
    const reasons = typeof env.input.benchmarkReasons === 'string' ? env.input.benchmarkReasons : '';
    const report = env.summary.report as { id?: string } | undefined;
    const [row] = await env.tx
      .insert(benchmarkRecommendations)
      .values({ projectId: env.project.id, reportObjectId: report?.id ?? null, institutionOrgId: env.ctx.actor.orgId, kind, reasons, createdBy: env.ctx.actor.userId, createdAt: env.now })
      .returning({ id: benchmarkRecommendations.id });
    const opened = row ? await openBenchmark(env.tx, { projectId: env.project.id, enterpriseOrgId: env.project.enterpriseId, recommendationId: row.id, kind, createdBy: env.ctx.actor.userId }) : null;
    env.summary.benchmark = { id: row?.id ?? null, kind, benchmarkId: opened?.benchmarkId ?? null };
  },
} satisfies Record<string, EffectHandler>;

export const evaluationFacts: FactProvider = {
  name: 'evaluation',
  provides: ['institutionConflict'],
  async load({ tx, project, input }) {
    if (typeof input.institutionId !== 'string') return { institutionConflict: null };
    const found = await institutionConflicts(tx, project.id, [input.institutionId]);
    return { institutionConflict: found.get(input.institutionId) ?? null };
  },
};
