/**
 * Material slots of repeating items: each file of such a slot belongs to one item of the project (a training
 * session's sign-in sheet and photos). The materials upload asks here whether the item it names is one.
 */
import { and, eq, isNull } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client';
import type { WorkflowTable } from '../../../core/workflow';
import { trainingSessions } from '../../../db/schema';
import { AppError } from '../../http/errors';

/** The implementation state's slot whose files belong to a training session (materials.item_id = training_sessions.id). */
export const TRAINING_SLOT = 'implementation.trainingRecords';

/** The kind of item a slot's files belong to, from the table (the same key means the same material in every state). */
function itemsOf(table: WorkflowTable, slotKey: string): 'trainingSession' | undefined {
  return table.states.flatMap((s) => s.materials).find((m) => m.key === slotKey && m.items)?.items;
}

function itemError(zh: string, en: string, code: string): AppError {
  return new AppError('VALIDATION_FAILED', { message: { zh, en }, details: { reason: code, fields: [{ path: 'itemId', code, message: zh }] } });
}

/**
 * An upload into a slot of items must name a live item of this project; any other slot takes none.
 * A session of another project, or a removed one, is refused like a missing one (400, the item is not there).
 */
export async function checkSlotItem(db: DbOrTx, table: WorkflowTable, projectId: string, slotKey: string, itemId: string | undefined): Promise<void> {
  if (itemsOf(table, slotKey) !== 'trainingSession') {
    if (itemId !== undefined) throw itemError('该材料项不按条目上传，请去掉所属条目', 'This material slot takes no item; leave the item out', 'ITEM_NOT_ALLOWED');
    return;
  }
  if (itemId === undefined) {
    throw itemError('请先登记培训场次，再在该场次下上传签到表或培训照片', 'Record the training session first, then upload its sign-in sheet or photos under it', 'ITEM_REQUIRED');
  }
  const [row] = await db
    .select({ id: trainingSessions.id })
    .from(trainingSessions)
    .where(and(eq(trainingSessions.id, itemId), eq(trainingSessions.projectId, projectId), isNull(trainingSessions.removedAt)));
  if (!row) throw itemError('该培训场次不存在或已删除', 'This training session does not exist or was removed', 'ITEM_NOT_FOUND');
}
