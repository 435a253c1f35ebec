/**
 * Publicity facts of the project's subsidy review: the announcement (公示) its approval is published in — the
 * window is over when today is after `ends_on` — and the objections to the project's line still open.
 */
import { and, desc, eq, sql } from 'drizzle-orm';
import { announcementItems, announcements, objections } from '../../../db/schema';
import { todayInShanghai } from '../../deadlines/service';
import type { FactProvider } from '../../workflow/types';

export const announcementFacts: FactProvider = {
  name: 'announcements',
  provides: ['publicityOver', 'openObjections'],
  async load({ tx, project }) {
    const [item] = await tx
      .select({ announcementId: announcements.id, endsOn: announcements.endsOn, itemId: announcementItems.id })
      .from(announcementItems)
      .innerJoin(announcements, eq(announcements.id, announcementItems.announcementId))
      .where(and(eq(announcementItems.projectId, project.id), eq(announcements.kind, 'funded')))
      .orderBy(desc(announcements.startsOn))
      .limit(1);
    if (!item) return { publicityOver: false, openObjections: 0 };
    const [open] = await tx
      .select({ n: sql<number>`count(*)` })
      .from(objections)
      .where(and(eq(objections.announcementId, item.announcementId), eq(objections.status, 'open'), sql`(${objections.itemId} is null or ${objections.itemId} = ${item.itemId})`));
    return { publicityOver: item.endsOn < todayInShanghai(new Date()), openObjections: Number(open?.n ?? 0) };
  },
};
