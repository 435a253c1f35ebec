/**
 * A user's own notifications: list, count unread, mark read. Every query is by user_id (index
 * notifications_user_idx (user_id, id), partial index notifications_unread_idx); another user's id is a 404.
 */
import { and, count, desc, eq, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client';
import { notifications } from '../../../db/schema';
import { AppError } from '../../http/errors';
import { preparedOn } from '../../prepared';
import type { NotificationItem } from './schemas';

const columns = {
  id: notifications.id,
  kind: notifications.kind,
  title: notifications.title,
  body: notifications.body,
  link: notifications.link,
  projectId: notifications.projectId,
  createdAt: notifications.createdAt,
  readAt: notifications.readAt,
};

type Row = { id: number; kind: string; title: { zh: string; en: string }; body: { zh: string; en: string }; link: string | null; projectId: string | null; createdAt: Date; readAt: Date | null };

function toItem(r: Row): NotificationItem {
  return { ...r, createdAt: r.createdAt.toISOString(), readAt: r.readAt ? r.readAt.toISOString() : null };
}

export interface ListInput {
  page: number;
  pageSize: number;
  unreadOnly: boolean;
}

/** The page and the counts of a user's list: two statements prepared once per database handle (and filter). */
function listStatements(db: DbOrTx, unreadOnly: boolean) {
  const mine = eq(notifications.userId, sql.placeholder('userId'));
  const where = unreadOnly ? and(mine, isNull(notifications.readAt)) : mine;
  const suffix = unreadOnly ? '_unread' : '';
  return {
    page: preparedOn(db, `notifications_page${suffix}`, (name) =>
      db.select(columns).from(notifications).where(where).orderBy(desc(notifications.id)).limit(sql.placeholder('limit')).offset(sql.placeholder('offset')).prepare(name),
    ),
    counts: preparedOn(db, `notifications_counts${suffix}`, (name) =>
      db
        .select({ total: count(), unread: sql<number>`count(*) filter (where ${notifications.readAt} is null)`.mapWith(Number) })
        .from(notifications)
        .where(where)
        .prepare(name),
    ),
  };
}

export async function listNotifications(db: DbOrTx, userId: string, input: ListInput) {
  const q = listStatements(db, input.unreadOnly);
  const [rows, [counts]] = await Promise.all([q.page.execute({ userId, limit: input.pageSize, offset: (input.page - 1) * input.pageSize }), q.counts.execute({ userId })]);
  const total = counts?.total ?? 0;
  const unread = counts?.unread ?? 0;
  return { items: rows.map(toItem), total, page: input.page, pageSize: input.pageSize, unread };
}

export async function unreadCount(db: DbOrTx, userId: string): Promise<{ unread: number }> {
  const [row] = await db
    .select({ unread: count() })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
  return { unread: row?.unread ?? 0 };
}

/** Marks one of the user's notifications read (again: keeps the first time). Another user's → NOT_FOUND. */
export async function markRead(db: DbOrTx, userId: string, id: number, now: Date = new Date()): Promise<NotificationItem> {
  const [row] = await db
    .update(notifications)
    .set({ readAt: sql`coalesce(${notifications.readAt}, ${now.toISOString()}::timestamptz)` })
    .where(and(eq(notifications.id, id), eq(notifications.userId, userId)))
    .returning(columns);
  if (!row) throw new AppError('NOT_FOUND');
  return toItem(row);
}

export async function markAllRead(db: DbOrTx, userId: string, now: Date = new Date()): Promise<{ updated: number }> {
  const rows = await db
    .update(notifications)
    .set({ readAt: now })
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)))
    .returning({ id: notifications.id });
  return { updated: rows.length };
}
