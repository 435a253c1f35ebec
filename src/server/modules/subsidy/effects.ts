/**
 * The subsidy review as a workflow object (table `zs-subsidy-review-v1`, steps as configuration): opened by the
 * project's application, concluded into the project, its publicity window and the payment record. The review
 * screens come with stage 7; these handlers are what the tables ask for when those transitions fire.
 */
import { and, desc, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client';
import { announcementItems, announcements, disbursementTranches, subsidyApplications, workflowObjects } from '../../../db/schema';
import { formatFenEn, formatFenZh } from '../../../core/money';
import { isSubsidyReviewOutcome } from '../../../core/workflow';
import { AppError } from '../../http/errors';
import { todayInShanghai } from '../../deadlines/service';
import { currentVersion } from '../../workflow/registry';
import { fireProjectEvent, fireSubjectEvent, type WorkflowObjectRow } from '../../workflow/runtime';
import type { EffectEnv, EffectHandler, FactProvider } from '../../workflow/types';
import { addAnnouncementItems, openAnnouncement } from '../announcements/service';
import { commitBudget, releaseBudget } from '../money/budget';
import { loadProjectForSystem } from '../projects/policy';

/** How long the publicity (公示) of an approved subsidy lasts, in working days (Zhongshan's notices: 7). */
export const PUBLICITY_WORKING_DAYS = 7;

/** The office objections to a funded-project announcement go to (the bureau, unless the announcement names another). */
export const PUBLICITY_OFFICE = '中山市工业和信息化局';

/**
 * The application a transition is about: the one whose review object is the subject, else (a project's own
 * transition, e.g. closing it in disbursement) the project's latest round.
 */
export async function applicationOfSubject(env: EffectEnv): Promise<typeof subsidyApplications.$inferSelect | undefined> {
  if (env.subject.type === 'subsidyReview') {
    const [byReview] = await env.tx.select().from(subsidyApplications).where(eq(subsidyApplications.reviewObjectId, env.subject.id)).limit(1);
    if (byReview) return byReview;
  }
  const [latest] = await env.tx.select().from(subsidyApplications).where(eq(subsidyApplications.projectId, env.project.id)).orderBy(desc(subsidyApplications.round)).limit(1);
  return latest;
}

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
    // A batch decision opens one announcement for the batch and passes its id; a single pass opens its own.
    const app = await applicationOfSubject(env);
    const given = typeof env.input.announcementId === 'string' ? env.input.announcementId : null;
    const line = {
      projectId: env.project.id,
      enterpriseName: env.project.enterpriseName,
      projectName: env.project.title,
      townCode: env.project.townCode,
      amountFen: app?.approvedFen ?? null,
    };
    let announcementId: string;
    let endsOn: string;
    if (given) {
      const [a] = await env.tx.select({ id: announcements.id, endsOn: announcements.endsOn, kind: announcements.kind, status: announcements.status }).from(announcements).where(eq(announcements.id, given));
      if (!a || a.kind !== 'funded' || a.status !== 'open') throw new AppError('NOT_FOUND', { message: { zh: '公示不存在或已结束', en: 'The announcement does not exist or is closed' } });
      const [present] = await env.tx
        .select({ id: announcementItems.id })
        .from(announcementItems)
        .where(and(eq(announcementItems.announcementId, a.id), eq(announcementItems.projectId, env.project.id)));
      if (!present) await addAnnouncementItems(env.tx, a.id, [line]);
      announcementId = a.id;
      endsOn = a.endsOn;
    } else {
      const opened = await openAnnouncement(
        env.tx,
        {
          kind: 'funded',
          title: `${env.project.enterpriseName}数字化转型完工奖补拟支持项目公示`,
          officeName: PUBLICITY_OFFICE,
          workingDays: PUBLICITY_WORKING_DAYS,
          createdBy: env.ctx.actor.userId,
          items: [line],
        },
        env.now,
      );
      announcementId = opened.id;
      endsOn = opened.endsOn;
    }
    env.subject.data.announcementId = announcementId;
    env.subject.data.publicityStartedOn = todayInShanghai(env.now);
    env.subject.data.publicityEndsOn = endsOn;
    env.summary.announcementId = announcementId;
  },
  approveSubsidyAmount: async (env) => {
    const app = await applicationOfSubject(env);
    if (!app) throw new AppError('NOT_FOUND', { message: { zh: '找不到该审核对应的奖补申请', en: 'No application belongs to this review' } });
    const approvedFen = Number(env.input.approvedFen);
    const poolId = String(env.input.poolId ?? '');
    if (!Number.isSafeInteger(approvedFen) || approvedFen < 1) {
      throw new AppError('INPUT_INVALID', {
        message: { zh: '审定金额须大于零', en: 'The approved amount must be positive' },
        details: { fields: [{ path: 'input.approvedFen', code: 'too_small', message: env.ctx.locale === 'en' ? 'The approved amount must be positive' : '审定金额须大于零' }] },
      });
    }
    if (app.suggestedFen === null || approvedFen > app.suggestedFen) {
      throw new AppError('AMOUNT_ABOVE_SUGGESTION', {
        message: {
          zh: `审定金额 ${formatFenZh(approvedFen)} 超过建议金额 ${formatFenZh(app.suggestedFen ?? 0)}`,
          en: `The approved ${formatFenEn(approvedFen)} exceeds the suggested ${formatFenEn(app.suggestedFen ?? 0)}`,
        },
        details: { suggestedFen: app.suggestedFen, approvedFen },
      });
    }
    await commitBudget(env.tx, {
      poolId,
      amountFen: approvedFen,
      line: 'final',
      refType: 'application',
      refId: app.id,
      projectId: env.project.id,
      actorUserId: env.ctx.actor.userId,
      reason: env.reason,
    });
    await env.tx.update(subsidyApplications).set({ approvedFen, poolId, decidedAt: env.now, updatedAt: env.now }).where(eq(subsidyApplications.id, app.id));
    env.subject.data.approvedFen = approvedFen;
    env.subject.data.poolId = poolId;
    env.summary.approvedFen = approvedFen;
    env.summary.poolId = poolId;
  },
  releaseSubsidyCommitment: async (env) => {
    const who = { actorUserId: env.role === 'system' ? null : env.ctx.actor.userId, reason: env.reason };
    if (env.subject.type === 'tranche') {
      // A cancelled tranche gives back what its line still holds (the final line: the application's commitment).
      const [t] = await env.tx.select().from(disbursementTranches).where(eq(disbursementTranches.objectId, env.subject.id));
      if (!t) return;
      const ref =
        t.line === 'final' && t.applicationId
          ? ({ refType: 'application', refId: t.applicationId } as const)
          : t.line === 'benchmark' && t.benchmarkId
            ? ({ refType: 'benchmark', refId: t.benchmarkId } as const)
            : ({ refType: 'preSubsidy', refId: t.id } as const);
      const released = await releaseBudget(env.tx, ref, who);
      if (released) env.summary.releasedFen = released;
      return;
    }
    const app = await applicationOfSubject(env);
    if (app) {
      const released = await releaseBudget(env.tx, { refType: 'application', refId: app.id }, who);
      if (released) env.summary.releasedFen = released;
    }
    // Pending payments of the project are cancelled with it (each through its own table).
    const pending = await env.tx
      .select()
      .from(workflowObjects)
      .where(and(eq(workflowObjects.projectId, env.project.id), eq(workflowObjects.kind, 'tranche'), inArray(workflowObjects.state, ['pending', 'failed'])))
      .for('update');
    for (const obj of pending) {
      if (obj.state !== 'pending') continue;
      await fireSubjectEvent(env, obj, 'cancel', { role: 'system', reason: env.reason ?? '奖补审核终止 / The subsidy review ended' });
    }
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
