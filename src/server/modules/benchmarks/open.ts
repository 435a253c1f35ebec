/**
 * Opening a benchmark (标杆): the institution's recommendation becomes a workflow object (kind 'benchmark',
 * zs-benchmark-v1, starting `recommended`) with its `benchmarks` row. Called by the evaluation module in the
 * recommendation's own transaction (the project locked), and by the bureau list's catch-up for older ones.
 */
import { and, desc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client';
import { benchmarks, workflowObjects } from '../../../db/schema';
import { AppError } from '../../http/errors';
import { currentTable, currentVersion } from '../../workflow/registry';

export const BENCHMARK_KIND = 'benchmark';

export interface OpenBenchmarkInput {
  projectId: string;
  enterpriseOrgId: string;
  recommendationId: number;
  /** workshop (数字化车间) · smart (智能车间), as recommended; the bureau may designate the other. */
  kind: string;
  createdBy: string | null;
}

/** Opens the benchmark of a recommendation. Idempotent per recommendation: a second call returns the first. */
export async function openBenchmark(tx: DbOrTx, input: OpenBenchmarkInput): Promise<{ benchmarkId: string; objectId: string }> {
  const [known] = await tx.select({ id: benchmarks.id, objectId: benchmarks.objectId }).from(benchmarks).where(eq(benchmarks.recommendationId, input.recommendationId));
  if (known) return { benchmarkId: known.id, objectId: known.objectId };
  const [latest] = await tx
    .select({ version: workflowObjects.version })
    .from(workflowObjects)
    .where(and(eq(workflowObjects.projectId, input.projectId), eq(workflowObjects.kind, BENCHMARK_KIND)))
    .orderBy(desc(workflowObjects.version))
    .limit(1);
  const kind = input.kind === 'smart' ? 'smart' : 'workshop';
  const [obj] = await tx
    .insert(workflowObjects)
    .values({
      kind: BENCHMARK_KIND,
      workflowVersion: currentVersion('benchmark'),
      state: currentTable('benchmark').initial,
      projectId: input.projectId,
      version: (latest?.version ?? 0) + 1,
      data: { recommendationId: input.recommendationId, recommendedKind: kind },
      createdBy: input.createdBy,
    })
    .returning({ id: workflowObjects.id });
  if (!obj) throw new AppError('INTERNAL');
  const [row] = await tx
    .insert(benchmarks)
    .values({ projectId: input.projectId, enterpriseOrgId: input.enterpriseOrgId, recommendationId: input.recommendationId, kind, objectId: obj.id })
    .returning({ id: benchmarks.id });
  if (!row) throw new AppError('INTERNAL');
  return { benchmarkId: row.id, objectId: obj.id };
}
