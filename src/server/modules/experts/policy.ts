/**
 * Who may see an expert review assignment — decided here and nowhere else.
 *
 * An expert (org type 'expert') sees only their own, unwithdrawn assignments, and the application behind one
 * only while its review is in the expert step (`expertReview`). Once the review has moved on, the expert keeps a
 * read-only view of their own submitted review and nothing else. Anything else is 404 EXPERT_NOT_ASSIGNED, so an
 * expert cannot even tell whether an object exists. The bureau reaches reviews through the project policy.
 */
import { and, eq, isNull } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client';
import { expertReviews, projects, subsidyApplications, workflowObjects } from '../../../db/schema';
import { AppError } from '../../http/errors';
import type { Actor } from '../../http/actor';
import { loadProjectFor } from '../projects/policy';

/** The review state in which experts work. */
export const EXPERT_STEP = 'expertReview';
export const REVIEW_KIND = 'subsidyReview';

export type AssignmentRow = typeof expertReviews.$inferSelect;
export type ApplicationRow = typeof subsidyApplications.$inferSelect;

export interface ExpertAccess {
  assignment: AssignmentRow;
  application: ApplicationRow;
  project: { id: string; title: string; enterpriseName: string; filingNo: string | null; townCode: string; workflowVersion: string };
  reviewId: string;
  reviewState: string;
  /** The review is in the expert step: the expert may read the case and act. */
  active: boolean;
}

/**
 * The caller's own assignment with its application and review state; 404 EXPERT_NOT_ASSIGNED unless it is the
 * caller's, not withdrawn, and either in the expert step or (read-only) already submitted.
 */
export async function loadOwnAssignment(db: DbOrTx, actor: Actor, id: string, opts: { forUpdate?: boolean; mustBeActive?: boolean } = {}): Promise<ExpertAccess> {
  if (actor.orgType !== 'expert') throw new AppError('EXPERT_NOT_ASSIGNED');
  const q = db
    .select({
      assignment: expertReviews,
      application: subsidyApplications,
      reviewId: workflowObjects.id,
      reviewState: workflowObjects.state,
      project: { id: projects.id, title: projects.title, enterpriseName: projects.enterpriseName, filingNo: projects.filingNo, townCode: projects.townCode, workflowVersion: projects.workflowVersion },
    })
    .from(expertReviews)
    .innerJoin(subsidyApplications, eq(subsidyApplications.id, expertReviews.applicationId))
    .innerJoin(workflowObjects, and(eq(workflowObjects.id, subsidyApplications.reviewObjectId), eq(workflowObjects.kind, REVIEW_KIND)))
    .innerJoin(projects, eq(projects.id, subsidyApplications.projectId))
    .where(and(eq(expertReviews.id, id), eq(expertReviews.expertUserId, actor.userId), isNull(expertReviews.withdrawnAt)));
  const rows = opts.forUpdate ? await q.for('update', { of: expertReviews }) : await q;
  const row = rows[0];
  if (!row) throw new AppError('EXPERT_NOT_ASSIGNED');
  const active = row.reviewState === EXPERT_STEP;
  if (!active && (opts.mustBeActive || row.assignment.submittedAt === null)) throw new AppError('EXPERT_NOT_ASSIGNED');
  return { ...row, active };
}

export interface BureauReview {
  reviewId: string;
  reviewState: string;
  application: ApplicationRow;
  projectId: string;
  projectTitle: string;
}

/**
 * A subsidy review the bureau may manage: the workflow object (kind subsidyReview) and its application; the
 * project must be visible to the caller by the project policy. Optionally locks the review object.
 */
export async function loadReviewForBureau(db: DbOrTx, actor: Actor, reviewId: string, opts: { forUpdate?: boolean } = {}): Promise<BureauReview> {
  const q = db
    .select({ reviewId: workflowObjects.id, reviewState: workflowObjects.state, application: subsidyApplications })
    .from(workflowObjects)
    .innerJoin(subsidyApplications, eq(subsidyApplications.reviewObjectId, workflowObjects.id))
    .where(and(eq(workflowObjects.id, reviewId), eq(workflowObjects.kind, REVIEW_KIND)));
  const rows = opts.forUpdate ? await q.for('update', { of: workflowObjects }) : await q;
  const row = rows[0];
  if (!row) throw new AppError('NOT_FOUND');
  const project = await loadProjectFor(db, actor, row.application.projectId);
  return { ...row, projectId: project.id, projectTitle: project.title };
}
