/**
 * What the workflow guards need to know about materials, for many objects at once (the guard
 * `requiredMaterialsPresent` compares a state's required slots with these keys).
 */
import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client';
import { materials } from '../../../db/schema';

/**
 * The slot keys that hold at least one current file (neither replaced nor removed), per object id, in one
 * statement. Every requested id is in the map (with `[]` when nothing is present).
 */
export async function presentSlots(db: DbOrTx, objectType: string, objectIds: readonly string[]): Promise<Map<string, string[]>> {
  const ids = [...new Set(objectIds)];
  const out = new Map<string, string[]>(ids.map((id) => [id, []]));
  if (ids.length === 0) return out;
  const rows = await db
    .selectDistinct({ objectId: materials.objectId, slotKey: materials.slotKey })
    .from(materials)
    .where(and(eq(materials.objectType, objectType), inArray(materials.objectId, ids), isNull(materials.supersededAt), isNull(materials.removedAt)))
    .orderBy(asc(materials.objectId), asc(materials.slotKey));
  for (const r of rows) out.get(r.objectId)?.push(r.slotKey);
  return out;
}
