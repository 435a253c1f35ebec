/**
 * Opening a disbursement tranche: a workflow object (kind 'tranche', zs-tranche-v1, starting `pending`) and its
 * money row. Called by the effects that approve money (final subsidy, benchmark award, pre-subsidy).
 */
import { and, desc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client';
import { disbursementTranches, workflowObjects } from '../../../db/schema';
import type { MoneyLine } from '../../../core/subsidy/policy';
import { AppError } from '../../http/errors';
import { currentTable, currentVersion } from '../../workflow/registry';

export interface OpenTranche {
  projectId: string;
  line: MoneyLine;
  poolId: string;
  amountFen: number;
  applicationId?: string | null;
  benchmarkId?: string | null;
  /** How the amount came about, e.g. `{ steps: [{ zh, en }] }`. */
  basis: Record<string, unknown>;
  createdBy: string | null;
}

export async function openTranche(tx: DbOrTx, t: OpenTranche): Promise<{ trancheId: string; objectId: string }> {
  if (!Number.isSafeInteger(t.amountFen) || t.amountFen <= 0) throw new AppError('INPUT_INVALID', { message: { zh: '拨付金额须大于零', en: 'A tranche needs a positive amount' } });
  const [latest] = await tx
    .select({ version: workflowObjects.version })
    .from(workflowObjects)
    .where(and(eq(workflowObjects.projectId, t.projectId), eq(workflowObjects.kind, 'tranche')))
    .orderBy(desc(workflowObjects.version))
    .limit(1);
  const [obj] = await tx
    .insert(workflowObjects)
    .values({
      kind: 'tranche',
      workflowVersion: currentVersion('tranche'),
      state: currentTable('tranche').initial,
      projectId: t.projectId,
      version: (latest?.version ?? 0) + 1,
      data: { line: t.line },
      createdBy: t.createdBy,
    })
    .returning({ id: workflowObjects.id });
  if (!obj) throw new AppError('INTERNAL');
  const [row] = await tx
    .insert(disbursementTranches)
    .values({
      projectId: t.projectId,
      line: t.line,
      applicationId: t.applicationId ?? null,
      benchmarkId: t.benchmarkId ?? null,
      poolId: t.poolId,
      amountFen: t.amountFen,
      basis: t.basis,
      objectId: obj.id,
      createdBy: t.createdBy,
    })
    .returning({ id: disbursementTranches.id });
  if (!row) throw new AppError('INTERNAL');
  return { trancheId: row.id, objectId: obj.id };
}
