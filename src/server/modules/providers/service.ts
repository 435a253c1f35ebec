/**
 * Provider accountability (服务商考核): ratings, measures (warning · correction · suspension), the provider's
 * multi-client view. Other modules read `activeSuspensions` to keep suspended providers out of new choices.
 */
import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client';
import { providerSanctions } from '../../../db/schema';

/** The organisations among `orgIds` with a suspension in force (kind 'suspension', not lifted). */
export async function activeSuspensions(db: DbOrTx, orgIds: readonly string[]): Promise<Set<string>> {
  const ids = [...new Set(orgIds)];
  if (ids.length === 0) return new Set();
  const rows = await db
    .selectDistinct({ orgId: providerSanctions.providerOrgId })
    .from(providerSanctions)
    .where(and(inArray(providerSanctions.providerOrgId, ids), eq(providerSanctions.kind, 'suspension'), isNull(providerSanctions.liftedAt)));
  return new Set(rows.map((r) => r.orgId));
}
