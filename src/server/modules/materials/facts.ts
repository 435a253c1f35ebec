/**
 * What the workflow guards need to know about materials, for many objects at once (the guard
 * `requiredMaterialsPresent` compares a state's required slots with these keys).
 */
import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
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

/**
 * The report slots (`diagnosis.report`, `evaluation.report`) a project's confirmed reports fill: the latest version
 * of each report is confirmed. The platform's own self-diagnosis report has no uploaded file, and a confirmed report
 * is never asked for again (the subsidy checklist lists both).
 */
export async function confirmedReportSlots(db: DbOrTx, projectId: string): Promise<string[]> {
  const rows = await db.execute<{ kind: string; state: string }>(sql`
    select distinct on (kind) kind, state from workflow_objects
    where project_id = ${projectId} and kind in ('diagnosisReport', 'evaluationReport')
    order by kind, version desc`);
  return rows.rows.filter((r) => r.state === 'confirmed').map((r) => (r.kind === 'diagnosisReport' ? 'diagnosis.report' : 'evaluation.report'));
}

/**
 * The guard fact `presentMaterials` of one project in one statement: the slots holding a current file (by slot key)
 * and then the report slots its confirmed reports fill — what `presentSlots` and `confirmedReportSlots` give together.
 */
export async function presentMaterialsOf(db: DbOrTx, projectId: string): Promise<string[]> {
  const rows = await db.execute<{ slot_key: string }>(sql`
    select slot_key from (
      select distinct 0 as part, m.slot_key from materials m
      where m.object_type = 'project' and m.object_id = ${projectId} and m.superseded_at is null and m.removed_at is null
      union all
      select 1, case r.kind when 'diagnosisReport' then 'diagnosis.report' else 'evaluation.report' end from (
        select distinct on (kind) kind, state from workflow_objects
        where project_id = ${projectId} and kind in ('diagnosisReport', 'evaluationReport')
        order by kind, version desc
      ) r where r.state = 'confirmed'
    ) s order by part, slot_key`);
  return [...new Set(rows.rows.map((r) => r.slot_key))];
}
