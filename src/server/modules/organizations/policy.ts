/**
 * Which organisations and members the bureau admin's account care may touch — decided here and nowhere else.
 * The bureau sees every organisation; an id that does not exist is a 404.
 */
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client';
import { organizations, users } from '../../../db/schema';
import { notFound } from '../../http/errors';

export type OrgRow = typeof organizations.$inferSelect;
export type UserRow = typeof users.$inferSelect;

export async function organizationForCare(db: DbOrTx, orgId: string, lock = false): Promise<OrgRow> {
  const q = db.select().from(organizations).where(eq(organizations.id, orgId));
  const [row] = lock ? await q.for('update') : await q;
  if (!row) throw notFound();
  return row;
}

export async function memberForCare(db: DbOrTx, userId: string, lock = false): Promise<{ user: UserRow; org: OrgRow }> {
  const q = db.select({ user: users, org: organizations }).from(users).innerJoin(organizations, eq(organizations.id, users.orgId)).where(eq(users.id, userId));
  const [row] = lock ? await q.for('update', { of: users }) : await q;
  if (!row) throw notFound();
  return row;
}
