/**
 * The subsidy review as a workflow object (table `zs-subsidy-review-v1`, steps as configuration): opened by the
 * project's application, concluded into the project, its publicity window and the payment record. The review
 * screens come with stage 7; these handlers are what the tables ask for when those transitions fire.
 */
import { and, desc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client';
import { workflowObjects } from '../../../db/schema';
import { addWorkingDays } from '../../../core/calendar';
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
  approveSubsidyAmount: async () => {
    throw new AppError('INTERNAL', { message: { zh: '金额审定尚未接通', en: 'approveSubsidyAmount is not wired yet' } });
  },
  releaseSubsidyCommitment: async () => {
    throw new AppError('INTERNAL', { message: { zh: '预算释放尚未接通', en: 'releaseSubsidyCommitment is not wired yet' } });
  },
} satisfies Record<string, EffectHandler>;

/** Guard facts owned here: the review's outcome (experts: experts/facts.ts; publicity: announcements/facts.ts). */
export const subsidyFacts: FactProvider = {
  name: 'subsidy',
  provides: ['subsidyReviewOutcome'],
  async load({ tx, project }) {
    const review = await latestOf(tx, project.id, 'subsidyReview');
    return { subsidyReviewOutcome: review && isSubsidyReviewOutcome(review.state) ? review.state : null };
  },
};
