/**
 * Who may do what with announcements and objections — decided here only.
 * - The bureau (any duty) reads announcements and objections; its admins and reviewers open and finalise them.
 * - Objections are handled by the office the announcement names: the bureau's admins and reviewers, or the
 *   members of the named office organisation (e.g. a supervisory office or a town office). Anyone else: 404
 *   for another office's objection, 403 for the bureau-only lists.
 */
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client';
import { announcements, objections } from '../../../db/schema';
import type { Actor } from '../../http/actor';
import { AppError, notFound } from '../../http/errors';

export type AnnouncementRow = typeof announcements.$inferSelect;
export type ObjectionRow = typeof objections.$inferSelect;

/** Organisation types that may be named as the office receiving objections. */
export const OFFICE_ORG_TYPES = ['bureau', 'town'] as const;

export function isBureauManager(actor: Actor): boolean {
  return actor.orgType === 'bureau' && (actor.bureauRole === 'admin' || actor.bureauRole === 'reviewer');
}

/** Reads the bureau's lists of announcements (any bureau duty). */
export function requireAnnouncementReader(actor: Actor): void {
  if (actor.orgType !== 'bureau' && actor.orgType !== 'town') throw new AppError('FORBIDDEN_ROLE');
}

/** Opens and finalises announcements. */
export function requireAnnouncementManager(actor: Actor): void {
  if (!isBureauManager(actor)) throw new AppError('FORBIDDEN_ROLE');
}

/** The announcements (and their objections) an actor may see in the workbench: null = all. */
export function officeScope(actor: Actor): { officeOrgId: string } | null {
  requireAnnouncementReader(actor);
  return actor.orgType === 'bureau' ? null : { officeOrgId: actor.orgId };
}

export async function loadAnnouncementFor(db: DbOrTx, actor: Actor, id: string): Promise<AnnouncementRow> {
  const scope = officeScope(actor);
  const [row] = await db.select().from(announcements).where(eq(announcements.id, id)).limit(1);
  if (!row || (scope && row.officeOrgId !== scope.officeOrgId)) throw notFound();
  return row;
}

/** May this actor record the finding of objections to this announcement? */
export function canHandleObjections(actor: Actor, announcement: AnnouncementRow): boolean {
  if (isBureauManager(actor)) return true;
  return announcement.officeOrgId !== null && announcement.officeOrgId === actor.orgId;
}

export async function loadObjectionFor(db: DbOrTx, actor: Actor, id: string, opts: { forUpdate?: boolean } = {}): Promise<{ objection: ObjectionRow; announcement: AnnouncementRow }> {
  const scope = officeScope(actor);
  const q = db.select({ objection: objections, announcement: announcements }).from(objections).innerJoin(announcements, eq(announcements.id, objections.announcementId)).where(eq(objections.id, id)).limit(1);
  const [row] = opts.forUpdate ? await q.for('update', { of: objections }) : await q;
  if (!row || (scope && row.announcement.officeOrgId !== scope.officeOrgId)) throw notFound();
  return row;
}

/** The public sees open and final announcements; a withdrawn one is gone (404). */
export function publiclyVisible(row: AnnouncementRow): boolean {
  return row.status === 'open' || row.status === 'final';
}
