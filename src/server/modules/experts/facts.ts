/** Expert review facts: how many experts are assigned to the project's current application and how many submitted. */
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import { expertReviews, subsidyApplications } from '../../../db/schema';
import type { FactProvider } from '../../workflow/types';

export const expertFacts: FactProvider = {
  name: 'experts',
  provides: ['expertReviews'],
  async load({ tx, project }) {
    const [app] = await tx
      .select({ id: subsidyApplications.id })
      .from(subsidyApplications)
      .where(eq(subsidyApplications.projectId, project.id))
      .orderBy(desc(subsidyApplications.round))
      .limit(1);
    if (!app) return { expertReviews: { assigned: 0, submitted: 0 } };
    const [row] = await tx
      .select({
        assigned: sql<number>`count(*) filter (where not ${expertReviews.recused})`,
        submitted: sql<number>`count(${expertReviews.submittedAt}) filter (where not ${expertReviews.recused})`,
      })
      .from(expertReviews)
      .where(and(eq(expertReviews.applicationId, app.id), isNull(expertReviews.withdrawnAt)));
    return { expertReviews: { assigned: Number(row?.assigned ?? 0), submitted: Number(row?.submitted ?? 0) } };
  },
};
