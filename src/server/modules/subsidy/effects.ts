/**
 * The subsidy review as a workflow object (table `zs-subsidy-review-v1`, steps as configuration): opened by the
 * project's application, concluded into the project, its publicity window and the payment record. The review
 * screens come with stage 7; these handlers are what the tables ask for when those transitions fire.
 */
import { and, desc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client';
import { workflowObjects } from '../../../db/schema';
import { addWorkingDays, type IsoDate } from '../../../core/calendar';
import { isSubsidyReviewOutcome } from '../../../core/workflow';
import { AppError } from '../../http/errors';
import { loadCalendar } from '../../deadlines/calendar';
import { todayInShanghai } from '../../deadlines/service';
import { currentVersion } from '../../workflow/registry';
import { fireProjectEvent, fireSubjectEvent, type WorkflowObjectRow } from '../../workflow/runtime';
import type { EffectHandler, FactProvider } from '../../workflow/types';
import { loadProjectForSystem } from '../projects/policy';

/** How long the publicity (公示) of an approved subsidy lasts, in working days. */
export const PUBLICITY_WORKING_DAYS = 5;

async function latestOf(db: DbOrTx, projectId: string, kind: string): Promise<WorkflowObjectRow | undefined> {
  const [row] = await db
    .select()
    .from(workflowObjects)
    .where(and(eq(workflowObjects.projectId, projectId), eq(workflowObjects.kind, kind)))
    .orderBy(desc(workflowObjects.version))
    .limit(1);
  return row;
}

export const subsidyEffects = {
  openSubsidyReview: async (env) => {
    const latest = await latestOf(env.tx, env.project.id, 'subsidyReview');
    if (latest && !isSubsidyReviewOutcome(latest.state)) throw new AppError('ALREADY_SUBMITTED');
    const version = currentVersion('subsidyReview');
    const [first] = await env.tx
      .insert(workflowObjects)
      .values({ kind: 'subsidyReview', workflowVersion: version, state: 'townReview', projectId: env.project.id, version: (latest?.version ?? 0) + 1, createdBy: env.ctx.actor.userId })
      .returning();
    if (!first) throw new AppError('INTERNAL');
    env.summary.subsidyReview = { id: first.id, version: first.version };
  },
  cancelSubsidyReview: async (env) => {
    const latest = await latestOf(env.tx, env.project.id, 'subsidyReview');
    if (!latest || isSubsidyReviewOutcome(latest.state)) return;
    await fireSubjectEvent(env, latest, 'cancel', { role: 'system', reason: env.reason ?? '项目终止 / The project was closed' });
  },
  concludeSubsidyReview: async (env) => {
    // A cancelled review ends with its project (the project's own close did it); other outcomes move the project.
    if (env.to === 'cancelled' || env.subject.type === 'project') return;
    const project = await loadProjectForSystem(env.tx, env.project.id);
    await fireProjectEvent(env.tx, env.ctx, project, 'concludeSubsidyReview', { role: 'system', reason: env.reason });
  },
  startPublicity: async (env) => {
    const calendar = await loadCalendar(env.tx);
    const start = todayInShanghai(env.now);
    const end = addWorkingDays(start, PUBLICITY_WORKING_DAYS, calendar);
    env.subject.data.publicityStartedOn = start;
    env.subject.data.publicityEndsOn = end.value;
    env.subject.data.openObjections = 0;
  },
  recordDisbursement: async (env) => {
    const review = await latestOf(env.tx, env.project.id, 'subsidyReview');
    if (!review || review.state !== 'approved') throw new AppError('STAGE_NOT_ALLOWED', { message: { zh: '没有已通过的奖补审核，不能登记拨付', en: 'No approved subsidy review: the payment cannot be recorded' } });
    if (review.data.paidAt) throw new AppError('ALREADY_SUBMITTED', { message: { zh: '该项目的奖补资金已登记拨付，不能重复拨付', en: 'The subsidy of this project has already been paid' } });
    await env.tx
      .update(workflowObjects)
      .set({ data: { ...review.data, paidAt: env.now.toISOString(), paidBy: env.ctx.actor.userId }, updatedAt: env.now })
      .where(eq(workflowObjects.id, review.id));
  },
} satisfies Record<string, EffectHandler>;

/** Guard facts owned here: the review's outcome, its experts, its publicity window and objections. */
export const subsidyFacts: FactProvider = {
  name: 'subsidy',
  provides: ['subsidyReviewOutcome', 'expertReviews', 'publicityOver', 'openObjections'],
  async load({ tx, project }) {
    const review = await latestOf(tx, project.id, 'subsidyReview');
    const data = review?.data ?? {};
    const experts = Array.isArray(data.experts) ? (data.experts as Array<{ submittedAt?: string }>) : [];
    const endsOn = typeof data.publicityEndsOn === 'string' ? (data.publicityEndsOn as IsoDate) : null;
    return {
      subsidyReviewOutcome: review && isSubsidyReviewOutcome(review.state) ? review.state : null,
      expertReviews: { assigned: experts.length, submitted: experts.filter((e) => e.submittedAt).length },
      publicityOver: endsOn !== null && endsOn < todayInShanghai(new Date()),
      openObjections: typeof data.openObjections === 'number' ? data.openObjections : 0,
    };
  },
};
